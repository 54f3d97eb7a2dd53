package chart

import (
	"encoding/json"
	"fmt"
	"math"
	"net/url"
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
	Kind  string // chart | kpi | table
	InRow bool   // a kpi continuing the row of cards before it
	Half  bool   // a chart or table laid out beside its neighbour on wide screens (width = "half")
	Chart *Chart
	KPI   *KPI
	Table *Table
}

// Chart is a built chart.
type Chart struct {
	ID                    string
	Type                  string
	Title, Subtitle, Note string
	Alt                   string // text alternative, generated unless the block gives one
	Empty                 string // when set, the block shows this text instead of a chart
	Option                json.RawMessage
	Frame                 *Frame
	Gaps                  []string // categories without a figure, shown as gaps
	Sources               []Source
	Dataset               string // dataset name, for the full download
	// Variants are the chart redrawn for each selection of the page's
	// filters, computed here so the browser needs no query engine.
	Variants []Variant
}

// KPI is a built key-figure card.
type KPI struct {
	Title, Unit, Period string
	Value               float64
	Text                string // Value written for the page's language
	Goal                float64
	GoalText            string
	Progress            float64 // Value/Goal as a percentage; NaN without goal
	ProgressText        string
	Change              string // change against the previous period, e.g. "+12,3 % frente a 2021"
	Sources             []Source
	Empty               string
	// Before, Upper and After say how the source gives the figure, written
	// for the page's language (see QualParts): "más de" or "≈" before it,
	// a range's upper bound after a dash, "proyección" after it.
	Before, Upper, After string
}

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

// BuildPage builds every block of p in lang. idPrefix makes chart ids unique
// and stable across builds.
func BuildPage(p *Page, ts Tables, lang, idPrefix string) ([]Block, diag.List) {
	var all diag.List
	out := make([]Block, len(p.Blocks))
	for i, b := range p.Blocks {
		out[i] = Block{Kind: b.Kind, InRow: b.InRow}
		sp := p.Specs[i]
		if len(sp.Err) > 0 {
			all = append(all, sp.Err...)
			continue
		}
		var l diag.List
		half, d := halfWidth(b, sp.common())
		if d != nil {
			all.Add(*d)
			continue
		}
		out[i].Half = half
		switch b.Kind {
		case "chart":
			out[i].Chart, l = buildChart(b, sp.Chart, ts, lang, fmt.Sprintf("%s-%d", idPrefix, i+1), p.Meta.Filters)
		case "kpi":
			out[i].KPI, l = buildKPI(b, sp.KPI, ts, lang)
		case "table":
			out[i].Table, l = buildTable(b, sp.Table, ts, lang, p.Meta.Filters)
		}
		all = append(all, l...)
	}
	// The headline is shown on the home page; it is checked here, with
	// the board it belongs to, so its errors are reported once and at it.
	if p.Headline.KPI != nil || len(p.Headline.Err) > 0 {
		_, l := BuildHeadline(p, ts, lang)
		all = append(all, l...)
	}
	return out, all
}

// BuildHeadline builds the card of a page's [headline] front matter table
// in lang: the figure the home page shows on the board's card. It is nil
// without one.
func BuildHeadline(p *Page, ts Tables, lang string) (*KPI, diag.List) {
	h := p.Headline
	if len(h.Err) > 0 {
		return nil, h.Err
	}
	if h.KPI == nil {
		return nil, nil
	}
	if h.KPI.Width != "" {
		return nil, diag.List{blockErr(*p.Page.Headline, "width", "width no vale para headline", "width does not apply to headline").
			WithHint("quite width", "remove width")}
	}
	return buildKPI(*p.Page.Headline, h.KPI, ts, lang)
}

