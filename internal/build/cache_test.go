package build

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tablero/tablero/internal/sitetest"
	"github.com/tablero/tablero/internal/synth"
)

// TestBuilderRedoesOnlyWhatChanged edits one CSV of a copy of the DatACI
// site and checks that the next build renders only the pages drawing that
// dataset, and that its output is exactly a fresh build's.
func TestBuilderRedoesOnlyWhatChanged(t *testing.T) {
	dir := t.TempDir()
	for _, d := range []string{"content", "data", "themes/default"} {
		sitetest.CopyTree(t, filepath.Join("../..", d), filepath.Join(dir, d))
	}
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "site.toml"), b, 0o644)
	fsys := os.DirFS(dir)

	bl := NewBuilder(fsys)
	first := bl.Build()
	if !first.OK() {
		t.Fatal(first.Diagnostics.Format("en"))
	}
	if first.Rendered != first.Pages {
		t.Errorf("first build rendered %d of %d pages", first.Rendered, first.Pages)
	}
	if again := bl.Build(); again.Rendered != 0 {
		t.Errorf("a build with nothing changed rendered %d pages", again.Rendered)
	}

	// 2024's figure becomes 150.59: only the boards drawing ied_history change.
	csv := filepath.Join(dir, "data/ied_history.csv")
	src, _ := os.ReadFile(csv)
	edited := bytes.Replace(src, []byte("150.58"), []byte("150.59"), 1)
	if bytes.Equal(src, edited) {
		t.Fatal("test data changed: 150.58 not found in ied_history.csv")
	}
	os.WriteFile(csv, edited, 0o644)
	os.Chtimes(csv, time.Now(), time.Now().Add(time.Second))

	inc := bl.Build()
	fresh := Build(fsys)
	if !inc.OK() || !fresh.OK() {
		t.Fatal(inc.Diagnostics.Format("en"), fresh.Diagnostics.Format("en"))
	}
	// The rows around the edited one are taken from the previous read.
	if tb := bl.tableNamed("ied_history").table; tb.Reused() < tb.Len()-2 {
		t.Errorf("ied_history: %d of %d rows reused", tb.Reused(), tb.Len())
	}
	users := 0
	for _, p := range first.Files {
		if strings.HasSuffix(p.Path, ".html") && bytes.Contains(p.Data, []byte(`data/ied_history.csv"`)) {
			users++
		}
	}
	if inc.Rendered == 0 || inc.Rendered > users+2 {
		t.Errorf("rendered %d pages; %d pages draw ied_history (plus the catalogue in 2 languages)", inc.Rendered, users)
	}
	if len(inc.Files) != len(fresh.Files) {
		t.Fatalf("%d files incrementally, %d fresh", len(inc.Files), len(fresh.Files))
	}
	changed := 0
	for i := range inc.Files {
		if inc.Files[i].Path != fresh.Files[i].Path || !bytes.Equal(inc.Files[i].Data, fresh.Files[i].Data) {
			t.Errorf("%s differs from a fresh build", inc.Files[i].Path)
		}
		if !bytes.Equal(inc.Files[i].Data, first.Files[i].Data) {
			changed++
		}
	}
	if changed == 0 {
		t.Error("the edit changed nothing in the output")
	}
	t.Logf("edit of one CSV: %d of %d pages rendered again, %d files changed, %s", inc.Rendered, inc.Pages, changed, inc.Duration)
}

// The preview keeps a language's search index while its entries are the
// same, and writes it again when a page's title changes: the index files
// are then exactly a fresh build's.
func TestSearchIndexFollowsTheEntries(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Pages: 260}); err != nil { // 520 entries, a page and a dataset each: sharded
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	bl := NewBuilder(fsys)
	searchFiles := func(res *Result) map[string]string {
		if !res.OK() {
			t.Fatal(res.Diagnostics.Format("en"))
		}
		files := map[string]string{}
		for _, f := range res.Files {
			if strings.HasPrefix(f.Path, "assets/search-") {
				files[f.Path] = string(f.Data)
			}
		}
		if len(files) < 2 {
			t.Fatalf("%d search files; the site has a sharded index", len(files))
		}
		return files
	}
	first := searchFiles(bl.Build())
	if again := searchFiles(bl.Build()); !maps.Equal(again, first) {
		t.Error("a build with nothing changed wrote another search index")
	}
	page := filepath.Join(dir, "content", "paginas", "page-00007.md")
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), `title = "Página 7"`, `title = "Página siete, zanahoria"`, 1)
	if edited == string(src) {
		t.Fatal("test data changed: no title \"Página 7\"")
	}
	os.WriteFile(page, []byte(edited), 0o644)
	os.Chtimes(page, time.Now(), time.Now().Add(time.Second))
	inc, fresh := searchFiles(bl.Build()), searchFiles(Build(fsys))
	if !maps.Equal(inc, fresh) {
		t.Error("after a title changed, the preview's search index differs from a fresh build's")
	}
	if maps.Equal(inc, first) {
		t.Error("after a title changed, the search index is the same as before")
	}
}
