package chart

import (
	"math"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

func TestQualify(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		kind         string
		upper        float64
		text, up     string
		lang, want   string
		before, afte string
	}{
		{dataset.QualExact, nan, "3,7", "", "es", "3,7", "", ""},
		{dataset.QualApprox, nan, "3,7", "", "es", "≈ 3,7", "≈", ""},
		{dataset.QualApprox, nan, "3.7", "", "en", "≈ 3.7", "≈", ""},
		{dataset.QualMore, nan, "200", "", "es", "más de 200", "más de", ""},
		{dataset.QualMore, nan, "200", "", "en", "more than 200", "more than", ""},
		{dataset.QualLess, nan, "5", "", "es", "menos de 5", "menos de", ""},
		{dataset.QualLess, nan, "5", "", "en", "less than 5", "less than", ""},
		{dataset.QualProjection, nan, "2.800", "", "es", "2.800 (proyección)", "", "proyección"},
		{dataset.QualProjection, nan, "2,800", "", "en", "2,800 (projection)", "", "projection"},
		{dataset.QualRange, 800, "770", "800", "es", "770–800", "", ""},
		{dataset.QualRange, 3.5, "3", "3.5", "en", "3–3.5", "", ""},
	} {
		q := dataset.Qualified{Kind: tc.kind, Upper: tc.upper}
		if got := Qualify(words(), q, tc.text, tc.up, tc.lang); got != tc.want {
			t.Errorf("Qualify(%s, %s, %s) = %q, want %q", tc.kind, tc.text, tc.lang, got, tc.want)
		}
		if b, _, a := QualParts(words(), q, tc.up, tc.lang); b != tc.before || a != tc.afte {
			t.Errorf("QualParts(%s, %s) = %q, %q", tc.kind, tc.lang, b, a)
		}
	}
}

func TestAddQualified(t *testing.T) {
	nan := math.NaN()
	q := func(k string) dataset.Qualified { return dataset.Qualified{Kind: k, Upper: nan} }
	for _, tc := range []struct {
		a      dataset.Qualified
		av     float64
		b      dataset.Qualified
		bv     float64
		want   string
		wantUp float64
	}{
		{q(dataset.QualExact), 1, q(dataset.QualExact), 2, dataset.QualExact, nan},
		{q(dataset.QualExact), 1, q(dataset.QualMore), 2, dataset.QualMore, nan},
		{q(dataset.QualApprox), 1, q(dataset.QualExact), 2, dataset.QualApprox, nan},
		{q(dataset.QualMore), 1, q(dataset.QualMore), 2, dataset.QualMore, nan},
		{q(dataset.QualMore), 1, q(dataset.QualLess), 2, dataset.QualApprox, nan},
		{q(dataset.QualExact), 10, dataset.Qualified{Kind: dataset.QualRange, Upper: 8}, 7, dataset.QualRange, 18},
		{dataset.Qualified{Kind: dataset.QualRange, Upper: 5}, 3, dataset.Qualified{Kind: dataset.QualRange, Upper: 8}, 7, dataset.QualRange, 13},
		{dataset.Qualified{Kind: dataset.QualRange, Upper: 5}, 3, q(dataset.QualMore), 7, dataset.QualApprox, nan},
	} {
		got := addQualified(tc.a, tc.av, tc.b, tc.bv)
		if got.Kind != tc.want || !(got.Upper == tc.wantUp || math.IsNaN(got.Upper) && math.IsNaN(tc.wantUp)) {
			t.Errorf("%v(%v) + %v(%v) = %+v, want %s %v", tc.a, tc.av, tc.b, tc.bv, got, tc.want, tc.wantUp)
		}
	}
}

// qualTable is a dataset whose figures carry qualifiers and range bounds.
func qualTable() Tables {
	tb := table("si", []string{"id:text", "sector:text", "value:number", "high:number", "q:category"}, [][]string{
		{"a", "Creativo", "1690", "", "more than"},
		{"b", "Infra", "770", "800", "range"},
		{"c", "Agro", "3.7", "", "approx"},
		{"d", "Comercio", "2800", "", "projection"},
		{"e", "Salud", "5", "", "less than"},
		{"f", "Software", "12", "", "exact"},
		{"g", "Software", "3", "", "more than"},
	})
	tb.Cols[2].Spec.Qualifier, tb.Cols[2].Spec.Upper = "q", "high"
	return Tables{"si": tb}
}

