package chart

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// Palette is Okabe and Ito's colour-blind-safe palette, in the order that
// keeps the first colours apart for every kind of colour blindness.
var Palette = []string{"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C6D1F", "#000000"}

// option builds the ECharts option for a frame with go-echarts types and
// writes it as JSON into b, which it resets, each top-level key apart (see
// optionKeys): the keys' values are b's bytes, as long as b is not written
// again. A filter variant passes its chart's own option as base, whose
// values it takes where they cannot differ (see frameFree); a chart passes
// nil. The HTML is escaped later, by html/template, when the option is
// written into the page's JSON island.
//
// ECharts' aria module is on for its decal patterns (the footer's
// "patterns" switch), its label off: the chart's box is labelled by the
// text alternative written beside it (aria-labelledby), which a second
// copy in the option would only repeat, at every chart's cost in bytes.
func option(kind string, s *ChartSpec, f *Frame, lang string, b *bytes.Buffer, base *optionKeys) (optionKeys, error) {
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
	if ms, ok := o["series"].(charts.MultiSeries); ok {
		o["series"] = lighten(ms)
	}
	names := make([]string, 0, len(o))
	for name := range o {
		names = append(names, name)
	}
	slices.Sort(names)
	// Every value is encoded into the one buffer: a buffer per value,
	// then one more for the whole, were a tenth of the bytes a build
	// allocated.
	b.Reset()
	enc := json.NewEncoder(b)
	ends := make([]int, 2*len(names)) // where each value starts and ends in b
	b.WriteByte('{')
	for i, name := range names {
		if i > 0 {
			b.WriteByte(',')
		}
		writeName(b, name)
		ends[2*i] = b.Len()
		if v, ok := base.frameFree(name); ok {
			b.Write(v)
		} else {
			if err := enc.Encode(o[name]); err != nil {
				return optionKeys{}, fmt.Errorf("chart option cannot be written: %w", err)
			}
			b.Truncate(b.Len() - 1) // the newline Encode ends a value with
		}
		ends[2*i+1] = b.Len()
	}
	b.WriteByte('}')
	release(c) // written: o and c are not used again
	out := optionKeys{names: names, values: make([][]byte, len(names)), whole: b.Bytes()}
	for i := range names {
		out.values[i] = out.whole[ends[2*i]:ends[2*i+1]:ends[2*i+1]]
	}
	return out, nil
}

// optionBuffers hold options while they are compared: a chart's, until
// its filter variants are, and each variant's.
var optionBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeName writes an option's key and the colon after it.
func writeName(b *bytes.Buffer, name string) {
	b.Write(strconv.AppendQuote(b.AvailableBuffer(), name)) // ECharts' option names: plain ASCII
	b.WriteByte(':')
}

// optionKeys is an ECharts option written as JSON key by key, sorted, so
// that a filter variant's option is compared with the chart's without
// reading either back.
type optionKeys struct {
	names  []string
	values [][]byte // each in whole
	whole  []byte   // the option as one JSON object (see json)
}

// frameFree lists the option keys whose value comes from the chart's
// spec and language alone, never from its frame (TestFrameFreeKeys
// checks it for every kind of chart). A filter variant is the same chart
// over fewer rows: it takes those values from the chart's own option
// instead of encoding them again, which was half the time spent encoding
// the variants' options.
var frameFree = map[string]bool{"animation": true, "aria": true, "color": true, "toolbox": true, "tooltip": true}

// frameFree returns o's value of the key name when that value does not
// depend on the frame; o may be nil (a chart's own option takes none).
func (o *optionKeys) frameFree(name string) ([]byte, bool) {
	if o == nil || !frameFree[name] {
		return nil, false
	}
	i, ok := slices.BinarySearch(o.names, name)
	if !ok {
		return nil, false
	}
	return o.values[i], true
}

// json returns the option as one JSON object: the bytes json.Marshal
// writes for the whole map (keys sorted, values as they are).
func (o optionKeys) json() json.RawMessage { return o.whole }

// diff writes the keys of o whose value differs from base's, with null for
// a key base has and o lacks, as one JSON object.
func (o optionKeys) diff(base optionKeys) json.RawMessage {
	type entry struct {
		name  string
		value []byte
	}
	var d []entry
	size := 2
	add := func(name string, value []byte) {
		d = append(d, entry{name, value})
		size += len(name) + len(value) + 4
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
	slices.SortFunc(d, func(a, b entry) int { return strings.Compare(a.name, b.name) })
	b := bytes.NewBuffer(make([]byte, 0, size))
	b.WriteByte('{')
	for i, e := range d {
		if i > 0 {
			b.WriteByte(',')
		}
		writeName(b, e.name)
		b.Write(e.value)
	}
	b.WriteByte('}')
	return b.Bytes()
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
// which, for tablero.js and for anyone who reads it. Horizontal bars are
// read from the top, as a table is: ECharts draws the first category at
// the foot of a vertical axis, so that axis is inverted, and sort = "-y"
// puts the largest bar first, on top.
func axisOptions(global []charts.GlobalOpts, f *Frame, right string, horizontal bool) []charts.GlobalOpts {
	x, y := "category", "value"
	var inverse types.Bool
	if horizontal {
		x, y = y, x
		inverse = opts.Bool(true)
	}
	return append(global,
		charts.WithTooltipOpts(opts.Tooltip{Trigger: "axis"}),
		charts.WithGridOpts(opts.Grid{ContainLabel: opts.Bool(true), Left: "8", Right: right, Top: "16", Bottom: legendSpace(f)}),
		charts.WithXAxisOpts(opts.XAxis{Type: x}),
		charts.WithYAxisOpts(opts.YAxis{Type: y, Inverse: inverse}),
	)
}

func legendSpace(f *Frame) string {
	if len(f.Series) > 1 {
		return "40"
	}
	return "8"
}
