package chart

import (
	"bytes"
	"encoding/json"
	"slices"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// maxVariants bounds the selections precomputed per chart, so a filter on a
// column with many values cannot blow up a page.
const maxVariants = 400

// Variant is a chart for one selection of filter values: its data, for
// the table view and the downloads, and the parts of its ECharts option
// that differ from the chart's own. The browser swaps those parts in and
// rewrites nothing, and what every selection shares travels once.
type Variant struct {
	Select map[string]string `json:"select"` // column → value; columns not named are "all"
	X      []string          `json:"x"`      // empty when no row meets the selection, or none has a value in x
	Series []VariantSeries   `json:"series"`
	// Option holds the top-level keys of the variant's option whose value
	// differs from the chart's option (series, the category axis, the
	// legend, the map's scale…); absent when X is empty.
	Option json.RawMessage `json:"option,omitempty"`
}

// VariantSeries is one series of a variant, with nulls for gaps.
type VariantSeries struct {
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
	// Labels are the values written with their qualifiers ("más de
	// 200"), only when some figure of the chart has one.
	Labels []string `json:"labels,omitempty"`
}

// valuesIn lists the distinct non-empty values of col among rows.
func valuesIn(t *dataset.Table, col string, rows []int) []string {
	c := t.Col(col)
	seen := map[string]bool{}
	var vals []string
	for _, r := range rows {
		if v := c.Text(r); v != "" && !seen[v] {
			seen[v] = true
			vals = append(vals, v)
		}
	}
	slices.SortFunc(vals, compareKeys)
	return vals
}

// variants computes the chart for every combination of the page's filters
// that apply to its dataset.
// main is the chart's own option and alt its text alternative, which a
// variant's option keeps.
func variants(b content.Block, s *ChartSpec, t *dataset.Table, rows []int, filters []string, w i18n.Words, lang string, main optionKeys) ([]Variant, diag.List) {
	var cols []*dataset.Column // the filters that apply, looked up once
	var values [][]string
	n := 1
	for _, f := range filters {
		c := t.Col(f)
		if c == nil {
			continue
		}
		vals := valuesIn(t, f, rows)
		cols = append(cols, c)
		values = append(values, vals)
		n *= len(vals) + 1
	}
	if len(cols) == 0 {
		return nil, nil
	}
	if n > maxVariants {
		return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "los filtros dan %d combinaciones para este gráfico (máximo %d)", "the filters give %d combinations for this chart (at most %d)", n, maxVariants).
			WithHint("use menos filtros o columnas con menos valores", "use fewer filters or columns with fewer values")}
	}
	var out []Variant
	ob := optionBuffers.Get().(*bytes.Buffer)
	defer optionBuffers.Put(ob)
	choice := make([]int, len(cols)) // 0 = all, i = values[k][i-1]
	for {
		sel := map[string]string{}
		// The filters with a value chosen, as a list: walking sel for
		// every row of every variant was a tenth of the variants' time.
		var chosen []int
		for k, c := range choice {
			if c > 0 {
				sel[cols[k].Spec.Name] = values[k][c-1]
				chosen = append(chosen, k)
			}
		}
		if len(chosen) > 0 {
			var sub []int
		rowLoop:
			for _, r := range rows {
				for _, k := range chosen {
					if cols[k].Text(r) != values[k][choice[k]-1] {
						continue rowLoop
					}
				}
				sub = append(sub, r)
			}
			v := Variant{Select: sel}
			var f *Frame
			if len(sub) > 0 {
				var l diag.List
				if f, l = frame(b, s, t, sub, w, lang); len(l) > 0 {
					return nil, l
				}
			}
			// A selection whose rows give nothing to draw (none has a
			// value in x) is shown as one that no row meets.
			if f != nil && f.Drawable() {
				v.X = f.X
				for i, se := range f.Series {
					vs := VariantSeries{Name: se.Name, Values: Nullable(se.Values), Labels: f.Labels(i, lang)}
					v.Series = append(v.Series, vs)
				}
				opt, err := option(s.Type, s, f, lang, ob, &main)
				if err != nil {
					return nil, diag.List{diag.Errorf(b.File, b.Line, 1, "%v", "%v", err)}
				}
				v.Option = opt.diff(main)
			}
			out = append(out, v)
		}
		k := 0
		for k < len(choice) {
			choice[k]++
			if choice[k] <= len(values[k]) {
				break
			}
			choice[k] = 0
			k++
		}
		if k == len(choice) {
			return out, nil
		}
	}
}

// Nullable gives vals for JSON, with null for NaN (a gap): pointers into
// vals, which encoding/json writes as the numbers themselves. Putting each
// number in an interface instead cost an allocation per figure.
func Nullable(vals []float64) []*float64 {
	out := make([]*float64, len(vals))
	for i := range vals {
		if v := vals[i]; v == v {
			out[i] = &vals[i]
		}
	}
	return out
}
