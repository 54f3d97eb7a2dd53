package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/tracing"
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
	Search                             bool // search.js has been fetched
	FirstTop, Window                   float64
}

const readLazy = `(function () {
	var els = document.querySelectorAll("[data-chart]");
	return { charts: els.length, wanted: document.querySelectorAll("[data-chart][data-wanted]").length,
		started: document.querySelectorAll("[data-chart][data-started]").length,
		instances: window.echarts ? Array.prototype.filter.call(els, function (el) { return !!echarts.getInstanceByDom(el); }).length : 0,
		echarts: !!window.echarts,
		search: performance.getEntriesByType("resource").some(function (e) { return /\/search\.[0-9a-f]+\.js$/.test(e.name); }),
		firstTop: els[0].getBoundingClientRect().top, window: innerHeight };
})()`

// openAndRead opens path in a fresh tab as a reader's visit does (see
// openLazy) and reads where its charts stand.
func openAndRead(t *testing.T, path string, vp viewport) (*tab, lazyState) {
	t.Helper()
	tb := freshTab(t)
	if err := openLazy(tb, env.http.url(path), vp); err != nil {
		t.Fatal(err)
	}
	st, err := eval[lazyState](tb, readLazy)
	if err != nil {
		t.Fatal(err)
	}
	return tb, st
}

