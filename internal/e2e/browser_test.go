package e2e

// browser_test.go is the browser harness: it finds and launches Chromium,
// opens tabs that record what the page logs and requests, navigates, and
// takes screenshots and downloads. It knows nothing of Tablero; the checks
// are in checks_test.go.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	goruntime "runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// debianChromium is where CI installs the browser (apt-get install chromium).
const debianChromium = "/usr/bin/chromium"

// findChromium returns the browser to drive. In CI it must be Debian's
// Chromium; elsewhere TABLERO_CHROMIUM, then the usual names on PATH. A
// missing browser is an error, never a skip: a suite that passes because it
// did not run proves nothing.
func findChromium() (string, error) {
	if os.Getenv("CI") == "true" {
		if _, err := os.Stat(debianChromium); err != nil {
			return "", fmt.Errorf("CI=true but %s is missing: the browser tests must run in CI (apt-get install -y chromium)", debianChromium)
		}
		return debianChromium, nil
	}
	if p := os.Getenv("TABLERO_CHROMIUM"); p != "" {
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("TABLERO_CHROMIUM=%s: %w", p, err)
		}
		return p, nil
	}
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium, nil
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("no Chromium found: install it with `apt-get update && apt-get install -y chromium` " +
		"(or set TABLERO_CHROMIUM to a Chrome binary); use `go test -short` (make test-unit) to skip the browser tests")
}

// browserProc is one running Chromium shared by every test.
type browserProc struct {
	ctx     context.Context // the browser's context; tabs derive from it
	cancel  context.CancelFunc
	dataDir string // the fresh profile
	dlDir   string // where downloads land

	mu    sync.Mutex
	cond  *sync.Cond
	begun []*browser.EventDownloadWillBegin
	done  map[string]*browser.EventDownloadProgress // guid → final progress
}

// launch starts Chromium with a fresh profile. Requests to any host but
// loopback fail at once (host-resolver-rules), so a page that reaches out
// is reported and never waits on the network.
func launch(execPath string) (*browserProc, error) {
	dataDir, err := os.MkdirTemp("", "tablero-e2e-profile-")
	if err != nil {
		return nil, err
	}
	// Allow a page to start several downloads: Chrome otherwise blocks one
	// now and then (its download limiter races the click that allowed it).
	prefs := `{"profile":{"default_content_setting_values":{"automatic_downloads":1}}}`
	if err := os.MkdirAll(filepath.Join(dataDir, "Default"), 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dataDir, "Default", "Preferences"), []byte(prefs), 0o644); err != nil {
		return nil, err
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(dataDir),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// Without the back-forward cache a tab keeps its renderer from one
		// page to the next. With it, each page the suite opens was given a
		// new renderer process (about 140 in the pass over HTTP), and the
		// pass took half as long again. A reader's first load, which is
		// what the checks look at, is the same either way. The first two
		// are chromedp's defaults, which this flag replaces.
		chromedp.Flag("disable-features", "Translate,BlinkGenPropertyTrees,BackForwardCache"),
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.WindowSize(1280, 800),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	b := &browserProc{ctx: ctx, dataDir: dataDir, done: map[string]*browser.EventDownloadProgress{}}
	b.cond = sync.NewCond(&b.mu)
	b.cancel = func() {
		cancelCtx()
		cancelAlloc()
		os.RemoveAll(dataDir)
	}
	if err := chromedp.Do(ctx); err != nil { // starts the browser and its first tab
		b.cancel()
		return nil, fmt.Errorf("cannot start %s: %w", execPath, err)
	}
	if b.dlDir, err = os.MkdirTemp("", "tablero-e2e-downloads-"); err != nil {
		b.cancel()
		return nil, err
	}
	if err := chromedp.ListenBrowser(ctx, b.onBrowserEvent); err != nil {
		b.cancel()
		return nil, err
	}
	_, err = chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: b.dlDir, EventsEnabled: new(true),
	})
	if err != nil {
		b.cancel()
		return nil, fmt.Errorf("cannot allow downloads: %w", err)
	}
	return b, nil
}

