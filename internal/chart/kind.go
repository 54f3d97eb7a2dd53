package chart

import (
	"encoding/json"
	"slices"
	"sort"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
)

// A kind is a type of chart. Everything the build knows of one is in its
// file kind_NAME.go, which registers it: to add a chart type, add such a
// file and a golden file of its option (see docs/contributing.md).
type kind struct {
	name string
	// title names the kind at the start of its text alternative, in
	// Spanish and English ("Gráfico de barras", "Bar chart").
	title [2]string
	// single is set when the kind draws one series only.
	single bool
	// fillsYears is set when, with years as categories, the years missing
	// between the first and the last are drawn as gaps.
	fillsYears bool
	// scripts is what the browser loads to draw it.
	scripts Scripts
	// check, when set, reports what the kind needs of the block beyond
	// the keys every chart has.
	check func(b content.Block, s *ChartSpec, t *dataset.Table) *diag.Diagnostic
	// option builds the ECharts option of a frame: global holds what
	// every kind shares (colours, aria, legend), to which it may add; lang is the
	// language of the page, for what the option itself writes out.
	option optionFunc
	// more is merged into the option for what go-echarts' types cannot
	// write; its arrays are []any (see addOption).
	more map[string]any
	// height, when set, gives the box's height on a wide screen and on a
	// phone; without it a chart is 360 and 280 px tall.
	height func(s *ChartSpec, f *Frame) [2]int
	// phone, when set, is what of the option changes on a phone's width.
	phone map[string]any
	// phoneJSON is phone written once, at registration.
	phoneJSON json.RawMessage
}

// optionFunc builds a kind's option (see kind.option).
type optionFunc func(s *ChartSpec, f *Frame, global []charts.GlobalOpts, lang string) echart

// echart is a go-echarts chart, ready to be written as an ECharts option.
type echart interface {
	Validate()
	JSON() map[string]any
}

// Scripts says what the browser needs to draw a chart.
type Scripts uint8

const (
	// Core is the smaller ECharts bundle: grids, lines, bars, pies.
	Core Scripts = iota
	// Full is the bundle with every series type (treemap, map).
	Full
	// World is Full plus the world's geometry and the country names.
	World
)

// kinds holds the registered chart kinds by name.
var kinds = map[string]*kind{}

// register adds chart kinds; each kind_*.go file calls it from init.
func register(ks ...*kind) {
	for _, k := range ks {
		if kinds[k.name] != nil {
			panic("chart kind registered twice: " + k.name) // a programming error, at start
		}
		if k.phone != nil {
			b, err := json.Marshal(k.phone)
			if err != nil {
				panic("chart kind " + k.name + ": phone layout: " + err.Error()) // a programming error, at start
			}
			k.phoneJSON = b
		}
		kinds[k.name] = k
	}
}

// kindNames lists the names of the chart kinds, sorted.
func kindNames() []string {
	names := make([]string, 0, len(kinds))
	for n := range kinds {
		names = append(names, n)
	}
	sort.Strings(names)
	return slices.Clip(names)
}
