package chart

import (
	"encoding/json"
	"fmt"
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Palette is Okabe and Ito's colour-blind-safe palette, in the order that
// keeps the first colours apart for every kind of colour blindness.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000"}

// option builds the ECharts option for a frame with go-echarts types and
// returns it as JSON. The HTML is escaped later, by html/template, when the
// option is written into the page's JSON island.
func option(kind string, s *ChartSpec, f *Frame, alt, lang string) (json.RawMessage, error) {
	global := []charts.GlobalOpts{
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(true), Description: alt}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(f.Series) > 1), Bottom: "0", Type: "plain"}),
	}
	k := kinds[kind]
	if k == nil {
		return nil, fmt.Errorf("unknown chart type %q", kind)
	}
	c := k.option(s, f, global, lang)
	c.Validate()
	o := c.JSON()
	delete(o, "title") // the page shows the title as text, above the chart
	b, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("chart option cannot be written: %w", err)
	}
	return b, nil
}

// value is v for ECharts: missing values are "-", which it draws as gaps.
func value(v float64) any {
	if math.IsNaN(v) {
		return "-"
	}
	return v
}

// plainData is a series' figures as ECharts takes them bare: numbers, and
// "-" for a gap.
func plainData(values []float64) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = value(v)
	}
	return out
}

// axisOptions adds what charts on a grid share: a tooltip for the whole
// category, a grid that keeps room for labels and, with several series,
// the legend, and the type of each axis. go-echarts writes no axis type
// and its XYReversal moves only the categories, so the types are set here
// (categories on y when horizontal): the option then says which axis is
// which, for tablero.js and for anyone who reads it.
func axisOptions(global []charts.GlobalOpts, f *Frame, right string, horizontal bool) []charts.GlobalOpts {
	x, y := "category", "value"
	if horizontal {
		x, y = y, x
	}
	return append(global,
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: right, Top: "16", Bottom: legendSpace(f)}),
		charts.WithXAxisOpts(opts.XAxis{Type: x}),
		charts.WithYAxisOpts(opts.YAxis{Type: y}),
	)
}

func legendSpace(f *Frame) string {
	if len(f.Series) > 1 {
		return "40"
	}
	return "8"
}