func (b *browserProc) close() {
	b.cancel()
	os.RemoveAll(b.dlDir)
}

// onBrowserEvent runs in the browser's message loop: it only records.
func (b *browserProc) onBrowserEvent(ev any) {
	switch ev := ev.(type) {
	case *browser.EventDownloadWillBegin:
		b.mu.Lock()
		b.begun = append(b.begun, ev)
		b.mu.Unlock()
		b.cond.Broadcast()
	case *browser.EventDownloadProgress:
		if ev.State == browser.DownloadProgressStateCompleted || ev.State == browser.DownloadProgressStateCanceled {
			b.mu.Lock()
			b.done[ev.GUID] = ev
			b.mu.Unlock()
			b.cond.Broadcast()
		}
	}
}

// record is one thing a tab saw: a request, a failed load, an HTTP error,
// a console error, an uncaught exception or a browser log error.
type record struct {
	Kind string // request | failed | http-status | console | exception | log
	URL  string
	Text string
}

// tab is one browser tab, used by one goroutine at a time.
type tab struct {
	b      *browserProc
	ctx    context.Context
	cancel context.CancelFunc
	frame  string // the main frame's id, which is the target id

	mu      sync.Mutex
	records []record
	urls    map[network.RequestID]string

	// also, when set (before the tab is used), sees every event too: a
	// test's own listener (the trace of TestNoLongTasksFromOurScript).
	also func(ev any)
}

// newTab opens a tab that records its events from the very start.
func (b *browserProc) newTab() (*tab, error) {
	t := &tab{b: b, urls: map[network.RequestID]string{}}
	t.ctx, t.cancel = chromedp.NewContext(b.ctx, chromedp.WithListener(t.onEvent))
	if err := chromedp.Do(t.ctx); err != nil {
		return nil, err
	}
	t.frame = string(chromedp.FromContext(t.ctx).Target.TargetID)
	return t, nil
}

// onEvent runs in the tab's message loop, in the order Chrome sent the
// events, before the reply of the command that follows them.
func (t *tab) onEvent(ev any) {
	if t.also != nil {
		t.also(ev)
	}
	var r record
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		t.mu.Lock()
		t.urls[ev.RequestID] = ev.Request.URL
		t.mu.Unlock()
		r = record{Kind: "request", URL: ev.Request.URL}
	case *network.EventLoadingFailed:
		t.mu.Lock()
		u := t.urls[ev.RequestID]
		t.mu.Unlock()
		r = record{Kind: "failed", URL: u, Text: ev.ErrorText}
		if ev.BlockedReason != "" {
			r.Text += " (blocked: " + string(ev.BlockedReason) + ")"
		}
	case *network.EventResponseReceived:
		if ev.Response.Status < 400 {
			return
		}
		r = record{Kind: "http-status", URL: ev.Response.URL, Text: fmt.Sprintf("%d %s", ev.Response.Status, ev.Response.StatusText)}
	case *runtime.EventConsoleAPICalled:
		if ev.Type != runtime.ConsoleAPICalledTypeError && ev.Type != runtime.ConsoleAPICalledTypeAssert {
			return
		}
		r = record{Kind: "console", Text: "console." + string(ev.Type) + ": " + argsText(ev.Args)}
		if ev.StackTrace != nil && len(ev.StackTrace.CallFrames) > 0 {
			f := ev.StackTrace.CallFrames[0]
			r.URL = fmt.Sprintf("%s:%d", f.URL, f.LineNumber+1)
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + firstLine(d.Exception.Description)
		}
		r = record{Kind: "exception", URL: fmt.Sprintf("%s:%d:%d", d.URL, d.LineNumber+1, d.ColumnNumber+1), Text: text}
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level != cdplog.EntryLevelError {
			return
		}
		r = record{Kind: "log", URL: ev.Entry.URL, Text: ev.Entry.Text}
	default:
		return
	}
	t.mu.Lock()
	t.records = append(t.records, r)
	t.mu.Unlock()
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		var s string
		if len(a.Value) > 0 && json.Unmarshal(a.Value, &s) == nil {
			parts = append(parts, s)
		} else if len(a.Value) > 0 {
			parts = append(parts, string(a.Value))
		} else {
			parts = append(parts, firstLine(a.Description))
		}
	}
	return strings.Join(parts, " ")
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

