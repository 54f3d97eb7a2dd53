package serve

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/sitetest"
)

// themeDir is the repository's default theme, copied into each test site.
const themeDir = "../../themes/default"

// copyTree copies the folder src to dst (see sitetest.CopyTree).
func copyTree(t testing.TB, src, dst string) { sitetest.CopyTree(t, src, dst) }

// testSite returns a temporary copy of testdata/site with the default theme.
func testSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	copyTree(t, "testdata/site", dir)
	copyTree(t, themeDir, filepath.Join(dir, "themes", "default"))
	return dir
}

// syncBuffer is a log the server and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// start runs a server on a free loopback port until the test ends.
func start(t *testing.T, opt Options) (*Server, *syncBuffer) {
	t.Helper()
	log := &syncBuffer{}
	opt.Log, opt.Verbose = log, true
	s, err := New(opt)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Run: %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("Run did not return after its context was cancelled")
		}
	})
	return s, log
}

// get fetches url and returns the response with its body.
func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// live extracts the state injected into a page.
func live(t *testing.T, page string) livePayload {
	t.Helper()
	const open = `<script type="application/json" id="tablero-live">`
	i := strings.LastIndex(page, open)
	if i < 0 {
		t.Fatalf("no live state in the page:\n%s", tail(page))
	}
	rest := page[i+len(open):]
	j := strings.Index(rest, "</script>")
	var p livePayload
	if err := json.Unmarshal([]byte(rest[:j]), &p); err != nil {
		t.Fatalf("live state: %v", err)
	}
	return p
}

func tail(s string) string { return s[max(0, len(s)-400):] }

// sse is one open event stream.
type sse struct {
	events chan event
	body   io.Closer
}

type event struct{ name, id, data string }

