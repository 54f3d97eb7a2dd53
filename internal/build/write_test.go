package build

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/tablero/tablero/internal/render"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			out[rel] = string(b)
		}
		return nil
	})
	return out
}

// TestWriteReplacesWholeSite publishes twice and checks that the second
// site replaces the first entirely, and that leftovers of a build that was
// killed half-way (its temporary folder) are cleaned up, never published.
func TestWriteReplacesWholeSite(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("one")}, {Path: "old/page.html", Data: []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	// A build killed while writing leaves its temporary folder behind.
	half := filepath.Join(dir, ".public.tmp-123")
	os.MkdirAll(half, 0o755)
	os.WriteFile(filepath.Join(half, "index.html"), []byte("half"), 0o644)

	if err := Write(out, []render.File{{Path: "index.html", Data: []byte("two")}, {Path: "data/a.csv", Data: []byte("a,b\n")}}); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, out)
	want := map[string]string{"index.html": "two", filepath.Join("data", "a.csv"): "a,b\n"}
	if len(got) != len(want) {
		t.Errorf("public holds %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("beside public/: %v (temporary folders must be gone)", entries)
	}
}

// TestWriteKeepsUnchangedFiles publishes twice: a file whose bytes did not
// change is carried over (same inode), a changed one is written anew.
func TestWriteKeepsUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if err := Write(out, []render.File{{Path: "a.html", Data: []byte("same")}, {Path: "b.html", Data: []byte("v1")}}); err != nil {
		t.Fatal(err)
	}
	a1, _ := os.Stat(filepath.Join(out, "a.html"))
	b1, _ := os.Stat(filepath.Join(out, "b.html"))
	if err := Write(out, []render.File{{Path: "a.html", Data: []byte("same")}, {Path: "b.html", Data: []byte("v22")}}); err != nil {
		t.Fatal(err)
	}
	a2, _ := os.Stat(filepath.Join(out, "a.html"))
	b2, _ := os.Stat(filepath.Join(out, "b.html"))
	if !os.SameFile(a1, a2) {
		t.Error("an unchanged file was written again")
	}
	if os.SameFile(b1, b2) {
		t.Error("a changed file was kept")
	}
	if got := readTree(t, out); got["a.html"] != "same" || got["b.html"] != "v22" {
		t.Errorf("public = %v", got)
	}
}