// takeRecords returns what the tab recorded since the last call and clears it.
func (t *tab) takeRecords() []record {
	t.mu.Lock()
	defer t.mu.Unlock()
	r := t.records
	t.records = nil
	return r
}

// step bounds one browser action; the tab and the browser outlive it. The
// bound is a hang detector, never a speed check: it is the time the action
// takes on a quiet machine many times over, stretched by the machine's load
// (see slack).
func (t *tab) step(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(t.ctx, slack(d))
}

// slack stretches a deadline by how busy the machine is now: the 1-minute
// load average per core, at least 1 and at most 8, times TABLERO_E2E_SLACK
// when set (a slow CI runner). A busy machine makes every step slower by
// about that factor, so a deadline that holds on a quiet machine holds on a
// busy one too.
func slack(d time.Duration) time.Duration {
	f := 1.0
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		var load float64
		if _, err := fmt.Sscan(string(b), &load); err == nil {
			f = min(max(load/float64(goruntime.NumCPU()), 1), 8)
		}
	}
	if v, err := strconv.ParseFloat(os.Getenv("TABLERO_E2E_SLACK"), 64); err == nil && v > 0 {
		f *= v
	}
	return time.Duration(float64(d) * f)
}

// viewport is a window size, optionally emulating a phone.
type viewport struct {
	Width, Height int64
	Phone         bool
}

var (
	desktop = viewport{Width: 1280, Height: 800}
	phone   = viewport{Width: 390, Height: 844, Phone: true}
)

// open sets the viewport and the colour scheme, loads url and waits until
// the page's scripts have run and two frames have been painted.
func (t *tab) open(url string, vp viewport) error {
	if err := t.navigate(url, vp); err != nil {
		return err
	}
	return t.settle()
}

// openBare is open without waiting for the charts: for a check that only
// needs the document (a link to follow), or a page that is not Tablero's.
func (t *tab) openBare(url string, vp viewport) error {
	if err := t.navigate(url, vp); err != nil {
		return err
	}
	return t.waitFor(`document.readyState === "complete"`, chartWait)
}

// openWired is open without starting the charts: the theme has set the
// page up (tabs, downloads, filters wired; data-charts-ready), and the
// charts start only as they near the viewport, as for a reader.
func (t *tab) openWired(url string, vp viewport) error {
	if err := t.navigate(url, vp); err != nil {
		return err
	}
	return t.waitFor(wired, chartWait)
}

// wired holds once the document is complete and the theme has set it up.
const wired = `document.readyState === "complete" && document.documentElement.hasAttribute("data-charts-ready")`

func (t *tab) navigate(url string, vp viewport) error {
	ctx, cancel := t.step(30 * time.Second)
	defer cancel()
	vopts := []chromedp.EmulateViewportOption{}
	if vp.Phone {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch, chromedp.EmulatePortrait)
	}
	if err := chromedp.Do(ctx,
		chromedp.EmulateViewport(vp.Width, vp.Height, vopts...),
		colorScheme("light"),
		chromedp.Navigate(url),
	); err != nil {
		return fmt.Errorf("open %s: %w", url, err)
	}
	return nil
}

// settle waits for the document to be complete, the theme's set-up done
// (data-charts-ready, on every page: the theme loads its scripts after the
// first paint and sets up in steps) and every chart started:
// the theme starts a chart only when it nears the viewport, so settle asks
// it to start the others (window.tablero.startAll, still one chart per
// idle slice), then for two animation frames, by which time ECharts
// (animation off) has painted. It waits on the page, not on a clock: it
// stops waiting early only when the page throws (charts that will never
// start are then left for the checks to report, with the exception).
func (t *tab) settle() error {
	return t.waitFor(wired+` &&
		(!document.querySelector("[data-chart]") || (window.tablero.startAll(), document.documentElement.hasAttribute("data-charts-all")))`, chartWait)
}

