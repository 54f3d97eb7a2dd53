package chart

import (
	"bytes"
	"maps"
	"slices"
	"strconv"
	"testing"

	"github.com/tablero/tablero/internal/dataset"
)

// TestVariantsMeetEveryFilter holds each variant of a chart filtered by two
// columns, one of text and one of years, to the rows that meet both of its
// selected values, summed here apart from the chart code.
func TestVariantsMeetEveryFilter(t *testing.T) {
	rows := [][]string{
		{"Norte", "2020", "Comercio", "1"},
		{"Norte", "2021", "Comercio", "2"},
		{"Norte", "2021", "Agro", "4"},
		{"Sur", "2020", "Agro", "8"},
		{"Sur", "2021", "Comercio", "16"},
		{"Sur", "2021", "Agro", "32"},
		{"", "2020", "Agro", "64"},
	}
	ts := Tables{"f": table("f", []string{"region:category", "year:year", "sector:category", "amount:number"}, rows)}
	b := block("chart", "type = \"bar\"\ndata = \"f\"\nx = \"sector\"\ny = \"amount\"\naggregate = \"sum\"\ntitle = \"t\"")
	c, l := decodeChart(b, ts, "es", "c", []string{"region", "year"})
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	// Every combination but "all, all": (2 regions + all) × (2 years + all) - 1.
	if len(c.Variants) != 8 {
		t.Fatalf("%d variants, want 8", len(c.Variants))
	}
	seen := map[string]bool{}
	for _, v := range c.Variants {
		key := v.Select["region"] + "|" + v.Select["year"]
		if seen[key] {
			t.Errorf("selection %v twice", v.Select)
		}
		seen[key] = true
		want := map[string]float64{}
		for _, r := range rows {
			if reg, ok := v.Select["region"]; ok && r[0] != reg {
				continue
			}
			if yr, ok := v.Select["year"]; ok && r[1] != yr {
				continue
			}
			n, _ := strconv.ParseFloat(r[3], 64)
			want[r[2]] += n
		}
		got := map[string]float64{}
		for i, x := range v.X {
			if p := v.Series[0].Values[i]; p != nil {
				got[x] = *p
			}
		}
		if !maps.Equal(got, want) {
			t.Errorf("selection %v: sums %v, want %v", v.Select, got, want)
		}
		if len(want) > 0 && v.Option == nil {
			t.Errorf("selection %v: rows but no option", v.Select)
		}
		keys := slices.Sorted(maps.Keys(v.Select))
		if len(keys) == 0 || slices.ContainsFunc(keys, func(k string) bool { return k != "region" && k != "year" }) {
			t.Errorf("selection %v: want one or both of region and year", v.Select)
		}
	}
}

// TestVariantWithNothingToDraw: a selection whose rows all lack a value in
// x (here, no country) is shown as one that no row meets, for every kind
// of chart. A world map filtered by sector used to panic on it, and with
// it the whole build.
func TestVariantWithNothingToDraw(t *testing.T) {
	ts := Tables{"inv": table("inv", []string{"sector:text", "country:country", "value:number"}, [][]string{
		{"Agro", "US", "10"},
		{"Agro", "", "5"},
		{"Moda", "", "7"},
	})}
	for _, typ := range kindNames() {
		b := block("chart", "type = \""+typ+"\"\ndata = \"inv\"\nx = \"country\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"")
		c, l := decodeChart(b, ts, "es", "c", []string{"sector"})
		if len(l) > 0 {
			t.Fatalf("%s: %s", typ, l.Format("en"))
		}
		var agro, moda *Variant
		for i, v := range c.Variants {
			switch v.Select["sector"] {
			case "Agro":
				agro = &c.Variants[i]
			case "Moda":
				moda = &c.Variants[i]
			}
		}
		if agro == nil || moda == nil {
			t.Fatalf("%s: variants %+v, want one for Agro and one for Moda", typ, c.Variants)
		}
		if len(agro.X) != 1 || agro.Option == nil {
			t.Errorf("%s: Agro's variant %+v, want its one country and an option", typ, agro)
		}
		if len(moda.X) != 0 || len(moda.Series) != 0 || moda.Option != nil {
			t.Errorf("%s: Moda's variant %+v, want it empty", typ, moda)
		}
	}
}

// TestFrameFreeKeys: the keys a filter variant takes from its chart's own
// option instead of encoding them (frameFree) are written the same, byte
// for byte, over every subset of the rows, for every kind of chart, with
// one series or several, a gap or none, many categories or one, in either
// language.
func TestFrameFreeKeys(t *testing.T) {
	tb, shapes := fiveRows(), optionShapes
	for _, typ := range kindNames() {
		checked := 0
		for _, lang := range []string{"es", "en"} {
			for _, shape := range shapes {
				b := block("chart", "type = \""+typ+"\"\ndata = \"inv\"\n"+shape+"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"")
				var s ChartSpec
				if l := decode(b, &s); len(l) > 0 {
					t.Fatal(l.Format("en"))
				}
				var own []byte
				for mask := 1; mask < 1<<len(tb.Lines); mask++ {
					var rows []int
					for r := range tb.Lines {
						if mask&(1<<r) != 0 {
							rows = append(rows, r)
						}
					}
					f, l := frame(b, &s, tb, rows, words(), lang)
					if len(l) > 0 || !f.Drawable() {
						continue // not a chart of this kind, or nothing to draw
					}
					var buf bytes.Buffer
					o, err := option(typ, &s, f, lang, &buf, nil)
					if err != nil {
						t.Fatal(err)
					}
					var got []byte
					for i, name := range o.names {
						if frameFree[name] {
							got = append(append(append(got, name...), o.values[i]...), '\n')
						}
					}
					if own == nil {
						own = got
					} else if !bytes.Equal(got, own) {
						t.Errorf("%s, %s, %s, rows %v:\n%s\nwant, as over the first rows,\n%s", typ, lang, shape, rows, got, own)
					}
					checked++
				}
			}
		}
		if checked < 20 {
			t.Errorf("%s: %d options compared; the table or the shapes do not fit this kind", typ, checked)
		}
	}
}

// fiveRows is a table every kind of chart can draw, one row without a
// country; optionShapes are the ways the option tests draw it.
func fiveRows() *dataset.Table {
	return table("inv", []string{"sector:category", "year:year", "country:country", "value:number"}, [][]string{
		{"Agro", "2020", "US", "10"},
		{"Agro", "2021", "ES", "5"},
		{"Moda", "2020", "US", "7"},
		{"Moda", "2022", "CO", "2.5"},
		{"TIC", "2021", "", "1"},
	})
}

var optionShapes = []string{`x = "sector"`, `x = "year"`, "x = \"year\"\nseries = \"sector\"", `x = "country"`}
