package build

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tablero/tablero/internal/sitetest"
	"github.com/tablero/tablero/internal/synth"
)

const countryTemplate = `+++
title = "{{label}} en el tablero"
summary = "Cifras de {{value}}."

[generate]
data = "ds-0001"
by = "%s"
+++

Filas de **{{label}}**.

` + "```chart" + `
type = "bar"
data = "ds-0001"
x = "year"
y = "value"
aggregate = "sum"
where = { country = "{{value}}" }
title = "Monto por año, {{label}}"
` + "```" + `
`

// genSite writes a synthetic site of two boards plus content/paises/pais.md
// (generating by column by) and extra files, and builds it.
func genSite(t *testing.T, by string, extra map[string]string) (*Result, map[string][]byte) {
	t.Helper()
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Boards: 2, Rows: 200}); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{"content/paises/pais.md": strings.Replace(countryTemplate, "%s", by, 1)}
	for k, v := range extra {
		files[k] = v
	}
	sitetest.WriteFiles(t, dir, files)
	res := Build(os.DirFS(dir))
	out := map[string][]byte{}
	for _, f := range res.Files {
		out[f.Path] = f.Data
	}
	return res, out
}

// TestGenerate checks the pages a template writes: one per value, in every
// language, with the value in the text and in the blocks' where, in the
// section index, the home page's menu and the search.
func TestGenerate(t *testing.T) {
	res, files := genSite(t, "country", nil)
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	for _, tc := range []struct{ file, want string }{
		{"paises/es.html", "<h1>España en el tablero</h1>"},
		{"paises/es.html", "Filas de <strong>España</strong>."},
		{"paises/es.html", "Monto por año, España"},
		{"en/paises/es.html", "<h1>España en el tablero</h1>"},
		{"paises/index.html", `href="../paises/us.html"`},
		{"index.html", `href="paises/index.html"`},
	} {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s: missing %s", tc.file, tc.want)
		}
	}
	if files["paises/pais.html"] != nil {
		t.Error("the template itself was published")
	}
	n := 0
	for p := range files {
		if strings.HasPrefix(p, "paises/") && p != "paises/index.html" {
			n++
		}
	}
	if n != len(synth.Countries) {
		t.Errorf("%d country pages, want one per country of the data (%d)", n, len(synth.Countries))
	}
	var search string
	for p, b := range files {
		if strings.HasPrefix(p, "assets/search-es.") {
			search = string(b)
		}
	}
	if !strings.Contains(search, `"paises/es.html"`) {
		t.Error("the generated pages are not in the search index")
	}
}

// TestGenerateErrors checks that a template that cannot make safe,
// distinct pages is an error at its [generate] table's line.
func TestGenerateErrors(t *testing.T) {
	for _, tc := range []struct {
		name, by string
		extra    map[string]string
		want     string
		notes    []string // the other places the error names
	}{
		{name: "no column", by: "pais", want: "content/paises/pais.md:7:1"},
		{name: "page exists", by: "country", extra: map[string]string{"content/paises/es.md": "+++\ntitle = \"Otra\"\n+++\n"},
			want:  "content/paises/pais.md:7:1: [generate]: value \"ES\" makes page paises/es.html, which already exists",
			notes: []string{"content/paises/es.md:1:1: note: page paises/es.html", "data/ds-0001.csv:9: note: value \"ES\", in column \"country\""}},
		{name: "clash", by: "city", extra: cities("Bogotá\nBogota\n"),
			want:  `content/paises/pais.md:7:1: [generate]: values "Bogota" and "Bogotá" make the same page paises/bogota.html`,
			notes: []string{`data/ds-0001.csv:3: note: value "Bogota", in column "city"`, `data/ds-0001.csv:2: note: value "Bogotá", in column "city"`}},
		{name: "unsafe", by: "city", extra: cities("Cali\n東京\n"),
			want: `content/paises/pais.md:7:1: [generate]: value "東京" of "city" makes no page name`},
		{name: "section index", by: "city", extra: cities("Cali\nIndex\n"),
			want:  `content/paises/pais.md:7:1: [generate]: value "Index" makes page paises/index.html, which is the index of folder paises`,
			notes: []string{`data/ds-0001.csv:3: note: value "Index", in column "city"`}},
		{name: "section index page", by: "city", extra: cities("Cali\nIndex 2\n"),
			want: `[generate]: value "Index 2" makes page paises/index-2.html, which is the index of folder paises`},
		// Cut to their first 80 bytes, two long values meet.
		{name: "long values clash", by: "city", extra: cities(strings.Repeat("a", 90) + "1\n" + strings.Repeat("a", 90) + "2\n"),
			want: `make the same page paises/` + strings.Repeat("a", 80) + `.html`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			res, _ := genSite(t, tc.by, tc.extra)
			got := res.Diagnostics.Format("en")
			for _, want := range append([]string{tc.want}, tc.notes...) {
				if !strings.Contains(got, want) {
					t.Errorf("diagnostics:\n%s\nwant %s", got, want)
				}
			}
		})
	}
}

