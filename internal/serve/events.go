package serve

import (
	"errors"
	"net/http"
	"sync"
	"time"
)

// hub wakes the event streams of the open pages after a build. Each stream
// has a one-slot channel: a wake-up is dropped when one is already pending,
// because the stream then reads the latest snapshot anyway. Broadcasting
// never blocks, so one slow tab cannot hold up the others or the builds.
type hub struct {
	mu   sync.Mutex
	subs map[chan struct{}]struct{}
}

func (h *hub) subscribe() chan struct{} {
	c := make(chan struct{}, 1)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.subs == nil {
		h.subs = map[chan struct{}]struct{}{}
	}
	h.subs[c] = struct{}{}
	return c
}

func (h *hub) unsubscribe(c chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.subs, c)
}

func (h *hub) broadcast() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.subs {
		select {
		case c <- struct{}{}:
		default:
		}
	}
}

// count returns the number of open streams.
func (h *hub) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// writeTimeout is how long one write to a stream may take before the tab
// is given up on (it reconnects by itself if it is still there).
const writeTimeout = 10 * time.Second

// events streams the build state to one page. The page says which version
// it shows (?v=, or Last-Event-ID when the browser reconnects); whenever
// the current version differs, the stream sends "reload" or "build-failed"
// with the diagnostics. Versions include a per-process id, so a page left
// open across a restart of the server reloads too.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	seen := r.Header.Get("Last-Event-ID")
	if seen == "" {
		seen = r.URL.Query().Get("v")
	}
	wake := s.hub.subscribe()
	defer s.hub.unsubscribe(wake)

	write := func(b []byte) bool {
		if err := rc.SetWriteDeadline(time.Now().Add(writeTimeout)); err != nil && !errors.Is(err, http.ErrNotSupported) {
			return false
		}
		if _, err := w.Write(b); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !write([]byte("retry: 500\n\n")) {
		return
	}
	ping := time.NewTicker(s.opt.KeepAlive)
	defer ping.Stop()
	for {
		if sn := s.state.load(); sn != nil && sn.version != seen {
			if !write(sn.event()) {
				return
			}
			seen = sn.version
		}
		select {
		case <-r.Context().Done():
			return
		case <-wake:
		case <-ping.C:
			if !write([]byte(": ping\n\n")) {
				return
			}
		}
	}
}