// chartWait bounds the start of a page's charts (a hang detector; see step).
const chartWait = 60 * time.Second

// waitFor waits until the JavaScript condition cond holds in the page, then
// for two animation frames. It polls in the page, once a frame; it gives
// up when the page throws an uncaught exception (the checks report it) or,
// as a hang detector, after slack(d).
func (t *tab) waitFor(cond string, d time.Duration) error {
	ctx, cancel := t.step(d)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(function (done) {
			var n = 0;
			function frames(v) { requestAnimationFrame(function () { requestAnimationFrame(function () { done(v); }); }); }
			(function poll() {
				var ok = false;
				try { ok = !!(`+cond+`); } catch (e) {}
				if (ok) frames(true); else if (++n >= 30) done(false); else setTimeout(poll, 16);
			})();
		})`, chromedp.EvalAwaitPromise))
		if err != nil {
			return fmt.Errorf("waiting for %s: %w", clip(strings.Join(strings.Fields(cond), " "), 100), err)
		}
		if ok || t.threw() {
			return nil
		}
	}
}

// threw reports whether the page threw an uncaught exception since the
// records were last taken.
func (t *tab) threw() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for _, r := range t.records {
		if r.Kind == "exception" {
			return true
		}
	}
	return false
}

// colorScheme emulates prefers-color-scheme.
func colorScheme(scheme string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		return err
	})
}

// setScheme switches the colour scheme of the loaded page and waits two
// frames: the theme restyles its charts when the scheme changes.
func (t *tab) setScheme(scheme string) error {
	ctx, cancel := t.step(10 * time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, colorScheme(scheme)); err != nil {
		return err
	}
	_, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`new Promise(function (done) {
		requestAnimationFrame(function () { requestAnimationFrame(function () { done(true); }); });
	})`, chromedp.EvalAwaitPromise))
	return err
}

// eval runs expr in the page and decodes its value (awaiting a promise).
func eval[T any](t *tab, expr string) (T, error) {
	ctx, cancel := t.step(60 * time.Second)
	defer cancel()
	return chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// click clicks the element with real mouse events, as a reader would.
func (t *tab) click(css string) error {
	ctx, cancel := t.step(10 * time.Second)
	defer cancel()
	return chromedp.Do(ctx, chromedp.Click(chromedp.CSS(css), chromedp.NodeVisible))
}

// typeInto types text into the element with key events.
func (t *tab) typeInto(css, text string) error {
	ctx, cancel := t.step(10 * time.Second)
	defer cancel()
	return chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(css), text, chromedp.NodeVisible))
}

// maxShot is the tallest screenshot taken, in CSS pixels.
const maxShot = 30000

// screenshot writes a PNG of the whole page (beyond the viewport) to file.
func (t *tab) screenshot(file string) error {
	ctx, cancel := t.step(30 * time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, func(ctx context.Context, tg *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, tg, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		w, h := m.CSSLayoutViewport.ClientWidth, m.CSSContentSize.Height
		r, err := cdp.Call(ctx, tg, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
			Clip:                  &page.Viewport{X: 0, Y: 0, Width: float64(w), Height: min(h, maxShot), Scale: 1},
		})
		return r.Data, err
	})
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		return err
	}
	return os.WriteFile(file, png, 0o644)
}

// download is a file the browser saved.
type download struct {
	Name string // the name the page suggested
	URL  string // the URL it came from (blob:, data:, or the site's)
	Data []byte
}

// download clicks css and waits for the download it starts in this tab.
// Chromium now and then drops a download that the page did request: a
// listener on the page saw the trusted click reach the button and the
// handler click its <a download> (a blob: URL, as for every CSV), but no
// Browser.downloadWillBegin followed. Measured over 7 runs of the file://
// pass: 0 to 2 drops a run, always a PNG clicked within 20 ms of the same
// chart's CSV, never a CSV, and the repeated click always worked. So a
// click that starts nothing within a few seconds is repeated once, as a
// reader would; the count is logged.
func (t *tab) download(css string) (*download, error) {
	return t.downloadBy(func() error { return t.click(css) })
}

// downloadInPlace is download with a click the page's script makes
// (element.click()), which does not scroll the element into view: a chart
// far down the page then stays unstarted while its download runs.
func (t *tab) downloadInPlace(css string) (*download, error) {
	return t.downloadBy(func() error {
		ok, err := eval[bool](t, fmt.Sprintf(`(function () { var b = document.querySelector(%q); if (b) b.click(); return !!b; })()`, css))
		if err == nil && !ok {
			err = fmt.Errorf("no element %s", css)
		}
		return err
	})
}

// downloadBy clicks and waits for the download's file. A click that starts
// no download is made once more, and counted in the log. Chromium dropped
// downloads clicked 20 ms apart on 2026-12-05 (41 in one run), so clicks
// were paced 300 ms apart until stop 30, whose whole runs, quiet and
// loaded, dropped none unpaced.
func (t *tab) downloadBy(click func() error) (*download, error) {
	var err error
	for _, wait := range []time.Duration{slack(4 * time.Second), slack(15 * time.Second)} {
		var d *download
		if d, err = t.downloadOnce(click, wait); err == nil || !errors.Is(err, errNoDownload) {
			return d, err
		}
		downloadRetries.Add(1)
	}
	return nil, err
}

var (
	errNoDownload   = errors.New("clicking it started no download")
	downloadRetries atomic.Int64 // clicks repeated because Chromium dropped the download
)

func (t *tab) downloadOnce(click func() error, wait time.Duration) (*download, error) {
	b := t.b
	b.mu.Lock()
	seen := len(b.begun)
	b.mu.Unlock()
	if err := click(); err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	stop := context.AfterFunc(t.ctx, b.cond.Broadcast)
	defer stop()
	timer := time.AfterFunc(wait, b.cond.Broadcast)
	defer timer.Stop()
	b.mu.Lock()
	defer b.mu.Unlock()
	var begun *browser.EventDownloadWillBegin
	for {
		for _, ev := range b.begun[seen:] {
			if string(ev.FrameID) == t.frame && begun == nil {
				begun = ev
				deadline = time.Now().Add(slack(15 * time.Second))
				timer.Reset(slack(15 * time.Second))
			}
		}
		if begun != nil {
			if p, ok := b.done[begun.GUID]; ok {
				if p.State != browser.DownloadProgressStateCompleted {
					return nil, fmt.Errorf("download of %s was %s", begun.SuggestedFilename, p.State)
				}
				data, err := os.ReadFile(filepath.Join(b.dlDir, begun.GUID))
				if err != nil {
					return nil, err
				}
				return &download{Name: begun.SuggestedFilename, URL: begun.URL, Data: data}, nil
			}
		}
		if time.Now().After(deadline) || t.ctx.Err() != nil {
			if begun == nil {
				return nil, errNoDownload
			}
			return nil, fmt.Errorf("download of %s did not finish", begun.SuggestedFilename)
		}
		b.cond.Wait()
	}
}

// tabPool lends tabs to parallel subtests.
type tabPool chan *tab

func (b *browserProc) newPool(n int) (tabPool, error) {
	p := make(tabPool, n)
	for range n {
		t, err := b.newTab()
		if err != nil {
			return nil, err
		}
		p <- t
	}
	return p, nil
}

func (p tabPool) get() *tab { return <-p }

// put returns t to the pool on a blank page: a document left behind could
// still start a chart, and load its scripts, while the tab waits for its next
// user, whose page would then be blamed for the request.
func (p tabPool) put(t *tab) {
	ctx, cancel := t.step(30 * time.Second)
	chromedp.Do(ctx, chromedp.Navigate("about:blank")) // a tab that cannot even do this fails its next user's open
	cancel()
	t.takeRecords()
	p <- t
}
