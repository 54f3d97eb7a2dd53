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
	var c interface {
		Validate()
		JSON() map[string]any
	}
	switch kind {
	case "bar", "hbar":
		bar := charts.NewBar()
		bar.SetGlobalOptions(axisOptions(global, f, "16", kind == "hbar")...)
		bar.SetXAxis(f.X)
		for _, se := range f.Series {
			data := make([]opts.BarData, len(se.Values))
			for i, v := range se.Values {
				data[i] = opts.BarData{Value: value(v)}
				if s.Highlight != "" && f.Keys[i] == s.Highlight && len(f.Series) == 1 {
					data[i].ItemStyle = &opts.ItemStyle{Color: Palette[1]}
				}
			}
			var so []charts.SeriesOpts
			if s.Stack {
				so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "total"}))
			}
			bar.AddSeries(se.Name, data, so...)
		}
		if kind == "hbar" {
			bar.XYReversal()
		}
		c = bar
	case "line", "area":
		line := charts.NewLine()
		line.SetGlobalOptions(axisOptions(global, f, "24", false)...)
		line.SetXAxis(f.X)
		for _, se := range f.Series {
			data := make([]opts.LineData, len(se.Values))
			for i, v := range se.Values {
				data[i] = opts.LineData{Value: value(v), SymbolSize: 8}
			}
			so := []charts.SeriesOpts{charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)})}
			if kind == "area" {
				so = append(so, charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}))
				if s.Stack {
					so = append(so, charts.WithLineChartOpts(opts.LineChart{Stack: "total", ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true)}))
				}
			}
			line.AddSeries(se.Name, data, so...)
		}
		c = line
	case "pie", "donut":
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
		radius := any("68%")
		if kind == "donut" {
			radius = []string{"40%", "68%"}
		}
		pie.AddSeries(se.Name, data, charts.WithPieChartOpts(opts.PieChart{Radius: radius}),
			charts.WithLabelOpts(opts.Label{Show: opts.Bool(true), Formatter: "{b}\n{d} %"}))
		if s.Highlight != "" {
			// ECharts draws a slice as selected only where selection is on.
			pie.MultiSeries[0].SelectedMode = opts.Bool(true)
		}
		c = pie
	case "treemap":
		tm := charts.NewTreeMap()
		tm.SetGlobalOptions(append(global, charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
		tm.AddSeries(f.Series[0].Name, nil, charts.WithTreeMapOpts(opts.TreeMapChart{Roam: opts.Bool(false)}))
		c = tm
	case "map":
		m := charts.NewMap()
		m.RegisterMapType("world")
		se := f.Series[0]
		hi := 0.0
		data := make([]opts.MapData, 0, len(se.Values))
		for i, v := range se.Values {
			if !math.IsNaN(v) {
				data = append(data, opts.MapData{Name: f.X[i], Value: v})
				hi = max(hi, v)
			}
		}
		m.SetGlobalOptions(append(global,
			charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
			charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}),
			charts.WithVisualMapOpts(opts.VisualMap{Min: 0, Max: float32(hi), Calculable: opts.Bool(true), Left: "8", Bottom: "8",
				InRange: &opts.VisualMapInRange{Color: []string{"#cfe3f3", "#0072B2", "#08306b"}}}),
		)...)
		m.AddSeries(se.Name, data)
		c = m
	default:
		return nil, fmt.Errorf("unknown chart type %q", kind)
	}
	if kind == "treemap" {
		// go-echarts' TreeMapNode holds integer values, which would round
		// 0.79 to 0; the series data is written from the frame instead.
		nodes := []treemapNode{}
		for i, v := range f.Series[0].Values {
			if !math.IsNaN(v) {
				nodes = append(nodes, treemapNode{Name: f.X[i], Value: v})
			}
		}
		c.(*charts.TreeMap).MultiSeries[0].Data = nodes
	}
	c.Validate()
	o := c.JSON()
	delete(o, "title") // the page shows the title as text, above the chart
	b, err := json.Marshal(o)
	if err != nil {
		return nil, fmt.Errorf("chart option cannot be written: %w", err)
	}
	return b, nil
}

type treemapNode struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}

// value is v for ECharts: missing values are "-", which it draws as gaps.
func value(v float64) any {
	if math.IsNaN(v) {
		return "-"
	}
	return v
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