// cities replaces the template's dataset by one with a text column city
// (the chart's columns too, so that the page still builds).
func cities(rows string) map[string]string {
	csv := "year,city,country,value\n"
	for _, c := range strings.Split(strings.TrimSpace(rows), "\n") {
		csv += "2020," + c + ",ES,1\n"
	}
	return map[string]string{
		"data/ds-0001.csv": csv,
		"data/ds-0001.toml": `title = "Ciudades"
source = "Prueba"
updated = 2024-12-31
license = "CC0"

[[columns]]
name = "year"
type = "year"

[[columns]]
name = "city"
type = "text"

[[columns]]
name = "country"
type = "country"

[[columns]]
name = "value"
type = "number"
`,
		// Board 1 charts category: it draws on ds-0002 instead.
		"content/board-0001.md": "+++\ntitle = \"Tablero 1\"\nkind = \"sector\"\n+++\n",
	}
}

// TestGenerateIncremental checks that a build with nothing changed renders
// no generated page, that editing the template's dataset renders them
// again, and that the incremental output is a fresh build's.
func TestGenerateIncremental(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Generated: true, GenRows: 400, GenValues: 20}); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	bl := NewBuilder(fsys)
	first := bl.Build()
	if !first.OK() {
		t.Fatal(first.Diagnostics.Format("en"))
	}
	if again := bl.Build(); again.Rendered != 0 {
		t.Errorf("a build with nothing changed rendered %d pages", again.Rendered)
	}
	csv := filepath.Join(dir, "data", "lugares.csv")
	src, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(src), "Lugar 0001", "Lugar 0021", 1)
	if err := os.WriteFile(csv, []byte(edited), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(csv, time.Now(), time.Now().Add(time.Second))
	inc, fresh := bl.Build(), Build(fsys)
	if !inc.OK() || !fresh.OK() {
		t.Fatal(inc.Diagnostics.Format("en"), fresh.Diagnostics.Format("en"))
	}
	if inc.Rendered == 0 {
		t.Error("editing the dataset rendered no page")
	}
	if len(inc.Files) != len(fresh.Files) {
		t.Fatalf("%d files incrementally, %d fresh", len(inc.Files), len(fresh.Files))
	}
	for i := range inc.Files {
		if inc.Files[i].Path != fresh.Files[i].Path || string(inc.Files[i].Data) != string(fresh.Files[i].Data) {
			t.Errorf("%s differs from a fresh build", inc.Files[i].Path)
		}
	}
	if fresh.Pages != first.Pages+1 { // a new value, Lugar 0021: one page more
		t.Errorf("pages: %d, then %d; want one more", first.Pages, fresh.Pages)
	}
}

