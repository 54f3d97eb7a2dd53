package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Line charts, and area charts (lines filled below, stacked with stack).
// A missing figure is a break in the line, never joined across.
func init() {
	register(
		&kind{name: "line", title: [2]string{"Gráfico de líneas", "Line chart"}, fillsYears: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts) echart { return lineOption(s, f, g, false) }},
		&kind{name: "area", title: [2]string{"Gráfico de áreas", "Area chart"}, fillsYears: true,
			option: func(s *ChartSpec, f *Frame, g []charts.GlobalOpts) echart { return lineOption(s, f, g, true) }},
	)
}

func lineOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, area bool) echart {
	line := charts.NewLine()
	line.SetGlobalOptions(axisOptions(global, f, "24", false)...)
	line.SetXAxis(f.X)
	for _, se := range f.Series {
		data := make([]opts.LineData, len(se.Values))
		for i, v := range se.Values {
			data[i] = opts.LineData{Value: value(v), SymbolSize: 8}
		}
		so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)})}
		if area {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
			if s.Stack {
				so = append(so, charts.WithLineChartOpts(opts.LineChart{Stack: "total", ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
			}
		}
		line.AddSeries(se.Name, data, so...)
	}
	return line
}
