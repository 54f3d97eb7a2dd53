package chart

import (
	"math"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
)

// Treemaps: one rectangle per category, its area the figure. The series
// type is in ECharts' full bundle only.
func init() {
	register(&kind{name: "treemap", title: [2]string{"Mapa de árbol", "Treemap"}, single: true, scripts: Full, option: treemapOption,
		// One level, so no breadcrumb; each rectangle names its category,
		// wrapped to fit.
		more: map[string]any{"series": []any{map[string]any{
			"breadcrumb": map[string]any{"show": false},
			"label":      map[string]any{"show": true, "formatter": "{b}", "overflow": "break"},
		}}}})
}

func treemapOption(s *ChartSpec, f *Frame, global []charts.GlobalOpts, _ string) echart {
	tm := newTreeMap()
	tm.SetGlobalOptions(append(global, charts.WithTooltipOpts(opts.Tooltip{Trigger: "item"}),
		charts.WithLegendOpts(opts.Legend{Show: opts.Bool(false)}))...)
	tm.AddSeries(f.Series[0].Name, nil, charts.WithTreeMapOpts(opts.TreeMapChart{Roam: opts.Bool(false)}))
	// go-echarts' TreeMapNode holds integer values, which would round
	// 0.79 to 0; the series data is written from the frame instead.
	nodes := []treemapNode{}
	for i, v := range f.Series[0].Values {
		if !math.IsNaN(v) {
			nodes = append(nodes, treemapNode{Name: f.X[i], Value: v})
		}
	}
	tm.MultiSeries[0].Data = nodes
	return tm
}

type treemapNode struct {
	Name  string  `json:"name"`
	Value float64 `json:"value"`
}
