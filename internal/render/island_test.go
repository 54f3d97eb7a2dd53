package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/tablero/tablero/internal/chart"
)

// TestIslandJSONIsMarshal checks that writeIsland writes what json.Marshal
// writes for the same island, byte for byte: for every chart of the golden
// page (with and without filter variants) and for islands whose text and
// raw options hold what must be escaped inside a <script>.
func TestIslandJSONIsMarshal(t *testing.T) {
	cp, ts := goldenPage(t)
	var islands []island
	for _, filters := range [][]string{nil, {"sector"}} {
		p := chart.Decode(cp)
		p.Meta.Filters = filters // by sector: every chart gets variants
		blocks, l := chart.BuildPage(p, ts, theme(t).Words(), "en", "page")
		if len(l) > 0 {
			t.Fatal(l.Format("en"))
		}
		for _, b := range blocks {
			if c, ok := b.Content.(*chart.Chart); ok && c.Empty == "" {
				islands = append(islands, islandOf(c, "en"))
			}
		}
	}
	variants := 0
	for _, is := range islands {
		variants += len(is.Variants)
	}
	if len(islands) < 3 || variants == 0 {
		t.Fatalf("%d charts, %d variants: the golden page should give charts with filter variants", len(islands), variants)
	}
	half := 1.5
	hostile := `</script><script>alert(1)</script> & <b> ` + "\u2028\u2029"
	islands = append(islands,
		island{Option: json.RawMessage(`{"title":"` + hostile + `"}`), Type: "bar", Title: hostile, XLabel: hostile, X: []string{hostile},
			Series: []islandSeries{{Name: hostile, Values: []*float64{&half, nil}, Labels: []string{hostile, ""}}}, Unit: hostile,
			Variants: []chart.Variant{{Select: map[string]string{"s": hostile}, X: []string{hostile}, Option: json.RawMessage(`{"x":"<"}`)}, {Select: map[string]string{}}},
			Height:   [2]int{1, 2}, Phone: json.RawMessage("{\"a\":\"\u2028\"}"), World: true},
		island{},
	)
	for i, is := range islands {
		want, err := json.Marshal(is)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.WriteString("before ")
		if err := writeIsland(&b, is); err != nil {
			t.Fatal(err)
		}
		got, ok := bytes.CutPrefix(b.Bytes(), []byte("before "))
		if !ok {
			t.Fatalf("island %d: what the buffer held before was changed: %s", i, b.Bytes())
		}
		if !bytes.Equal(got, want) {
			t.Errorf("island %d:\ngot  %s\nwant %s", i, got, want)
		}
		if bytes.Contains(got, []byte("</")) {
			t.Errorf("island %d can close its <script>: %s", i, got)
		}
	}
}
