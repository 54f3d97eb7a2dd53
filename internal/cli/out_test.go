package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/sitetest"
)

// snapshot lists every file and folder under dir with its content, so a
// test can tell that nothing at all changed.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := tree(t, dir)
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && info.IsDir() {
			out[p+"/"] = info.Mode().String()
		}
		return nil
	})
	return out
}

// TestBuildRefusesUnsafeOut gives --out targets that a build must not
// replace: the site itself (also as "."), the folder holding it, its
// inputs, a folder of unrelated documents, a file and a symbolic link.
// Each is refused with exit 1 and a message in the chosen language, and
// nothing anywhere changes. Before the check, each of these was deleted
// and replaced by the site.
func TestBuildRefusesUnsafeOut(t *testing.T) {
	for _, tc := range []struct {
		name  string
		out   func(root, site string) string
		chdir bool // run from inside the site
		want  string
	}{
		{"the site folder", func(root, site string) string { return site }, false, "is the site folder"},
		{"dot inside the site", func(root, site string) string { return "." }, true, "--out .: is the site folder"},
		{"its parent", func(root, site string) string { return root }, false, "holds the site folder"},
		{"the data folder", func(root, site string) string { return filepath.Join(site, "data") }, false, "is part of the site's sources (data)"},
		{"inside content", func(root, site string) string { return filepath.Join(site, "content", "out") }, false, "is part of the site's sources (content)"},
		{"the theme", func(root, site string) string { return filepath.Join(site, "themes", "default") }, false, "is part of the site's sources (themes)"},
		{"site.toml", func(root, site string) string { return filepath.Join(site, "site.toml") }, false, "is part of the site's sources (site.toml)"},
		{"documents", func(root, site string) string {
			docs := filepath.Join(root, "docs")
			os.MkdirAll(docs, 0o755)
			os.WriteFile(filepath.Join(docs, "informe.docx"), []byte("report"), 0o644)
			return docs
		}, false, "is not empty and was not written by tablero"},
		{"a look-alike without the theme's script", func(root, site string) string {
			docs := filepath.Join(root, "web")
			os.MkdirAll(docs, 0o755)
			os.WriteFile(filepath.Join(docs, "index.html"), []byte("<p>mine"), 0o644)
			os.WriteFile(filepath.Join(docs, "robots.txt"), []byte(""), 0o644)
			return docs
		}, false, "is not empty and was not written by tablero"},
		{"a file", func(root, site string) string {
			f := filepath.Join(root, "notes.txt")
			os.WriteFile(f, []byte("notes"), 0o644)
			return f
		}, false, "is a file, not a folder"},
		{"a symbolic link", func(root, site string) string {
			os.MkdirAll(filepath.Join(root, "real"), 0o755)
			os.Symlink("real", filepath.Join(root, "link"))
			return filepath.Join(root, "link")
		}, false, "is a symbolic link"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			sitetest.CopyTree(t, "../build/testdata/big", site)
			sitetest.CopyTree(t, "../../themes/default", filepath.Join(site, "themes/default"))
			out := tc.out(root, site)
			source := site
			if tc.chdir {
				t.Chdir(site)
				source = "."
			}
			before := snapshot(t, root)
			var stdout, stderr bytes.Buffer
			code := Run([]string{"build", "--source", source, "--out", out, "--lang", "en"}, &stdout, &stderr)
			if code != 1 || !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("exit %d, stderr %q; want 1 and %q", code, stderr.String(), tc.want)
			}
			after := snapshot(t, root)
			for p, v := range before {
				if after[p] != v {
					t.Errorf("%s changed", p)
				}
			}
			for p := range after {
				if _, ok := before[p]; !ok && !strings.HasSuffix(p, ".lock") {
					t.Errorf("%s appeared", p)
				}
			}
			stderr.Reset()
			Run([]string{"build", "--source", source, "--out", out, "--lang", "es"}, &stdout, &stderr)
			if !strings.Contains(stderr.String(), "tablero: ") || strings.Contains(stderr.String(), tc.want) {
				t.Errorf("--lang es: %q", stderr.String())
			}
		})
	}
}

// TestBuildWithoutSiteTOML builds a folder that is not a site: the command
// says site.toml is missing and exits 1. It used to crash (index out of
// range) when reading the pages.
func TestBuildWithoutSiteTOML(t *testing.T) {
	dir := t.TempDir()
	for _, cmd := range []string{"build", "check"} {
		var stdout, stderr bytes.Buffer
		args := []string{cmd, "--source", dir, "--lang", "en"}
		code := Run(args, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), "site.toml: site.toml is missing") {
			t.Errorf("%s: exit %d, %q", cmd, code, stderr.String())
		}
	}
}