func buildChart(b content.Block, s *ChartSpec, ts Tables, lang, id string, filters []string) (*Chart, diag.List) {
	if !slices.Contains(chartTypes, s.Type) {
		d := blockErr(b, "type", "tipo de gráfico desconocido %q", "unknown chart type %q", s.Type)
		if n := diag.Nearest(s.Type, chartTypes); n != "" && s.Type != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
		} else {
			d = d.WithHint("use uno de: %s", "use one of: %s", strings.Join(chartTypes, ", "))
		}
		return nil, diag.List{d}
	}
	switch s.Aggregate {
	case "", "sum", "count":
	default:
		return nil, diag.List{blockErr(b, "aggregate", "aggregate desconocido %q", "unknown aggregate %q", s.Aggregate).
			WithHint(`use "sum" o "count"`, `use "sum" or "count"`)}
	}
	if s.Title == "" {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "el gráfico no tiene título", "the chart has no title").
			WithHint(`añada title = "…"`, `add title = "…"`)}
	}
	t, d := ts.lookup(b, s.Data)
	if d != nil {
		return nil, diag.List{*d}
	}
	c := &Chart{ID: id, Type: s.Type, Title: s.Title, Subtitle: s.Subtitle, Note: s.Note, Dataset: t.Name}
	rows, l := s.rows(b, t)
	if len(l) > 0 {
		return nil, l
	}
	f, l := frame(b, s, t, rows, lang)
	if len(l) > 0 {
		return nil, l
	}
	if len(f.Keys) == 0 || len(f.Series) == 0 {
		if s.Empty == "" {
			return nil, diag.List{blockErr(b, "where", "el gráfico no tiene datos: ninguna fila cumple la condición", "the chart has no data: no row meets the condition").
				WithHint(`corrija where, o añada empty = "…" con el texto que se mostrará`, `fix where, or add empty = "…" with the text to show`)}
		}
		c.Empty = s.Empty
		return c, nil
	}
	if (s.Type == "pie" || s.Type == "donut" || s.Type == "treemap" || s.Type == "map") && len(f.Series) > 1 {
		return nil, diag.List{blockErr(b, "y", "un gráfico %s muestra una sola serie", "a %s chart shows a single series", s.Type)}
	}
	if s.Type == "map" && t.Col(s.X).Spec.Type != dataset.TypeCountry {
		return nil, diag.List{blockErr(b, "x", "un mapa necesita una columna de tipo country en x", "a map needs a column of type country as x")}
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
		c.Alt = describe(s.Type, s.Title, f, lang)
	}
	opt, err := option(s.Type, s, f, c.Alt, lang)
	if err != nil {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "%v", "%v", err)}
	}
	c.Option = opt
	c.Variants, l = variants(b, s, t, rows, filters, lang)
	return c, l
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

func buildKPI(b content.Block, s *KPISpec, ts Tables, lang string) (*KPI, diag.List) {
	t, d := ts.lookup(b, s.Data)
	if d != nil {
		return nil, diag.List{*d}
	}
	k := &KPI{Progress: math.NaN(), Goal: math.NaN()}
	rows, l := s.rows(b, t)
	if len(l) > 0 {
		return nil, l
	}
	if s.Aggregate != "" {
		return aggregateKPI(b, s, t, rows, lang)
	}
	if len(rows) != 1 {
		if len(rows) == 0 && s.Empty != "" {
			k.Title, k.Empty = s.Title, s.Empty
			return k, nil
		}
		return nil, diag.List{blockErr(b, "where", "la tarjeta debe seleccionar exactamente una fila y selecciona %d", "the card must select exactly one row and selects %d", len(rows)).
			WithHint("ajuste where para que identifique una sola fila", "adjust where so it identifies a single row")}
	}
	r := rows[0]
	vc, d := column(b, t, "value", s.Value)
	if d != nil {
		return nil, diag.List{*d}
	}
	if vc.Num == nil {
		return nil, diag.List{blockErr(b, "value", "la columna %q no es numérica", "column %q is not numeric", s.Value)}
	}
	if vc.IsNull(r) {
		return nil, diag.List{blockErr(b, "value", "la fila elegida (línea %d de %s) no tiene valor en %q", "the chosen row (line %d of %s) has no value in %q", t.Lines[r], t.File, s.Value)}
	}
	k.Value = vc.Num[r]
	k.Text = cellText(vc, r, lang)
	if q := t.Qualifier(vc, r); q.Kind != dataset.QualExact {
		k.Before, k.Upper, k.After = QualParts(q, i18n.FormatNumber(q.Upper, lang, vc.Decimals()), lang)
	}
	for _, f := range []struct {
		key string
		in  string
		out *string
	}{{"title", s.Title, &k.Title}, {"unit", s.Unit, &k.Unit}, {"period", s.Period, &k.Period}} {
		v, d := fill(b, f.key, f.in, t, r, lang)
		if d != nil {
			return nil, diag.List{*d}
		}
		*f.out = v
	}
	if k.Title == "" {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "la tarjeta no tiene título", "the card has no title").
			WithHint(`añada title = "…" (puede usar {columna})`, `add title = "…" (it may use {column})`)}
	}
	if k.Unit == "" && vc.Spec.Unit.In(lang) != "" {
		k.Unit = vc.Spec.Unit.In(lang)
	}
	srcRows := []int{r}
	if s.Goal != "" {
		gc, d := column(b, t, "goal", s.Goal)
		if d != nil {
			return nil, diag.List{*d}
		}
		if gc.Num == nil || gc.IsNull(r) || gc.Num[r] == 0 {
			return nil, diag.List{blockErr(b, "goal", "la meta %q está vacía o no es un número en la línea %d de %s", "goal %q is empty or not a number on line %d of %s", s.Goal, t.Lines[r], t.File)}
		}
		k.Goal = gc.Num[r]
		k.GoalText = cellText(gc, r, lang)
		k.Progress = 100 * k.Value / k.Goal
		k.ProgressText = i18n.FormatNumber(k.Progress, lang, 1) + " %"
	}
	if len(s.Previous) > 0 {
		prev, l := selectRows(b, t, s.Previous, "previous")
		if len(l) > 0 {
			return nil, l
		}
		if len(prev) != 1 || vc.IsNull(prev[0]) || vc.Num[prev[0]] == 0 {
			return nil, diag.List{blockErr(b, "previous", "previous debe seleccionar una fila con valor y selecciona %d", "previous must select one row with a value and selects %d", len(prev))}
		}
		p := vc.Num[prev[0]]
		pct := 100 * (k.Value - p) / p
		sign := "+"
		if pct < 0 {
			sign = "−"
		}
		label := ""
		if s.Period != "" {
			label, _ = fill(b, "period", s.Period, t, prev[0], lang)
		}
		k.Change = sign + i18n.FormatNumber(math.Abs(pct), lang, 1) + " %"
		if label != "" {
			k.Change += map[string]string{"es": " frente a ", "en": " vs "}[lang] + label
		}
		srcRows = append(srcRows, prev[0])
	}
	k.Sources = sources(t, srcRows, lang)
	return k, nil
}

