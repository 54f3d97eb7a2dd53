package synth

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/tablero/tablero/internal/build"
)

// TestDeterministic checks that the same options give the same bytes and
// another seed gives other figures.
func TestDeterministic(t *testing.T) {
	opts := Options{Boards: 3, Rows: 20, Big: true, BigRows: 1000}
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, d := range []string{a, b} {
		if err := Write(d, opts); err != nil {
			t.Fatal(err)
		}
	}
	opts.Seed = 42
	if err := Write(c, opts); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := files(t, a), files(t, b), files(t, c)
	if len(fa) != len(fb) {
		t.Fatalf("%d files, then %d", len(fa), len(fb))
	}
	for p, x := range fa {
		if !bytes.Equal(x, fb[p]) {
			t.Errorf("%s differs between two runs", p)
		}
	}
	if bytes.Equal(fa["data/ds-0001.csv"], fc["data/ds-0001.csv"]) {
		t.Error("another seed gave the same figures")
	}
	if fa["themes/default/templates/layout.html"] == nil {
		t.Error("the theme was not copied")
	}
	for p := range fa {
		if filepath.Base(filepath.Dir(p)) == "build" {
			t.Errorf("%s: the vendoring scripts were copied", p)
		}
	}
}

// TestBuilds checks that a generated site builds without a diagnostic.
func TestBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Boards: 8, Big: true, BigRows: 5000}); err != nil {
		t.Fatal(err)
	}
	res := build.Build(os.DirFS(dir))
	if !res.OK() {
		t.Fatalf("the synthetic site does not build:\n%s", res.Diagnostics.Format("en"))
	}
	// home + 8 boards + big, in two languages; 3 charts per board, 1 on big.
	if res.Pages != 2*10 || res.Charts != 2*(8*3+1) || res.Datasets != 9 {
		t.Errorf("pages, charts, datasets = %d, %d, %d; want 20, 50, 9", res.Pages, res.Charts, res.Datasets)
	}
}

func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}