func TestQualifiedBlocks(t *testing.T) {
	ts := qualTable()
	for _, tc := range []struct {
		id, lang            string
		text, before, upper string
		after               string
	}{
		{"a", "es", "1.690", "más de", "", ""},
		{"b", "en", "770", "", "800", ""},
		{"c", "es", "3,7", "≈", "", ""},
		{"d", "en", "2,800", "", "", "projection"},
		{"f", "es", "12", "", "", ""},
	} {
		k, l := decodeKPI(block("kpi", `data = "si"
where = { id = "`+tc.id+`" }
value = "value"
title = "{sector}"`), ts, tc.lang)
		if len(l) > 0 {
			t.Fatal(l)
		}
		if k.Text != tc.text || k.Before != tc.before || k.Upper != tc.upper || k.After != tc.after {
			t.Errorf("kpi %s: %q %q %q %q", tc.id, k.Before, k.Text, k.Upper, k.After)
		}
	}

	// A sum of an exact figure and a "more than" one is "more than".
	k, l := decodeKPI(block("kpi", "data = \"si\"\nwhere = { sector = \"Software\" }\nvalue = \"value\"\naggregate = \"sum\"\ntitle = \"s\""), ts, "es")
	if len(l) > 0 || k.Text != "15" || k.Before != "más de" {
		t.Errorf("sum kpi %+v %v", k, l)
	}

	tb, l := decodeTable(block("table", "data = \"si\"\ncolumns = [\"sector\", \"value\"]\ntitle = \"t\""), ts, "es")
	if len(l) > 0 {
		t.Fatal(l)
	}
	var cells []string
	for _, r := range tb.Rows {
		cells = append(cells, r[1].Text+"|"+r[1].Sort)
	}
	want := "más de 1.690|1690,770–800|770,≈ 3,7|3.7,2.800 (proyección)|2800,menos de 5|5,12|12,más de 3|3"
	if got := strings.Join(cells, ","); got != want {
		t.Errorf("table cells\n got %s\nwant %s", got, want)
	}

	c, l := decodeChart(block("chart", "type = \"hbar\"\ndata = \"si\"\nx = \"id\"\ny = \"value\"\ntitle = \"t\"\nsort = \"-y\""), ts, "en", "c", nil)
	if len(l) > 0 {
		t.Fatal(l)
	}
	labels := strings.Join(c.Frame.Labels(0, "en"), ",")
	if labels != "2,800 (projection),more than 1,690,770–800,12,less than 5,≈ 3.7,more than 3" {
		t.Errorf("sorted labels %s", labels)
	}
	if !strings.Contains(c.Alt, "The highest value is 2,800 (projection) (d) and the lowest more than 3 (g)") {
		t.Errorf("alt %q", c.Alt)
	}
	// A chart of exact figures carries no labels.
	if l := (&Frame{Keys: []string{"a"}, Series: []Series{{Values: []float64{1}}}}).Labels(0, "es"); l != nil {
		t.Errorf("labels without qualifiers: %v", l)
	}
	// Filter variants carry the labels of their selection.
	c, l = decodeChart(block("chart", "type = \"bar\"\ndata = \"si\"\nx = \"id\"\ny = \"value\"\ntitle = \"t\""), ts, "es", "c", []string{"sector"})
	if len(l) > 0 {
		t.Fatal(l)
	}
	for _, v := range c.Variants {
		if v.Select["sector"] == "Infra" && strings.Join(v.Series[0].Labels, ",") != "770–800" {
			t.Errorf("variant labels %v", v.Series[0].Labels)
		}
	}
}

// decodeTable decodes and builds one table block, as BuildPage does.
func decodeTable(b content.Block, ts Tables, lang string) (*Table, diag.List) {
	var s TableSpec
	if l := decode(b, &s); len(l) > 0 {
		return nil, l
	}
	return buildTable(b, &s, ts, words(), lang, nil)
}

// TestKPISubstitutionLabels: {column} in a card's texts is the value as
// the page's readers read it: the schema's value label for that language,
// the value as written where it gives none, numbers and years written for
// the language.
func TestKPISubstitutionLabels(t *testing.T) {
	tb := table("si", []string{"id:text", "unit:category", "name:text", "year:year", "value:number", "share:number"}, [][]string{
		{"a", "USD millions", "Exportaciones", "2023", "5230.5", "14.5"},
		{"b", "% of GDP", "Participación", "2022", "3", "1234.5"},
	})
	tb.Cols[1].Spec.ValueLabels = map[string]i18n.Text{"USD millions": {ES: "millones de USD"}, "% of GDP": {ES: "% del PIB"}}
	ts := Tables{"si": tb}
	for _, tc := range []struct {
		id, lang, title, unit, period string
	}{
		{"a", "es", "Exportaciones", "millones de USD", "2023 · 14,5"},
		{"a", "en", "Exportaciones", "USD millions", "2023 · 14.5"},
		{"b", "es", "Participación", "% del PIB", "2022 · 1.234,5"},
		{"b", "en", "Participación", "% of GDP", "2022 · 1,234.5"},
	} {
		k, l := decodeKPI(block("kpi", `data = "si"
where = { id = "`+tc.id+`" }
value = "value"
title = "{name}"
unit = "{unit}"
period = "{year} · {share}"`), ts, tc.lang)
		if len(l) > 0 {
			t.Fatal(l)
		}
		if k.Title != tc.title || k.Unit != tc.unit || k.Period != tc.period {
			t.Errorf("%s/%s: %q | %q | %q", tc.id, tc.lang, k.Title, k.Unit, k.Period)
		}
	}
}