func buildTable(b content.Block, s *TableSpec, ts Tables, lang string, filters []string) (*Table, diag.List) {
	if s.Title == "" {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "la tabla no tiene título", "the table has no title").
			WithHint(`añada title = "…"`, `add title = "…"`)}
	}
	t, d := ts.lookup(b, s.Data)
	if d != nil {
		return nil, diag.List{*d}
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
	for _, r := range rows {
		row := make([]Cell, len(cols))
		for j, c := range cols {
			row[j] = Cell{Text: figureText(t, c, r, lang), Sort: c.Text(r)}
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
	return out
}

func safeURL(u string) bool {
	return strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://")
}

// aggregateKPI builds a card whose figure counts or adds up the selected rows.
func aggregateKPI(b content.Block, s *KPISpec, t *dataset.Table, rows []int, lang string) (*KPI, diag.List) {
	k := &KPI{Progress: math.NaN(), Goal: math.NaN(), Title: s.Title, Unit: s.Unit, Period: s.Period}
	if s.Goal != "" || len(s.Previous) > 0 {
		return nil, diag.List{blockErr(b, "aggregate", "una tarjeta con aggregate no admite goal ni previous", "a card with aggregate cannot have goal or previous")}
	}
	if placeholderRe.MatchString(s.Title + s.Unit + s.Period) {
		return nil, diag.List{blockErr(b, "title", "una tarjeta con aggregate no puede usar {columna} en sus textos", "a card with aggregate cannot use {column} in its texts").
			WithHint("escriba el texto tal cual", "write the text as it is")}
	}
	if k.Title == "" {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "la tarjeta no tiene título", "the card has no title").
			WithHint(`añada title = "…"`, `add title = "…"`)}
	}
	switch s.Aggregate {
	case "count":
		k.Value = 0
		for _, r := range rows {
			k.Value += t.Weight(r)
		}
		k.Text = i18n.FormatNumber(k.Value, lang, 0)
	case "sum":
		vc, d := column(b, t, "value", s.Value)
		if d != nil {
			return nil, diag.List{*d}
		}
		if vc.Num == nil {
			return nil, diag.List{blockErr(b, "value", "la columna %q no es numérica", "column %q is not numeric", s.Value)}
		}
		k.Value = 0
		q := exactly
		for _, r := range rows {
			if !vc.IsNull(r) {
				q = addQualified(q, k.Value, t.Qualifier(vc, r), vc.Num[r])
				k.Value += vc.Num[r]
			}
		}
		dec := 0
		for _, r := range rows {
			if !vc.IsNull(r) {
				dec = max(dec, dataset.DecimalsOf(vc.Num[r]))
			}
		}
		k.Value = dataset.RoundTo(k.Value, dec)
		k.Text = i18n.FormatNumber(k.Value, lang, -1)
		if q.Kind != dataset.QualExact {
			k.Before, k.Upper, k.After = QualParts(q, i18n.FormatNumber(dataset.RoundTo(q.Upper, dec), lang, -1), lang)
		}
		if k.Unit == "" {
			k.Unit = vc.Spec.Unit.In(lang)
		}
	case "distinct":
		// How many different values value takes over the rows (publishers,
		// categories…); empty cells are not a value.
		vc, d := column(b, t, "value", s.Value)
		if d != nil {
			return nil, diag.List{*d}
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if !vc.IsNull(r) {
				seen[vc.Text(r)] = true
			}
		}
		k.Value = float64(len(seen))
		k.Text = i18n.FormatNumber(k.Value, lang, 0)
	default:
		return nil, diag.List{blockErr(b, "aggregate", "aggregate desconocido %q", "unknown aggregate %q", s.Aggregate).
			WithHint(`use "sum", "count" o "distinct"`, `use "sum", "count" or "distinct"`)}
	}
	if len(rows) == 0 && s.Empty != "" {
		k.Empty = s.Empty
	}
	k.Sources = sources(t, rows, lang)
	return k, nil
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
