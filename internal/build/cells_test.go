package build

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"testing"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/opendata"
)

// TestCellsLiveWhilePagesDrawThem builds DatACI writing as it goes, as the
// command line does. A dataset's cells are read by the first page that
// draws them and let go of after the last; those of datasets pages are
// generated from, of references and of datasets no page draws are kept.
// The data index, made after every page, still counts every dataset's
// rows and years (TestBuildIntoIsBuildThenWrite checks the pages).
func TestCellsLiveWhilePagesDrawThem(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	st, err := newStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer st.discard()
	b := NewBuilder(repo)
	b.stream = st.put
	res := b.Build()
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	if err := st.publish(); err != nil {
		t.Fatal(err)
	}

	drawn := map[string]bool{}
	for _, e := range b.pages {
		for _, name := range e.datasets {
			drawn[name] = true
		}
	}
	templates := b.templateData()
	released := 0
	for csvPath, e := range b.tables {
		tb := e.table
		name := dataset.NameOf(csvPath)
		keep := !drawn[name] || slices.Contains(templates, name) || tb.Schema.Kind == dataset.KindReferences
		cells := tb.Cols != nil
		for _, c := range tb.Cols {
			cells = cells && (c.Num != nil || c.Str != nil)
		}
		if cells != keep {
			t.Errorf("%s: cells kept %v, want %v (drawn by a page %v)", name, cells, keep, drawn[name])
		}
		if !cells {
			released++
		}
	}
	if released < 10 {
		t.Errorf("%d datasets let go of their cells, want most of DatACI's", released)
	}

	f, err := os.Open(filepath.Join(out, filepath.FromSlash(CatalogueFile)))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "rows")
	var want []string
	if col < 0 || len(rows)-1 != len(b.tables) {
		t.Fatalf("%s: header %v, %d datasets; want a rows column and %d", CatalogueFile, rows[0], len(rows)-1, len(b.tables))
	}
	for _, r := range rows[1:] {
		tb, l := dataset.Load(repo, r[1])
		if len(l) > 0 {
			t.Fatal(l.Format("en"))
		}
		want = append(want, strconv.Itoa(tb.SourceRows()))
		if r[col] != strconv.Itoa(tb.SourceRows()) {
			t.Errorf("%s: the data index counts %s rows, the file has %d", r[1], r[col], tb.SourceRows())
		}
		if e := b.tables[r[1]]; opendata.Coverage(e.table) != opendata.Coverage(tb) {
			t.Errorf("%s: years %q after the build, %q in the file", r[1], opendata.Coverage(e.table), opendata.Coverage(tb))
		}
	}
	// The catalogue page, rendered after the others, shows them too.
	page, err := os.ReadFile(filepath.Join(out, "datos.html"))
	if err != nil {
		t.Fatal(err)
	}
	var shown []string
	for _, m := range regexp.MustCompile(`data-rows="(\d+)"`).FindAllSubmatch(page, -1) {
		shown = append(shown, string(m[1]))
	}
	slices.Sort(shown)
	slices.Sort(want)
	if !slices.Equal(shown, want) {
		t.Errorf("datos.html shows rows %v, the files have %v", shown, want)
	}
}

// TestBrokenCellsReportedOnce breaks a cell of a dataset several pages
// draw, and of one country pages are generated from: the build reports the
// cell, at its line, and nothing else; the pages drawing the dataset add
// no error of their own.
func TestBrokenCellsReportedOnce(t *testing.T) {
	for _, c := range []struct{ file, row, broken string }{
		{"data/ied_history.csv", `(?m)^2015,248\.89,`, "2015,muchos,"},
		{"data/investments.csv", `(?m)^(INV01,.*?),600,`, "$1,seiscientos,"},
	} {
		t.Run(c.file, func(t *testing.T) {
			src := copySite(t, "../..")
			file := filepath.Join(src, filepath.FromSlash(c.file))
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			broken := regexp.MustCompile(c.row).ReplaceAll(data, []byte(c.broken))
			if err := os.WriteFile(file, broken, 0o644); err != nil {
				t.Fatal(err)
			}
			res := Build(os.DirFS(src))
			if len(res.Diagnostics) != 1 {
				t.Fatalf("%d problems, want the broken cell alone:\n%s", len(res.Diagnostics), res.Diagnostics.Format("en"))
			}
			if d := res.Diagnostics[0]; d.File != c.file || d.Line != 2 {
				t.Errorf("reported at %s:%d, want %s:2:\n%s", d.File, d.Line, c.file, res.Diagnostics.Format("en"))
			}
		})
	}
}

// TestDataIndexKeepsWhatItDraws gives the data index a card over a dataset
// that other pages draw and let go of: the index renders after them, so
// the dataset's cells must be kept for it. They were not, and the card
// said its column was not numeric.
func TestDataIndexKeepsWhatItDraws(t *testing.T) {
	src := copySite(t, "../..")
	page := filepath.Join(src, "content", "datos.md")
	text, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// The card goes before the page's first block; the dataset must be one
	// that other pages draw, or nothing would let go of it.
	drawnElsewhere, _ := filepath.Glob(filepath.Join(src, "content", "historia-*.md"))
	found := false
	for _, f := range drawnElsewhere {
		b, _ := os.ReadFile(f)
		found = found || bytes.Contains(b, []byte(`data = "plan_indicators"`))
	}
	at := bytes.Index(text, []byte("```kpi"))
	if !found || at < 0 {
		t.Fatal("test data changed: no history board draws plan_indicators, or datos.md has no card")
	}
	card := "```kpi\ndata = \"plan_indicators\"\naggregate = \"sum\"\nvalue = \"meta_2020_2023\"\ntitle = \"Metas\"\n```\n\n"
	text = append(text[:at:at], append([]byte(card), text[at:]...)...)
	if err := os.WriteFile(page, text, 0o644); err != nil {
		t.Fatal(err)
	}
	tb, l := dataset.Load(os.DirFS(src), "data/plan_indicators.csv")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	sum := 0.0
	for _, v := range tb.Col("meta_2020_2023").Num {
		if !math.IsNaN(v) {
			sum += v
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	res, err := BuildInto(os.DirFS(src), out)
	if err != nil {
		t.Fatal(err)
	}
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	html, err := os.ReadFile(filepath.Join(out, "datos.html"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)<p class="kpi-title">Metas</p>\s*<p class="kpi-value"><span class="kpi-num"><data value="([^"]+)">`).FindSubmatch(html)
	if m == nil {
		t.Fatal("datos.html has no card Metas with a figure")
	}
	if got, err := strconv.ParseFloat(string(m[1]), 64); err != nil || sum == 0 || math.Abs(got-sum) > 1e-6 {
		t.Errorf("the card shows %s, plan_indicators.csv adds up to %v", m[1], sum)
	}
}
