package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
)

// World maps: countries coloured by their figure on a scale from 0 to the
// highest. The browser loads the world's geometry and the country names
// in the page's language with the first map.
func init() {
	register(&kind{name: "map", title: [2]string{"Mapa del mundo", "World map"}, single: true, scripts: World,
		check: func(b content.Block, s *ChartSpec, t *dataset.Table) *diag.Diagnostic {
			if t.Col(s.X).Spec.Type == dataset.TypeCountry {
				return nil
			}
			d := blockErr(b, "x", "un mapa necesita una columna de tipo country en x", "a map needs a column of type country as x")
			return &d
		},
		option: mapOption,
		height: func(*ChartSpec, *Frame) [2]int { return [2]int{420, 260} },
		// On a phone the map takes the box's width and its scale lies
		// below it.
		phone: map[string]any{
			"visualMap": []any{map[string]any{"orient": "horizontal", "left": "center", "bottom": 0, "itemWidth": 12, "itemHeight": 120}},
			"series":    []any{map[string]any{"top": 0, "bottom": 48, "left": 0, "right": 0}},
		}})
}

func mapOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, _ string) echart {
	m := newMap()
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
	return m
}
