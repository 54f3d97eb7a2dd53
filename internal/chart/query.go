package chart

import (
	"cmp"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// selectRows returns the rows of t that meet every condition of where.
func selectRows(b content.Block, t *dataset.Table, where map[string]any, key string) ([]int, diag.List) {
	var l diag.List
	type cond struct {
		col  *dataset.Column
		nums []float64
		strs []string
	}
	var conds []cond
	names := make([]string, 0, len(where))
	for k := range where {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, name := range names {
		c, d := column(b, t, key, name)
		if d != nil {
			l.Add(*d)
			continue
		}
		vals, ok := where[name].([]any)
		if !ok {
			vals = []any{where[name]}
		}
		cd := cond{col: c}
		for _, v := range vals {
			switch v := v.(type) {
			case int64:
				cd.nums = append(cd.nums, float64(v))
				cd.strs = append(cd.strs, strconv.FormatInt(v, 10))
			case float64:
				cd.nums = append(cd.nums, v)
				cd.strs = append(cd.strs, strconv.FormatFloat(v, 'f', -1, 64))
			case string:
				cd.strs = append(cd.strs, v)
				if f, err := strconv.ParseFloat(v, 64); err == nil {
					cd.nums = append(cd.nums, f)
				}
			case bool:
				cd.strs = append(cd.strs, strconv.FormatBool(v))
			default:
				l.Add(blockErr(b, key, "condición no válida para %q: %v", "invalid condition for %q: %v", name, v))
			}
		}
		conds = append(conds, cd)
	}
	if len(l) > 0 {
		return nil, l
	}
	match := func(i int) bool {
		for _, cd := range conds {
			if cd.col.Num != nil {
				if !slices.Contains(cd.nums, cd.col.Num[i]) {
					return false
				}
			} else if !slices.Contains(cd.strs, cd.col.Str[i]) {
				return false
			}
		}
		return true
	}
	if len(conds) == 0 {
		rows := make([]int, t.Len()) // every row, without growing the list
		for i := range rows {
			rows[i] = i
		}
		return rows, nil
	}
	var rows []int
	if t.Len() < indexRows {
		for i := range t.Len() {
			if match(i) {
				rows = append(rows, i)
			}
		}
		return rows, nil
	}
	// Only the rows holding one of the first condition's values can
	// match: the column's index gives them without a scan.
	cd := conds[0]
	var cand []int
	if cd.col.Num != nil {
		for _, n := range cd.nums {
			cand = append(cand, cd.col.RowsOf("", n)...)
		}
	} else {
		for _, s := range cd.strs {
			cand = append(cand, cd.col.RowsOf(s, 0)...)
		}
	}
	slices.Sort(cand)
	cand = slices.Compact(cand) // a value given twice
	for _, i := range cand {
		if match(i) {
			rows = append(rows, i)
		}
	}
	return rows, nil
}

// indexRows is the size from which selectRows looks rows up in a column's
// index (dataset.Column.RowsOf) instead of testing every row: below it, a
// scan costs less than building the index. A variable for the tests,
// which compare both ways.
var indexRows = 1024

// Frame is the data a chart plots: one value per category and series.
// Missing values are NaN and are drawn as gaps.
type Frame struct {
	XLabel string   // the category column's label
	Keys   []string // category values as stored (country codes, years…)
	X      []string // category labels as shown
	Series []Series
	Unit   string
	// Quals holds how the source gives the figures that are not exact
	// (see qualify.go), by series name and category key, so that sorting
	// and filling in years leave it right.
	Quals map[QualKey]dataset.Qualified
	// Decimals is how the upper bounds of ranges are written: the value
	// column's decimals.
	Decimals int
	// words are the theme's, for the qualifiers' words in Label.
	words i18n.Words
}

// QualKey locates a figure of a frame: its series' name and its category key.
type QualKey struct{ Series, Key string }

// Series is one named row of values over the frame's categories.
type Series struct {
	Name   string
	Values []float64
}

// frame groups the selected rows of t by x (and series) for spec.
func frame(b content.Block, s *ChartSpec, t *dataset.Table, rows []int, w i18n.Words, lang string) (*Frame, diag.List) {
	xc, d := column(b, t, "x", s.X)
	if d != nil {
		return nil, diag.List{*d}
	}
	var ycols []*dataset.Column
	for _, y := range s.Y {
		c, d := column(b, t, "y", y)
		if d != nil {
			return nil, diag.List{*d}
		}
		if c.Num == nil {
			e := blockErr(b, "y", "la columna %q no es numérica (tipo %s)", "column %q is not numeric (type %s)", y, c.Spec.Type).
				WithHint("declare type = \"number\" en el esquema, o use aggregate = \"count\"", `declare type = "number" in the schema, or use aggregate = "count"`)
			return nil, diag.List{e}
		}
		ycols = append(ycols, c)
	}
	if len(ycols) == 0 && s.Aggregate != "count" {
		return nil, diag.List{blockErr(b, "type", "falta y: la columna con los valores", "y is missing: the column with the values").
			WithHint(`añada y = "columna", o aggregate = "count" para contar filas`, `add y = "column", or aggregate = "count" to count rows`)}
	}
	var sc *dataset.Column
	if s.Series != "" {
		if sc, d = column(b, t, "series", s.Series); d != nil {
			return nil, diag.List{*d}
		}
	}
	f := &Frame{XLabel: xc.Spec.Title(lang), words: w}
	if len(ycols) == 1 && sc == nil {
		f.Unit = ycols[0].Spec.Unit.In(lang)
	}
	xIndex := map[string]int{}
	sIndex := map[string]int{}
	addSeries := func(name string) int {
		if i, ok := sIndex[name]; ok {
			return i
		}
		sIndex[name] = len(f.Series)
		f.Series = append(f.Series, Series{Name: name})
		return len(f.Series) - 1
	}
	counted := map[[2]int]bool{}
	decimals := 0 // the most decimals of any figure added, to round sums back to
	type point struct {
		series string
		v      float64
		col    *dataset.Column // the value column; nil when counting
	}
	pts := make([]point, 0, len(ycols)) // a row's points, made again for each row
	for _, r := range rows {
		key := xc.Text(r)
		if key == "" {
			continue // a row without a category cannot be placed
		}
		xi, ok := xIndex[key]
		if !ok {
			xi = len(f.Keys)
			xIndex[key] = xi
			f.Keys = append(f.Keys, key)
		}
		pts = pts[:0]
		switch {
		case s.Aggregate == "count":
			name := ""
			if sc != nil {
				name = sc.Spec.ValueLabel(sc.Text(r), lang)
			}
			pts = append(pts, point{name, t.Weight(r), nil})
		case sc != nil:
			pts = append(pts, point{sc.Spec.ValueLabel(sc.Text(r), lang), ycols[0].Num[r], ycols[0]})
		default:
			for _, yc := range ycols {
				pts = append(pts, point{yc.Spec.Title(lang), yc.Num[r], yc})
			}
		}
		for _, p := range pts {
			si := addSeries(p.series)
			vals := &f.Series[si].Values
			for len(*vals) <= xi {
				*vals = append(*vals, math.NaN())
			}
			cur := (*vals)[xi]
			k := [2]int{xi, si}
			switch {
			case s.Aggregate == "" && counted[k]:
				e := diag.Errorf(b.File, b.Line, 1, "%q aparece en varias filas de %s (línea %d)", "%q appears in several rows of %s (line %d)", key, t.File, t.Lines[r]).
					WithHint(`añada una condición where que deje una fila por valor, o aggregate = "sum"`, `add a where condition leaving one row per value, or aggregate = "sum"`)
				return nil, diag.List{e}
			case math.IsNaN(cur):
				(*vals)[xi] = p.v
				if p.col != nil && !math.IsNaN(p.v) {
					f.setQual(p.series, key, t.Qualifier(p.col, r))
				}
			case !math.IsNaN(p.v):
				(*vals)[xi] = cur + p.v
				qk := QualKey{p.series, key}
				if p.col != nil {
					f.setQual(p.series, key, addQualified(f.Qual(qk), cur, t.Qualifier(p.col, r), p.v))
				}
			}
			if s.Aggregate == "sum" && !math.IsNaN(p.v) {
				decimals = max(decimals, p.col.DecimalsAt(r)) // summing: p.col is the value column
			}
			if s.Aggregate == "" {
				counted[k] = true // only there may a cell be counted once
			}
		}
	}
	if s.Aggregate == "sum" {
		for _, se := range f.Series {
			for i, v := range se.Values {
				se.Values[i] = dataset.RoundTo(v, decimals)
			}
		}
		for k, q := range f.Quals {
			q.Upper = dataset.RoundTo(q.Upper, decimals)
			f.Quals[k] = q
		}
	}
	if len(ycols) > 0 {
		f.Decimals = ycols[0].Decimals()
	}
	if k := kinds[s.Type]; xc.Spec.Type == dataset.TypeYear && (s.Sort == "" || s.Sort == "x" || s.Sort == "-x") &&
		k != nil && k.fillsYears {
		fillYears(f)
	}
	for i := range f.Series {
		for len(f.Series[i].Values) < len(f.Keys) {
			f.Series[i].Values = append(f.Series[i].Values, math.NaN())
		}
	}
	if err := sortFrame(f, s.Sort); err != "" {
		return nil, diag.List{blockErr(b, "sort", "orden desconocido %q", "unknown sort %q", err).
			WithHint(`use "x", "-x", "y" o "-y"`, `use "x", "-x", "y" or "-y"`)}
	}
	f.X = make([]string, len(f.Keys))
	for i, k := range f.Keys {
		f.X[i] = xc.Spec.ValueLabel(k, lang)
		if xc.Spec.Type == dataset.TypeCountry {
			f.X[i] = country.Name(k, lang)
		}
	}
	return f, nil
}

// fillYears adds the years missing between the first and last one as
// categories without values, so a series shows a gap where the sources
// have no figure instead of silently joining the neighbours.
func fillYears(f *Frame) {
	if len(f.Keys) == 0 {
		return
	}
	years := make([]int, len(f.Keys))
	lo, hi := math.MaxInt, math.MinInt
	for i, k := range f.Keys {
		y, err := strconv.Atoi(k)
		if err != nil {
			return
		}
		years[i], lo, hi = y, min(lo, y), max(hi, y)
	}
	if hi-lo > 200 { // a year column's cells have four digits: no overflow
		return
	}
	at := make([]int, hi-lo+1) // 1 + the index of each year's key; 0 for none
	for i, y := range years {
		at[y-lo] = i + 1
	}
	keys := make([]string, 0, hi-lo+1)
	series := make([]Series, len(f.Series))
	for i := range series {
		series[i].Name = f.Series[i].Name
		series[i].Values = make([]float64, 0, hi-lo+1)
	}
	for y := lo; y <= hi; y++ {
		keys = append(keys, strconv.Itoa(y))
		i := at[y-lo] - 1
		for s := range series {
			v := math.NaN()
			if i >= 0 && i < len(f.Series[s].Values) {
				v = f.Series[s].Values[i]
			}
			series[s].Values = append(series[s].Values, v)
		}
	}
	f.Keys, f.Series = keys, series
}

// sortFrame orders the categories; it returns the sort key when unknown.
func sortFrame(f *Frame, by string) string {
	if by == "" {
		return ""
	}
	idx := make([]int, len(f.Keys))
	for i := range idx {
		idx[i] = i
	}
	total := func(i int) float64 {
		s := 0.0
		for _, se := range f.Series {
			if v := se.Values[i]; !math.IsNaN(v) {
				s += v
			}
		}
		return s
	}
	switch by {
	case "x", "-x":
		slices.SortStableFunc(idx, func(a, b int) int { return compareKeys(f.Keys[a], f.Keys[b]) })
	case "y", "-y":
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(total(a), total(b)) })
	default:
		return by
	}
	if by[0] == '-' {
		slices.Reverse(idx)
	}
	keys := make([]string, len(idx))
	for i, j := range idx {
		keys[i] = f.Keys[j]
	}
	for s := range f.Series {
		vals := make([]float64, len(idx))
		for i, j := range idx {
			vals[i] = f.Series[s].Values[j]
		}
		f.Series[s].Values = vals
	}
	f.Keys = keys
	return ""
}

