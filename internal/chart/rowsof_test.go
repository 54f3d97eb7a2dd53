package chart

import (
	"testing"

	"github.com/tablero/tablero/internal/content"
)

// TestOnlyRowsOf checks when a page generated for value "P1" of the columns
// place and partner of dataset d shows only the rows holding that value in
// one of them, the condition for keying it by those rows.
func TestOnlyRowsOf(t *testing.T) {
	chartOn := func(data, where string) content.Block {
		body := "type = \"bar\"\ndata = \"" + data + "\"\nx = \"year\"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\n"
		if where != "" {
			body += "where = " + where + "\n"
		}
		return block("chart", body)
	}
	kpi := func(where, previous string) content.Block {
		body := "data = \"d\"\nvalue = \"value\"\ntitle = \"t\"\nwhere = " + where + "\n"
		if previous != "" {
			body += "previous = " + previous + "\n"
		}
		return block("kpi", body)
	}
	for _, tc := range []struct {
		name   string
		blocks []content.Block
		value  string
		want   bool
	}{
		{"where names the value", []content.Block{chartOn("d", `{ place = "P1" }`)}, "P1", true},
		{"and another condition", []content.Block{chartOn("d", `{ place = "P1", year = 2020 }`)}, "P1", true},
		{"a list of the value alone", []content.Block{chartOn("d", `{ place = ["P1"] }`)}, "P1", true},
		{"a list of two values", []content.Block{chartOn("d", `{ place = ["P1", "P2"] }`)}, "P1", false},
		{"another value", []content.Block{chartOn("d", `{ place = "P2" }`)}, "P1", false},
		{"no where", []content.Block{chartOn("d", "")}, "P1", false},
		{"where on another column", []content.Block{chartOn("d", `{ year = 2020 }`)}, "P1", false},
		{"one block of two without where", []content.Block{chartOn("d", `{ place = "P1" }`), chartOn("d", "")}, "P1", false},
		{"a block of another dataset", []content.Block{chartOn("d", `{ place = "P1" }`), chartOn("other", "")}, "P1", true},
		{"the other column of by", []content.Block{chartOn("d", `{ partner = "P1" }`), chartOn("d", `{ place = "P1" }`)}, "P1", true},
		{"the other column, another value", []content.Block{chartOn("d", `{ partner = "P1", place = "P2" }`)}, "P1", true},
		{"a number", []content.Block{chartOn("d", `{ place = 7 }`)}, "7", true},
		{"a KPI whose previous names the value", []content.Block{kpi(`{ place = "P1", year = 2021 }`, `{ place = "P1", year = 2020 }`)}, "P1", true},
		{"a KPI whose previous does not", []content.Block{kpi(`{ place = "P1", year = 2021 }`, `{ year = 2020 }`)}, "P1", false},
		{"a block that does not decode", []content.Block{chartOn("d", `{ place = "P1" }`), block("chart", "type = [")}, "P1", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Decode(&content.Page{File: "content/p.md", Blocks: tc.blocks})
			if got := OnlyRowsOf(p, "d", []string{"place", "partner"}, tc.value); got != tc.want {
				t.Errorf("OnlyRowsOf = %v, want %v", got, tc.want)
			}
		})
	}
}