// listen opens the event stream as a page showing version would.
func listen(t *testing.T, url, version string) *sse {
	t.Helper()
	res, err := http.Get(url + "__tablero/events?v=" + version)
	if err != nil {
		t.Fatal(err)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream Content-Type = %q", ct)
	}
	s := &sse{events: make(chan event, 16), body: res.Body}
	t.Cleanup(func() { res.Body.Close() })
	sawRetry := make(chan bool, 1)
	go func() {
		defer close(s.events)
		sc := bufio.NewScanner(res.Body)
		sc.Buffer(nil, 1<<20)
		var ev event
		first := true
		for sc.Scan() {
			line := sc.Text()
			switch {
			case line == "":
				if ev.name != "" {
					s.events <- ev
				}
				ev = event{}
			case strings.HasPrefix(line, "retry: "):
				if first {
					sawRetry <- line == "retry: 500"
				}
			case strings.HasPrefix(line, "event: "):
				ev.name = line[len("event: "):]
			case strings.HasPrefix(line, "id: "):
				ev.id = line[len("id: "):]
			case strings.HasPrefix(line, "data: "):
				ev.data = line[len("data: "):]
			}
			first = false
		}
	}()
	select {
	case ok := <-sawRetry:
		if !ok {
			t.Fatal("the stream does not start with retry: 500")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no retry line on the event stream")
	}
	return s
}

// next waits for the next event.
func (s *sse) next(t *testing.T) event {
	t.Helper()
	select {
	case ev, ok := <-s.events:
		if !ok {
			t.Fatal("event stream closed")
		}
		return ev
	case <-time.After(10 * time.Second):
		t.Fatal("no event within 10 s")
	}
	return event{}
}

// quiet checks that no event arrives for d.
func (s *sse) quiet(t *testing.T, d time.Duration) {
	t.Helper()
	select {
	case ev := <-s.events:
		t.Fatalf("unexpected event %q %s", ev.name, ev.data)
	case <-time.After(d):
	}
}

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

const (
	salesGood  = "year,amount\n2021,10.5\n2022,12.25\n2023,17\n"
	salesNew   = "year,amount\n2021,10.5\n2022,12.25\n2023,23.5\n"
	salesBroke = "year,amount\n2021,10.5\n2022,12.25\n2023,2x3.5\n"
)

// TestEditBreakFix is the authoring loop: edit a CSV and see the page
// change, break it and see the errors over the last good page, fix it and
// see them go.
func TestEditBreakFix(t *testing.T) {
	dir := testSite(t)
	s, log := start(t, Options{Source: dir})
	url := s.URL()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("URL = %q, want loopback", url)
	}

	res, page := get(t, url)
	if res.StatusCode != 200 || !strings.Contains(page, `<td class="num">17</td>`) {
		t.Fatalf("GET / = %d, want the chart with 17:\n%s", res.StatusCode, tail(page))
	}
	st := live(t, page)
	if len(st.Errors) != 0 || st.Version == "" {
		t.Fatalf("live state of a good site = %+v", st)
	}
	stream := listen(t, url, st.Version)
	stream.quiet(t, 300*time.Millisecond) // the page is up to date

	// Edit: the page reloads and shows the new figure.
	write(t, dir, "data/sales.csv", salesNew)
	if ev := stream.next(t); ev.name != "reload" {
		t.Fatalf("after an edit: event %q %s, want reload", ev.name, ev.data)
	}
	_, page = get(t, url)
	if !strings.Contains(page, `<td class="num">23,5</td>`) || strings.Contains(page, `<td class="num">17</td>`) {
		t.Fatalf("the page did not change after the edit:\n%s", tail(page))
	}

	// Break: a letter in a number column.
	write(t, dir, "data/sales.csv", salesBroke)
	ev := stream.next(t)
	if ev.name != "build-failed" {
		t.Fatalf("after breaking the CSV: event %q, want build-failed", ev.name)
	}
	var failed livePayload
	if err := json.Unmarshal([]byte(ev.data), &failed); err != nil {
		t.Fatalf("build-failed data: %v\n%s", err, ev.data)
	}
	checkCellError(t, failed, "data/sales.csv:4:6", `"2x3.5"`)
	if len(failed.Errors) != 1 {
		// The chart on the dataset fails too, but only the cause is listed.
		t.Errorf("want only the bad cell, got %+v", failed.Errors)
	}
	if ev.id != failed.Version {
		t.Errorf("event id %q, payload version %q", ev.id, failed.Version)
	}

	// The page is the last good one, with the errors for the overlay.
	res, page = get(t, url)
	if res.StatusCode != 200 || !strings.Contains(page, `<td class="num">23,5</td>`) {
		t.Fatalf("while broken, GET / = %d, want the last good page:\n%s", res.StatusCode, tail(page))
	}
	checkCellError(t, live(t, page), "data/sales.csv:4:6", `"2x3.5"`)
	_, other := get(t, url+"en/index.html")
	if e := live(t, other).Errors; len(e) == 0 {
		t.Error("the English page has no overlay")
	}

	// Fix: reload, and no overlay.
	write(t, dir, "data/sales.csv", salesGood)
	if ev := stream.next(t); ev.name != "reload" {
		t.Fatalf("after the fix: event %q %s, want reload", ev.name, ev.data)
	}
	_, page = get(t, url)
	if st := live(t, page); len(st.Errors) != 0 {
		t.Fatalf("overlay still there after the fix: %+v", st.Errors)
	}
	if !strings.Contains(page, `<td class="num">17</td>`) {
		t.Fatal("the fixed figure is not on the page")
	}

	// One line per rebuild: what changed, ok or failed, how long.
	lines := rebuildLines(log.String())
	if len(lines) != 3 || !strings.Contains(lines[0], "data/sales.csv: listo en ") ||
		!strings.Contains(lines[1], "data/sales.csv: FALLÓ en ") || !strings.Contains(lines[2], "listo en ") {
		t.Errorf("rebuild lines:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(log.String(), "  data/sales.csv:4:6: ") {
		t.Errorf("the log does not list the error:\n%s", log)
	}
}

// rebuildLines returns the lines of the log that report a rebuild.
func rebuildLines(log string) []string {
	var out []string
	for line := range strings.Lines(log) {
		if len(line) > 9 && line[2] == ':' && line[5] == ':' && line[8] == ' ' {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

func checkCellError(t *testing.T, p livePayload, pos, quoted string) {
	t.Helper()
	if p.Title == "" || p.Intro == "" || p.Hide == "" {
		t.Errorf("overlay texts missing: %+v", p)
	}
	for _, e := range p.Errors {
		if e.Pos == pos {
			if !strings.Contains(e.Message, quoted) || !strings.Contains(e.Message, "columna \"amount\"") || e.Hint == "" {
				t.Errorf("error at %s: %q (hint %q)", pos, e.Message, e.Hint)
			}
			if e.File != "data/sales.csv" || e.Line != 4 || e.Col != 6 {
				t.Errorf("error position fields: %+v", e)
			}
			return
		}
	}
	t.Errorf("no error at %s in %+v", pos, p.Errors)
}

// TestFirstBuildFails: with no good build yet, every address shows the
// errors, and the page turns into the site once the file is fixed.
func TestFirstBuildFails(t *testing.T) {
	dir := testSite(t)
	write(t, dir, "data/sales.csv", salesBroke)
	s, _ := start(t, Options{Source: dir, Lang: "en"})
	url := s.URL()
	var st livePayload
	for _, p := range []string{"no/such/page.html", "en/", "index.html", ""} {
		res, page := get(t, url+p)
		if res.StatusCode != http.StatusInternalServerError {
			t.Errorf("GET /%s = %d, want 500", p, res.StatusCode)
		}
		st = live(t, page)
		if len(st.Errors) == 0 || !strings.Contains(st.Title, "could not be built") {
			t.Fatalf("GET /%s: live state %+v", p, st)
		}
	}
	found := false
	for _, e := range st.Errors {
		found = found || e.Pos == "data/sales.csv:4:6" && strings.Contains(e.Message, `column "amount"`)
	}
	if !found {
		t.Errorf("the English overlay lacks the cell error: %+v", st.Errors)
	}
	stream := listen(t, url, st.Version)
	write(t, dir, "data/sales.csv", salesGood)
	if ev := stream.next(t); ev.name != "reload" {
		t.Fatalf("after the fix: %q, want reload", ev.name)
	}
	res, page := get(t, url)
	if res.StatusCode != 200 || !strings.Contains(page, `<td class="num">17</td>`) || len(live(t, page).Errors) != 0 {
		t.Fatalf("after the fix GET / = %d:\n%s", res.StatusCode, tail(page))
	}
}

// TestNewFolderAndRename: folders created after the start are watched, and
// a save by rename (as editors and Excel do) is seen; temporary files are
// not rebuilt for.
func TestNewFolderAndRename(t *testing.T) {
	dir := testSite(t)
	s, log := start(t, Options{Source: dir})
	url := s.URL()
	_, page := get(t, url)
	stream := listen(t, url, live(t, page).Version)

	if err := os.MkdirAll(filepath.Join(dir, "content", "sectores", "nuevos"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, dir, "content/sectores/nuevos/turismo.md", "+++\ntitle = \"Turismo\"\nkind = \"sector\"\n+++\n\nPrimera versión.\n")
	if ev := stream.next(t); ev.name != "reload" {
		t.Fatalf("new page: %q %s", ev.name, ev.data)
	}
	// Give the folder time to be watched, then edit the page in it.
	waitFor(t, func() bool {
		_, p := get(t, url+"sectores/nuevos/turismo.html")
		return strings.Contains(p, "Primera versión")
	})
	time.Sleep(200 * time.Millisecond)
	drain(stream)

	// Vim's way: probe file 4913, swap file, backup by rename, new file.
	write(t, dir, "content/sectores/nuevos/4913", "")
	os.Remove(filepath.Join(dir, "content/sectores/nuevos/4913"))
	write(t, dir, "content/sectores/nuevos/.turismo.md.swp", "swap")
	tmp := filepath.Join(dir, "content/sectores/nuevos/turismo.md.tmp")
	if err := os.WriteFile(tmp, []byte("+++\ntitle = \"Turismo\"\nkind = \"sector\"\n+++\n\nSegunda versión.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(dir, "content/sectores/nuevos/turismo.md")); err != nil {
		t.Fatal(err)
	}
	if ev := stream.next(t); ev.name != "reload" {
		t.Fatalf("save by rename: %q %s", ev.name, ev.data)
	}
	if _, p := get(t, url+"sectores/nuevos/turismo.html"); !strings.Contains(p, "Segunda versión") {
		t.Fatalf("the renamed file's text is not shown:\n%s", tail(p))
	}
	// The rebuild names the saved file (a later event of the folder itself
	// may add a line of its own).
	if !strings.Contains(log.String(), "content/sectores/nuevos/turismo.md: listo") &&
		!strings.Contains(log.String(), "content/sectores/nuevos/turismo.md y ") {
		t.Errorf("no rebuild line names the saved file:\n%s", strings.Join(rebuildLines(log.String()), "\n"))
	}
	for _, junk := range []string{"4913", ".swp", ".tmp"} {
		if strings.Contains(log.String(), junk) {
			t.Errorf("the log mentions the temporary file %s:\n%s", junk, log)
		}
	}

	// A file saved unchanged rebuilds without reloading the pages.
	write(t, dir, "data/sales.csv", salesGood)
	stream.quiet(t, 600*time.Millisecond)
	if !strings.Contains(log.String(), "el sitio no cambió") {
		t.Errorf("no 'unchanged' line:\n%s", log)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	for range 100 {
		if ok() {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("condition not met within 5 s")
}

func drain(s *sse) {
	for {
		select {
		case <-s.events:
		default:
			return
		}
	}
}

// TestSlowTab: a tab that never reads its stream does not hold up the
// others.
func TestSlowTab(t *testing.T) {
	dir := testSite(t)
	s, _ := start(t, Options{Source: dir})
	url := s.URL()
	_, page := get(t, url)
	version := live(t, page).Version

	// A stalled tab: asks for the stream and never reads a byte. Its
	// socket buffer is kept tiny so that writes to it block.
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	conn.(*net.TCPConn).SetReadBuffer(1)
	io.WriteString(conn, "GET /__tablero/events?v=old HTTP/1.1\r\nHost: "+s.ln.Addr().String()+"\r\n\r\n")

	stream := listen(t, url, version)
	for i := range 5 {
		text := salesNew
		if i%2 == 1 {
			text = salesGood
		}
		write(t, dir, "data/sales.csv", text)
		if ev := stream.next(t); ev.name != "reload" {
			t.Fatalf("edit %d: %q", i, ev.name)
		}
	}
}

// TestHubNeverBlocks: broadcasting to a subscriber that never reads
// returns at once.
func TestHubNeverBlocks(t *testing.T) {
	var h hub
	stalled := h.subscribe()
	live := h.subscribe()
	done := make(chan bool)
	go func() {
		for range 1000 {
			h.broadcast()
		}
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("broadcast blocked on a subscriber that does not read")
	}
	if len(stalled) != 1 || len(live) != 1 {
		t.Fatal("each subscriber should hold exactly one pending wake-up")
	}
	h.unsubscribe(stalled)
	if h.count() != 1 {
		t.Fatal("unsubscribe")
	}
}

// TestResponses: the served site is the built site, byte for byte, except
// for the injected script in HTML; types and caching are right.
func TestResponses(t *testing.T) {
	dir := testSite(t)
	s, _ := start(t, Options{Source: dir})
	url := s.URL()
	built := build.Build(os.DirFS(dir))
	if !built.OK() {
		t.Fatal(built.Diagnostics.Format("en"))
	}
	seen := map[string]bool{}
	for _, f := range built.Files {
		res, body := get(t, url+f.Path)
		if res.StatusCode != 200 {
			t.Errorf("GET /%s = %d", f.Path, res.StatusCode)
			continue
		}
		if cc := res.Header.Get("Cache-Control"); cc != "no-store" {
			t.Errorf("GET /%s: Cache-Control %q", f.Path, cc)
		}
		ct := res.Header.Get("Content-Type")
		seen[ct] = true
		if isHTML(f.Path) {
			if ct != "text/html; charset=utf-8" {
				t.Errorf("GET /%s: Content-Type %q", f.Path, ct)
			}
			const end = `</script><script src="/__tablero/live.js"></script>` + "\n"
			i := strings.LastIndex(body, `<script type="application/json" id="tablero-live">`)
			j := strings.LastIndex(body, end)
			if i < 0 || j < i || !strings.HasPrefix(body[j+len(end):], "</body>") {
				t.Fatalf("GET /%s: no script right before </body>", f.Path)
			}
			body = body[:i] + body[j+len(end):]
		}
		if body != string(f.Data) {
			t.Errorf("GET /%s differs from the build output beyond the injected script", f.Path)
		}
		if bytes.Contains(f.Data, []byte("__tablero")) {
			t.Errorf("the build output %s mentions the preview", f.Path)
		}
	}
	for _, want := range []string{"text/css; charset=utf-8", "text/javascript; charset=utf-8", "text/csv; charset=utf-8", "image/svg+xml"} {
		if !seen[want] {
			t.Errorf("no file served as %s (saw %v)", want, seen)
		}
	}
	res, _ := get(t, url+"__tablero/live.js")
	if res.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("live.js Content-Type %q", res.Header.Get("Content-Type"))
	}
	res, page := get(t, url+"no-such-page.html")
	if res.StatusCode != 404 || len(live(t, page).Version) == 0 {
		t.Errorf("missing page: %d", res.StatusCode)
	}
	req, _ := http.NewRequest(http.MethodPost, url, nil)
	if res, err := http.DefaultClient.Do(req); err != nil || res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %v %v", res.StatusCode, err)
	}
}

// TestOverlayIsText: texts from the inputs cannot become markup, neither in
// the injected state nor in the script that draws the overlay.
func TestOverlayIsText(t *testing.T) {
	s := &Server{lang: "en"}
	payload := s.payloadFor("v1", diagWith(`</script><img src=x onerror=alert(1)>`), true)
	page := inject([]byte("<html><body><p>x</p></body></html>"), payload)
	if bytes.Contains(page, []byte("<img")) || bytes.Count(page, []byte("</script>")) != 2 {
		t.Fatalf("the message escaped the JSON island:\n%s", page)
	}
	var p livePayload
	json.Unmarshal(payload, &p)
	if p.Errors[0].Message != `</script><img src=x onerror=alert(1)>` {
		t.Fatalf("message not kept as text: %q", p.Errors[0].Message)
	}
	for _, bad := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("} {
		if bytes.Contains(liveJS, []byte(bad)) {
			t.Errorf("live.js uses %s", bad)
		}
	}
	if !bytes.Contains(liveJS, []byte("textContent")) {
		t.Error("live.js does not use textContent")
	}
	if got := inject([]byte("<p>no body</p>"), payload); !bytes.HasPrefix(got, []byte("<p>no body</p><script")) {
		t.Errorf("page without </body>: %s", got)
	}
	if got := string(inject([]byte("<BODY>a</BODY>"), []byte("{}"))); !strings.HasSuffix(got, "/live.js\"></script>\n</BODY>") {
		t.Errorf("injection should go before </BODY>: %s", got)
	}
}

// TestOverlayNotes: a diagnostic's notes (the other place of a conflict)
// reach the overlay in the preview's language, and live.js draws them; a
// change of notes alone is a change of diagnostics.
func TestOverlayNotes(t *testing.T) {
	d := diagWith("dup")[0].WithNote("data/x.toml", 4, 8, "la otra declaración", "the other declaration")
	for _, tc := range []struct{ lang, want string }{{"en", "the other declaration"}, {"es", "la otra declaración"}} {
		s := &Server{lang: tc.lang}
		var p livePayload
		if err := json.Unmarshal(s.payloadFor("v1", diag.List{d}, true), &p); err != nil {
			t.Fatal(err)
		}
		if len(p.Errors) != 1 || len(p.Errors[0].Notes) != 1 ||
			p.Errors[0].Notes[0] != (liveNote{Pos: "data/x.toml:4:8", Message: tc.want}) {
			t.Errorf("%s: got %+v", tc.lang, p.Errors)
		}
	}
	if !bytes.Contains(liveJS, []byte("e.notes")) {
		t.Error("live.js does not draw the notes")
	}
	if sameDiags(diag.List{d}, diagWith("dup")) {
		t.Error("sameDiags ignores notes")
	}
}

func diagWith(msg string) diag.List {
	return diag.List{{File: "data/x.csv", Line: 2, Col: 3, Msg: diag.Text{ES: msg, EN: msg}}}
}

// TestKeepAlive: an idle stream gets comment lines, so that it stays open.
func TestKeepAlive(t *testing.T) {
	s, _ := start(t, Options{Source: testSite(t), KeepAlive: 50 * time.Millisecond})
	res, err := http.Get(s.URL() + "__tablero/events?v=" + s.state.load().version)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", res.Header.Get("Cache-Control"))
	}
	sc := bufio.NewScanner(res.Body)
	var lines []string
	for len(lines) < 4 && sc.Scan() {
		if sc.Text() != "" {
			lines = append(lines, sc.Text())
		}
	}
	if want := []string{"retry: 500", ": ping", ": ping", ": ping"}; !slices.Equal(lines, want) {
		t.Errorf("stream = %q, want %q", lines, want)
	}
}
