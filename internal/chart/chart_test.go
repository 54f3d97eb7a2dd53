package chart

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// table builds a dataset in memory: cols are "name:type", rows are cells
// as text (numbers plain; "" for empty).
func table(name string, cols []string, rows [][]string) *dataset.Table {
	t := &dataset.Table{Name: name, File: "data/" + name + ".csv", Schema: &dataset.Schema{Source: i18n.Text{ES: "Fuente de prueba", EN: "Fuente de prueba"}, SourceURL: "https://example.org/x"}}
	for j, c := range cols {
		n, typ, _ := strings.Cut(c, ":")
		spec := dataset.ColumnSpec{Name: n, Type: typ, Label: i18n.Text{ES: "L-" + n, EN: "L-" + n}}
		t.Schema.Columns = append(t.Schema.Columns, spec)
		col := &dataset.Column{Spec: &t.Schema.Columns[j]}
		for _, r := range rows {
			if col.Spec.Numeric() {
				v := math.NaN()
				if r[j] != "" {
					json.Unmarshal([]byte(r[j]), &v)
				}
				col.Num = append(col.Num, v)
			} else {
				col.Str = append(col.Str, r[j])
			}
		}
		t.Cols = append(t.Cols, col)
	}
	for i := range rows {
		t.Lines = append(t.Lines, i+2)
	}
	return t
}

func block(kind, body string) content.Block {
	return content.Block{Kind: kind, Body: body, File: "content/p.md", Line: 10}
}

func ied() Tables {
	return Tables{"ied": table("ied", []string{"year:year", "amount:number", "pais:country", "nota:text"}, [][]string{
		{"2015", "248.89", "US", "a"},
		{"2017", "371", "FR", "b"},
		{"2018", "253", "US", "</script><script>alert(1)</script>"},
		{"2019", "", "CA", "__f__alert(2)__f__"},
	})}
}

