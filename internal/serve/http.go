package serve

import (
	"bytes"
	_ "embed"
	"html"
	"mime"
	"net"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/i18n"
)

// Paths the preview adds to the site. They never collide with a built
// file: the build does not write folders whose name starts with "__".
const (
	eventsPath = "/__tablero/events"
	scriptPath = "/__tablero/live.js"
)

//go:embed live.js
var liveJS []byte

// ServeHTTP serves the last good site from memory, with the live script
// injected into HTML pages.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !s.hostAllowed(r.Host) {
		// A page of another site whose name was pointed at this machine
		// (DNS rebinding) must not read the preview.
		msg := i18n.Pick(s.lang, "tablero: esta vista previa solo responde en "+s.URL(), "tablero: this preview only answers at "+s.URL())
		send(w, r, "text/plain; charset=utf-8", http.StatusMisdirectedRequest, []byte(msg+"\n"))
		return
	}
	switch r.URL.Path {
	case eventsPath:
		s.events(w, r)
		return
	case scriptPath:
		send(w, r, "text/javascript; charset=utf-8", http.StatusOK, liveJS)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	sn := s.state.load()
	if sn.files == nil {
		// No good build yet: every address shows the errors until one.
		send(w, r, "text/html; charset=utf-8", http.StatusInternalServerError, inject(s.errorPage(), sn.payload))
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if name == "" || strings.HasSuffix(r.URL.Path, "/") {
		name = path.Join(name, "index.html")
	}
	data, ok := sn.files[name]
	if !ok {
		if _, dir := sn.files[path.Join(name, "index.html")]; dir {
			// Redirect so that the page's relative links resolve.
			http.Redirect(w, r, "/"+name+"/", http.StatusFound)
			return
		}
		if d, ok := sn.files[name+".html"]; ok {
			name, data = name+".html", d
		} else {
			page, ok := sn.files["404.html"]
			if !ok {
				page = s.notFoundPage(r.URL.Path)
			} else {
				page = rootRelative(page)
			}
			send(w, r, "text/html; charset=utf-8", http.StatusNotFound, inject(page, sn.payload))
			return
		}
	}
	ctype := contentType(name, data)
	if isHTML(name) {
		data = inject(data, sn.payload)
	}
	send(w, r, ctype, http.StatusOK, data)
}

// send writes a response that is never cached: the next request may see
// another build.
func send(w http.ResponseWriter, r *http.Request, ctype string, status int, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if status == http.StatusOK {
		// ServeContent handles HEAD and ranges (for the PDF or video a
		// theme might ship).
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(data))
		return
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func isHTML(name string) bool {
	ext := strings.ToLower(path.Ext(name))
	return ext == ".html" || ext == ".htm"
}

// contentType picks the Content-Type from the extension: Go's table first,
// then the types a site holds that systems do not always know.
func contentType(name string, data []byte) string {
	ext := strings.ToLower(path.Ext(name))
	switch ext {
	case ".html", ".htm":
		return "text/html; charset=utf-8"
	case ".csv":
		return "text/csv; charset=utf-8"
	case ".xlsx", ".xlsm":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".txt", "":
		if utf8.Valid(data) {
			return "text/plain; charset=utf-8" // LICENSE, NOTICE
		}
		return "application/octet-stream"
	case ".js", ".mjs":
		return "text/javascript; charset=utf-8"
	case ".json", ".map":
		return "application/json"
	case ".svg":
		return "image/svg+xml"
	case ".woff2":
		return "font/woff2"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the live state and the live script to an HTML page, before
// its last </body>, or at its end when it has none.
func inject(page, payload []byte) []byte {
	var snippet bytes.Buffer
	snippet.WriteString(`<script type="application/json" id="tablero-live">`)
	snippet.Write(payload) // JSON with <, > and & escaped: cannot end the element
	snippet.WriteString(`</script><script src="` + scriptPath + `"></script>` + "\n")
	i := lastIndexFold(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+snippet.Len())
	out = append(out, page[:i]...)
	out = append(out, snippet.Bytes()...)
	return append(out, page[i:]...)
}

// lastIndexFold is bytes.LastIndex ignoring ASCII case.
func lastIndexFold(s, sub []byte) int {
	for i := len(s) - len(sub); i >= 0; i-- {
		if bytes.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// rootRelative makes the relative links of the site's 404 page, written
// for the root, work at any depth by giving the page a base.
func rootRelative(page []byte) []byte {
	i := bytes.Index(page, []byte("<head>"))
	if i < 0 || bytes.Contains(page, []byte("<base ")) {
		return page
	}
	i += len("<head>")
	out := append([]byte{}, page[:i]...)
	out = append(out, `<base href="/">`...)
	return append(out, page[i:]...)
}

// errorPage is the page shown before any build succeeded; the overlay
// holds the errors.
func (s *Server) errorPage() []byte {
	title := i18n.Pick(s.lang, "Tablero: el sitio tiene errores", "Tablero: the site has errors")
	body := i18n.Pick(s.lang, "Corrija los errores señalados y guarde el archivo: esta página se recargará sola.",
		"Fix the errors shown and save the file: this page reloads by itself.")
	return minimalPage(s.lang, title, body)
}

// notFoundPage is shown for a missing address when the site has no 404.html.
func (s *Server) notFoundPage(p string) []byte {
	return minimalPage(s.lang, i18n.Pick(s.lang, "Página no encontrada", "Page not found"),
		i18n.Pick(s.lang, "La dirección "+p+" no existe en el sitio.", "The address "+p+" does not exist in the site."))
}

func minimalPage(lang, title, body string) []byte {
	return []byte(`<!doctype html>
<html lang="` + lang + `"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>` + html.EscapeString(title) + `</title></head>
<body style="font:18px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<main><h1>` + html.EscapeString(title) + `</h1><p>` + html.EscapeString(body) + `</p></main>
</body></html>
`)
}

// hostAllowed reports whether a request's Host names this server: its
// port, and a name that cannot be pointed elsewhere by a DNS server —
// localhost, an IP address (only a loopback one when the server listens
// on loopback), or the name given with --host.
func (s *Server) hostAllowed(host string) bool {
	name, port, err := net.SplitHostPort(host)
	if err != nil {
		name, port = host, "80" // no port: the default one
	}
	addr, _ := s.ln.Addr().(*net.TCPAddr)
	if addr == nil || port != strconv.Itoa(addr.Port) {
		return false
	}
	name = strings.ToLower(strings.TrimSuffix(strings.Trim(name, "[]"), "."))
	if name == "localhost" || name == strings.ToLower(s.opt.Host) {
		return true
	}
	ip := net.ParseIP(name)
	return ip != nil && (ip.IsLoopback() || !addr.IP.IsLoopback())
}
