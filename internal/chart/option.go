package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Palette is Okabe and Ito's colour-blind-safe palette, in the order that
// keeps the first colours apart for every kind of colour blindness.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000"}

// option builds the ECharts option for a frame with go-echarts types and
// returns it as JSON, each top-level key apart (see optionKeys.json). The
// HTML is escaped later, by html/template, when the option is written into
// the page's JSON island.
//
// ECharts' aria module is on for its decal patterns (the footer's
// "patterns" switch), its label off: the chart's box is labelled by the
// text alternative written beside it (aria-labelledby), which a second
// copy in the option would only repeat, at every chart's cost in bytes.
func option(kind string, s *ChartSpec, f *Frame, lang string) (optionKeys, error) {
	global := []charts.GlobalOpts{
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithAnimation(false),
		charts.WithAriaOpts(&opts.Aria{Enabled: opts.Bool(true), Label: &opts.AriaLabel{Enabled: opts.Bool(false)}}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(len(f.Series) > 1), Bottom: "0", Type: "plain"}),
	}
	k := kinds[kind]
	if k == nil {
		return optionKeys{}, fmt.Errorf("unknown chart type %q", kind)
	}
	c := k.option(s, f, global, lang)
	c.Validate()
	o := c.JSON()
	if err := addOption(o, k.more); err != nil {
		return optionKeys{}, fmt.Errorf("chart option cannot be written: %w", err)
	}
	delete(o, "title") // the page shows the title as text, above the chart
	out := optionKeys{names: make([]string, 0, len(o))}
	for name := range o {
		out.names = append(out.names, name)
	}
	slices.Sort(out.names)
	for _, name := range out.names {
		b, err := json.Marshal(o[name])
		if err != nil {
			return optionKeys{}, fmt.Errorf("chart option cannot be written: %w", err)
		}
		out.values = append(out.values, b)
	}
	release(c) // written: o and c are not used again
	return out, nil
}

// optionKeys is an ECharts option written as JSON key by key, sorted, so
// that a filter variant's option is compared with the chart's without
// reading either back.
type optionKeys struct {
	names  []string
	values [][]byte
}

// json writes the option as one JSON object: the bytes json.Marshal writes
// for the whole map (keys sorted, values as they are).
func (o optionKeys) json() json.RawMessage {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, name := range o.names {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Quote(name)) // ECharts' option names: plain ASCII
		b.WriteByte(':')
		b.Write(o.values[i])
	}
	b.WriteByte('}')
	return b.Bytes()
}

// diff writes the keys of o whose value differs from base's, with null for
// a key base has and o lacks, as one JSON object.
func (o optionKeys) diff(base optionKeys) json.RawMessage {
	var d optionKeys
	add := func(name string, value []byte) {
		d.names = append(d.names, name)
		d.values = append(d.values, value)
	}
	for i, name := range o.names {
		if j, ok := slices.BinarySearch(base.names, name); !ok || !bytes.Equal(o.values[i], base.values[j]) {
			add(name, o.values[i])
		}
	}
	for _, name := range base.names {
		if _, ok := slices.BinarySearch(o.names, name); !ok {
			add(name, []byte("null"))
		}
	}
	sort.Sort(d)
	return d.json()
}

func (o optionKeys) Len() int           { return len(o.names) }
func (o optionKeys) Less(i, j int) bool { return o.names[i] < o.names[j] }
func (o optionKeys) Swap(i, j int) {
	o.names[i], o.names[j] = o.names[j], o.names[i]
	o.values[i], o.values[j] = o.values[j], o.values[i]
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
