package chart

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"
)

// A copied chart writes what go-echarts' own new chart writes, and setting
// it up leaves the original as it was.
func TestCopiedChartsAreNewCharts(t *testing.T) {
	setUp := []charts.GlobalOpts{
		charts.WithColorsOpts(opts.Colors(Palette)),
		charts.WithXAxisOpts(opts.XAxis{Type: "value", Name: "set up"}),
		charts.WithYAxisOpts(opts.YAxis{Type: "category", Name: "set up"}),
	}
	type chart interface {
		SetGlobalOptions(...charts.GlobalOpts)
		Validate()
		JSON() map[string]any
	}
	for _, tc := range []struct {
		name        string
		copy, fresh func() chart
	}{
		{"line", func() chart { return lineSetter{newLine()} }, func() chart { return lineSetter{charts.NewLine()} }},
		{"bar", func() chart { return barSetter{newBar()} }, func() chart { return barSetter{charts.NewBar()} }},
		{"pie", func() chart { return pieSetter{newPie()} }, func() chart { return pieSetter{charts.NewPie()} }},
		{"map", func() chart { return mapSetter{newMap()} }, func() chart { return mapSetter{charts.NewMap()} }},
		{"treemap", func() chart { return treemapSetter{newTreeMap()} }, func() chart { return treemapSetter{charts.NewTreeMap()} }},
	} {
		write := func(c chart, o ...charts.GlobalOpts) string {
			c.SetGlobalOptions(o...)
			c.Validate()
			b, err := json.Marshal(c.JSON())
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
		if got, want := write(tc.copy(), setUp...), write(tc.fresh(), setUp...); got != want {
			t.Errorf("%s: a copied chart writes\n%s\ngo-echarts' new chart writes\n%s", tc.name, got, want)
		}
		// Had the copy above set up its original, this one would show it.
		if got, want := write(tc.copy()), write(tc.fresh()); got != want {
			t.Errorf("%s: after another copy was set up, a copy writes\n%s\nnot\n%s", tc.name, got, want)
		}
		// A chart given back to its pool once written is made anew: the
		// next copy, made over it, shows nothing of it.
		used := tc.copy()
		write(used, setUp...)
		release(used.(interface{ inner() echart }).inner())
		if got, want := write(tc.copy()), write(tc.fresh()); got != want {
			t.Errorf("%s: after a set-up chart went back to the pool, a copy writes\n%s\nnot\n%s", tc.name, got, want)
		}
	}
}

// The setters give the five chart types one method set for the test.
type (
	lineSetter    struct{ *charts.Line }
	barSetter     struct{ *charts.Bar }
	pieSetter     struct{ *charts.Pie }
	mapSetter     struct{ *charts.Map }
	treemapSetter struct{ *charts.TreeMap }
)

func (c lineSetter) inner() echart    { return c.Line }
func (c barSetter) inner() echart     { return c.Bar }
func (c pieSetter) inner() echart     { return c.Pie }
func (c mapSetter) inner() echart     { return c.Map }
func (c treemapSetter) inner() echart { return c.TreeMap }

func (c lineSetter) SetGlobalOptions(o ...charts.GlobalOpts)    { c.Line.SetGlobalOptions(o...) }
func (c barSetter) SetGlobalOptions(o ...charts.GlobalOpts)     { c.Bar.SetGlobalOptions(o...) }
func (c pieSetter) SetGlobalOptions(o ...charts.GlobalOpts)     { c.Pie.SetGlobalOptions(o...) }
func (c mapSetter) SetGlobalOptions(o ...charts.GlobalOpts)     { c.Map.SetGlobalOptions(o...) }
func (c treemapSetter) SetGlobalOptions(o ...charts.GlobalOpts) { c.TreeMap.SetGlobalOptions(o...) }

// addLineSeries adds what Line.AddSeries adds, on a chart whose animation
// is set (the series inherits it) and with options.
func TestAddLineSeriesIsAddSeries(t *testing.T) {
	so := []charts.SeriesOpts{
		charts.WithLineChartOpts(opts.LineChart{ConnectNulls: opts.Bool(false), ShowSymbol: opts.Bool(true), SymbolSize: 8, Stack: "total"}),
		charts.WithAreaStyleOpts(opts.AreaStyle{Opacity: opts.Float(0.25)}),
	}
	write := func(add func(*charts.Line)) string {
		c := charts.NewLine()
		c.SetGlobalOptions(charts.WithAnimation(false))
		add(c)
		add(c)
		c.Validate()
		b, err := json.Marshal(c.JSON())
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	data := []any{1.5, "-", 3.0}
	want := write(func(c *charts.Line) {
		c.AddSeries("Comercio", nil, so...).MultiSeries[len(c.MultiSeries)-1].Data = data
	})
	if got := write(func(c *charts.Line) { addLineSeries(c, "Comercio", data, so...) }); got != want {
		t.Errorf("addLineSeries writes\n%s\nLine.AddSeries writes\n%s", got, want)
	}
}

// A chart's series are added over the list of a chart given back before
// it: the option shows its own series and nothing of the other's, for
// every kind that keeps the lists.
func TestReusedSeriesListsShowOnlyTheirSeries(t *testing.T) {
	frame := func(names ...string) *Frame {
		f := &Frame{Keys: []string{"a", "b"}, X: []string{"A", "B"}}
		for i, n := range names {
			f.Series = append(f.Series, Series{Name: n, Values: []float64{float64(i + 1), 2}})
		}
		return f
	}
	var b bytes.Buffer
	for _, kind := range []string{"bar", "line", "area", "pie"} {
		many := []string{"one", "two", "three"}
		if kind == "pie" {
			many = many[:1] // a pie draws one series
		}
		if _, err := option(kind, &ChartSpec{Type: kind}, frame(many...), "en", &b, nil); err != nil {
			t.Fatal(err)
		}
		o, err := option(kind, &ChartSpec{Type: kind}, frame("only"), "en", &b, nil)
		if err != nil {
			t.Fatal(err)
		}
		var series []struct{ Name string }
		i, ok := slices.BinarySearch(o.names, "series")
		if !ok {
			t.Fatalf("%s: no series in %s", kind, o.json())
		}
		if err := json.Unmarshal(o.values[i], &series); err != nil {
			t.Fatal(err)
		}
		if len(series) != 1 || series[0].Name != "only" {
			t.Errorf("%s: the option's series are %+v, want the one named only", kind, series)
		}
	}
}

// A pie's slices write what go-echarts' opts.PieData writes for the same
// slice: a name or none, any figure (0 too), selected or not, with its
// label's text.
func TestPieSliceAsPieData(t *testing.T) {
	for _, c := range []struct {
		name     string
		value    float64
		selected bool
		label    string
	}{
		{"Comercio", 12.5, false, "{b}\n12,4 %"},
		{"", 0, true, ""},
		{"<b>\"x\" & y</b>", -3e-7, true, "{b}\n100 %"},
		{"Año", 1e21, false, "{b}\n0 %"},
	} {
		ours := pieSlice{Name: c.name, Value: c.value}
		theirs := opts.PieData{Name: c.name, Value: c.value}
		if c.selected {
			ours.Selected, theirs.Selected = opts.Bool(true), opts.Bool(true)
		}
		if c.label != "" {
			ours.Label, theirs.Label = &pieLabel{Formatter: c.label}, &opts.Label{Formatter: types.FuncStr(c.label)}
		}
		a, err1 := json.Marshal(ours)
		b, err2 := json.Marshal(theirs)
		if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
			t.Errorf("slice %+v: writes %s, opts.PieData %s (%v, %v)", c, a, b, err1, err2)
		}
	}
}

// Every kind's series are written as lightSeries, and those write what
// go-echarts' series write: over shapes of data, stacked or not, with a
// highlighted category or not, in both languages.
func TestLightSeries(t *testing.T) {
	tb, shapes := fiveRows(), optionShapes
	rows := []int{0, 1, 2, 3, 4}
	for _, typ := range kindNames() {
		compared := 0
		for _, lang := range []string{"es", "en"} {
			for _, shape := range shapes {
				for _, more := range []string{"", "stack = true", `highlight = "Agro"`, `highlight = "US"`} {
					b := block("chart", "type = \""+typ+"\"\ndata = \"inv\"\n"+shape+"\ny = \"value\"\naggregate = \"sum\"\ntitle = \"t\"\n"+more)
					var s ChartSpec
					if l := decode(b, &s); len(l) > 0 {
						continue // an option this kind does not take
					}
					f, l := frame(b, &s, tb, rows, words(), lang)
					if len(l) > 0 || !f.Drawable() {
						continue
					}
					c := kinds[typ].option(&s, f, []charts.GlobalOpts{charts.WithAnimation(false)}, lang)
					c.Validate()
					ms, ok := c.JSON()["series"].(charts.MultiSeries)
					if !ok {
						t.Fatalf("%s: go-echarts' series are a %T", typ, c.JSON()["series"])
					}
					light, ok := lighten(ms).([]lightSeries)
					if !ok {
						t.Errorf("%s, %s, %s: a series sets a field lightSeries lacks", typ, shape, more)
						continue
					}
					want, err1 := json.Marshal(ms)
					got, err2 := json.Marshal(light)
					if err1 != nil || err2 != nil || !bytes.Equal(got, want) {
						t.Errorf("%s, %s, %s: lightSeries write\n%s\ngo-echarts' series\n%s", typ, shape, more, got, want)
					}
					compared++
				}
			}
		}
		if compared < 8 {
			t.Errorf("%s: %d series compared", typ, compared)
		}
	}
	// A field lightSeries lacks keeps go-echarts' series.
	ms := charts.MultiSeries{{Name: "a", Type: "line", Smooth: opts.Bool(true)}}
	if _, ok := lighten(ms).(charts.MultiSeries); !ok {
		t.Error("a smooth line was made a lightSeries, which cannot write smooth")
	}
}
