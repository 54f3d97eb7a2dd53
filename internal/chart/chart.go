package chart

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// Chart is a built chart.
type Chart struct {
	ID                    string
	Type                  string
	Title, Subtitle, Note string
	Alt                   string // text alternative, generated unless the block gives one
	Empty                 string // when set, the block shows this text instead of a chart
	Option                json.RawMessage
	Layout                Layout
	Frame                 *Frame
	Gaps                  []string // categories without a figure, shown as gaps
	Sources               []Source
	Dataset               string // dataset name, for the full download
	// Variants are the chart redrawn for each selection of the page's
	// filters, computed here so the browser needs no query engine.
	Variants []Variant
}

func (s *ChartSpec) common() *Common { return &s.Common }

func (s *ChartSpec) needs(n *Needs) {
	n.key(s.X, s.Series)
	n.value(s.Y...)
	if s.Aggregate == "" {
		n.AllRows = true
	}
}

func (s *ChartSpec) build(b content.Block, ts Tables, at build) (Content, diag.List) {
	return asContent(buildChart(b, s, ts, at.words, at.lang, at.id, at.filters))
}

// Scripts returns what the browser needs to draw c: nothing beyond the
// page for a chart without data.
func (c *Chart) Scripts() (s Scripts, drawn bool) {
	if c.Empty != "" {
		return Core, false
	}
	if k := kinds[c.Type]; k != nil {
		return k.scripts, true
	}
	return Core, true
}

// FilterValues returns the chart's dataset and the values of col for
// which it has a variant of its own.
func (c *Chart) FilterValues(col string) (string, []string) {
	var vals []string
	for _, v := range c.Variants {
		if len(v.Select) == 1 && v.Select[col] != "" {
			vals = append(vals, v.Select[col])
		}
	}
	return c.Dataset, vals
}

func buildChart(b content.Block, s *ChartSpec, ts Tables, w i18n.Words, lang, id string, filters []string) (*Chart, diag.List) {
	k := kinds[s.Type]
	if k == nil {
		names := kindNames()
		d := blockErr(b, "type", "tipo de gráfico desconocido %q", "unknown chart type %q", s.Type)
		if n := diag.Nearest(s.Type, names); n != "" && s.Type != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
		} else {
			d = d.WithHint("use uno de: %s", "use one of: %s", strings.Join(names, ", "))
		}
		return nil, diag.List{d}
	}
	switch s.Aggregate {
	case "", "sum", "count":
	default:
		return nil, diag.List{blockErr(b, "aggregate", "aggregate desconocido %q", "unknown aggregate %q", s.Aggregate).
			WithHint(`use "sum" o "count"`, `use "sum" or "count"`)}
	}
	t, l := ts.source(b, &s.Common, diag.T("el gráfico no tiene título", "the chart has no title"))
	if len(l) > 0 {
		return nil, l
	}
	c := &Chart{ID: id, Type: s.Type, Title: s.Title, Subtitle: s.Subtitle, Note: s.Note, Dataset: t.Name}
	rows, l := s.rows(b, t)
	if len(l) > 0 {
		return nil, l
	}
	f, l := frame(b, s, t, rows, w, lang)
	if len(l) > 0 {
		return nil, l
	}
	if !f.Drawable() {
		if s.Empty == "" {
			return nil, diag.List{blockErr(b, "where", "el gráfico no tiene datos: ninguna fila cumple la condición", "the chart has no data: no row meets the condition").
				WithHint(`corrija where, o añada empty = "…" con el texto que se mostrará`, `fix where, or add empty = "…" with the text to show`)}
		}
		c.Empty = s.Empty
		return c, nil
	}
	if k.single && len(f.Series) > 1 {
		return nil, diag.List{blockErr(b, "y", "un gráfico %s muestra una sola serie", "a %s chart shows a single series", s.Type)}
	}
	if k.check != nil {
		if d := k.check(b, s, t); d != nil {
			return nil, diag.List{*d}
		}
	}
	if s.Highlight != "" && !slices.Contains(f.Keys, s.Highlight) {
		d := blockErr(b, "highlight", "highlight %q no es un valor de %q en el gráfico", "highlight %q is not a value of %q in the chart", s.Highlight, s.X)
		if n := diag.Nearest(s.Highlight, f.Keys); n != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
		}
		return nil, diag.List{d}
	}
	c.Frame = f
	c.Gaps = f.Gaps()
	c.Sources = sources(t, rows, lang)
	c.Alt = s.Alt
	if c.Alt == "" {
		c.Alt = describe(w, k, s.Title, f, lang)
	}
	ob := optionBuffers.Get().(*bytes.Buffer)
	defer optionBuffers.Put(ob)
	opt, err := option(s.Type, s, f, lang, ob, nil)
	if err != nil {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "%v", "%v", err)}
	}
	c.Option = bytes.Clone(opt.json())
	c.Layout = layoutOf(k, s, f)
	c.Variants, l = variants(b, s, t, rows, filters, w, lang, opt)
	return c, l
}
