package chart

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// Source names where figures come from.
type Source struct {
	Name string
	URL  string // http(s) only; empty when the source is not online
	Date string
}

// Block is one built block of a page, ready for the theme.
type Block struct {
	InRow bool // a kpi continuing the row of cards before it
	Half  bool // a chart or table laid out beside its neighbour on wide screens (width = "half")
	// Content is what the block shows: a *Chart, a *KPI or a *Table; nil
	// when the block has errors.
	Content Content
}

// Content is a built block: a *Chart, a *KPI or a *Table. The theme's
// writer (render) writes each its own way; the rest of the build asks
// only what this interface answers.
type Content interface {
	// Scripts is what the browser loads to show the block; drawn is
	// false for a block that draws no chart (a card, a table, a chart
	// without data).
	Scripts() (s Scripts, drawn bool)
	// FilterValues returns the dataset the block shows and the values
	// the page's filter column col takes in the rows it can show, for
	// the filter controls; name is "" for a block no filter narrows.
	FilterValues(col string) (name string, values []string)
}

// asContent returns a built block as a Content: nil, not a nil pointer in
// the interface, when it could not be built.
func asContent[P interface {
	*E
	Content
}, E any](c P, l diag.List) (Content, diag.List) {
	if c == nil {
		return nil, l
	}
	return c, l
}

// build is where BuildPage builds a block: the block's place on the page.
type build struct {
	lang    string
	words   i18n.Words // the theme's interface words
	id      string     // the chart id of the block, unique in the site
	filters []string   // the page's filter columns
}

// BuildPage builds every block of p in lang. idPrefix makes chart ids unique
// and stable across builds.
func BuildPage(p *Page, ts Tables, words i18n.Words, lang, idPrefix string) ([]Block, diag.List) {
	var all diag.List
	out := make([]Block, len(p.Blocks))
	for i, b := range p.Blocks {
		out[i] = Block{InRow: b.InRow}
		sp := p.Specs[i]
		if len(sp.Err) > 0 {
			all = append(all, sp.Err...)
			continue
		}
		if sp.spec == nil {
			continue // a fence of no block kind; content reports it
		}
		half, d := halfWidth(b, sp.spec.common())
		if d != nil {
			all.Add(*d)
			continue
		}
		out[i].Half = half
		c, l := sp.spec.build(b, ts, build{lang: lang, words: words, id: fmt.Sprintf("%s-%d", idPrefix, i+1), filters: p.Meta.Filters})
		out[i].Content = c
		all = append(all, l...)
	}
	// The headline is shown on the home page; it is checked here, with
	// the board it belongs to, so its errors are reported once and at it.
	if p.Headline.spec != nil || len(p.Headline.Err) > 0 {
		_, l := BuildHeadline(p, ts, words, lang)
		all = append(all, l...)
	}
	return out, all
}

// BuildHeadline builds the card of a page's [headline] front matter table
// in lang: the figure the home page shows on the board's card. It is nil
// without one.
func BuildHeadline(p *Page, ts Tables, words i18n.Words, lang string) (*KPI, diag.List) {
	h := p.Headline
	if len(h.Err) > 0 {
		return nil, h.Err
	}
	k, _ := h.spec.(*KPISpec)
	if k == nil {
		return nil, nil
	}
	if k.Width != "" {
		return nil, diag.List{blockErr(*p.Page.Headline, "width", "width no vale para headline", "width does not apply to headline").
			WithHint("quite width", "remove width")}
	}
	return buildKPI(*p.Page.Headline, k, ts, words, lang)
}

var placeholderRe = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// fill replaces {column} in text with the row's value of that column.
func fill(b content.Block, key, text string, t *dataset.Table, row int, lang string) (string, *diag.Diagnostic) {
	var bad *diag.Diagnostic
	out := placeholderRe.ReplaceAllStringFunc(text, func(m string) string {
		c, d := column(b, t, key, m[1:len(m)-1])
		if d != nil {
			bad = d
			return m
		}
		return cellText(c, row, lang)
	})
	return out, bad
}

