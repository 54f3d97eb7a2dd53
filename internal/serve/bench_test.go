package serve

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/synth"
)

// siteRoot is the repository, which holds the DatACI site.
const siteRoot = "../.."

// datAciCopy copies the DatACI site as it is now (site.toml, content/,
// data/ and the default theme) into a temporary folder, and returns it
// with the CSV the benchmarks edit: the largest one.
func datAciCopy(b *testing.B) (dir, csv string) {
	b.Helper()
	if _, err := os.Stat(filepath.Join(siteRoot, "site.toml")); err != nil {
		b.Skip("no DatACI site at the repository root")
	}
	dir = b.TempDir()
	copyTree(b, filepath.Join(siteRoot, "content"), filepath.Join(dir, "content"))
	copyTree(b, filepath.Join(siteRoot, "data"), filepath.Join(dir, "data"))
	copyTree(b, themeDir, filepath.Join(dir, "themes", "default"))
	st, err := os.ReadFile(filepath.Join(siteRoot, "site.toml"))
	if err != nil {
		b.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), st, 0o644); err != nil {
		b.Fatal(err)
	}
	csvs, _ := filepath.Glob(filepath.Join(dir, "data", "*.csv"))
	var size int64
	for _, p := range csvs {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			csv, size = p, fi.Size()
		}
	}
	if csv == "" {
		b.Skip("the DatACI site has no dataset yet")
	}
	return dir, csv
}

// BenchmarkRebuildOneCSV measures what the preview does after a CSV of the
// DatACI site is saved: a full build, the comparison with the previous
// output and the publication of the new snapshot. The edit alternates a
// trailing blank line, which changes the published CSV.
func BenchmarkRebuildOneCSV(b *testing.B) {
	dir, csv := datAciCopy(b)
	benchEdits(b, dir, "data/"+filepath.Base(csv), 0)
}

// BenchmarkRebuild1000OneCSV is BenchmarkRebuildOneCSV on the synthetic
// site of 1,000 boards (2,002 pages): the preview redoes the one board that
// uses the edited dataset, and compares and publishes the whole site.
// Budget: at most 10 % of a full build (internal/build BenchmarkBuild1000).
func BenchmarkRebuild1000OneCSV(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Boards: 1000}); err != nil {
		b.Fatal(err)
	}
	benchEdits(b, dir, "data/ds-0500.csv", 2002)
}

// BenchmarkRebuildGeneratedOneValue is the generated-page workload of
// issue 15 (1,000 pages from one 50,000-row dataset, one per place): each
// edit changes a figure of one place's rows, and the preview renders that
// place's page alone. Budget: at most 10 % of a full build (internal/build
// BenchmarkBuildGenerated1000).
func BenchmarkRebuildGeneratedOneValue(b *testing.B) {
	dir := b.TempDir()
	if err := synth.Write(dir, synth.Options{Generated: true}); err != nil {
		b.Fatal(err)
	}
	csv := filepath.Join(dir, "data", "lugares.csv")
	orig, err := os.ReadFile(csv)
	if err != nil {
		b.Fatal(err)
	}
	// The first row of Lugar 0500 gets another figure, then its own back.
	start := strings.Index(string(orig), ",Lugar 0500,") + len(",Lugar 0500,")
	end := start + strings.IndexByte(string(orig[start:]), '\n')
	if start < len(",Lugar 0500,") || end < start {
		b.Fatal("no row of Lugar 0500")
	}
	alt := slices.Concat(orig[:start], []byte("123456.78"), orig[end:])
	// Each rebuild is followed, untimed, by a full build of the site as
	// tablero build makes it (written into a folder) and one as the
	// preview makes it (in memory), for the %full and %preview metrics:
	// the budget compares a rebuild with a full build, and timed minutes
	// apart (BenchmarkBuildGenerated1000 in internal/build) they compared
	// the machine's speed at those minutes as much.
	// The folder is built once first: the full builds timed are rebuilds
	// over it, as make bench times tablero build (a first build writes
	// every file new).
	out := filepath.Join(b.TempDir(), "public")
	if _, err := build.BuildInto(osfile.Dir(dir), out); err != nil {
		b.Fatal(err)
	}
	var rebuilt, full, preview time.Duration
	edited := time.Now()
	benchEditsWith(b, dir, "data/lugares.csv", 1000, func(i int) []byte {
		if i > 0 {
			rebuilt += time.Since(edited)
			b.StopTimer()
			start := time.Now()
			if res, err := build.BuildInto(osfile.Dir(dir), out); err != nil || !res.OK() {
				b.Fatalf("full build: %v %v", err, res.Diagnostics)
			}
			full += time.Since(start)
			start = time.Now()
			fresh := &Server{root: dir, lang: "es", opt: Options{Log: io.Discard}}
			fresh.rebuild(nil)
			preview += time.Since(start)
			b.StartTimer()
		}
		edited = time.Now()
		if i%2 == 0 {
			return alt
		}
		return orig
	})
	if full > 0 {
		b.ReportMetric(100*float64(rebuilt)/float64(full), "%full")
		b.ReportMetric(100*float64(rebuilt)/float64(preview), "%preview")
	}
}