// compareKeys compares numerically when both keys are numbers.
func compareKeys(a, b string) int {
	if mayBeNumber(a) && mayBeNumber(b) {
		fa, ea := strconv.ParseFloat(a, 64)
		fb, eb := strconv.ParseFloat(b, 64)
		if ea == nil && eb == nil {
			return cmp.Compare(fa, fb)
		}
	}
	return cmp.Compare(a, b)
}

// mayBeNumber is false for the strings strconv.ParseFloat refuses by
// their start: most category names, for which it allocated an error at
// every comparison of a sort.
func mayBeNumber(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	switch {
	case s == "":
		return false
	case '0' <= s[0] && s[0] <= '9' || s[0] == '.':
		return true
	}
	return strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity") || strings.EqualFold(s, "nan")
}

// Drawable reports whether f has something to draw: a category and a
// series. Rows that meet a condition may still give neither (every one
// without a value in x), and a chart's option needs both.
func (f *Frame) Drawable() bool { return len(f.Keys) > 0 && len(f.Series) > 0 }

// Gaps lists the categories where no series has a value.
func (f *Frame) Gaps() []string {
	var gaps []string
	for i, x := range f.X {
		empty := true
		for _, s := range f.Series {
			if !math.IsNaN(s.Values[i]) {
				empty = false
			}
		}
		if empty {
			gaps = append(gaps, x)
		}
	}
	return gaps
}
