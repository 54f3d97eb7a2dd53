package chart

import (
	"bytes"
	"slices"
	"sync"
	"unsafe"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// go-echarts fills a new chart's defaults by walking its whole
// configuration with reflection: about 40 µs a chart, a tenth of the build
// of a site whose pages have filters, where every selection is a chart of
// its own. So each kind's chart is made by go-echarts once, and the charts
// Tablero builds are copies of it (same defaults, same output), with their
// own copies of what go-echarts writes in place or adds to: the axes'
// lists, the colours and the asset sets. Charts built at once on several
// cores then share nothing that is written. The renderer is dropped: it
// points at the first chart, and Tablero writes options, never go-echarts'
// HTML.
var (
	linePool    = newPool(charts.NewLine, func(c *charts.Line) *charts.BaseConfiguration { return &c.BaseConfiguration })
	barPool     = newPool(charts.NewBar, func(c *charts.Bar) *charts.BaseConfiguration { return &c.BaseConfiguration })
	piePool     = newPool(charts.NewPie, func(c *charts.Pie) *charts.BaseConfiguration { return &c.BaseConfiguration })
	mapPool     = newPool(charts.NewMap, func(c *charts.Map) *charts.BaseConfiguration { return &c.BaseConfiguration })
	treemapPool = newPool(charts.NewTreeMap, func(c *charts.TreeMap) *charts.BaseConfiguration { return &c.BaseConfiguration })

	newLine, newBar, newPie, newMap, newTreeMap = linePool.get, barPool.get, piePool.get, mapPool.get, treemapPool.get
)

// chartPool makes copies of the chart made, once, by newChart; base is a
// copy's configuration, which unshare sets apart. A chart whose option is
// written goes back to the pool (see release), and the next copy is made
// over it: a go-echarts chart is 2 to 5 KB, and a page with a filter makes
// one per selection (at 1,000 pages, 30 MB of a build's 410).
type chartPool[C any] struct {
	proto func() *C
	base  func(*C) *charts.BaseConfiguration
	pool  sync.Pool
}

func newPool[C any](newChart func() *C, base func(*C) *charts.BaseConfiguration) *chartPool[C] {
	return &chartPool[C]{proto: sync.OnceValue(newChart), base: base}
}

func (p *chartPool[C]) get() *C {
	c, _ := p.pool.Get().(*C)
	if c == nil {
		c = new(C)
	}
	*c = *p.proto()
	unshare(p.base(c))
	return c
}

// release gives a chart back to its kind's pool. Nothing may hold it:
// option calls it once the chart's JSON is written.
func release(c echart) {
	switch c := c.(type) {
	case *charts.Line:
		keepSeries(c.MultiSeries)
		linePool.pool.Put(c)
	case *charts.Bar:
		keepSeries(c.MultiSeries)
		barPool.pool.Put(c)
	case *charts.Pie:
		keepSeries(c.MultiSeries)
		piePool.pool.Put(c)
	case *charts.Map:
		mapPool.pool.Put(c)
	case *charts.TreeMap:
		treemapPool.pool.Put(c)
	}
}

// seriesLists hold the lists of series of charts given back: a series is
// a kilobyte of go-echarts options, and every selection of a filter is a
// chart. The next charts add their series over them (see seriesList); a
// chart is given out with none, as go-echarts makes it.
var seriesLists sync.Pool // of *charts.MultiSeries

func keepSeries(ms charts.MultiSeries) {
	if cap(ms) > 0 {
		seriesLists.Put(&ms)
	}
}

// seriesList returns an empty list with room for n series.
func seriesList(n int) charts.MultiSeries {
	if p, _ := seriesLists.Get().(*charts.MultiSeries); p != nil && cap(*p) >= n {
		return (*p)[:0]
	}
	return make(charts.MultiSeries, 0, n)
}

// lineSeriesProto is a series as Line.AddSeries starts one, with the
// defaults go-echarts walks the series for (the other kinds' series have
// none). addLineSeries adds a copy, set up as AddSeries would.
var lineSeriesProto = sync.OnceValue(func() charts.SingleSeries {
	return charts.NewLine().AddSeries("", nil).MultiSeries[0]
})

func addLineSeries(line *charts.Line, name string, data any, options ...charts.SeriesOpts) {
	s := lineSeriesProto()
	s.Name, s.Data = name, data
	s.Animation = line.Animation
	addSeries(&line.MultiSeries, s, options...)
}

// addSeries adds series s to a chart's list ms and applies options to it
// there, as the kinds' AddSeries do (Bar's and Pie's add nothing else): a
// series set up before it is added escapes to the heap, a kilobyte each.
func addSeries(ms *charts.MultiSeries, s charts.SingleSeries, options ...charts.SeriesOpts) {
	if *ms == nil {
		*ms = seriesList(1)
	}
	*ms = append(*ms, s)
	(*ms)[len(*ms)-1].ConfigureSeriesOpts(options...)
}

// unshare gives a copied chart its own copies of what the copy shares
// with its original and go-echarts may write: every other field of a new
// chart is a value or nil.
func unshare(bc *charts.BaseConfiguration) {
	bc.Renderer = nil
	bc.XAxisList = slices.Clone(bc.XAxisList)
	bc.YAxisList = slices.Clone(bc.YAxisList)
	bc.Colors = slices.Clone(bc.Colors)
	bc.Assets = opts.Assets{}
	bc.InitAssets()
}

// lightSeries is a series as charts.SingleSeries writes it, with only the
// fields Tablero's kinds set, in SingleSeries' order: the same JSON,
// without encoding/json looking at the hundred others of every series.
// lighten makes them, and keeps go-echarts' series when one sets any
// other field (TestLightSeries checks every kind's).
type lightSeries struct {
	Name         string          `json:"name,omitempty"`
	Type         string          `json:"type,omitempty"`
	Stack        string          `json:"stack,omitempty"`
	Roam         types.Bool      `json:"roam,omitempty"`
	ConnectNulls types.Bool      `json:"connectNulls,omitempty"`
	ShowSymbol   types.Bool      `json:"showSymbol,omitempty"`
	MapType      string          `json:"map,omitempty"`
	Radius       any             `json:"radius,omitempty"`
	SymbolSize   any             `json:"symbolSize,omitempty"`
	Levels       any             `json:"levels,omitempty"`
	UpperLabel   any             `json:"upperLabel,omitempty"`
	Data         any             `json:"data,omitempty"`
	Animation    types.Bool      `json:"animation,omitempty"`
	SelectedMode types.Bool      `json:"selectedMode,omitempty"`
	Label        *opts.Label     `json:"label,omitempty"`
	AreaStyle    *opts.AreaStyle `json:"areaStyle,omitempty"`
}

// lighten returns ms as lightSeries, or ms itself when a series sets a
// field lightSeries lacks.
func lighten(ms charts.MultiSeries) any {
	out := make([]lightSeries, len(ms))
	for i := range ms {
		s := ms[i]
		out[i] = lightSeries{s.Name, s.Type, s.Stack, s.Roam, s.ConnectNulls, s.ShowSymbol, s.MapType, s.Radius,
			s.SymbolSize, s.Levels, s.UpperLabel, s.Data, s.Animation, s.SelectedMode, s.Label, s.AreaStyle}
		s.Name, s.Type, s.Stack, s.Roam, s.ConnectNulls, s.ShowSymbol, s.MapType, s.Radius = "", "", "", nil, nil, nil, "", nil
		s.SymbolSize, s.Levels, s.UpperLabel, s.Data, s.Animation, s.SelectedMode, s.Label, s.AreaStyle = nil, nil, nil, nil, nil, nil, nil, nil
		if !zeroSeries(&s) {
			return ms
		}
	}
	return out
}

// zeroSeries reports whether every byte of s is zero: every field empty.
// A padding byte that is not would only keep go-echarts' series.
func zeroSeries(s *charts.SingleSeries) bool {
	b := unsafe.Slice((*byte)(unsafe.Pointer(s)), unsafe.Sizeof(*s))
	return bytes.Equal(b, zeroSeriesBytes[:])
}

var zeroSeriesBytes [unsafe.Sizeof(charts.SingleSeries{})]byte
