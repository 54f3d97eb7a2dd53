//go:build unix

package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/tablero/tablero/internal/sitetest"
)

// TestNamedPipeSiteTOML: the command reads site.toml before building, for
// the language of its messages; a named pipe there made it wait for ever.
// It now fails at once, names the file and leaves public/ as it was. A
// regression shows as this test never ending.
func TestNamedPipeSiteTOML(t *testing.T) {
	dir := sitetest.Site(t, "../build/testdata/big", "../..")
	var stdout, stderr bytes.Buffer
	if code := Run([]string{"build", "--source", dir}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	before := tree(t, filepath.Join(dir, "public"))
	toml := filepath.Join(dir, "site.toml")
	os.Remove(toml)
	if err := syscall.Mkfifo(toml, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"build", "check"} {
		stderr.Reset()
		if code := Run([]string{cmd, "--source", dir}, &stdout, &stderr); code != 1 {
			t.Errorf("%s: exit %d, want 1", cmd, code)
		}
		if !strings.Contains(stderr.String(), "site.toml") || !strings.Contains(stderr.String(), "tubería con nombre") {
			t.Errorf("%s does not name site.toml as a named pipe:\n%s", cmd, stderr.String())
		}
	}
	sitetest.SameTree(t, before, tree(t, filepath.Join(dir, "public")))
}