// cellText writes a cell for readers of lang.
func cellText(c *dataset.Column, row int, lang string) string {
	switch {
	case c.IsNull(row):
		return ""
	case c.Spec.Type == dataset.TypeCountry:
		return country.Name(c.Str[row], lang)
	case c.Spec.Type == dataset.TypeDate:
		return i18n.FormatDate(c.Str[row], lang)
	case c.Spec.Type == dataset.TypeYear:
		return strconv.Itoa(int(c.Num[row]))
	case c.Num != nil:
		return i18n.FormatNumber(c.Num[row], lang, c.Decimals())
	}
	return c.Spec.ValueLabel(c.Str[row], lang)
}

// sources lists where the given rows of t come from: each row's own source
// when the dataset names one per row, otherwise the dataset's.
func sources(t *dataset.Table, rows []int, lang string) []Source {
	s := t.Schema
	if s.RowSource == "" {
		src := Source{Name: s.Source.In(lang), Date: i18n.FormatDate(s.Updated.String(), lang)}
		if safeURL(s.SourceURL) {
			src.URL = s.SourceURL
		}
		return []Source{src}
	}
	if len(rows) == 0 && !s.Source.IsZero() {
		return sources(&dataset.Table{Schema: &dataset.Schema{Source: s.Source, SourceURL: s.SourceURL, Updated: s.Updated}}, nil, lang)
	}
	nc, uc := t.Col(s.RowSource), t.Col(s.RowSourceURL)
	var out []Source
	seen := map[Source]bool{}
	for _, r := range rows {
		src := Source{Name: nc.Spec.ValueLabel(nc.Text(r), lang)}
		if uc != nil && safeURL(uc.Text(r)) {
			src.URL = uc.Text(r)
		}
		if src.Name == "" && src.URL == "" {
			continue
		}
		if !seen[src] {
			seen[src] = true
			out = append(out, src)
		}
	}
	numberNamesakes(out)
	return out
}

// numberNamesakes numbers the sources that share a name (two articles of
// one newspaper): "Caracol Radio [1]", "Caracol Radio [2]", in brackets
// because many names end in a parenthesis already. The same words leading
// to two pages looked like a list written twice, and told a reader of
// links nothing about which is which.
func numberNamesakes(srcs []Source) {
	count := map[string]int{}
	for _, s := range srcs {
		count[s.Name]++
	}
	nth := map[string]int{}
	for i, s := range srcs {
		if count[s.Name] > 1 {
			nth[s.Name]++
			srcs[i].Name = fmt.Sprintf("%s [%d]", s.Name, nth[s.Name])
		}
	}
}

func safeURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// widths are the values of the width key.
var widths = []string{"", "full", "half"}

// halfWidth reads the width key of a block: whether it is laid out at
// half width, or why the key is wrong. Cards have their own row.
func halfWidth(b content.Block, c *Common) (bool, *diag.Diagnostic) {
	if c == nil || c.Width == "" {
		return false, nil
	}
	if b.Kind == "kpi" {
		d := blockErr(b, "width", "width no vale para tarjetas kpi: las tarjetas seguidas ya forman una fila",
			"width does not apply to kpi cards: consecutive cards already form a row").
			WithHint("quite width", "remove width")
		return false, &d
	}
	if !slices.Contains(widths, c.Width) {
		d := blockErr(b, "width", "width desconocido %q", "unknown width %q", c.Width)
		if n := diag.Nearest(c.Width, widths[1:]); n != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
		} else {
			d = d.WithHint(`use "half" (la mitad, al lado del siguiente bloque "half") o "full"`,
				`use "half" (half the width, beside the next "half" block) or "full"`)
		}
		return false, &d
	}
	return c.Width == "half", nil
}
