package cli

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/sitetest"
)

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			out[p] = string(b)
		}
		return nil
	})
	return out
}

// TestBuildFailureKeepsPublic runs `tablero build` on a good site, breaks a
// CSV cell and builds again: the command exits 1, names the file, line and
// column, and leaves public/ byte for byte as it was.
func TestBuildFailureKeepsPublic(t *testing.T) {
	dir := sitetest.Site(t, "../build/testdata/big", "../..")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "--source", dir, "--lang", "en"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "2 pages, 6 charts, 1 datasets") {
		t.Errorf("summary line: %q", stdout.String())
	}
	before := tree(t, filepath.Join(dir, "public"))

	csv := filepath.Join(dir, "data/sales.csv")
	b, _ := os.ReadFile(csv)
	lines := strings.SplitN(string(b), "\r\n", 4)
	lines[2] = "2016;Comercio;FR;12,5x"
	os.WriteFile(csv, []byte(strings.Join(lines, "\r\n")), 0o644)
	stdout.Reset()
	stderr.Reset()
	if code := Run([]string{"build", "--source", dir, "--lang", "en"}, &stdout, &stderr); code != 1 {
		t.Fatalf("exit %d with a bad cell, want 1", code)
	}
	if !strings.Contains(stderr.String(), `data/sales.csv:3:18: column "value": value "12,5x"`) {
		t.Errorf("stderr does not point at the cell:\n%s", stderr.String())
	}
	sitetest.SameTree(t, before, tree(t, filepath.Join(dir, "public")))
	if code := Run([]string{"check", "--source", dir}, &stdout, &stderr); code != 1 {
		t.Errorf("check exit %d, want 1", code)
	}
}

// Builds is true for the commands that build a site, whose process
// prepares its heap, and for those only.
func TestBuilds(t *testing.T) {
	for args, want := range map[string]bool{
		"build": true, "build --source site": true, "check": true, "serve --port 8080": true,
		"": false, "help": false, "--help": false, "new board x": false, "new dataset y": false, "bulid": false,
	} {
		if got := Builds(strings.Fields(args)); got != want {
			t.Errorf("Builds(%q) = %v, want %v", args, got, want)
		}
	}
}
