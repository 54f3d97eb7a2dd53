package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/site"
)

// Options configure a preview server. The zero value serves the site in
// the current folder on a free loopback port, quietly.
type Options struct {
	// Source is the site folder, holding site.toml. Default ".".
	Source string
	// Host is the address to listen on. Default "127.0.0.1"; the preview
	// is meant for the author's own machine.
	Host string
	// Port is the TCP port; 0 picks a free one (see Server.URL).
	Port int
	// Lang is the language of messages, overlay included: "es" or "en".
	// Default: the site's first language.
	Lang string
	// Log receives one line per rebuild, and the errors of a failed one.
	// Nil prints nothing.
	Log io.Writer
	// Verbose also lists every changed file of each rebuild.
	Verbose bool
	// Quiet is how long the inputs must stay unchanged before a rebuild.
	// Default 100 ms.
	Quiet time.Duration
	// KeepAlive is how often an idle event stream gets a comment line, so
	// that proxies and browsers keep it open. Default 15 s.
	KeepAlive time.Duration
}

// Server is a running preview: a listener, a watcher and the last build.
type Server struct {
	opt  Options
	root string // absolute site folder
	lang string
	ln   net.Listener
	w    *watcher
	hub  hub

	mu      sync.Mutex // serialises rebuilds
	builder *build.Builder
	state   stateBox
	gen     int64
	id      string // distinguishes this process's versions from a previous one's
}

// New checks the options, builds the site once, starts listening and sets
// up the watcher. It fails when the folder has no site.toml, the port is
// taken or the folder cannot be watched; a site with errors is not a
// failure (its errors are served). Call Run to serve.
func New(opt Options) (*Server, error) {
	if opt.Source == "" {
		opt.Source = "."
	}
	if opt.Host == "" {
		opt.Host = "127.0.0.1"
	}
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Quiet <= 0 {
		opt.Quiet = 100 * time.Millisecond
	}
	if opt.KeepAlive <= 0 {
		opt.KeepAlive = 15 * time.Second
	}
	root, err := filepath.Abs(opt.Source)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, root: root, lang: opt.Lang,
		id: strconv.FormatInt(time.Now().UnixNano()%1e9, 36)}
	if !i18n.Valid(s.lang) {
		s.lang = "es"
		if cfg, _ := site.Load(osfile.Dir(root)); len(cfg.Languages) > 0 && i18n.Valid(cfg.Languages[0]) {
			s.lang = cfg.Languages[0]
		}
	}
	if _, err := os.Stat(filepath.Join(root, site.File)); err != nil {
		return nil, errors.New(i18n.Pick(s.lang,
			fmt.Sprintf("%s no tiene %s: indique la carpeta del sitio con --source", opt.Source, site.File),
			fmt.Sprintf("%s has no %s: give the site folder with --source", opt.Source, site.File)))
	}

	s.w, err = newWatcher(root)
	if err != nil {
		return nil, s.watchError(err)
	}
	addr := net.JoinHostPort(opt.Host, strconv.Itoa(opt.Port))
	s.ln, err = net.Listen("tcp", addr)
	if err != nil {
		s.w.close()
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, errors.New(i18n.Pick(s.lang,
				fmt.Sprintf("el puerto %d está ocupado (¿hay otra vista previa abierta?); use --port con otro número, o --port 0 para uno libre", opt.Port),
				fmt.Sprintf("port %d is in use (is another preview running?); use --port with another number, or --port 0 for a free one", opt.Port)))
		}
		return nil, err
	}
	s.rebuild(nil)
	return s, nil
}

// URL returns the address of the site's home page, e.g.
// http://127.0.0.1:8080/.
func (s *Server) URL() string {
	return "http://" + s.ln.Addr().String() + "/"
}

// Run serves until ctx is done, rebuilding as the inputs change, then
// closes the listener and the watcher. It returns nil after ctx is done,
// or the error that stopped the server.
func (s *Server) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	hs := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ErrorLog:          log.New(io.Discard, "", 0),
	}
	changes := make(chan string, 256)
	batches := make(chan []string)
	var wg sync.WaitGroup
	wg.Go(func() { s.w.run(ctx, changes, s.warn) })
	wg.Go(func() { batch(ctx, changes, batches, s.opt.Quiet, 10*s.opt.Quiet) })
	wg.Go(func() {
		for {
			select {
			case <-ctx.Done():
				return
			case b := <-batches:
				s.rebuild(b)
			}
		}
	})
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(s.ln) }()

	var err error
	select {
	case <-ctx.Done():
	case err = <-errc:
	}
	cancel() // ends the event streams, so Shutdown does not wait for them
	sctx, scancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer scancel()
	hs.Shutdown(sctx)
	s.w.close()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// Run serves the site with opt until ctx is done, printing its address to
// opt.Log first. It is New followed by Server.Run.
func Run(ctx context.Context, opt Options) error {
	s, err := New(opt)
	if err != nil {
		return err
	}
	fmt.Fprintln(s.opt.Log, i18n.Pick(s.lang,
		fmt.Sprintf("tablero: vista previa en %s (Ctrl+C para terminar)", s.URL()),
		fmt.Sprintf("tablero: preview at %s (Ctrl+C to stop)", s.URL())))
	if ip := net.ParseIP(s.opt.Host); s.opt.Host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		fmt.Fprintln(s.opt.Log, i18n.Pick(s.lang,
			"tablero: atención: con --host "+s.opt.Host+" otros equipos de la red pueden ver la vista previa",
			"tablero: note: with --host "+s.opt.Host+" other computers on the network can see the preview"))
	}
	return s.Run(ctx)
}

// warn prints a problem that does not stop the server.
func (s *Server) warn(err error) {
	fmt.Fprintf(s.opt.Log, "tablero: %v\n", s.watchError(err))
}

// watchError explains the watcher's errors, the inotify limit above all.
func (s *Server) watchError(err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EMFILE) {
		return errors.New(i18n.Pick(s.lang,
			"el sistema no permite vigilar más carpetas ("+err.Error()+"); suba el límite con: sudo sysctl fs.inotify.max_user_watches=524288",
			"the system allows no more watched folders ("+err.Error()+"); raise the limit with: sudo sysctl fs.inotify.max_user_watches=524288"))
	}
	if errors.Is(err, fsnotify.ErrEventOverflow) {
		return errors.New(i18n.Pick(s.lang, "demasiados cambios a la vez; se reconstruye todo", "too many changes at once; rebuilding everything"))
	}
	return err
}

// build runs a build of the site, turning a panic into a diagnostic so that
// the server outlives a bug in a stage.
func (s *Server) build() (res *build.Result) {
	defer func() {
		if r := recover(); r != nil {
			res = panicResult(r)
		}
	}()
	if s.builder == nil {
		s.builder = build.NewBuilder(osfile.Dir(s.root))
	}
	return s.builder.Build()
}
