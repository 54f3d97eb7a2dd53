package e2e

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Issue 18: charts start only when they come near the viewport, and the
// work of tablero.js comes in short tasks even on a slow phone.

// short is a window so low that a board's charts all lie below its fold
// and beyond the start margin (one more window height).
var short = viewport{Width: 1280, Height: 220}

// openLazy opens url in tb without starting the charts, as a reader's
// visit does: it waits until the theme has set the page up and the
// intersection observer has reported where every chart is.
func openLazy(tb *tab, url string, vp viewport) error {
	ctx, cancel := tb.step(30 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(vp.Width, vp.Height),
		colorScheme("light"),
		chromedp.Navigate(url),
	); err != nil {
		return fmt.Errorf("open %s: %w", url, err)
	}
	return tb.waitFor(`document.readyState === "complete" && document.documentElement.hasAttribute("data-charts-observed")`, chartWait)
}

// freshTab is a tab of its own (the test changes its viewport or its CPU
// speed), closed at the end of the test.
func freshTab(t *testing.T) *tab {
	t.Helper()
	tb, err := env.browser.newTab()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tb.cancel)
	return tb
}

// lazyBoard is the first sector board of the site with at least two charts.
func lazyBoard(t *testing.T) *pageModel {
	t.Helper()
	for _, p := range pagesWith("data-chart=") {
		if strings.HasPrefix(p.Path, "sectores/") && strings.Count(readOut(env.site, p.Path), "data-chart=") >= 2 {
			return p
		}
	}
	t.Fatal("no sector board with two charts")
	return nil
}

type lazyState struct {
	Charts, Wanted, Started, Instances int
	ECharts                            bool
	FirstTop, Window                   float64
}

const readLazy = `(function () {
	var els = document.querySelectorAll("[data-chart]");
	return { charts: els.length, wanted: document.querySelectorAll("[data-chart][data-wanted]").length,
		started: document.querySelectorAll("[data-chart][data-started]").length,
		instances: window.echarts ? Array.prototype.filter.call(els, function (el) { return !!echarts.getInstanceByDom(el); }).length : 0,
		echarts: !!window.echarts, firstTop: els[0].getBoundingClientRect().top, window: innerHeight };
})()`

func TestChartsStartNearViewport(t *testing.T) {
	need(t)
	pg := lazyBoard(t)
	tb := freshTab(t)
	if err := openLazy(tb, env.http.url(pg.Path), short); err != nil {
		t.Fatal(err)
	}
	st, err := eval[lazyState](tb, readLazy)
	if err != nil {
		t.Fatal(err)
	}
	if st.FirstTop <= 2*st.Window {
		t.Fatalf("%s: the first chart is %.0f px down a %.0f px window: not below the start margin, the test proves nothing", pg.Path, st.FirstTop, st.Window)
	}
	if st.Wanted != 0 || st.Started != 0 || st.Instances != 0 || st.ECharts {
		t.Errorf("%s before scrolling: %+v; want no chart queued or started and ECharts not loaded", pg.Path, st)
	}
	// Scrolling to each chart starts it (and loads ECharts for the first).
	for i := 0; i < st.Charts; i++ {
		sel := fmt.Sprintf(`document.querySelectorAll("[data-chart]")[%d]`, i)
		if _, err := eval[bool](tb, sel+`.scrollIntoView(), true`); err != nil {
			t.Fatal(err)
		}
		if err := tb.waitFor(sel+`.hasAttribute("data-started") && !!echarts.getInstanceByDom(`+sel+`)`, chartWait); err != nil {
			t.Fatal(err)
		}
	}
	after, err := eval[lazyState](tb, readLazy)
	if err != nil {
		t.Fatal(err)
	}
	if after.Started != after.Charts || after.Instances != after.Charts {
		t.Errorf("%s after scrolling to every chart: %+v; want all %d started", pg.Path, after, after.Charts)
	}
	checkNoErrors(t, tb, pg.Path)
}