func TestChartOptions(t *testing.T) {
	tests := []struct {
		name, body string
		check      func(t *testing.T, c *Chart, opt map[string]any)
	}{
		{"line keeps missing years as gaps", `type = "line"
data = "ied"
x = "year"
y = "amount"
title = "IED"`, func(t *testing.T, c *Chart, opt map[string]any) {
			if got := strings.Join(c.Frame.X, ","); got != "2015,2016,2017,2018,2019" {
				t.Errorf("x = %s", got)
			}
			if got := strings.Join(c.Gaps, ","); got != "2016,2019" {
				t.Errorf("gaps = %s", got)
			}
		}},
		{"hostile labels stay data", `type = "bar"
data = "ied"
x = "nota"
y = "amount"
title = "<img src=x onerror=alert(1)>"`, func(t *testing.T, c *Chart, opt map[string]any) {
			if !strings.Contains(string(c.Option), `\u003c/script\u003e`) {
				t.Errorf("option does not escape </script>: %s", c.Option)
			}
			if !strings.Contains(string(c.Option), `"__f__alert(2)__f__"`) {
				t.Errorf("__f__ label must stay a quoted string: %s", c.Option)
			}
		}},
		{"count by country for the map", `type = "map"
data = "ied"
x = "pais"
aggregate = "count"
title = "Países"`, func(t *testing.T, c *Chart, opt map[string]any) {
			if got := strings.Join(c.Frame.X, ","); got != "Estados Unidos,Francia,Canadá" {
				t.Errorf("x = %s", got)
			}
			if c.Frame.Series[0].Values[0] != 2 {
				t.Errorf("US count = %v", c.Frame.Series[0].Values[0])
			}
		}},
		{"sorted descending", `type = "hbar"
data = "ied"
x = "year"
y = "amount"
where = { year = [2015, 2017, 2018] }
sort = "-y"
title = "t"`, func(t *testing.T, c *Chart, opt map[string]any) {
			if got := strings.Join(c.Frame.X, ","); got != "2017,2018,2015" {
				t.Errorf("x = %s", got)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, l := decodeChart(block("chart", tt.body), ied(), "es", "c-1", nil)
			if len(l) > 0 {
				t.Fatalf("diagnostics: %v", l)
			}
			var opt map[string]any
			if err := json.Unmarshal(c.Option, &opt); err != nil {
				t.Fatal(err)
			}
			tt.check(t, c, opt)
		})
	}
}

func TestChartErrors(t *testing.T) {
	tests := []struct{ body, want string }{
		{"type = \"bar\"\ndata = \"ied\"\nx = \"yera\"\ny = \"amount\"\ntitle = \"t\"", `content/p.md:12:1: dataset "ied" has no column "yera" (did you mean "year"?)`},
		{"type = \"bar\"\ndata = \"idd\"\nx = \"year\"\ny = \"amount\"\ntitle = \"t\"", `content/p.md:11:1: there is no dataset "idd" (did you mean "ied"?)`},
		{"type = \"barr\"\ndata = \"ied\"\nx = \"year\"\ny = \"amount\"\ntitle = \"t\"", `content/p.md:10:1: unknown chart type "barr" (did you mean "bar"?)`},
		{"type = \"bar\"\ndata = \"ied\"\nx = \"pais\"\ny = \"amount\"\ntitle = \"t\"", `content/p.md:10:1: "US" appears in several rows of data/ied.csv (line 4)`},
		{"type = \"bar\"\ndata = \"ied\"\nx = \"year\"\ny = \"amount\"\nwhere = { year = 1990 }\ntitle = \"t\"", `content/p.md:14:1: the chart has no data: no row meets the condition`},
		{"type = \"bar\"\ndata = \"ied\"\nx = \"year\"\ny = \"nota\"\ntitle = \"t\"", `content/p.md:13:1: column "nota" is not numeric (type text)`},
		{"type = \"bar\"\ndata = \"ied\"\nx = \"year\"\ny = \"amount\"\ntitel = \"t\"", `content/p.md:14:1: unknown key "titel" (did you mean "title"?)`},
	}
	for _, tt := range tests {
		_, l := decodeChart(block("chart", tt.body), ied(), "en", "c-1", nil)
		if len(l) == 0 {
			t.Errorf("%q: no error, want %s", tt.body, tt.want)
			continue
		}
		if got := l[0].Format("en"); !strings.HasPrefix(got, tt.want) {
			t.Errorf("got  %s\nwant %s", got, tt.want)
		}
	}
}

func TestKPI(t *testing.T) {
	ts := Tables{"ind": table("ind", []string{"id:text", "name:text", "unit:text", "done:number", "goal:number"}, [][]string{
		{"a", "Inversión", "millones de USD", "744.16", "850"},
		{"b", "Cooperación", "millones de USD", "20.72", "30"},
	})}
	k, l := decodeKPI(block("kpi", `data = "ind"
where = { id = "a" }
value = "done"
goal = "goal"
title = "{name} 2020–2022"
unit = "{unit}"`), ts, "es")
	if len(l) > 0 {
		t.Fatal(l)
	}
	if k.Text != "744,16" || k.GoalText != "850" || k.ProgressText != "87,5 %" || k.Title != "Inversión 2020–2022" || k.Unit != "millones de USD" {
		t.Errorf("kpi = %+v", k)
	}
	k, _ = decodeKPI(block("kpi", `data = "ind"
where = { id = "a" }
value = "done"
previous = { id = "b" }
title = "x"`), ts, "en")
	if k.Change != "+3,491.5 %" {
		t.Errorf("change = %q", k.Change)
	}
	_, l = decodeKPI(block("kpi", `data = "ind"
value = "done"
title = "x"`), ts, "en")
	if len(l) == 0 || !strings.Contains(l[0].Format("en"), "exactly one row and selects 2") {
		t.Errorf("want one-row error, got %v", l)
	}
}

func TestDescribe(t *testing.T) {
	c, _ := decodeChart(block("chart", "type = \"line\"\ndata = \"ied\"\nx = \"year\"\ny = \"amount\"\ntitle = \"IED\""), ied(), "en", "c", nil)
	want := "Line chart: IED. 5 categories of L-year, from 2015 to 2019. The highest value is 371 (2017) and the lowest 248.89 (2015). No figure: 2016, 2019."
	if c.Alt != want {
		t.Errorf("alt = %q\nwant  %q", c.Alt, want)
	}
}

// decodeChart decodes and builds one chart block, as BuildPage does.
func decodeChart(b content.Block, ts Tables, lang, id string, filters []string) (*Chart, diag.List) {
	var s ChartSpec
	if l := decode(b, &s); len(l) > 0 {
		return nil, l
	}
	return buildChart(b, &s, ts, words(), lang, id, filters)
}

// decodeKPI decodes and builds one KPI block, as BuildPage does.
func decodeKPI(b content.Block, ts Tables, lang string) (*KPI, diag.List) {
	var s KPISpec
	if l := decode(b, &s); len(l) > 0 {
		return nil, l
	}
	return buildKPI(b, &s, ts, words(), lang)
}

func TestKPIDistinct(t *testing.T) {
	ts := Tables{"refs": table("refs", []string{"id:text", "publisher:text", "dimension:text", "n:number"}, [][]string{
		{"a", "DANE", "Economía", "1"},
		{"b", "DANE", "Comercio", "2"},
		{"c", "Banco de la República", "Economía", "3"},
		{"d", "", "Comercio", "4"},
	})}
	for _, tc := range []struct {
		name, body, want, err string
	}{
		{"publishers", `value = "publisher"`, "2", ""},
		{"with where", `value = "dimension"
where = { publisher = "DANE" }`, "2", ""},
		{"numbers", `value = "n"`, "4", ""},
		{"one", `value = "publisher"
where = { dimension = "Comercio" }`, "1", ""},
		{"no column", `value = "editor"`, "", `dataset "refs" has no column "editor"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k, l := decodeKPI(block("kpi", "data = \"refs\"\naggregate = \"distinct\"\ntitle = \"Editores\"\n"+tc.body), ts, "es")
			if tc.err != "" {
				if len(l) == 0 || !strings.Contains(l[0].Format("en"), tc.err) {
					t.Fatalf("want error %q, got %v", tc.err, l)
				}
				return
			}
			if len(l) > 0 {
				t.Fatal(l)
			}
			if k.Text != tc.want || k.Title != "Editores" {
				t.Errorf("card = %+v, want %s", k, tc.want)
			}
		})
	}
	_, l := decodeKPI(block("kpi", "data = \"refs\"\naggregate = \"distinc\"\nvalue = \"publisher\"\ntitle = \"x\""), ts, "en")
	if len(l) == 0 || !strings.Contains(l[0].Format("en"), `"distinct"`) {
		t.Errorf("want the aggregates listed, got %v", l)
	}
	needs := DatasetNeeds([]*Page{Decode(&content.Page{Blocks: []content.Block{block("kpi", "data = \"refs\"\naggregate = \"distinct\"\nvalue = \"publisher\"\ntitle = \"x\"")}})})
	if n := needs["refs"]; n == nil || len(n.Keys) != 1 || n.Keys[0] != "publisher" || len(n.Values) != 0 {
		t.Errorf("needs = %+v: a distinct card groups by its value column", n)
	}
}

// Sources that share a name but not an address (two articles of one
// newspaper) are numbered in the order they are cited; a name cited
// once, or one address cited twice, is not.
func TestSourcesNumberNamesakes(t *testing.T) {
	tb := table("n", []string{"year:year", "value:number", "src:text", "url:url"}, [][]string{
		{"2015", "1", "Caracol Radio", "https://caracol.example/a"},
		{"2016", "2", "Medellin Herald", "https://herald.example/x"},
		{"2017", "3", "Caracol Radio", "https://caracol.example/b"},
		{"2018", "4", "Medellin Herald", "https://herald.example/x"},
		{"2019", "5", "Informe de gestión", ""},
	})
	tb.Schema.RowSource, tb.Schema.RowSourceURL = "src", "url"
	var got []string
	for _, s := range sources(tb, []int{0, 1, 2, 3, 4}, "es") {
		got = append(got, s.Name+" "+s.URL)
	}
	want := []string{"Caracol Radio [1] https://caracol.example/a", "Medellin Herald https://herald.example/x",
		"Caracol Radio [2] https://caracol.example/b", "Informe de gestión "}
	if !slices.Equal(got, want) {
		t.Errorf("sources = %q, want %q", got, want)
	}
}
