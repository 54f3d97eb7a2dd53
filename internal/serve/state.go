package serve

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/render"
)

// snapshot is what the server shows after a build. It is never modified
// once published.
type snapshot struct {
	version string            // changes with every build that changed what is shown
	files   map[string][]byte // the last good site; nil before the first good build
	pages   int               // HTML pages in files, for the log
	diags   diag.List         // errors of the latest build; empty when it was good
	payload []byte            // the live state as JSON, for pages and events
}

// failed reports whether the latest build had errors.
func (sn *snapshot) failed() bool { return len(sn.diags) > 0 }

// event returns the SSE event telling a page about sn.
func (sn *snapshot) event() []byte {
	var b bytes.Buffer
	name := "reload"
	data := []byte(strconv.Quote(sn.version))
	if sn.failed() {
		name, data = "build-failed", sn.payload
	}
	fmt.Fprintf(&b, "id: %s\nevent: %s\ndata: %s\n\n", sn.version, name, data)
	return b.Bytes()
}

// stateBox holds the current snapshot.
type stateBox struct{ p atomic.Pointer[snapshot] }

func (b *stateBox) load() *snapshot    { return b.p.Load() }
func (b *stateBox) store(sn *snapshot) { b.p.Store(sn) }

// livePayload is the state a page's script receives: in the page itself
// and in build-failed events. Every text is already in the server's
// language; the script inserts them as text, never as HTML.
type livePayload struct {
	Version string      `json:"version"`
	Title   string      `json:"title,omitempty"`
	Intro   string      `json:"intro,omitempty"`
	Hide    string      `json:"hide,omitempty"`
	Errors  []liveError `json:"errors,omitempty"`
}

