package chart

import (
	"encoding/json"
	"testing"

	"github.com/tablero/tablero/internal/content"
)

// FuzzBlock builds a chart, table or card block from any text, over a
// dataset with years, a country, text, qualified figures and hostile
// labels, with and without a filter on the page, in both languages. A
// block either fails with diagnostics or builds, and what it builds
// holds valid JSON for the browser: never a panic.
func FuzzBlock(f *testing.F) {
	for _, seed := range []struct {
		kind, body string
	}{
		{"chart", "type = \"bar\"\ndata = \"f\"\nx = \"sector\"\ny = \"value\"\naggregate = \"sum\"\nsort = \"-y\"\ntitle = \"t\""},
		{"chart", "type = \"hbar\"\ndata = \"f\"\nx = \"sector\"\ny = [\"value\", \"high\"]\ntitle = \"t\"\nhighlight = \"Agro\""},
		{"chart", "type = \"line\"\ndata = \"f\"\nx = \"year\"\ny = \"value\"\nseries = \"sector\"\naggregate = \"sum\"\ntitle = \"t\""},
		{"chart", "type = \"area\"\ndata = \"f\"\nx = \"year\"\ny = \"value\"\nseries = \"pais\"\nstack = true\naggregate = \"mean\"\ntitle = \"t\""},
		{"chart", "type = \"pie\"\ndata = \"f\"\nx = \"pais\"\ny = \"value\"\naggregate = \"count\"\ntitle = \"t\"\nwhere = { year = \"2018\" }"},
		{"chart", "type = \"donut\"\ndata = \"f\"\nx = \"sector\"\ny = \"value\"\naggregate = \"max\"\ntitle = \"{sector}\"\nsubtitle = \"{year}\""},
		{"chart", "type = \"treemap\"\ndata = \"f\"\nx = \"sector\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\nempty = \"nada\""},
		{"chart", "type = \"map\"\ndata = \"f\"\nx = \"pais\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\nalt = \"a\""},
		{"chart", "type = \"bar\"\ndata = \"f\"\nx = \"year\"\ny = \"value\"\ntitle = \"t\"\nwhere = { pais = [\"US\", \"FR\"] }\nnot_empty = true"},
		{"table", "data = \"f\"\ntitle = \"t\"\nsort = \"-value\"\ncolumns = [\"sector\", \"value\"]"},
		{"table", "data = \"f\"\ntitle = \"t\"\naggregate = \"sum\"\nwidth = \"half\"\nnote = \"n\""},
		{"kpi", "data = \"f\"\nwhere = { id = \"b\" }\nvalue = \"value\"\ntitle = \"{sector}\"\nunit = \"u\"\nperiod = \"{year}\""},
		{"kpi", "data = \"f\"\nvalue = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\ngoal = 100\nprevious = { year = \"2017\" }"},
	} {
		f.Add(seed.kind, seed.body, false, "es")
		f.Add(seed.kind, seed.body, true, "en")
	}
	f.Fuzz(func(t *testing.T, kind, body string, filtered bool, lang string) {
		if lang != "en" {
			lang = "es"
		}
		p := &content.Page{File: "content/p.md", Blocks: []content.Block{block(kind, body)}}
		if filtered {
			p.Meta.Filters = []string{"pais", "sector"}
		}
		blocks, l := BuildPage(Decode(p), fuzzTables(), words(), lang, "c")
		for _, d := range l {
			if d.File == "" || d.Msg.ES == "" || d.Msg.EN == "" {
				t.Fatalf("a diagnostic without its file or text: %+v", d)
			}
		}
		for _, b := range blocks {
			c, ok := b.Content.(*Chart)
			if !ok || c.Empty != "" {
				continue
			}
			if !json.Valid(c.Option) {
				t.Fatalf("the chart's option is not JSON: %s", c.Option)
			}
			for _, v := range c.Variants {
				if len(v.Option) > 0 && !json.Valid(v.Option) {
					t.Fatalf("a variant's option is not JSON: %s", v.Option)
				}
				if _, err := json.Marshal(v); err != nil {
					t.Fatalf("a variant cannot be written: %v", err)
				}
			}
		}
	})
}

// fuzzTables is FuzzBlock's dataset: years with a gap, countries, a
// category with qualifiers, an upper bound, and labels meant to break out
// of a script.
func fuzzTables() Tables {
	tb := table("f", []string{"id:text", "year:year", "pais:country", "sector:text", "value:number", "high:number", "q:category"}, [][]string{
		{"a", "2015", "US", "Creativo", "1690", "", "more than"},
		{"b", "2017", "FR", "Infra", "770", "800", "range"},
		{"c", "2018", "US", "</script><script>alert(1)</script>", "3.7", "", "approx"},
		{"d", "2019", "CA", "Agro", "", "", "exact"},
		{"e", "2019", "", "__f__alert(2)__f__", "-5", "", "less than"},
		{"f", "2021", "CO", "Agro", "12", "", "projection"},
	})
	tb.Cols[4].Spec.Qualifier, tb.Cols[4].Spec.Upper = "q", "high"
	return Tables{"f": tb}
}
