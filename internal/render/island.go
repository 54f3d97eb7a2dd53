package render

import (
	"bytes"
	"encoding/json"

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
	Name   string     `json:"name"`
	Values []*float64 `json:"values"`
	Labels []string   `json:"labels,omitempty"` // the values with their qualifiers, when some has one
}

func islandOf(c *chart.Chart, lang string) island {
	is := island{Option: c.Option, Type: c.Type, Title: c.Title, XLabel: c.Frame.XLabel, X: c.Frame.X, Unit: c.Frame.Unit, Variants: c.Variants,
		Height: c.Layout.Height, Phone: c.Layout.Phone}
	if s, _ := c.Scripts(); s == chart.World {
		is.World = true
	}
	if n := len(c.Frame.Series); n > 0 {
		is.Series = make([]islandSeries, n)
	}
	for j, s := range c.Frame.Series {
		is.Series[j] = islandSeries{Name: s.Name, Values: chart.Nullable(s.Values), Labels: c.Frame.Labels(j, lang)}
	}
	return is
}

// writeIsland writes is to b as json.Marshal does, field for field, but
// copies the options, which json.Marshal wrote already, instead of handing
// them to it again: it would check and compact every byte of them a second
// time, a twentieth of a build whose charts have filters. Bytes written
// by json.Marshal hold no <, > or & (it escapes them, so no "</script>"
// can end the island early); anything else is escaped here as it would
// have been. The values are encoded straight into b (an Encoder escapes as
// json.Marshal does), not into a copy each. After an error b holds part of
// the island, and the page is not written.
func writeIsland(b *bytes.Buffer, is island) error {
	enc := json.NewEncoder(b)
	var err error
	// value writes key (with what comes before it) and v as json.Marshal
	// writes it; after an error it writes nothing more.
	value := func(key string, v any) {
		if err != nil {
			return
		}
		b.WriteString(key)
		if err = enc.Encode(v); err == nil {
			b.Truncate(b.Len() - 1) // the newline Encode ends a value with
		}
	}
	b.WriteString(`{"option":`)
	rawJSON(b, is.Option)
	value(`,"type":`, is.Type)
	value(`,"title":`, is.Title)
	value(`,"xLabel":`, is.XLabel)
	value(`,"x":`, is.X)
	value(`,"series":`, is.Series)
	if is.Unit != "" {
		value(`,"unit":`, is.Unit)
	}
	for i, v := range is.Variants {
		key := `,{"select":`
		if i == 0 {
			key = `,"variants":[{"select":`
		}
		value(key, v.Select)
		value(`,"x":`, v.X)
		value(`,"series":`, v.Series)
		if len(v.Option) > 0 {
			b.WriteString(`,"option":`)
			rawJSON(b, v.Option)
		}
		b.WriteByte('}')
		if i == len(is.Variants)-1 {
			b.WriteByte(']')
		}
	}
	value(`,"height":`, is.Height)
	if len(is.Phone) > 0 {
		b.WriteString(`,"phone":`)
		rawJSON(b, is.Phone)
	}
	if is.World {
		b.WriteString(`,"world":true`)
	}
	b.WriteByte('}')
	return err
}

// rawJSON writes JSON written by json.Marshal as json.Marshal would write
// it inside another value: as it is, escaped for HTML, null when empty.
func rawJSON(b *bytes.Buffer, raw json.RawMessage) {
	switch {
	case len(raw) == 0:
		b.WriteString("null")
	case needsEscape(raw):
		json.HTMLEscape(b, raw)
	default:
		b.Write(raw)
	}
}

// needsEscape reports whether raw holds a byte that json.Marshal escapes
// for HTML. One search per byte: ContainsAny, with the two multi-byte
// separators in its set, took half of islandJSON's time.
func needsEscape(raw []byte) bool {
	return bytes.IndexByte(raw, '<') >= 0 || bytes.IndexByte(raw, '>') >= 0 || bytes.IndexByte(raw, '&') >= 0 ||
		bytes.Contains(raw, []byte("\u2028")) || bytes.Contains(raw, []byte("\u2029"))
}
