package build

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/tablero/tablero/internal/sitetest"
)

// TestHeadlineRebuild: the home page shows each board's headline figure,
// so an edit of the dataset a headline draws on, or of the board's front
// matter, renders the home page again, as a fresh build would.
func TestHeadlineRebuild(t *testing.T) {
	dir := t.TempDir()
	sitetest.CopyTree(t, "../e2e/testdata/boards", dir)
	sitetest.CopyTree(t, "../../themes/default", filepath.Join(dir, "themes/default"))
	fsys := os.DirFS(dir)
	bl := NewBuilder(fsys)
	first := bl.Build()
	if !first.OK() {
		t.Fatal(first.Diagnostics.Format("en"))
	}
	home := func(r *Result) []byte {
		for _, f := range r.Files {
			if f.Path == "index.html" {
				return f.Data
			}
		}
		t.Fatal("no index.html")
		return nil
	}
	if !bytes.Contains(home(first), []byte(`<data value="770">770</data><span class="kpi-upper">–800</span>`)) {
		t.Fatal("the home page lacks the board's headline figure")
	}
	edit := func(file, from, to string) {
		t.Helper()
		p := filepath.Join(dir, file)
		src, _ := os.ReadFile(p)
		out := bytes.Replace(src, []byte(from), []byte(to), 1)
		if bytes.Equal(src, out) {
			t.Fatalf("%s has no %q", file, from)
		}
		os.WriteFile(p, out, 0o644)
		os.Chtimes(p, time.Now(), time.Now().Add(time.Second))
	}
	for _, tc := range []struct{ file, from, to, want string }{
		{"data/ind.csv", "I08,Uno,Exportaciones,2022,770,800", "I08,Uno,Exportaciones,2022,771,800", `<data value="771">771</data>`},
		{"content/sectores/uno.md", `where = { id = "I08" }`, `where = { id = "I11" }`, `<span class="kpi-qual">más de</span> <data value="200">200</data>`},
	} {
		edit(tc.file, tc.from, tc.to)
		inc, fresh := bl.Build(), Build(fsys)
		if !inc.OK() {
			t.Fatal(inc.Diagnostics.Format("en"))
		}
		if !bytes.Equal(home(inc), home(fresh)) || !bytes.Contains(home(inc), []byte(tc.want)) {
			t.Errorf("after editing %s the home page is not rebuilt with %s", tc.file, tc.want)
		}
	}
}
