// Package chart turns the blocks of a page (chart, kpi, table) and the
// datasets they name into what the theme draws: ECharts options built with
// go-echarts types, KPI cards and tables, each with its source. It is pure:
// no files are read or written here.
package chart

import (
	"fmt"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/tomlx"
)

// Common holds the keys every block has.
type Common struct {
	Data     string         `toml:"data"`
	Where    map[string]any `toml:"where"`
	Title    string         `toml:"title"`
	Subtitle string         `toml:"subtitle"`
	Note     string         `toml:"note"`
	Empty    string         `toml:"empty"`
	NotEmpty []string       `toml:"not_empty"` // keep only rows with a value in these columns
	// Width is "half" for a chart or table laid out beside the next half
	// block on wide screens; "" or "full" takes the whole width.
	Width string `toml:"width"`
}

// rows returns the rows of t the block selects with where and not_empty.
func (c *Common) rows(b content.Block, t *dataset.Table) ([]int, diag.List) {
	rows, l := selectRows(b, t, c.Where, "where")
	if len(l) > 0 || len(c.NotEmpty) == 0 {
		return rows, l
	}
	var cols []*dataset.Column
	for _, name := range c.NotEmpty {
		col, d := column(b, t, "not_empty", name)
		if d != nil {
			return nil, diag.List{*d}
		}
		cols = append(cols, col)
	}
	kept := rows[:0]
	for _, r := range rows {
		ok := true
		for _, col := range cols {
			if col.IsNull(r) {
				ok = false
			}
		}
		if ok {
			kept = append(kept, r)
		}
	}
	return kept, nil
}

// ChartSpec is a ```chart block.
type ChartSpec struct {
	Common
	Type      string  `toml:"type"`
	X         string  `toml:"x"`
	Y         Columns `toml:"y"`
	Series    string  `toml:"series"`
	Stack     bool    `toml:"stack"`
	Aggregate string  `toml:"aggregate"`
	Sort      string  `toml:"sort"`
	Alt       string  `toml:"alt"`
	Highlight string  `toml:"highlight"` // an x value drawn in the accent colour
}

// KPISpec is a ```kpi block.
type KPISpec struct {
	Common
	Value     string         `toml:"value"`
	Unit      string         `toml:"unit"`
	Period    string         `toml:"period"`
	Goal      string         `toml:"goal"`
	Previous  map[string]any `toml:"previous"`
	Aggregate string         `toml:"aggregate"` // "count" rows, "sum" the value column or count its "distinct" values
}

// TableSpec is a ```table block.
type TableSpec struct {
	Common
	Columns []string `toml:"columns"`
	Sort    string   `toml:"sort"`
}

// Columns is one column name or a list of them.
type Columns []string

// UnmarshalTOML implements toml.Unmarshaler.
func (c *Columns) UnmarshalTOML(v any) error {
	s, ok := tomlx.Strings(v)
	if ok {
		*c = append(*c, s...)
		return nil
	}
	if _, list := v.([]any); list {
		return fmt.Errorf("y must list column names")
	}
	return fmt.Errorf("y must be a column name or a list of them")
}

// Tables gives the blocks access to the datasets by name.
type Tables map[string]*dataset.Table

// untitled reports a block without a title; msg names the block.
func untitled(b content.Block, msg diag.Text) diag.Diagnostic {
	return diag.Diagnostic{File: b.File, Line: b.Line, Col: 1, Msg: msg}.
		WithHint(`añada title = "…"`, `add title = "…"`)
}

// source checks what a chart and a table need before their rows: a title
// (untitled names the block if it has none) and the dataset they name.
func (ts Tables) source(b content.Block, c *Common, msg diag.Text) (*dataset.Table, diag.List) {
	if c.Title == "" {
		return nil, diag.List{untitled(b, msg)}
	}
	t, d := ts.lookup(b, c.Data)
	if d != nil {
		return nil, diag.List{*d}
	}
	return t, nil
}