// TestSectionOwnIndex checks that a folder's index.md names the section in
// the menu and is the first page of its index: its text, then the cards.
func TestSectionOwnIndex(t *testing.T) {
	res, files := genSite(t, "country", map[string]string{
		"content/paises/index.md": "+++\ntitle = \"Los países de origen\"\nmenu = \"Países\"\n+++\n\nUna página por país.\n",
	})
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	for _, tc := range []struct{ file, want string }{
		{"index.html", `<a href="paises/index.html">Países</a>`},
		{"paises/index.html", `<h1>Los países de origen</h1>`},
		{"paises/index.html", `Una página por país.`},
		{"paises/index.html", `href="../paises/us.html"`},
		{"paises/index.html", `data-section-filter`},
		{"paises/es.html", `<p class="crumb"><a href="../paises/index.html">Países</a></p>`},
	} {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s: missing %s", tc.file, tc.want)
		}
	}
	// Its cards are the section's pages only, not the sector boards.
	if got, want := strings.Count(string(files["paises/index.html"]), `<li class="card`), len(synth.Countries); got != want {
		t.Errorf("paises/index.html: %d cards, want %d (one per country page)", got, want)
	}
}

// severalTemplate generates from two datasets; its chart draws on the
// first, so a value only the second has needs the chart's empty text.
const severalTemplate = `+++
title = "{{label}} en el tablero"

[generate]
data = ["ds-0001", "otros"]
by = ["country", "partner"]
+++

` + "```chart" + `
type = "bar"
data = "ds-0001"
x = "year"
y = "value"
aggregate = "sum"
where = { country = "{{value}}" }
title = "Monto por año, {{label}}"
empty = "Sin filas de {{label}}."
` + "```" + `
`

// otros is a second dataset whose countries are in column partner, of
// type countryType.
func otros(countryType string) map[string]string {
	return map[string]string{
		"content/paises/pais.md": severalTemplate,
		"data/otros.csv":         "partner,value\nAQ,1\nES,2\n",
		"data/otros.toml":        "title = \"Otros\"\nsource = \"Prueba\"\nupdated = 2024-12-31\nlicense = \"CC0\"\n\n[[columns]]\nname = \"partner\"\ntype = \"" + countryType + "\"\n\n[[columns]]\nname = \"value\"\ntype = \"number\"\n",
	}
}

// TestGenerateSeveralDatasets checks that data = [a, b] and by = [c, d]
// make one page per value found in any of those columns, once, and refuse
// columns of different types.
func TestGenerateSeveralDatasets(t *testing.T) {
	res, files := genSite(t, "country", otros("country"))
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	for _, tc := range []struct{ file, want string }{
		{"paises/aq.html", "<h1>Antártida en el tablero</h1>"},
		{"paises/aq.html", "Sin filas de Antártida."},
		{"en/paises/aq.html", "<h1>Antártida en el tablero</h1>"}, // the Spanish template, untranslated
		{"paises/es.html", "Monto por año, España"},
	} {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s: missing %s", tc.file, tc.want)
		}
	}
	n := 0
	for p := range files {
		if strings.HasPrefix(p, "paises/") && p != "paises/index.html" {
			n++
		}
	}
	if want := len(synth.Countries) + 1; n != want { // ES is in both; AQ only in otros
		t.Errorf("%d country pages, want %d", n, want)
	}

	res, _ = genSite(t, "country", otros("text"))
	want := `content/paises/pais.md:6:1: [generate]: column "country" of "ds-0001" is of type country and column "partner" of "otros" of type text`
	if got := res.Diagnostics.Format("en"); !strings.Contains(got, want) {
		t.Errorf("diagnostics:\n%s\nwant %s", got, want)
	}
}