func TestChartsUnstartedPrintAndDownload(t *testing.T) {
	need(t)
	pg := lazyBoard(t)
	tb := freshTab(t)
	if err := openLazy(tb, env.http.url(pg.Path), short); err != nil {
		t.Fatal(err)
	}
	last := `document.querySelectorAll("[data-chart]")[document.querySelectorAll("[data-chart]").length - 1]`
	fig := `(function () { var f = ` + last + `.closest("figure"); return f; })()`

	// Print media, before ECharts is even loaded: the unstarted chart's
	// empty box is hidden and its table shows.
	if err := media(tb, "print"); err != nil {
		t.Fatal(err)
	}
	printed, err := eval[[]string](tb, `[getComputedStyle(`+last+`).display, getComputedStyle(`+fig+`.querySelector(".table-view")).display]`)
	if err != nil {
		t.Fatal(err)
	}
	if len(printed) != 2 || printed[0] != "none" || printed[1] == "none" {
		t.Errorf("%s printed before any chart started: chart box display %q, table display %q; want none and shown", pg.Path, printed[0], printed[1])
	}
	if err := media(tb, ""); err != nil {
		t.Fatal(err)
	}

	// Downloads of the chart that has not started.
	id, err := eval[string](tb, fig+`.id`)
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []struct {
		kind  string
		magic []byte
	}{{"csv", []byte("\ufeff")}, {"png", []byte("data:image/png")}, {"svg", []byte("data:image/svg")}} {
		d, err := tb.downloadInPlace(fmt.Sprintf(`#%s [data-download="%s"]`, id, kind.kind))
		if err != nil {
			t.Fatalf("%s: %s download of an unstarted chart: %v", pg.Path, kind.kind, err)
		}
		if d.Name != id+"."+kind.kind {
			t.Errorf("%s: download named %q, want %q", pg.Path, d.Name, id+"."+kind.kind)
		}
		ok := bytes.HasPrefix(d.Data, kind.magic) || bytes.HasPrefix([]byte(d.URL), kind.magic)
		if kind.kind == "png" {
			ok = ok || bytes.HasPrefix(d.Data, []byte("\x89PNG"))
		}
		if kind.kind == "svg" {
			ok = ok || bytes.Contains(d.Data, []byte("<svg"))
		}
		if !ok || len(d.Data) < 100 {
			t.Errorf("%s: %s download of an unstarted chart: %d bytes, not a %s", pg.Path, kind.kind, len(d.Data), kind.kind)
		}
	}
	if started, err := eval[bool](tb, last+`.hasAttribute("data-started")`); err != nil || started {
		t.Errorf("%s: the downloads started the chart on the page (%v, %v); they draw offscreen", pg.Path, started, err)
	}

	// Printing now (ECharts loaded by the downloads): beforeprint starts
	// every chart at once, so the paper shows them.
	var pdf page.PrintToPDFResult
	if err := cdpDo(tb, 60*time.Second, func(ctx context.Context, target *chromedp.Target) (err error) {
		pdf, err = cdp.Call(ctx, target, page.PrintToPDF, page.PrintToPDFParams{})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf.Data, []byte("%PDF")) {
		t.Errorf("%s: printing gave no PDF", pg.Path)
	}
	st, err := eval[lazyState](tb, readLazy)
	if err != nil {
		t.Fatal(err)
	}
	if st.Started != st.Charts {
		t.Errorf("%s after printing: %+v; want every chart started by beforeprint", pg.Path, st)
	}
	checkNoErrors(t, tb, pg.Path)
}

// ourScript is tablero.js under its fingerprinted name.
var ourScript = regexp.MustCompile(`/tablero\.[0-9a-f]+\.js$`)

// TestNoLongTasksFromOurScript counts, at 4× CPU slowdown, the scripts of
// tablero.js that ran longer than 50 ms at a time while a board and the
// world-map board start every chart. The count comes from the browser's
// Long Animation Frames timing (each long frame lists the scripts that ran
// in it, with their source and duration): the test asserts a count, and
// never measures a time itself.
func TestNoLongTasksFromOurScript(t *testing.T) {
	need(t)
	pages := []string{lazyBoard(t).Path}
	for _, p := range pagesWith("data-world=") {
		pages = append(pages, p.Path)
		break
	}
	for _, path := range pages {
		tb := freshTab(t)
		err := cdpDo(tb, 10*time.Second, func(ctx context.Context, target *chromedp.Target) error {
			if _, err := cdp.Call(ctx, target, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: 4}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, target, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: longScripts})
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := tb.open(env.http.url(path), phone); err != nil {
			t.Fatal(err)
		}
		type script struct {
			URL, Invoker string
			Ms           float64
		}
		var got struct {
			Observed bool
			Scripts  []script
		}
		got, err = eval[struct {
			Observed bool
			Scripts  []script
		}](tb, `({ observed: !!window.__loafObserved, scripts: window.__longScripts })`)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Observed {
			t.Skip("this Chromium has no Long Animation Frames timing")
		}
		long := 0
		for _, s := range got.Scripts {
			if ourScript.MatchString(s.URL) && s.Ms > 50 {
				long++
				t.Logf("%s: tablero.js ran %s (%s) in one go", path, s.Invoker, time.Duration(s.Ms*float64(time.Millisecond)))
			}
		}
		if long != 0 {
			t.Errorf("%s at 4× CPU slowdown: %d scripts of tablero.js longer than 50 ms, want 0", path, long)
		}
		checkNoErrors(t, tb, path)
	}
}

// longScripts records, from the start of every document, the scripts that
// ran in a long animation frame (over 50 ms), with their source and time.
const longScripts = `window.__longScripts = [];
if (PerformanceObserver.supportedEntryTypes.indexOf("long-animation-frame") >= 0) {
	new PerformanceObserver(function (l) {
		l.getEntries().forEach(function (f) {
			(f.scripts || []).forEach(function (s) {
				window.__longScripts.push({ url: s.sourceURL || "", invoker: (s.invoker || "") + " " + (s.sourceFunctionName || "") + "@" + s.sourceCharPosition +
					" (forced layout " + Math.round(s.forcedStyleAndLayoutDuration) + " ms)", ms: s.duration });
			});
		});
	}).observe({ type: "long-animation-frame", buffered: true });
	window.__loafObserved = true;
}`

// media emulates a media type ("print", or "" for the screen), keeping
// the light colour scheme the tests use.
func media(tb *tab, m string) error {
	return cdpDo(tb, 10*time.Second, func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    m,
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}},
		})
		return err
	})
}

// cdpDo runs f, one DevTools call or a few, in the tab within slack(d).
func cdpDo(tb *tab, d time.Duration, f func(context.Context, *chromedp.Target) error) error {
	ctx, cancel := tb.step(d)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Func(f))
}

// checkNoErrors fails the test on any uncaught exception or console error
// the tab recorded.
func checkNoErrors(t *testing.T, tb *tab, path string) {
	t.Helper()
	for _, r := range tb.takeRecords() {
		if r.Kind == "exception" || r.Kind == "console" && strings.HasPrefix(r.Text, "console.error") {
			t.Errorf("%s: %s", path, r)
		}
	}
}
