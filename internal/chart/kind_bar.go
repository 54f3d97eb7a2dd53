package chart

import (
	"strings"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Bar charts: vertical bars ("bar") and horizontal ones ("hbar"), whose
// long category labels read better on the left, wrapped at a width
// (narrower on a phone): an hbar chart's box grows with its categories and
// the lines of its longest label, so every label has room and is shown
// (interval 0). Said outright, it also spares ECharts measuring every
// label to choose which to hide: about a quarter of the data index's
// chart start on a throttled phone.
func init() {
	register(
		&kind{name: "bar", title: [2]string{"Gráfico de barras", "Bar chart"}, fillsYears: true, option: bars(false).option},
		&kind{name: "hbar", title: [2]string{"Gráfico de barras horizontales", "Horizontal bar chart"}, fillsYears: true,
			option: bars(true).option,
			more:   map[string]any{"yAxis": []any{map[string]any{"axisLabel": map[string]any{"width": hbarLabel[0], "overflow": "break", "lineHeight": 13, "interval": 0}}}},
			phone:  map[string]any{"yAxis": []any{map[string]any{"axisLabel": map[string]any{"width": hbarLabel[1]}}}},
			height: hbarHeight},
	)
}

// bars draws vertical bars, or horizontal ones.
type bars bool

func (horizontal bars) option(s *ChartSpec, f *Frame, global []charts.GlobalOpts, _ string) echart {
	bar := newBar()
	bar.SetGlobalOptions(axisOptions(global, f, "16", bool(horizontal))...)
	bar.SetXAxis(f.X)
	for _, se := range f.Series {
		var so []charts.SeriesOpts
		if s.Stack {
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
		}
		addSeries(&bar.MultiSeries, charts.SingleSeries{Name: se.Name, Type: types.ChartBar}, so...)
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

// hbarLabel is the width in px of an hbar chart's category labels, on a
// wide screen and on a phone.
var hbarLabel = [2]int{220, 110}

// hbarHeight gives every band of categories the height its longest label
// needs once wrapped (see wrappedLines; 13 px a line), so that labels shown
// one under the other do not touch; side-by-side series need room each,
// stacked ones share a bar.
func hbarHeight(s *ChartSpec, f *Frame) [2]int {
	bars := 1.0
	if !s.Stack {
		bars = max(1, float64(len(f.Series))*0.7)
	}
	var h [2]int
	for i, width := range hbarLabel {
		lines := 1
		for _, x := range f.X {
			lines = max(lines, wrappedLines(x, float64(width)))
		}
		band := max(30*bars, float64(lines)*13+8)
		h[i] = ceil(max(220, float64(len(f.X))*band+60))
	}
	return h
}

// wrappedLines estimates how many lines ECharts' overflow "break" makes of
// label at width px: it breaks between words (inside a word only when the
// word alone is wider), and a character of the axis font is about 6.2 px.
// Counting characters alone gave 3 lines for "Registro mercantil y
// finanzas empresariales" at a phone's 110 px, which wraps to 4 and
// touched its neighbours.
func wrappedLines(label string, width float64) int {
	const char = 6.2
	lines, line := 1, 0.0
	for _, word := range strings.Fields(label) {
		w := float64(textWidth(word)) * char
		switch {
		case line == 0:
			line = w
		case line+char+w <= width:
			line += char + w
		default:
			lines++
			line = w
		}
		for ; line > width; line -= width {
			lines++
		}
	}
	return lines
}