func TestWidth(t *testing.T) {
	ts := qualTable()
	for _, tc := range []struct {
		kind, body, err string
		half            bool
	}{
		{"table", "data = \"si\"\ntitle = \"t\"\nwidth = \"half\"", "", true},
		{"chart", "type = \"bar\"\ndata = \"si\"\nx = \"id\"\ny = \"value\"\ntitle = \"t\"\nwidth = \"half\"", "", true},
		{"chart", "type = \"bar\"\ndata = \"si\"\nx = \"id\"\ny = \"value\"\ntitle = \"t\"\nwidth = \"full\"", "", false},
		{"table", "data = \"si\"\ntitle = \"t\"\nwidth = \"hlaf\"", `content/p.md:12:1: unknown width "hlaf" (did you mean "half"?)`, false},
		{"kpi", "data = \"si\"\nwhere = { id = \"a\" }\nvalue = \"value\"\ntitle = \"t\"\nwidth = \"half\"", `content/p.md:14:1: width does not apply to kpi cards`, false},
	} {
		p := Decode(&content.Page{File: "content/p.md", Blocks: []content.Block{block(tc.kind, tc.body)}})
		blocks, l := BuildPage(p, ts, words(), "es", "c")
		if tc.err != "" {
			if len(l) != 1 || !strings.Contains(l[0].Format("en"), tc.err) {
				t.Errorf("%s: got %v, want %s", tc.body, l.Format("en"), tc.err)
			}
			continue
		}
		if len(l) > 0 || blocks[0].Half != tc.half {
			t.Errorf("%s: half %v, %v", tc.body, blocks[0].Half, l)
		}
	}
}

func TestHeadline(t *testing.T) {
	ts := qualTable()
	parse := func(headline string) *Page {
		t.Helper()
		cp, l := content.Parse("content/s.md", []byte("+++\ntitle = \"S\"\nkind = \"sector\"\n\n[headline]\n"+headline+"+++\n\nText.\n"), "es")
		if len(l) > 0 {
			t.Fatal(l.Format("en"))
		}
		return Decode(cp)
	}
	p := parse("data = \"si\"\nwhere = { id = \"b\" }\nvalue = \"value\"\ntitle = \"{sector}\"\nperiod = \"2026\"\n")
	k, l := BuildHeadline(p, ts, words(), "es")
	if len(l) > 0 || k.Title != "Infra" || k.Text != "770" || k.Upper != "800" || k.Period != "2026" || len(k.Sources) != 1 {
		t.Errorf("headline %+v %v", k, l)
	}
	if got := DatasetsOf(p); strings.Join(got, ",") != "si" {
		t.Errorf("the page's datasets %v do not include its headline's", got)
	}
	if k, l := BuildHeadline(Decode(&content.Page{File: "content/x.md"}), ts, words(), "es"); k != nil || l != nil {
		t.Errorf("a page without headline: %v %v", k, l)
	}
	for _, tc := range []struct{ headline, err string }{
		{"data = \"si\"\nwhere = { id = \"b\" }\nvaleu = \"value\"\ntitle = \"t\"\n", `content/s.md:8:1: unknown key "valeu" (did you mean "value"?)`},
		{"data = \"si\"\nwhere = { sector = \"Software\" }\nvalue = \"value\"\ntitle = \"t\"\n", `content/s.md:7:1: the card must select exactly one row and selects 2`},
		{"data = \"sj\"\nwhere = { id = \"b\" }\nvalue = \"value\"\ntitle = \"t\"\n", `content/s.md:6:1: there is no dataset "sj" (did you mean "si"?)`},
	} {
		p := parse(tc.headline)
		_, l := BuildHeadline(p, ts, words(), "es")
		_, all := BuildPage(p, ts, words(), "es", "c")
		if len(l) != 1 || !strings.Contains(l.Format("en"), tc.err) || len(all) != 1 {
			t.Errorf("got %v (BuildPage: %v), want %s", l.Format("en"), all.Format("en"), tc.err)
		}
	}
}
