package render

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
)

func theme(t *testing.T) *Theme {
	t.Helper()
	th, l := LoadTheme(os.DirFS("../.."), "default")
	if len(l) > 0 {
		t.Fatal(l)
	}
	return th
}

func TestAssetsAreHashed(t *testing.T) {
	th := theme(t)
	hashed := regexp.MustCompile(`^assets/tablero\.[0-9a-f]{10}\.css$`)
	if p := th.Asset("tablero.css"); !hashed.MatchString(p) {
		t.Errorf("tablero.css published as %q", p)
	}
	var licence bool
	for _, f := range th.Files {
		if strings.Contains(f.Path, "/build/") || strings.Contains(f.Path, "node_modules") {
			t.Errorf("vendoring scripts published: %s", f.Path)
		}
		if f.Path == "assets/vendor/echarts/NOTICE" {
			licence = true
		}
	}
	if !licence {
		t.Error("ECharts' NOTICE is not published beside the bundle")
	}
}

func TestRenderBlocks(t *testing.T) {
	th := theme(t)
	src := []chart.Source{{Name: "Informe <2022>", URL: "https://example.org/?a=1&b=2"}}
	p := &Page{
		Lang: "en", ContentLang: "es", Root: "../", Title: "T", Kind: "page",
		HTML: "<p>x</p>" + content.Placeholder(0) + content.Placeholder(1) + content.Placeholder(2),
		Blocks: []chart.Block{
			{Content: &chart.KPI{Title: "A", Value: 744.16, Text: "744.16", Goal: 850, GoalText: "850", Progress: 87.54823529411765, ProgressText: "87.5 %", Sources: src}},
			{InRow: true, Content: &chart.KPI{Title: "B", Value: 1, Text: "1", Progress: math.NaN(), Sources: src}},
			{Content: &chart.Table{Title: "</script>", Header: []string{"a"}, Numeric: []bool{false}, Long: []bool{false},
				Rows: [][]chart.Cell{{{Text: "<img src=x>", Sort: "\"x", Link: "https://e.org/\"onclick"}}}, Sources: src}},
		},
	}
	b, err := th.Render(p)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{
		`<div class="kpi-row"><div class="kpis">`,      // one row for both cards
		`<data value="744.16">744.16</data></span>`,    // the raw figure, for checks
		`aria-valuenow="87.5"`, `style="width: 87.5%"`, // progress bar
		`87.5 % of the goal of 850`,               // goal text in English
		`Informe &lt;2022&gt;`,                    // source escaped
		`&lt;img src=x&gt;`, `data-sort="&#34;x"`, // cells escaped
		`href="https://e.org/&#34;onclick"`, // link attribute escaped
		`<div class="prose" lang="es">`,     // body language marked
		`href="../assets/tablero.`,          // relative asset URL
	} {
		if !strings.Contains(html, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	if n := strings.Count(html, `class="source"`); n != 2 {
		t.Errorf("%d source lines; want one under the KPI row and one under the table", n)
	}
	if strings.Contains(html, "<img src=x>") || strings.Contains(html, "</script>\"") {
		t.Error("unescaped text in the page")
	}
}

func TestRenderQualifiedKPI(t *testing.T) {
	th := theme(t)
	for _, tc := range []struct {
		kpi  chart.KPI
		want string
	}{
		{chart.KPI{Title: "a", Value: 200, Text: "200", Unit: "empresas", Before: "más de"},
			`<p class="kpi-value"><span class="kpi-num"><span class="kpi-qual">más de</span> <data value="200">200</data></span> <span class="kpi-unit">empresas</span></p>`},
		{chart.KPI{Title: "b", Value: 770, Text: "770", Unit: "millones de USD", Upper: "800"},
			`<p class="kpi-value"><span class="kpi-num"><data value="770">770</data><span class="kpi-upper">–800</span></span> <span class="kpi-unit">millones de USD</span></p>`},
		{chart.KPI{Title: "c", Value: 2800, Text: "2.800", Unit: "USD", After: "proyección"},
			`<p class="kpi-value"><span class="kpi-num"><data value="2800">2.800</data></span> <span class="kpi-unit">USD</span> <span class="kpi-qual kpi-after">(proyección)</span></p>`},
	} {
		k := tc.kpi
		k.Progress = math.NaN()
		b, err := th.Render(&Page{Lang: "es", ContentLang: "es", Title: "T", Kind: "page", HTML: content.Placeholder(0),
			Blocks: []chart.Block{{Content: &k}}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), tc.want) {
			t.Errorf("card %s lacks\n%s", k.Title, tc.want)
		}
	}
}

// smallTable is a table block of n rows.
func smallTable(title string, n int) *chart.Table {
	t := &chart.Table{Title: title, Header: []string{"a"}, Numeric: []bool{true}, Long: []bool{false}}
	for i := range n {
		s := strconv.Itoa(i + 1)
		t.Rows = append(t.Rows, []chart.Cell{{Text: s, Sort: s}})
	}
	return t
}

func TestRenderHalfRows(t *testing.T) {
	th := theme(t)
	for _, tc := range []struct {
		name string
		html string // placeholders as {0}, {1}…
		half []bool
		want string // the page's blocks and rows: [ opens a row, ] closes it, T is a table
	}{
		{"two side by side", "{0}\n{1}\n", []bool{true, true}, "[TT]"},
		{"three: two per row is CSS's job", "{0}\n{1}\n{2}\n", []bool{true, true, true}, "[TTT]"},
		{"text between breaks the row", "{0}\n<p>x</p>{1}\n", []bool{true, true}, "[T]x[T]"},
		{"full between", "{0}\n{1}\n{2}\n", []bool{true, false, true}, "[T]T[T]"},
		{"none", "{0}\n{1}\n", []bool{false, false}, "TT"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := &Page{Lang: "es", ContentLang: "es", Title: "T", Kind: "page", HTML: tc.html}
			for i, h := range tc.half {
				p.HTML = strings.Replace(p.HTML, "{"+strconv.Itoa(i)+"}", content.Placeholder(i), 1)
				p.Blocks = append(p.Blocks, chart.Block{Half: h, Content: smallTable("t", 1)})
			}
			b, err := th.Render(p)
			if err != nil {
				t.Fatal(err)
			}
			body := string(b)
			body = body[strings.Index(body, `<div class="prose">`):strings.Index(body, "</main>")]
			if got := rowsOf(body); got != tc.want {
				t.Errorf("got %s, want %s", got, tc.want)
			}
		})
	}
}

// rowsOf sums up the body: [ and ] for a row of half blocks, T for a
// table, x for the paragraph.
func rowsOf(body string) string {
	var b strings.Builder
	depth := 0
	for i := 0; i < len(body); i++ {
		switch {
		case strings.HasPrefix(body[i:], `<div class="half-row">`):
			b.WriteString("[")
			depth = 1
		case strings.HasPrefix(body[i:], `<figure class="block table-block">`):
			b.WriteString("T")
		case strings.HasPrefix(body[i:], "<p>x</p>"):
			b.WriteString("x")
		case strings.HasPrefix(body[i:], "</figure>\n</div>\n") && depth == 1:
			b.WriteString("]")
			depth = 0
		}
	}
	return b.String()
}

// TestRenderLongTable: a long table is written whole, the rows past the
// tenth marked (tr.beyond) for the stylesheet to hide where scripts run
// and for tablero.js to fold; nothing in the HTML hides a row itself, so
// without JavaScript and in print every row shows. A short table is not
// marked.
func TestRenderLongTable(t *testing.T) {
	th := theme(t)
	for _, tc := range []struct{ rows, beyond int }{{24, 14}, {11, 1}, {10, 0}} {
		p := &Page{Lang: "es", ContentLang: "es", Title: "T", Kind: "page", HTML: content.Placeholder(0),
			Blocks: []chart.Block{{Content: smallTable("largo", tc.rows)}}}
		b, err := th.Render(p)
		if err != nil {
			t.Fatal(err)
		}
		body := string(b)
		if n := strings.Count(body, "<tr>") + strings.Count(body, `<tr class="beyond">`) - 1; n != tc.rows { // less the header row
			t.Errorf("%d rows: %d written", tc.rows, n)
		}
		if n := strings.Count(body, `<tr class="beyond">`); n != tc.beyond {
			t.Errorf("%d rows: %d marked beyond the fold, want %d", tc.rows, n, tc.beyond)
		}
		folded := strings.Contains(body, `<table class="data sortable folded" data-collapse="10">`)
		if folded != (tc.beyond > 0) {
			t.Errorf("%d rows: table marked folded with data-collapse=\"10\": %v, want %v", tc.rows, folded, tc.beyond > 0)
		}
		for _, bad := range []string{"<tr hidden", "show-rows", "collapsed"} {
			if strings.Contains(body, bad) {
				t.Errorf("%d rows: the HTML hides rows itself (%q)", tc.rows, bad)
			}
		}
	}
}

// TestRenderHeadlineCard: a board with a headline shows its figure, with
// qualifier, unit and period, inside its card's link and the source after
// it; a board without one keeps today's card.
func TestRenderHeadlineCard(t *testing.T) {
	th := theme(t)
	k := &chart.KPI{Title: "Inversión <puerto>", Value: 770, Text: "770", Upper: "800", Unit: "millones de USD", Period: "2026",
		Progress: math.NaN(), Sources: []chart.Source{{Name: "El Colombiano", URL: "https://example.org/p"}}}
	p := &Page{Lang: "es", ContentLang: "es", Title: "Inicio", Kind: "home", Boards: []Link{
		{Title: "Uno", URL: "sectores/uno.html", Summary: "s1", Kind: "sector", Headline: k},
		{Title: "Dos", URL: "sectores/dos.html", Summary: "s2", Kind: "sector"},
	}}
	b, err := th.Render(p)
	if err != nil {
		t.Fatal(err)
	}
	html := string(b)
	for _, want := range []string{
		`<li class="card board has-headline"><a href="sectores/uno.html"><span class="board-title">Uno</span><div class="board-kpi">`,
		`<p class="kpi-title">Inversión &lt;puerto&gt;</p>`,
		`<span class="kpi-num"><data value="770">770</data><span class="kpi-upper">–800</span></span> <span class="kpi-unit">millones de USD</span></p><p class="kpi-period">2026</p>`,
		`<span class="board-sum">s1</span></a>` + "\n" + `<p class="source">Fuente:` + "\n" + `<a href="https://example.org/p" rel="external noopener">El Colombiano</a></p>`,
		`<li class="card board"><a href="sectores/dos.html"><span class="board-title">Dos</span><span class="board-sum">s2</span></a></li>`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("home page lacks\n%s", want)
		}
	}
}
