package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Pie charts, and donuts (a pie with a hole). Empty figures are left out,
// never drawn as a zero slice; the years are the slices, not a range.
func init() {
	register(
		&kind{name: "pie", title: [2]string{"Gráfico circular", "Pie chart"}, single: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts) echart { return pieOption(s, f, g, "68%") }},
		&kind{name: "donut", title: [2]string{"Gráfico de anillo", "Donut chart"}, single: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts) echart {
				return pieOption(s, f, g, []string{"40%", "68%"})
			}},
	)
}

func pieOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, radius any) echart {
	pie := charts.NewPie()
	pie.SetGlobalOptions(append(global, charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	se := f.Series[0]
	data := make([]opts.PieData, 0, len(se.Values))
	for i, v := range se.Values {
		if !math.IsNaN(v) {
			d := opts.PieData{Name: f.X[i], Value: v}
			if s.Highlight != "" && f.Keys[i] == s.Highlight {
				d.Selected = opts.Bool(true)
			}
			data = append(data, d)
		}
	}
	pie.AddSeries(se.Name, data, charts.WithPieChartOpts(opts.PieChart{Radius: radius}),
		charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{d} %"}))
	if s.Highlight != "" {
		// ECharts draws a slice as selected only where selection is on.
		pie.MultiSeries[0].SelectedMode = opts.Bool(true)
	}
	return pie
}