// benchEdits builds the site in dir as the preview does, then times saving
// the CSV rel and rebuilding, again and again. The edit alternates a
// trailing blank line, which changes the published CSV, so every rebuild
// must publish a new version. The site must build with at least pages pages.
func benchEdits(b *testing.B, dir, rel string, pages int) {
	orig, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		b.Fatal(err)
	}
	benchEditsWith(b, dir, rel, pages, func(i int) []byte {
		if i%2 == 0 {
			return append(append([]byte{}, orig...), '\n')
		}
		return orig
	})
}

// benchEditsWith is benchEdits with the text of the i-th save given by
// text, which must change the site every time.
func benchEditsWith(b *testing.B, dir, rel string, pages int, text func(i int) []byte) {
	csv := filepath.Join(dir, filepath.FromSlash(rel))
	orig, err := os.ReadFile(csv)
	if err != nil {
		b.Fatal(err)
	}
	s := &Server{root: dir, lang: "es", opt: Options{Log: io.Discard}}
	s.rebuild(nil)
	sn := s.state.load()
	if len(sn.diags) > 0 || sn.pages < pages {
		b.Fatalf("%s: %d pages, %d errors", dir, sn.pages, len(sn.diags))
	}
	b.Logf("%d files (%d pages); editing %s (%d B)", len(sn.files), sn.pages, rel, len(orig))
	version := sn.version
	for i := 0; b.Loop(); i++ {
		if err := os.WriteFile(csv, text(i), 0o644); err != nil {
			b.Fatal(err)
		}
		s.rebuild([]string{rel})
		if v := s.state.load().version; v == version {
			b.Fatal("the edit published no new version")
		} else {
			version = v
		}
	}
}

// BenchmarkEditToReload measures what an author waits for on the DatACI
// site: from saving a CSV to the open page receiving its reload event,
// through the watcher, the 100 ms of silence and the rebuild.
func BenchmarkEditToReload(b *testing.B) {
	dir, csv := datAciCopy(b)
	orig, err := os.ReadFile(csv)
	if err != nil {
		b.Fatal(err)
	}
	s, err := New(Options{Source: dir})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	defer func() { cancel(); <-done }()

	res, err := http.Get(s.URL() + "__tablero/events?v=" + s.state.load().version)
	if err != nil {
		b.Fatal(err)
	}
	defer res.Body.Close()
	events := make(chan string, 8)
	go func() {
		buf := make([]byte, 64<<10)
		for {
			n, err := res.Body.Read(buf)
			if err != nil {
				close(events)
				return
			}
			if strings.Contains(string(buf[:n]), "event: ") {
				events <- string(buf[:n])
			}
		}
	}()
	for i := 0; b.Loop(); i++ {
		save(b, csv, orig, i)
		select {
		case <-events:
		case <-time.After(10 * time.Second):
			b.Fatal("no event within 10 s")
		}
	}
}

// save writes edit i of the CSV at csv: every other edit adds a trailing
// blank line to orig, which changes the published CSV.
func save(b *testing.B, csv string, orig []byte, i int) {
	text := orig
	if i%2 == 0 {
		text = append(append([]byte{}, orig...), '\n')
	}
	if err := os.WriteFile(csv, text, 0o644); err != nil {
		b.Fatal(err)
	}
}
