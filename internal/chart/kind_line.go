package chart

import (
	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Line charts, and area charts (lines filled below, stacked with stack).
// A missing figure is a break in the line, never joined across.
func init() {
	register(
		&kind{name: "line", title: [2]string{"Gráfico de líneas", "Line chart"}, fillsYears: true, option: lines(false).option},
		&kind{name: "area", title: [2]string{"Gráfico de áreas", "Area chart"}, fillsYears: true, option: lines(true).option},
	)
}

// lines draws lines, or areas (filled below).
type lines bool

func (area lines) option(s *ChartSpec, f *Frame, global []charts.GlobalOpts, _ string) echart {
	line := newLine()
	line.SetGlobalOptions(axisOptions(global, f, "24", false)...)
	line.SetXAxis(f.X)
	// A series is 1.2 KB of go-echarts options: room for them all at once,
	// not grown (and copied) one append at a time.
	line.MultiSeries = seriesList(len(f.Series))
	for _, se := range f.Series {
		lo := opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true), SymbolSize: 8}
		so := []charts.SeriesOpts{charts.WithLineChartOpts(lo)}
		if area {
			so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
			if s.Stack {
				lo.Stack = "total"
				so = append(so, charts.WithLineChartOpts(lo))
			}
		}
		// The figures are written bare and the symbol's size once for the
		// series: every selection of a filter carries its own series.
		addLineSeries(line, se.Name, plainData(se.Values), so...)
	}
	return line
}