// TestGenerateIncrementalRows edits the rows of one value of the dataset a
// template generates from: only that value's page is rendered again when
// the template's blocks show only their value's rows, every generated page
// when a block shows the whole dataset; either way the output is a fresh
// build's.
func TestGenerateIncrementalRows(t *testing.T) {
	const whole = "\n```chart\ntype = \"bar\"\ndata = \"lugares\"\nx = \"year\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"Todos los lugares\"\n```\n"
	for _, tc := range []struct {
		name   string
		extra  string // appended to the template
		edit   func(csv string) string
		render int
	}{
		{"one value's figure", "", editFigure("Lugar 0005"), 1},
		{"one value's row removed", "", dropRow("Lugar 0007"), 1},
		{"a block of the whole dataset", whole, editFigure("Lugar 0005"), 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := synth.Write(dir, synth.Options{Generated: true, GenRows: 400, GenValues: 20}); err != nil {
				t.Fatal(err)
			}
			tmpl := filepath.Join(dir, "content", "lugares", "lugar.md")
			src, err := os.ReadFile(tmpl)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(tmpl, append(src, tc.extra...), 0o644); err != nil {
				t.Fatal(err)
			}
			fsys := os.DirFS(dir)
			bl := NewBuilder(fsys)
			if first := bl.Build(); !first.OK() {
				t.Fatal(first.Diagnostics.Format("en"))
			}
			csv := filepath.Join(dir, "data", "lugares.csv")
			data, err := os.ReadFile(csv)
			if err != nil {
				t.Fatal(err)
			}
			edited := tc.edit(string(data))
			if edited == string(data) {
				t.Fatal("the edit changed nothing")
			}
			if err := os.WriteFile(csv, []byte(edited), 0o644); err != nil {
				t.Fatal(err)
			}
			os.Chtimes(csv, time.Now(), time.Now().Add(time.Second))
			inc, fresh := bl.Build(), Build(fsys)
			if !inc.OK() || !fresh.OK() {
				t.Fatal(inc.Diagnostics.Format("en"), fresh.Diagnostics.Format("en"))
			}
			if inc.Rendered != tc.render {
				t.Errorf("rendered %d pages, want %d", inc.Rendered, tc.render)
			}
			if len(inc.Files) != len(fresh.Files) {
				t.Fatalf("%d files incrementally, %d fresh", len(inc.Files), len(fresh.Files))
			}
			for i := range inc.Files {
				if inc.Files[i].Path != fresh.Files[i].Path || string(inc.Files[i].Data) != string(fresh.Files[i].Data) {
					t.Errorf("%s differs from a fresh build", inc.Files[i].Path)
				}
			}
		})
	}
}

// editFigure changes the figure of the first row of place.
func editFigure(place string) func(string) string {
	return func(csv string) string {
		lines := strings.Split(csv, "\n")
		for i, l := range lines {
			if f := strings.Split(l, ","); len(f) == 3 && f[1] == place {
				lines[i] = f[0] + "," + f[1] + ",123456.78"
				break
			}
		}
		return strings.Join(lines, "\n")
	}
}

// dropRow removes the first row of place.
func dropRow(place string) func(string) string {
	return func(csv string) string {
		lines := strings.Split(csv, "\n")
		for i, l := range lines {
			if strings.Contains(l, ","+place+",") {
				return strings.Join(append(lines[:i:i], lines[i+1:]...), "\n")
			}
		}
		return csv
	}
}

