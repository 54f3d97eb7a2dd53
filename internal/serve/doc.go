// Package serve is the preview server behind `tablero serve`: the authoring
// loop of the knowledge team.
//
// It builds the site once, serves the result from memory on a loopback
// address, watches the inputs (site.toml, content/, data/ and themes/) and
// rebuilds after each burst of changes. Open pages follow the build through
// Server-Sent Events on /__tablero/events: a "reload" event after a good
// build, a "build-failed" event carrying the diagnostics after a bad one.
//
// The pipeline is reflex's: fsnotify → filter → batch (100 ms of silence) →
// [build.Build]. A failed build never replaces the site: the last good one
// stays up, and every HTML page gets an overlay listing the errors, drawn
// with textContent so that nothing in a message can become markup. When the
// very first build fails, every address serves an error page with the same
// overlay, which turns into the site as soon as a build succeeds.
//
// The reload script and the overlay's data are injected into HTML
// responses only, before </body>; `tablero build` output never contains
// them.
//
// The preview writes nothing to disk (so, unlike `tablero build`, it takes
// no lock on public/), serves nothing from outside the site (the build
// refuses links that lead out of it), and answers only requests whose Host
// names it (127.0.0.1:PORT, localhost:PORT, [::1]:PORT; 421 otherwise), so
// that a page of another site cannot read it through DNS rebinding.
//
// A [Server] is safe for concurrent use: requests read an immutable
// snapshot of the last build, which a single goroutine replaces.
package serve
