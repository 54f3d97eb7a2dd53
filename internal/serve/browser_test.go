package serve

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chromium finds the browser, like the e2e suite: a missing browser fails
// the test unless -short asks to skip the browser tests.
func chromium(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test; -short skips it")
	}
	if p := os.Getenv("TABLERO_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no Chromium found (apt-get install chromium, or set TABLERO_CHROMIUM); go test -short skips this test")
	return ""
}

// TestBrowserOverlay drives a real browser through the loop: the page
// shows the overlay as soon as the build fails (without reloading), draws a
// hostile message as text, keeps it on reload, and reloads itself without
// it once the file is fixed.
func TestBrowserOverlay(t *testing.T) {
	exe := chromium(t)
	dir := testSite(t)
	s, _ := start(t, Options{Source: dir, Lang: "en"})

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"))
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	defer cancelTimeout()

	eval := func(expr string) any {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[any](expr, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", expr, err)
		}
		return v
	}
	// waitJS polls cond in the page for up to 10 s, across reloads.
	waitJS := func(cond string) {
		t.Helper()
		for range 200 {
			v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`(function () { try { return !!(`+cond+`); } catch (e) { return false; } })()`))
			if err == nil && v {
				return
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("not true within 10 s: %s", cond)
	}

	if err := chromedp.Do(ctx, chromedp.Navigate(s.URL())); err != nil {
		t.Fatal(err)
	}
	waitJS(`document.readyState === "complete"`)
	if eval(`!!document.getElementById("tablero-overlay")`) != false {
		t.Fatal("overlay on a good site")
	}
	eval(`window.__samePage = 1`)

	// A cell that is markup: the message quotes it.
	write(t, dir, "data/sales.csv", "year,amount\n2021,10.5\n2022,12.25\n2023,\"<img src=x onerror=window.pwned=1>\"\n")
	waitJS(`document.getElementById("tablero-overlay")`)
	if eval(`window.__samePage`) != 1.0 {
		t.Error("the page reloaded on a failed build; the overlay should come over the page")
	}
	text := eval(`document.getElementById("tablero-overlay").textContent`).(string)
	for _, want := range []string{"The site has", "data/sales.csv:4:6", `column "amount"`, "<img src=x onerror=window.pwned=1>"} {
		if !strings.Contains(text, want) {
			t.Errorf("overlay text lacks %q:\n%s", want, text)
		}
	}
	if n := eval(`document.querySelectorAll("#tablero-overlay img").length`); n != 0.0 {
		t.Errorf("the message became markup: %v img elements", n)
	}
	if eval(`document.activeElement && document.activeElement.textContent`) != "Hide" {
		t.Error("the overlay's Hide button should have the focus")
	}

	// A reload keeps the overlay (from the state in the page).
	if err := chromedp.Do(ctx, chromedp.Reload()); err != nil {
		t.Fatal(err)
	}
	waitJS(`document.getElementById("tablero-overlay")`)
	eval(`window.__samePage = 2`)
	time.Sleep(300 * time.Millisecond)
	if eval(`typeof window.pwned`) != "undefined" {
		t.Fatal("the hostile cell ran script")
	}

	// Fix: the page reloads by itself, without the overlay.
	write(t, dir, "data/sales.csv", salesNew)
	waitJS(`window.__samePage === undefined && document.readyState === "complete"`)
	if eval(`!!document.getElementById("tablero-overlay")`) != false {
		t.Fatal("overlay still shown after the fix")
	}
	if !strings.Contains(eval(`document.documentElement.outerHTML`).(string), `<td class="num">23,5</td>`) {
		t.Error("the reloaded page does not show the new figure")
	}
}