// liveError is one diagnostic as the overlay shows it.
type liveError struct {
	Pos     string `json:"pos"` // file:line:col, or as much of it as is known
	File    string `json:"file"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
	// Notes are the other places the problem involves (diag.Note).
	Notes []liveNote `json:"notes,omitempty"`
}

// liveNote is a diag.Note for the overlay.
type liveNote struct {
	Pos     string `json:"pos"`
	Message string `json:"message"`
}

// payloadFor returns the JSON of the live state for a snapshot.
func (s *Server) payloadFor(version string, diags diag.List, hasSite bool) []byte {
	p := livePayload{Version: version}
	if len(diags) > 0 {
		n := len(diags)
		if hasSite {
			p.Title = i18n.Pick(s.lang, fmt.Sprintf("El sitio tiene %d %s", n, i18n.Plural(n, "error", "errores")),
				fmt.Sprintf("The site has %d %s", n, i18n.Plural(n, "error", "errors")))
			p.Intro = i18n.Pick(s.lang, "Se muestra la última versión correcta de la página. Corrija el archivo y guárdelo: la página se recargará sola.",
				"This is the last good version of the page. Fix the file and save it: the page reloads by itself.")
		} else {
			p.Title = i18n.Pick(s.lang, fmt.Sprintf("No se pudo construir el sitio: %d %s", n, i18n.Plural(n, "error", "errores")),
				fmt.Sprintf("The site could not be built: %d %s", n, i18n.Plural(n, "error", "errors")))
			p.Intro = i18n.Pick(s.lang, "Corrija el archivo y guárdelo: la página se recargará sola.",
				"Fix the file and save it: the page reloads by itself.")
		}
		p.Hide = i18n.Pick(s.lang, "Ocultar", "Hide")
		for _, d := range diags {
			e := liveError{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg.In(s.lang), Hint: d.Hint.In(s.lang)}
			if d.File != "" {
				e.Pos = d.Pos()
			}
			for _, n := range d.Notes {
				e.Notes = append(e.Notes, liveNote{Pos: n.Pos(), Message: n.Msg.In(s.lang)})
			}
			p.Errors = append(p.Errors, e)
		}
	}
	b, err := json.Marshal(p) // escapes <, > and &: safe inside <script>
	if err != nil {
		panic(err) // strings and ints only
	}
	return b
}

// rebuild builds the site, publishes the result, tells the open pages and
// prints one line. changed lists the slash paths that triggered it (nil
// for the first build).
func (s *Server) rebuild(changed []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	res := s.build()
	prev := s.state.load()

	files, pages := map[string][]byte(nil), 0
	if res.OK() {
		var err error
		if files, pages, err = fileMap(res.Files); err != nil {
			res.Diagnostics = diag.List{readFailure(err)}
		}
	}
	same := false
	if res.OK() {
		same = prev != nil && !prev.failed() && sameFiles(prev.files, files)
	} else if prev != nil {
		files, pages = prev.files, prev.pages
		same = prev.failed() && sameDiags(prev.diags, res.Diagnostics)
	}
	if same {
		// Nothing a page shows changed (a file saved as it was): no reload.
		s.logRebuild(changed, res, true, files != nil)
		return
	}
	s.gen++
	version := s.id + "." + strconv.FormatInt(s.gen, 10)
	sn := &snapshot{version: version, files: files, pages: pages, diags: res.Diagnostics}
	sn.payload = s.payloadFor(version, causesFirst(res.Diagnostics), files != nil)
	s.state.store(sn)
	// The terminal's line comes before the browsers' reload, so whoever
	// sees the page change can already read what was rebuilt.
	s.logRebuild(changed, res, false, files != nil)
	s.hub.broadcast()
}

// logRebuild prints the rebuild's line, and the errors when it failed.
func (s *Server) logRebuild(changed []string, res *build.Result, same, hasSite bool) {
	w := s.opt.Log
	took := res.Duration.Round(time.Millisecond)
	if changed == nil { // the first build
		if res.OK() {
			fmt.Fprintln(w, i18n.Pick(s.lang,
				fmt.Sprintf("tablero: %d páginas, %d gráficos, %d conjuntos de datos en %s", res.Pages, res.Charts, res.Datasets, took),
				fmt.Sprintf("tablero: %d pages, %d charts, %d datasets in %s", res.Pages, res.Charts, res.Datasets, took)))
			return
		}
		n := len(res.Diagnostics)
		fmt.Fprintln(w, i18n.Pick(s.lang,
			fmt.Sprintf("tablero: %d %s; el navegador los muestra hasta que se corrijan", n, i18n.Plural(n, "error", "errores")),
			fmt.Sprintf("tablero: %d %s; the browser shows them until they are fixed", n, i18n.Plural(n, "error", "errors"))))
		s.logDiags(res.Diagnostics)
		return
	}
	what := changed[0]
	if len(changed) > 1 {
		what += i18n.Pick(s.lang, fmt.Sprintf(" y %d más", len(changed)-1), fmt.Sprintf(" and %d more", len(changed)-1))
	}
	stamp := time.Now().Format("15:04:05")
	var status string
	switch n := len(res.Diagnostics); {
	case n == 0 && same:
		status = i18n.Pick(s.lang, fmt.Sprintf("listo en %s, el sitio no cambió", took), fmt.Sprintf("ok in %s, the site did not change", took))
	case n == 0:
		status = i18n.Pick(s.lang, fmt.Sprintf("listo en %s", took), fmt.Sprintf("ok in %s", took))
	case same:
		status = i18n.Pick(s.lang, fmt.Sprintf("falló en %s: siguen los mismos %d %s", took, n, i18n.Plural(n, "error", "errores")),
			fmt.Sprintf("failed in %s: the same %d %s", took, n, i18n.Plural(n, "error", "errors")))
	case hasSite:
		status = i18n.Pick(s.lang, fmt.Sprintf("FALLÓ en %s: %d %s; se sigue mostrando la última versión correcta", took, n, i18n.Plural(n, "error", "errores")),
			fmt.Sprintf("FAILED in %s: %d %s; the last good version stays up", took, n, i18n.Plural(n, "error", "errors")))
	default:
		status = i18n.Pick(s.lang, fmt.Sprintf("FALLÓ en %s: %d %s", took, n, i18n.Plural(n, "error", "errores")),
			fmt.Sprintf("FAILED in %s: %d %s", took, n, i18n.Plural(n, "error", "errors")))
	}
	fmt.Fprintf(w, "%s %s: %s\n", stamp, what, status)
	if s.opt.Verbose {
		for _, c := range changed {
			fmt.Fprintf(w, "    %s\n", c)
		}
	}
	if len(res.Diagnostics) > 0 && !same {
		s.logDiags(res.Diagnostics)
	}
}

func (s *Server) logDiags(l diag.List) {
	for line := range strings.Lines(causesFirst(l).Format(s.lang)) {
		fmt.Fprint(s.opt.Log, "  ", line)
	}
}

// fileMap indexes a build's files by path and counts its pages. A large
// dataset's download, which the build streams from its source, is read
// here (and checked against the bytes the build read, see build.copyFrom):
// the preview serves what it holds.
func fileMap(fs []render.File) (map[string][]byte, int, error) {
	m := make(map[string][]byte, len(fs))
	pages := 0
	for _, f := range fs {
		data := f.Data
		if f.Open != nil {
			r, err := f.Open()
			if err != nil {
				return nil, 0, err
			}
			data, err = io.ReadAll(r)
			r.Close()
			if err != nil {
				return nil, 0, err
			}
		}
		m[f.Path] = data
		if isHTML(f.Path) {
			pages++
		}
	}
	return m, pages, nil
}

// readFailure reports a file of the site that could not be read after
// the build, as a diagnostic.
func readFailure(err error) diag.Diagnostic {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		return d
	}
	return diag.Errorf("", 0, 0, "no se pudo leer un archivo del sitio: %v", "cannot read a file of the site: %v", err)
}

func sameFiles(a, b map[string][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, x := range a {
		y, ok := b[p]
		if !ok || !bytes.Equal(x, y) {
			return false
		}
	}
	return true
}

func sameDiags(a, b diag.List) bool {
	return slices.EqualFunc(a, b, func(x, y diag.Diagnostic) bool {
		return x.File == y.File && x.Line == y.Line && x.Col == y.Col && x.Msg == y.Msg && x.Hint == y.Hint &&
			slices.Equal(x.Notes, y.Notes)
	})
}

// panicResult reports a crash of the build as a diagnostic.
func panicResult(r any) *build.Result {
	stack := string(debug.Stack())
	return &build.Result{Diagnostics: diag.List{diag.Errorf("", 0, 0,
		"error interno de tablero: %v", "tablero internal error: %v", r).
		WithHint("avise a quien mantiene tablero con este texto: %s", "report it to tablero's maintainers with this text: %s", firstFrames(stack))}}
}

// firstFrames keeps the start of a stack trace, enough to find the bug.
func firstFrames(stack string) string {
	lines := strings.Split(stack, "\n")
	if len(lines) > 16 {
		lines = lines[:16]
	}
	return strings.Join(lines, "\n")
}

// causesFirst orders diagnostics by stage, the inputs the others depend on
// first: site.toml, then datasets, the theme and the pages. One bad cell
// also makes every chart on its dataset fail; the author should see the
// cell first.
func causesFirst(l diag.List) diag.List {
	rank := func(d diag.Diagnostic) int {
		switch {
		case d.File == "site.toml":
			return 0
		case strings.HasPrefix(d.File, dataset.Dir+"/"):
			return 1
		case strings.HasPrefix(d.File, "themes/"):
			return 2
		case strings.HasPrefix(d.File, "content/"):
			return 3
		}
		return 4
	}
	out := slices.Clone(l)
	slices.SortStableFunc(out, func(a, b diag.Diagnostic) int { return cmp.Compare(rank(a), rank(b)) })
	return out
}