// TestGenerateIncrementalDatACI edits one row of a dataset DatACI's
// country pages are generated from (a company of Canada in investments):
// Canada's pages are rendered again, the other countries' are not, and
// the output is a fresh build's.
func TestGenerateIncrementalDatACI(t *testing.T) {
	dir := t.TempDir()
	if err := synth.CopySite(benchRepo, dir); err != nil {
		t.Fatal(err)
	}
	fsys := os.DirFS(dir)
	bl := NewBuilder(fsys)
	if first := bl.Build(); !first.OK() {
		t.Fatal(first.Diagnostics.Format("en"))
	}
	before := maps.Clone(bl.out)
	csv := filepath.Join(dir, "data", "investments.csv")
	src, err := os.ReadFile(csv)
	if err != nil {
		t.Fatal(err)
	}
	const from, to = ",Freshworks Studio,", ",Freshworks Studio Inc.,"
	if !strings.Contains(string(src), from+",Inversión 2022,") {
		t.Skip("DatACI's investments no longer name Freshworks Studio (Canada); pick another row")
	}
	if err := os.WriteFile(csv, []byte(strings.Replace(string(src), from, to, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(csv, time.Now(), time.Now().Add(time.Second))
	inc, fresh := bl.Build(), Build(fsys)
	if !inc.OK() || !fresh.OK() {
		t.Fatal(inc.Diagnostics.Format("en"), fresh.Diagnostics.Format("en"))
	}
	if len(inc.Files) != len(fresh.Files) {
		t.Fatalf("%d files incrementally, %d fresh", len(inc.Files), len(fresh.Files))
	}
	for i := range inc.Files {
		if inc.Files[i].Path != fresh.Files[i].Path || string(inc.Files[i].Data) != string(fresh.Files[i].Data) {
			t.Errorf("%s differs from a fresh build", inc.Files[i].Path)
		}
	}
	// A page rendered again has a new cache entry.
	var countries []string
	others := 0
	for j, e := range bl.out {
		if before[j] == e {
			continue
		}
		if strings.HasPrefix(j.slug, "paises/") && j.slug != "paises/index" {
			countries = append(countries, j.lang+":"+j.slug)
		} else {
			others++
		}
	}
	slices.Sort(countries)
	if want := []string{"en:paises/ca", "es:paises/ca"}; !slices.Equal(countries, want) {
		t.Errorf("country pages rendered again: %v, want %v", countries, want)
	}
	t.Logf("rendered %d pages again: %v and %d others, which draw on the whole dataset", inc.Rendered, countries, others)
}

// TestGenerateLongValue: a value of 300 characters makes a page whose name
// is its first words, within 80 bytes, and whose title is the whole value.
// It used to fail the build when the page was written ("file name too
// long"), without saying which row.
func TestGenerateLongValue(t *testing.T) {
	long := "Programa de cooperación" + strings.Repeat(" para el fortalecimiento institucional", 8)
	extra := cities("Cali\n" + long + "\n")
	extra["content/paises/pais.md"] = strings.Replace(strings.Replace(countryTemplate, "%s", "city", 1), "where = { country", "where = { city", 1)
	res, files := genSite(t, "city", extra)
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	want := "paises/programa-de-cooperacion-para-el-fortalecimiento-institucional-para-el.html"
	page := string(files[want])
	if page == "" {
		var got []string
		for p := range files {
			if strings.HasPrefix(p, "paises/programa") {
				got = append(got, p)
			}
		}
		t.Fatalf("no page %s; pages %v", want, got)
	}
	if !strings.Contains(page, "<h1>"+long) {
		t.Errorf("%s does not carry the whole value in its title", want)
	}
}

func TestPageSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Bogotá", "bogota"},
		{strings.Repeat("a", 80), strings.Repeat("a", 80)},
		{strings.Repeat("a", 81), strings.Repeat("a", 80)},                                      // one word: cut at 80
		{strings.Repeat("ab ", 30), strings.TrimSuffix(strings.Repeat("ab-", 26), "-") + "-ab"}, // ends on a word at 80
		{strings.Repeat("abcd ", 20), strings.TrimSuffix(strings.Repeat("abcd-", 16), "-")},     // the word across 80 is left out
	} {
		got := pageSlug(tc.in)
		if got != tc.want || len(got) > maxSlug {
			t.Errorf("pageSlug(%q) = %q (%d bytes), want %q", tc.in, got, len(got), tc.want)
		}
	}
}

func TestIsIndexSlug(t *testing.T) {
	for slug, want := range map[string]bool{
		"a/index": true, "a/index-2": true, "a/index-10": true,
		"index": false, "a/index-1": false, "a/index-02": false, "a/index-": false,
		"a/indexes": false, "a/b/index": false, "a/b/index-2": false,
	} {
		if got := isIndexSlug(slug); got != want {
			t.Errorf("isIndexSlug(%q) = %v, want %v", slug, got, want)
		}
	}
}
