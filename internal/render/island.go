package render

import (
	"encoding/json"
	"math"

	"github.com/tablero/tablero/internal/chart"
)

// A chart's figures reach the browser in a JSON island beside its
// container: the option Go built for ECharts, and the frame's values for
// the table view, the downloads and the filters' variants.

// island is what a chart's JSON island carries to tablero.js.
type island struct {
	Option   json.RawMessage `json:"option"`
	Type     string          `json:"type"`
	Title    string          `json:"title"`
	XLabel   string          `json:"xLabel"`
	X        []string        `json:"x"`
	Series   []islandSeries  `json:"series"`
	Unit     string          `json:"unit,omitempty"`
	Variants []chart.Variant `json:"variants,omitempty"`
	// The box's height and the option's phone layout (see chart.Layout),
	// and whether the chart needs the world's geometry.
	Height [2]int          `json:"height"`
	Phone  json.RawMessage `json:"phone,omitempty"`
	World  bool            `json:"world,omitempty"`
}

type islandSeries struct {
	Name   string   `json:"name"`
	Values []any    `json:"values"`
	Labels []string `json:"labels,omitempty"` // the values with their qualifiers, when some has one
}

func islandOf(c *chart.Chart, lang string) island {
	is := island{Option: c.Option, Type: c.Type, Title: c.Title, XLabel: c.Frame.XLabel, X: c.Frame.X, Unit: c.Frame.Unit, Variants: c.Variants,
		Height: c.Layout.Height, Phone: c.Layout.Phone}
	if s, _ := c.Scripts(); s == chart.World {
		is.World = true
	}
	for j, s := range c.Frame.Series {
		vals := make([]any, len(s.Values))
		for i, v := range s.Values {
			if !math.IsNaN(v) {
				vals[i] = v
			}
		}
		is.Series = append(is.Series, islandSeries{Name: s.Name, Values: vals, Labels: c.Frame.Labels(j, lang)})
	}
	return is
}
