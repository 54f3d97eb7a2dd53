package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
	"github.com/tablero/tablero/internal/i18n"
)

// Pie charts, and donuts (a pie with a hole). Empty figures are left out,
// never drawn as a zero slice; the years are the slices, not a range.
func init() {
	register(
		&kind{name: "pie", title: [2]string{"Gráfico circular", "Pie chart"}, single: true,
			option: pies("68%"),
			height: pieHeight, phone: piePhone(95)},
		&kind{name: "donut", title: [2]string{"Gráfico de anillo", "Donut chart"}, single: true,
			option: pies([]string{"40%", "68%"}),
			height: pieHeight, phone: piePhone([]int{56, 95})},
	)
}

// piePhone lays a pie out for a phone: a legend below it instead of
// labels around it, and the pie moved up, its radius in px, so that the
// legend's rows (see pieHeight) never cover it.
func piePhone(radius any) map[string]any {
	return map[string]any{
		"legend": []any{map[string]any{"show": true, "bottom": 0, "left": 8, "right": 8, "type": "plain"}},
		"series": []any{map[string]any{"center": []any{"50%", 102}, "radius": radius, "label": map[string]any{"show": false}}},
	}
}

// pieHeight gives a pie on a phone 218 px and each row of its legend,
// two slices a row, 24 px.
func pieHeight(s *ChartSpec, f *Frame) [2]int {
	slices := 0
	for _, v := range f.Series[0].Values {
		if !math.IsNaN(v) {
			slices++
		}
	}
	return [2]int{360, 218 + 24*((slices+1)/2)}
}

// pies draws a pie of the given radius: one, or an inner and an outer
// one for a donut.
func pies(radius any) optionFunc {
	return func(s *ChartSpec, f *Frame, global []charts.GlobalOpts, lang string) echart {
		return pieOption(s, f, global, radius, lang)
	}
}

func pieOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, radius any, lang string) echart {
	pie := newPie()
	pie.SetGlobalOptions(append(global, charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	se := f.Series[0]
	data := make([]pieSlice, 0, len(se.Values))
	var values []float64
	for i, v := range se.Values {
		if !math.IsNaN(v) {
			d := pieSlice{Name: f.X[i], Value: v}
			if s.Highlight != "" && f.Keys[i] == s.Highlight {
				d.Selected = opts.Bool(true)
			}
			data = append(data, d)
			values = append(values, v)
		}
	}
	// Each slice's label carries its share written for the page's
	// language ("12,4 %"): ECharts' own {d} writes "12.35" in every
	// language.
	labels := make([]pieLabel, len(values))
	for i, p := range percentTenths(values) {
		labels[i].Formatter = "{b}\n" + tenthsText(p, lang) + " %"
		data[i].Label = &labels[i]
	}
	addSeries(&pie.MultiSeries, charts.SingleSeries{Name: se.Name, Type: types.ChartPie, Data: data},
		charts.WithPieChartOpts(opts.PieChart{Radius: radius}), charts.WithLabelOpts(opts.Label{Show: opts.Bool(true)}))
	if s.Highlight != "" {
		// ECharts draws a slice as selected only where selection is on.
		pie.MultiSeries[0].SelectedMode = opts.Bool(true)
	}
	return pie
}

// pieSlice is a slice as opts.PieData writes it, with only the fields a
// pie sets: the JSON is the same, and writing it no longer looks at the
// forty fields of a label and the others of a slice, a third of the time
// a filtered pie's selections took to write.
type pieSlice struct {
	Name     string     `json:"name,omitempty"`
	Value    float64    `json:"value"`
	Selected types.Bool `json:"selected,omitempty"`
	Label    *pieLabel  `json:"label,omitempty"`
}

// pieLabel is a slice's opts.Label, of which a pie sets the text alone.
type pieLabel struct {
	Formatter string `json:"formatter,omitempty"`
}

// percentTenths gives each value's share of the total in tenths of a
// percent, as a pie's label shows it: ECharts' shares at two decimals,
// which add up to exactly 100 (getPercentSeats: floor each, then hand the
// remaining hundredths to the largest remainders), rounded half up to
// one decimal. The arithmetic is ECharts', in the same order, so that the
// label agrees with the slice ECharts draws; a total of 0 gives 0 shares.
func percentTenths(values []float64) []int {
	sum := 0.0
	for _, v := range values {
		sum += v
	}
	if sum == 0 {
		return make([]int, len(values))
	}
	const digits, target = 100, 100 * 100
	seats := make([]int, len(values))
	rest := make([]float64, len(values))
	total := 0
	for i, v := range values {
		votes := v / sum * digits * 100
		seats[i] = int(math.Floor(votes))
		rest[i] = votes - float64(seats[i])
		total += seats[i]
	}
	for total < target {
		best := -1
		for i, r := range rest {
			if best < 0 || r > rest[best] {
				best = i
			}
		}
		seats[best]++
		rest[best] = 0
		total++
	}
	out := make([]int, len(seats))
	for i, s := range seats {
		out[i] = (s + 5) / 10 // hundredths to tenths, half up
	}
	return out
}

// tenthsText writes n tenths as a number of lang: "12,4" or "12.4", "12"
// without a decimal.
func tenthsText(n int, lang string) string {
	return i18n.FormatNumber(float64(n)/10, lang, -1)
}
