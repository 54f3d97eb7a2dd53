// Package sitetest helps tests build sites in temporary folders.
package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// CopyTree copies the folder src into dst, leaving out node_modules and the
// theme's vendoring scripts (assets/vendor/build), which no site needs.
func CopyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if d.Name() == "node_modules" || d.Name() == "build" && filepath.Base(filepath.Dir(p)) == "vendor" {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Site copies the site folder dir and the repository's default theme
// (found at repo/themes/default) into a new temporary folder.
func Site(t testing.TB, dir, repo string) string {
	t.Helper()
	dst := t.TempDir()
	CopyTree(t, dir, dst)
	CopyTree(t, filepath.Join(repo, "themes/default"), filepath.Join(dst, "themes/default"))
	return dst
}

// WriteFiles writes files (slash path inside dir → text) into dir, making
// the folders they need.
func WriteFiles(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// SameTree fails t unless after holds the files of before (path → bytes),
// byte for byte, and no others: a folder left exactly as it was.
func SameTree(t testing.TB, before, after map[string]string) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%d files before, %d after", len(before), len(after))
	}
	for p, data := range before {
		if after[p] != data {
			t.Errorf("%s changed", p)
		}
	}
}
