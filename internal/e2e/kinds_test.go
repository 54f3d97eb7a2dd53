package e2e

import (
	"fmt"
	"testing"
)

// TestPieLabelsShowShares checks, on every page with a pie or a donut, in
// Spanish and English, that each slice's label (written by the build) reads
// its name and the share ECharts computes for it, as the browser writes
// that number in the page's language with one decimal.
func TestPieLabelsShowShares(t *testing.T) {
	need(t)
	t.Parallel()
	pages := pagesWith("chart chart-donut", "chart chart-pie")
	if len(pages) == 0 {
		t.Fatal("no page of the site draws a pie or a donut")
	}
	seen := map[string]bool{}
	for _, pg := range pages {
		if seen[pg.Lang] {
			continue
		}
		seen[pg.Lang] = true
		t.Run(pg.Path, func(t *testing.T) {
			tb := env.tabs.get()
			defer env.tabs.put(tb)
			if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
				t.Fatal(err)
			}
			bad, err := eval[[]string](tb, `(function () {
				var lang = document.documentElement.lang, out = [], n = 0;
				var f = new Intl.NumberFormat(lang === "en" ? "en-US" : "es-CO", { maximumFractionDigits: 1 });
				window.tablero.charts.forEach(function (c) {
					var m = c.chart.getModel().getSeriesByIndex(0);
					if (!m || m.subType !== "pie") return;
					var d = m.getData();
					for (var i = 0; i < d.count(); i++) {
						n++;
						var want = d.getName(i) + "\n" + f.format(m.getDataParams(i).percent) + " %";
						var got = m.getFormattedLabel(i, "normal");
						if (got !== want) out.push(c.el.getAttribute("data-chart") + ": " + JSON.stringify(got) + " want " + JSON.stringify(want));
					}
				});
				if (!n) out.push("no slice drawn");
				return out;
			})()`)
			if err != nil {
				t.Fatal(err)
			}
			for _, b := range bad {
				t.Error(b)
			}
		})
	}
}

// TestFilterSwapsPreparedOptions chooses each value of a board's first
// filter and checks that every chart drawn shows the selection's data as
// the build computed it: the categories, the figures of each series and,
// on a map, a scale up to the highest figure.
func TestFilterSwapsPreparedOptions(t *testing.T) {
	need(t)
	t.Parallel()
	pg := firstPageWith(t, "data-filter=")
	tb := env.tabs.get()
	defer env.tabs.put(tb)
	if err := tb.open(env.http.url(pg.Path), desktop); err != nil {
		t.Fatal(err)
	}
	opts, err := eval[[]string](tb, `Array.prototype.map.call(document.querySelector("[data-filter]").options, function (o) { return o.value; }).filter(Boolean)`)
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, v := range opts {
		bad, err := eval[[]string](tb, fmt.Sprintf(`(function () {
			var s = document.querySelector("[data-filter]"), out = [];
			s.value = %q;
			s.dispatchEvent(new Event("change"));
			function val(x) { return x != null && typeof x === "object" && !Array.isArray(x) ? val(x.value) : (x === "-" || x == null ? null : x); }
			window.tablero.charts.forEach(function (c) {
				if (!c.shown || !c.shown.x || !c.shown.x.length) return;
				var id = c.el.getAttribute("data-chart"), o = c.chart.getOption(), sh = c.shown;
				var type = o.series[0].type;
				if (type === "bar" || type === "line") {
					var cat = [].concat(o.xAxis || [], o.yAxis || []).filter(function (a) { return a.type === "category"; })[0];
					if (JSON.stringify(cat.data) !== JSON.stringify(sh.x)) out.push(id + ": categories " + JSON.stringify(cat.data) + " want " + JSON.stringify(sh.x));
					if (o.series.length !== sh.series.length) out.push(id + ": " + o.series.length + " series, want " + sh.series.length);
					o.series.forEach(function (se, j) {
						var got = JSON.stringify(se.data.map(val)), want = JSON.stringify(sh.series[j].values);
						if (got !== want || se.name !== sh.series[j].name) out.push(id + ": series " + se.name + " " + got + " want " + sh.series[j].name + " " + want);
					});
				} else {
					var want = [], hi = 0;
					sh.x.forEach(function (x, i) { var y = sh.series[0].values[i]; if (y != null) { want.push([x, y]); hi = Math.max(hi, y); } });
					// ECharts adds the map's regions without a figure to its data.
					var got = o.series[0].data.map(function (d) { return [d.name, val(d)]; }).filter(function (p) { return p[1] != null; });
					if (JSON.stringify(got) !== JSON.stringify(want)) out.push(id + ": data " + JSON.stringify(got) + " want " + JSON.stringify(want));
					if (type === "map" && o.visualMap[0].max !== hi) out.push(id + ": scale up to " + o.visualMap[0].max + ", want " + hi);
				}
				out.push("ok");
			});
			return out;
		})()`, v))
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range bad {
			if b == "ok" {
				checked++
			} else {
				t.Errorf("%s=%s: %s", pg.Path, v, b)
			}
		}
	}
	if checked == 0 {
		t.Error("no chart drew a selection")
	}
	t.Logf("%d charts checked over %d values", checked, len(opts))
}
