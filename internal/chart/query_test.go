package chart

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// TestSelectRowsIndex checks that selecting rows through a column's index
// (tables of indexRows rows or more) gives the rows a scan gives.
func TestSelectRowsIndex(t *testing.T) {
	var rows [][]string
	for i := range 3000 {
		v := fmt.Sprint(i % 7)
		if i%11 == 0 {
			v = ""
		}
		place := fmt.Sprintf("P%d", i%37)
		if i%13 == 0 {
			place = ""
		}
		rows = append(rows, []string{place, fmt.Sprint(2000 + i%15), v})
	}
	tab := table("t", []string{"place:text", "year:year", "value:number"}, rows)
	for _, where := range []map[string]any{
		{"place": "P3"},
		{"place": []any{"P3", "P5", "P3"}},
		{"place": ""},
		{"place": "nowhere"},
		{"year": int64(2005)},
		{"year": "2005"},
		{"year": float64(2005)},
		{"year": []any{int64(2005), int64(2010)}, "place": "P3"},
		{"value": int64(3), "year": int64(2001)},
		{"value": "x"},
		{},
	} {
		t.Run(fmt.Sprint(where), func(t *testing.T) {
			got, l := selectRows(block("chart", ""), tab, where, "where")
			if len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			defer func(n int) { indexRows = n }(indexRows)
			indexRows = len(rows) + 1
			want, _ := selectRows(block("chart", ""), tab, where, "where")
			if !slices.Equal(got, want) {
				t.Errorf("index: %d rows %v…, scan: %d rows %v…", len(got), got[:min(5, len(got))], len(want), want[:min(5, len(want))])
			}
			if len(where) > 0 && where["place"] != "nowhere" && where["value"] != "x" && len(want) == 0 {
				t.Error("the condition selects no row: a weak test")
			}
		})
	}
}

// TestMayBeNumber checks the shortcut of compareKeys against
// strconv.ParseFloat itself: it may let through a string that does not
// parse, never stop one that does.
func TestMayBeNumber(t *testing.T) {
	for _, s := range []string{"", "0", "12", "-3.5", "+.5", ".", "1e3", "0x1p-2", "1_000", "Inf", "-inf", "+Infinity", "NaN", "nan",
		"Infraestructura", "Norte", "infinit", "nana", "Comercio", "2020-2023", "- 1", "+", "-", "ES", "é"} {
		_, err := strconv.ParseFloat(s, 64)
		if err == nil && !mayBeNumber(s) {
			t.Errorf("mayBeNumber(%q) = false, but ParseFloat reads it", s)
		}
	}
	for _, s := range []string{"Comercio", "Agronegocios", "Infraestructura y logística", "Norte", "ES", "é", ""} {
		if mayBeNumber(s) {
			t.Errorf("mayBeNumber(%q) = true: every comparison of it would allocate an error", s)
		}
	}
	if got := compareKeys("10", "9"); got != 1 {
		t.Errorf(`compareKeys("10", "9") = %d: numbers compare as numbers`, got)
	}
	if got := compareKeys("Norte", "Comercio"); got != 1 {
		t.Errorf(`compareKeys("Norte", "Comercio") = %d`, got)
	}
}
