package chart

import (
	"math"
	"net/url"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// Table is a built table.
type Table struct {
	Title, Subtitle, Note string
	Header                []string
	Numeric               []bool
	Long                  []bool // columns holding long texts, given room to wrap
	Rows                  [][]Cell
	Sources               []Source
	Empty                 string
	Dataset               string
	// RowFilters holds, per row, its values of the page's filter columns
	// as a query string ("pais=CA&year=2022"), so the browser can hide rows.
	RowFilters []string
}

// Cell is one table cell: its text, the key it sorts by and an optional link.
type Cell struct {
	Text string
	Sort string
	Link string
	// Country is the ISO code of a country cell: the page links it to the
	// country's own page when the site has one.
	Country string
}

func (s *TableSpec) common() *Common { return &s.Common }

// needs: a table shows the rows themselves.
func (s *TableSpec) needs(n *Needs) { n.AllRows = true }

func (s *TableSpec) build(b content.Block, ts Tables, at build) (Content, diag.List) {
	return asContent(buildTable(b, s, ts, at.words, at.lang, at.filters))
}

// Scripts: a table draws no chart.
func (t *Table) Scripts() (Scripts, bool) { return Core, false }

// FilterValues returns the table's dataset and the values of col in its
// rows.
func (t *Table) FilterValues(col string) (string, []string) {
	var vals []string
	for _, q := range t.RowFilters {
		if v, err := url.ParseQuery(q); err == nil && v.Get(col) != "" {
			vals = append(vals, v.Get(col))
		}
	}
	return t.Dataset, vals
}

func buildTable(b content.Block, s *TableSpec, ts Tables, w i18n.Words, lang string, filters []string) (*Table, diag.List) {
	t, l := ts.source(b, &s.Common, diag.T("la tabla no tiene título", "the table has no title"))
	if len(l) > 0 {
		return nil, l
	}
	tb := &Table{Title: s.Title, Subtitle: s.Subtitle, Note: s.Note, Dataset: t.Name}
	rows, l := s.rows(b, t)
	if len(l) > 0 {
		return nil, l
	}
	names := s.Columns
	if len(names) == 0 {
		names = t.ColumnNames()
	}
	var cols []*dataset.Column
	for _, n := range names {
		c, d := column(b, t, "columns", n)
		if d != nil {
			return nil, diag.List{*d}
		}
		cols = append(cols, c)
		h := c.Spec.Title(lang)
		if u := c.Spec.Unit.In(lang); u != "" && !strings.Contains(strings.ToLower(h), strings.ToLower(u)) {
			h += " (" + u + ")"
		}
		tb.Header = append(tb.Header, h)
		tb.Numeric = append(tb.Numeric, c.Num != nil && c.Spec.Type != dataset.TypeYear)
	}
	if s.Sort != "" {
		name, desc := strings.CutPrefix(s.Sort, "-")
		sc, d := column(b, t, "sort", name)
		if d != nil {
			return nil, diag.List{*d}
		}
		sortRows(rows, sc, desc)
	}
	if len(rows) == 0 {
		if s.Empty == "" {
			return nil, diag.List{blockErr(b, "where", "la tabla no tiene filas: ninguna cumple la condición", "the table has no rows: none meets the condition").
				WithHint(`corrija where, o añada empty = "…"`, `fix where, or add empty = "…"`)}
		}
		tb.Empty = s.Empty
		return tb, nil
	}
	tb.Long = make([]bool, len(cols))
	// One array holds every row's cells: a table is built whole and let
	// go whole, and an allocation per row was most of a table's.
	cells := make([]Cell, len(rows)*len(cols))
	tb.Rows = make([][]Cell, 0, len(rows))
	tb.RowFilters = make([]string, 0, len(rows))
	for i, r := range rows {
		row := cells[i*len(cols) : (i+1)*len(cols) : (i+1)*len(cols)]
		for j, c := range cols {
			row[j] = Cell{Text: figureText(w, t, c, r, lang), Sort: c.Text(r)}
			if c.Spec.Type == dataset.TypeURL && safeURL(c.Str[r]) {
				row[j].Link = c.Str[r]
			}
			if c.Spec.Type == dataset.TypeCountry && !c.IsNull(r) {
				row[j].Country = c.Str[r]
			}
		}
		for j, c := range row {
			if len([]rune(c.Text)) > 60 {
				tb.Long[j] = true
			}
		}
		tb.Rows = append(tb.Rows, row)
		q := url.Values{}
		for _, f := range filters {
			if c := t.Col(f); c != nil {
				q.Set(f, c.Text(r))
			}
		}
		tb.RowFilters = append(tb.RowFilters, q.Encode())
	}
	tb.Sources = sources(t, rows, lang)
	return tb, nil
}

func sortRows(rows []int, c *dataset.Column, desc bool) {
	less := func(a, b int) int {
		if c.Num != nil {
			x, y := c.Num[a], c.Num[b]
			switch {
			case math.IsNaN(x) && math.IsNaN(y):
				return 0
			case math.IsNaN(x):
				return 1 // empty cells last
			case math.IsNaN(y):
				return -1
			case x < y:
				return -1
			case x > y:
				return 1
			}
			return 0
		}
		return strings.Compare(c.Str[a], c.Str[b])
	}
	slices.SortStableFunc(rows, func(a, b int) int {
		if desc {
			return -less(a, b)
		}
		return less(a, b)
	})
}