// lookup finds the block's dataset and reports a missing one at the block.
func (ts Tables) lookup(b content.Block, name string) (*dataset.Table, *diag.Diagnostic) {
	if name == "" {
		d := diag.Errorf(b.File, b.Line, 1, "el bloque %s no dice qué datos usar", "the %s block does not say which data to use", b.Kind).
			WithHint(`añada data = "nombre_del_csv"`, `add data = "csv_name"`)
		return nil, &d
	}
	if t, ok := ts[name]; ok {
		if t == nil || t.Broken() {
			// The dataset exists but has errors, reported on their own:
			// the block fails without a message of its own.
			return nil, &diag.Diagnostic{File: dataset.CSVPath(name)}
		}
		return t, nil
	}
	d := blockErr(b, "data", "no existe el conjunto de datos %q", "there is no dataset %q", name)
	names := make([]string, 0, len(ts))
	for n := range ts {
		names = append(names, n)
	}
	if n := diag.Nearest(name, names); n != "" {
		d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
	} else {
		d = d.WithHint("debe existir %s con %s", "%s with %s must exist", dataset.CSVPath(name), dataset.Path(name, ".toml"))
	}
	return nil, &d
}

// column checks that t has the column the block names under key.
func column(b content.Block, t *dataset.Table, key, name string) (*dataset.Column, *diag.Diagnostic) {
	if c := t.Col(name); c != nil {
		return c, nil
	}
	d := blockErr(b, key, "el conjunto %q no tiene la columna %q", "dataset %q has no column %q", t.Name, name)
	if n := diag.Nearest(name, t.ColumnNames()); n != "" {
		d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
	} else {
		d = d.WithHint("columnas: %s", "columns: %s", strings.Join(t.ColumnNames(), ", "))
	}
	return nil, &d
}

// blockErr reports a problem with key in block b, at the key's line.
func blockErr(b content.Block, key, es, en string, args ...any) diag.Diagnostic {
	line, col := b.Line, 1
	if l, c, ok := tomlx.Parse(b.Body).Key(key); ok {
		line, col = b.Line+l-1, c
	}
	return diag.Errorf(b.File, line, col, es, en, args...)
}

// Page is a content page with the TOML of its blocks decoded. Decoding
// depends on no language, so a page is decoded once however many
// languages it is built in, and the datasets it needs are known before
// any is read.
type Page struct {
	*content.Page
	Specs []Spec // one per block of Page.Blocks
	// Headline is the front matter's [headline] card, decoded (empty
	// without one).
	Headline Spec
}

// Spec is one decoded block: the spec of its kind, or why it has none.
type Spec struct {
	spec blockSpec // nil with Err, or for a fence of no block kind
	Err  diag.List
}

// blockSpec is the decoded TOML of a block of one kind: a *ChartSpec, a
// *KPISpec or a *TableSpec.
type blockSpec interface {
	// common returns the keys every kind of block has.
	common() *Common
	// needs adds to n what the block uses of its dataset.
	needs(n *Needs)
	// build builds the block from the datasets.
	build(b content.Block, ts Tables, at build) (Content, diag.List)
}

// blockKinds makes an empty spec for each kind of fenced block.
var blockKinds = map[string]func() blockSpec{
	"chart": func() blockSpec { return &ChartSpec{} },
	"kpi":   func() blockSpec { return &KPISpec{} },
	"table": func() blockSpec { return &TableSpec{} },
}

// common returns the keys every kind of block has, or nil when the block
// could not be decoded.
func (s Spec) common() *Common {
	if len(s.Err) > 0 || s.spec == nil {
		return nil
	}
	return s.spec.common()
}

// Data is the dataset the block names, "" when it names none or could not
// be decoded.
func (s Spec) Data() string {
	if c := s.common(); c != nil {
		return c.Data
	}
	return ""
}

// Decode decodes every block of p.
func Decode(p *content.Page) *Page {
	out := &Page{Page: p, Specs: make([]Spec, len(p.Blocks))}
	for i, b := range p.Blocks {
		if mk := blockKinds[b.Kind]; mk != nil {
			out.Specs[i] = decodeSpec(b, mk())
		}
	}
	if p.Headline != nil {
		out.Headline = decodeSpec(*p.Headline, &KPISpec{})
	}
	return out
}

// decodeSpec decodes block b into sp.
func decodeSpec(b content.Block, sp blockSpec) Spec {
	if l := decode(b, sp); len(l) > 0 {
		return Spec{Err: l}
	}
	return Spec{spec: sp}
}

// decode reads a block's TOML into v. The spec is detached from the copy
// of the TOML the library decodes from (see tomlx.Detach): the block keeps
// its own text, and specs waiting for their page held both.
func decode(b content.Block, v any) diag.List {
	if l := tomlx.Decode(b.File, b.Line, b.Body, v); len(l) > 0 {
		return l
	}
	tomlx.Detach(v)
	return nil
}
