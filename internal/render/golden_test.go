package render

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
)

// update rewrites the golden files: go test ./internal/render -run Golden -update.
// Review the diff of testdata/ like code before committing it.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// TestBlocksGolden renders testdata/blocks/page.md, which holds every kind
// of block (cards in a row, an empty card, charts side by side, an empty
// chart, tables, an empty table) over the datasets beside it, and compares
// the page's body, the HTML blocks.go writes, with
// testdata/blocks/page.LANG.html byte for byte.
func TestBlocksGolden(t *testing.T) {
	cp, ts := goldenPage(t)
	th := theme(t)
	for _, lang := range []string{"es", "en"} {
		t.Run(lang, func(t *testing.T) {
			blocks, l := chart.BuildPage(chart.Decode(cp), ts, th.Words(), lang, "page")
			if len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			p := &Page{Lang: lang, ContentLang: "es", Root: "../", Title: "Blocks", Kind: "page", HTML: cp.HTML, Blocks: blocks}
			page, err := th.Render(p)
			if err != nil {
				t.Fatal(err)
			}
			if p.Body != "" {
				t.Fatal("p.Body outlives Render: it points into a pooled buffer that the next page overwrites")
			}
			var body bytes.Buffer
			if _, err := th.writeBody(&body, p); err != nil {
				t.Fatal(err)
			}
			if !bytes.Contains(page, body.Bytes()) {
				t.Fatal("the page does not hold its body as writeBody writes it")
			}
			path := filepath.Join("testdata/blocks", "page."+lang+".html")
			got := body.Bytes()
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -run TestBlocksGolden -update to write it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the golden file; if the change is meant, run go test ./internal/render -run TestBlocksGolden -update and review the diff", path)
			}
		})
	}
}

// goldenPage reads testdata/blocks/page.md and the datasets beside it.
func goldenPage(t *testing.T) (*content.Page, chart.Tables) {
	t.Helper()
	tables, l := dataset.LoadDir(os.DirFS("testdata/blocks"), "data")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	ts := chart.Tables{}
	for _, tb := range tables {
		ts[tb.Name] = tb
	}
	src, err := os.ReadFile("testdata/blocks/page.md")
	if err != nil {
		t.Fatal(err)
	}
	cp, l := content.Parse("content/page.md", src, "es")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	return cp, ts
}