func TestChartsStartNearViewport(t *testing.T) {
	need(t)
	t.Parallel()
	pg := lazyBoard(t)
	tb, st := openAndRead(t, pg.Path, short)
	if st.FirstTop <= 2*st.Window {
		t.Fatalf("%s: the first chart is %.0f px down a %.0f px window: not below the start margin, the test proves nothing", pg.Path, st.FirstTop, st.Window)
	}
	if st.Wanted != 0 || st.Started != 0 || st.Instances != 0 || st.ECharts || st.Search {
		t.Errorf("%s before scrolling: %+v; want no chart queued or started, ECharts not loaded and search.js not fetched", pg.Path, st)
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

// TestChartsWaitForTheReader: a chart in the first screen starts without
// any input; one only near it (below the first screen, within the start
// margin) waits until the reader scrolls, so that a reader of the first
// screen does not wait for ECharts to load and draw what is out of sight.
func TestChartsWaitForTheReader(t *testing.T) {
	need(t)
	t.Parallel()
	pg := lazyBoard(t)
	// Where the first chart lies, at the width of the windows below (the
	// page's layout does not depend on the window's height).
	tb, st := openAndRead(t, pg.Path, short)
	top := int64(st.FirstTop)
	tb.cancel()

	// A window whose height puts the first chart below its first screen
	// but within the start margin (one more window height).
	tb, st = openAndRead(t, pg.Path, viewport{Width: short.Width, Height: top * 2 / 3})
	if !(st.FirstTop > st.Window && st.FirstTop < 2*st.Window) {
		t.Fatalf("%s: the first chart is %.0f px down a %.0f px window: not within the start margin below the first screen, the test proves nothing", pg.Path, st.FirstTop, st.Window)
	}
	if st.Wanted != 0 || st.Started != 0 || st.ECharts {
		t.Errorf("%s before the reader scrolls: %+v; want no chart queued or started and ECharts not loaded", pg.Path, st)
	}
	if _, err := eval[bool](tb, `window.scrollBy(0, 1), true`); err != nil {
		t.Fatal(err)
	}
	if err := tb.waitFor(`document.querySelector("[data-chart]").hasAttribute("data-started")`, chartWait); err != nil {
		t.Fatalf("%s: the first chart did not start once the reader scrolled: %v", pg.Path, err)
	}
	checkNoErrors(t, tb, pg.Path)
	tb.cancel()

	// A window whose first screen shows the first chart: it starts with no
	// input at all.
	tb, st = openAndRead(t, pg.Path, viewport{Width: short.Width, Height: top + 200})
	if st.FirstTop >= st.Window {
		t.Fatalf("%s: the first chart is %.0f px down a %.0f px window: not in the first screen, the test proves nothing", pg.Path, st.FirstTop, st.Window)
	}
	if err := tb.waitFor(`document.querySelector("[data-chart]").hasAttribute("data-started")`, chartWait); err != nil {
		t.Fatalf("%s: the chart in the first screen did not start: %v", pg.Path, err)
	}
	checkNoErrors(t, tb, pg.Path)
}

// TestScriptsAfterFirstPaint: the theme's scripts are requested once the
// page's first contentful paint is on screen, so on a slow link the
// document and the stylesheet do not share the bandwidth with them. With
// the scripts in a deferred <script src>, the browser requests them while
// it parses, before anything can be painted, and this fails.
func TestScriptsAfterFirstPaint(t *testing.T) {
	need(t)
	t.Parallel()
	catalogue := dataIndexPage(t).Path
	for _, path := range []string{lazyBoard(t).Path, catalogue} {
		tb := freshTab(t)
		if err := openLazy(tb, env.http.url(path), phone); err != nil {
			t.Fatal(err)
		}
		type timing struct {
			FCP     float64
			Scripts map[string]float64
		}
		got, err := eval[timing](tb, `(function () {
			var fcp = performance.getEntriesByName("first-contentful-paint")[0], scripts = {};
			performance.getEntriesByType("resource").forEach(function (r) {
				if (r.initiatorType === "script" && /\/(tablero|catalogue)\.[0-9a-f]+\.js$/.test(r.name)) scripts[r.name.replace(/.*\//, "")] = r.startTime;
			});
			return { fcp: fcp ? fcp.startTime : -1, scripts: scripts };
		})()`)
		if err != nil {
			t.Fatal(err)
		}
		if got.FCP < 0 {
			t.Fatalf("%s: no first-contentful-paint entry", path)
		}
		want := 1
		if path == catalogue {
			want = 2
		}
		if len(got.Scripts) != want {
			t.Errorf("%s: the theme's scripts fetched: %v, want %d", path, got.Scripts, want)
		}
		for name, at := range got.Scripts {
			if at < got.FCP {
				t.Errorf("%s: %s requested at %.1f ms, before the first contentful paint at %.1f ms", path, name, at, got.FCP)
			}
		}
		checkNoErrors(t, tb, path)
	}
}

func TestChartsUnstartedPrintAndDownload(t *testing.T) {
	need(t)
	t.Parallel()
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

// slowdown is the CPU slowdown of a mid-range phone, as Lighthouse's
// mobile preset simulates it.
const slowdown = 4

// TestNoLongTasksFromOurScript counts the tasks in which tablero.js runs
// long at slowdown× CPU throttling (Emulation.setCPUThrottlingRate), while
// a board and a world-map board load and start every chart. The count comes
// from a DevTools trace: each FunctionCall or EvaluateScript event of our
// script carries the main thread's CPU time (tdur). Chromium's throttling
// keeps the thread busy, so tdur grows with the throttling rate (about
// 4.8× at rate 4), while other processes on a busy machine, which only
// delay the thread, mostly do not grow it.
//
// Mostly: a start-up step of 30 ms measured over 100 once in a make test,
// and three did in a run where another tab drew charts beside this one (a
// garbage collection or a contended cache lands in whichever step runs).
// A fixed reference workload run in the same trace did not grow with them,
// so it cannot scale the limit. What such noise does not do is land on
// the same step twice: each page is loaded twice, in a fresh tab each
// time, and a step fails only when it runs long in both loads, as a step
// that does too much always does. The test runs alone, before the
// parallel tests. It asserts a count and never measures time itself.
func TestNoLongTasksFromOurScript(t *testing.T) {
	need(t)
	pages := []string{lazyBoard(t).Path}
	for _, p := range pagesWith("data-world=") {
		pages = append(pages, p.Path)
		break
	}
	for _, path := range pages {
		long := map[string]int{} // step → loads in which it ran long
		for load := range loads {
			tasks, err := traceLoad(t, path)
			if err != nil {
				t.Fatal(err)
			}
			ours, draws := 0, 0
			seen := map[string]bool{}
			for _, e := range tasks {
				if !ourScript.MatchString(e.Args.Data.URL) {
					continue
				}
				ours++
				if e.TDur <= 50_000 { // µs
					continue
				}
				step := fmt.Sprintf("%s %s@%d:%d", e.Name, e.Args.Data.FunctionName, e.Args.Data.LineNumber, e.Args.Data.ColumnNumber)
				t.Logf("%s (load %d): tablero.js %s: %d µs of CPU at %d× throttling", path, load+1, step, e.TDur, slowdown)
				// draw is the slice in which ECharts takes one chart's option
				// (echarts setOption: its model of the chart, the map's
				// geometry), layout the one in which it lays that chart out
				// (resize): ECharts' work that tablero.js cannot cut smaller.
				// Counted apart and reported, not failed: see issue 18.
				if fn := e.Args.Data.FunctionName; fn == "draw" || fn == "layout" {
					draws++
				} else if e.TDur > failOver && !seen[step] {
					seen[step] = true
					long[step]++
				}
			}
			if ours == 0 {
				t.Fatalf("%s: the trace holds no call into tablero.js: nothing was counted", path)
			}
			if draws != 0 {
				t.Logf("%s (load %d): %d charts took ECharts over 50 ms to take or lay out their option at %d× CPU slowdown", path, load+1, draws, slowdown)
			}
		}
		var always []string
		for step, n := range long {
			if n == loads {
				always = append(always, step)
			}
		}
		slices.Sort(always)
		if len(always) != 0 {
			t.Errorf("%s: %d steps of tablero.js's own ran over %d ms at %d× CPU slowdown in each of %d loads, want 0: %s",
				path, len(always), failOver/1000, slowdown, loads, strings.Join(always, ", "))
		}
	}
}

// loads is how many times the long-task test loads each page.
const loads = 2

// failOver is the CPU time (µs, at 4× throttling) over which a step of
// tablero.js's own fails the long-task test. The target is 50 ms, and tasks
// over it are logged; the test fails at twice the target, which no step of
// ours reaches on a quiet machine, while a page that starts its charts in
// one task (hundreds of ms) fails.
const failOver = 100_000

// traceLoad loads path in a fresh tab, at a phone's size, with the CPU throttled slowdown times, and returns the
// script tasks the trace saw while the page started every chart.
func traceLoad(t *testing.T, path string) ([]traceEvent, error) {
	tb := freshTab(t)
	defer tb.cancel()
	var mu sync.Mutex
	var events []traceEvent
	done := make(chan struct{})
	tb.also = func(ev any) {
		switch ev := ev.(type) {
		case *tracing.EventDataCollected:
			for _, v := range ev.Value {
				var e traceEvent
				if json.Unmarshal(v, &e) == nil && (e.Name == "FunctionCall" || e.Name == "EvaluateScript") {
					mu.Lock()
					events = append(events, e)
					mu.Unlock()
				}
			}
		case *tracing.EventTracingComplete:
			close(done)
		}
	}
	err := cdpDo(tb, 10*time.Second, func(ctx context.Context, target *chromedp.Target) error {
		if _, err := cdp.Call(ctx, target, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: slowdown}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, target, tracing.Start, tracing.StartParams{
			TransferMode: tracing.StartTransferModeReportEvents,
			TraceConfig:  &tracing.TraceConfig{IncludedCategories: []string{"devtools.timeline"}},
		})
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := tb.open(env.http.url(path), phone); err != nil {
		return nil, err
	}
	if err := cdpDo(tb, 10*time.Second, func(ctx context.Context, target *chromedp.Target) error {
		_, err := cdp.Call(ctx, target, tracing.End, cdp.Empty{})
		return err
	}); err != nil {
		return nil, err
	}
	select {
	case <-done:
	case <-time.After(slack(60 * time.Second)): // a hang detector
		return nil, fmt.Errorf("%s: the trace did not complete", path)
	}
	checkNoErrors(t, tb, path)
	mu.Lock()
	defer mu.Unlock()
	return events, nil
}

// traceEvent is the part of a trace event the long-task count reads.
type traceEvent struct {
	Name string `json:"name"`
	TDur int64  `json:"tdur"` // main thread CPU time, µs
	Args struct {
		Data struct {
			URL          string `json:"url"`
			FunctionName string `json:"functionName"`
			LineNumber   int    `json:"lineNumber"`
			ColumnNumber int    `json:"columnNumber"`
		} `json:"data"`
	} `json:"args"`
}

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
