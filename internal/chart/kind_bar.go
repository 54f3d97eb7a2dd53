package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Bar charts: vertical bars ("bar") and horizontal ones ("hbar"), whose
// long category labels read better on the left. tablero.js sizes an
// hbar chart to its categories.
func init() {
	register(
		&kind{name: "bar", title: [2]string{"Gráfico de barras", "Bar chart"}, fillsYears: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts, lang string) echart {
				return barOption(s, f, g, false)
			}},
		&kind{name: "hbar", title: [2]string{"Gráfico de barras horizontales", "Horizontal bar chart"}, fillsYears: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts, lang string) echart {
				return barOption(s, f, g, true)
			}},
	)
}

func barOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, horizontal bool) echart {
	bar := charts.NewBar()
	bar.SetGlobalOptions(axisOptions(global, f, "16", horizontal)...)
	bar.SetXAxis(f.X)
	for _, se := range f.Series {
		var so []charts.SeriesOpts
		if s.Stack {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		bar.AddSeries(se.Name, nil, so...)
		// The figures are written bare, as ECharts takes them, and only the
		// highlighted bar as an object with its colour: every selection of
		// a filter carries its own series (see variants).
		data := plainData(se.Values)
		for i := range data {
			if s.Highlight != "" && f.Keys[i] == s.Highlight && len(f.Series) == 1 {
				data[i] = opts.BarData{Value: data[i], ItemStyle: &opts.ItemStyle{Color: Palette[1]}}
			}
		}
		bar.MultiSeries[len(bar.MultiSeries)-1].Data = data
	}
	if horizontal {
		bar.XYReversal()
	}
	return bar
}
