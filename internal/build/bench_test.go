package build

// Benchmarks of the build (issue 8, "Fast at any size"). bench/run.sh runs
// them briefly; for a profile:
//
//	go test -run='^$' -bench=Build1000 -benchtime=3x -cpuprofile=cpu.prof ./internal/build
//	go tool pprof -top cpu.prof
//
// Synthetic sites come from internal/synth and are generated once per
// benchmark (b.Loop runs the setup once) into b.TempDir().

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/par"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/site"
	"github.com/tablero/tablero/internal/synth"
)

// benchRepo is the DatACI site at the root of the repository.
const benchRepo = "../.."

// benchSite writes a synthetic site into a temporary folder.
func benchSite(b *testing.B, opts synth.Options) string {
	b.Helper()
	dir := b.TempDir()
	if err := synth.Write(dir, opts); err != nil {
		b.Fatal(err)
	}
	return dir
}

// benchBuild times Build of fsys and reports pages/s and ms per board.
func benchBuild(b *testing.B, fsys fs.FS, boards int) {
	b.Helper()
	var res *Result
	b.ReportAllocs()
	for b.Loop() {
		res = Build(fsys)
	}
	if !res.OK() {
		b.Fatalf("the site does not build:\n%s", res.Diagnostics.Format("en"))
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(res.Pages*b.N)/sec, "pages/s")
	if boards > 0 {
		b.ReportMetric(sec*1000/float64(b.N)/float64(boards), "ms/board")
	}
	var bytes int
	for _, f := range res.Files {
		bytes += len(f.Data)
	}
	b.ReportMetric(float64(bytes)/1e6, "MB-out")
}

// BenchmarkBuildDatACI builds the real site of the repository.
func BenchmarkBuildDatACI(b *testing.B) {
	benchBuild(b, osfile.Dir(benchRepo), 0)
}

func BenchmarkBuild10(b *testing.B)   { benchBoards(b, 10) }
func BenchmarkBuild100(b *testing.B)  { benchBoards(b, 100) }
func BenchmarkBuild1000(b *testing.B) { benchBoards(b, 1000) }

// The plain-page workload of issue 15, built as `tablero build` does
// (BuildInto, files streamed to disk): for the budgets and for
// -cpuprofile of the 10,000-page build.
func BenchmarkBuildPages1000(b *testing.B)  { benchPages(b, 1000) }
func BenchmarkBuildPages10000(b *testing.B) { benchPages(b, 10000) }

// BenchmarkBuildGenerated1000 is the generated-page workload of issue 15:
// 1,000 pages from one dataset of 50,000 rows, one per value of its place
// column, built as `tablero build` does.
func BenchmarkBuildGenerated1000(b *testing.B) {
	benchInto(b, benchSite(b, synth.Options{Generated: true}), 1000)
}

func benchPages(b *testing.B, n int) { benchInto(b, benchSite(b, synth.Options{Pages: n}), n) }

// benchInto times BuildInto of the site in dir, which has n pages.
func benchInto(b *testing.B, dir string, n int) {
	out := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		res, err := BuildInto(osfile.Dir(dir), out)
		if err != nil {
			b.Fatal(err)
		}
		if !res.OK() {
			b.Fatalf("the site does not build:\n%s", res.Diagnostics.Format("en"))
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
}

func benchBoards(b *testing.B, n int) {
	dir := benchSite(b, synth.Options{Boards: n})
	benchBuild(b, osfile.Dir(dir), n)
}

// BenchmarkBuildBig1M builds a site with one chart summing a CSV of a
// million rows (about 36 MB), which Build streams (see big.go).
func BenchmarkBuildBig1M(b *testing.B) {
	dir := benchSite(b, synth.Options{Big: true})
	benchBuild(b, osfile.Dir(dir), 0)
	b.ReportMetric(float64(synth.DefaultBigRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkScanBig1M reads, checks and sums the same CSV by category with
// dataset.Scan, which streams it: the lower bound of what a build of that
// chart needs.
func BenchmarkScanBig1M(b *testing.B) {
	dir := benchSite(b, synth.Options{Big: true})
	fsys := osfile.Dir(dir)
	schema, l := dataset.ReadSchema(fsys, "data/big.csv")
	if len(l) > 0 {
		b.Fatal(l.Format("en"))
	}
	cat, val := schema.ColumnIndex("category"), schema.ColumnIndex("value")
	b.ReportAllocs()
	for b.Loop() {
		sums := map[string]float64{}
		rows := 0
		l := dataset.Scan(fsys, "data/big.csv", schema, func(r *dataset.Row) error {
			rows++
			if !r.IsNull(val) {
				sums[r.Str(cat)] += r.Num(val)
			}
			return nil
		})
		if len(l) > 0 || rows != synth.DefaultBigRows || len(sums) != len(synth.Categories) {
			b.Fatalf("rows %d, sums %d: %s", rows, len(sums), l.Format("en"))
		}
	}
	b.ReportMetric(float64(synth.DefaultBigRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRebuildOneCSV is what the preview server's Builder pays after
// an author saves one CSV of DatACI: a copy of the site is built once, then
// each iteration rewrites data/ied_history.csv (alternately with LF and
// CRLF line ends, two valid versions of the same rows) and builds again
// with the same Builder, which rereads that file and rerenders the pages
// that use it. In memory: no Write. internal/serve's BenchmarkRebuildOneCSV
// adds the server's comparison and publication of the snapshot.
func BenchmarkRebuildOneCSV(b *testing.B) {
	dir := b.TempDir()
	if err := synth.CopySite(benchRepo, dir); err != nil {
		b.Fatal(err)
	}
	csv := filepath.Join(dir, "data", "ied_history.csv")
	orig, err := os.ReadFile(csv)
	if err != nil {
		b.Skip("DatACI has no data/ied_history.csv:", err)
	}
	alt := []byte(strings.ReplaceAll(string(orig), "\n", "\r\n"))
	bl := NewBuilder(osfile.Dir(dir))
	if res := bl.Build(); !res.OK() {
		b.Fatalf("the DatACI copy does not build:\n%s", res.Diagnostics.Format("en"))
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		v := orig
		if i%2 == 0 {
			v = alt
		}
		i++
		if err := os.WriteFile(csv, v, 0o644); err != nil {
			b.Fatal(err)
		}
		if res := bl.Build(); !res.OK() {
			b.Fatalf("the edited copy does not build:\n%s", res.Diagnostics.Format("en"))
		}
	}
}

// Stage benchmarks, on DatACI and on a synthetic site of 100 boards
// (BENCH_STAGE_BOARDS=1000 for the big one; 0 for DatACI only): the stages
// of Build (see build.go) timed one by one.

type benchStageSite struct {
	name   string
	fsys   fs.FS
	boards int
}

func benchStageSites(b *testing.B) []benchStageSite {
	sites := []benchStageSite{{"DatACI", osfile.Dir(benchRepo), 0}}
	n := 100
	if v := os.Getenv("BENCH_STAGE_BOARDS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("BENCH_STAGE_BOARDS=%q: %v", v, err)
		}
	}
	if n > 0 && !testing.Short() {
		dir := benchSite(b, synth.Options{Boards: n})
		sites = append(sites, benchStageSite{fmt.Sprintf("boards=%d", n), osfile.Dir(dir), n})
	}
	return sites
}

// BenchmarkStageLoadDir reads and checks every dataset.
func BenchmarkStageLoadDir(b *testing.B) {
	for _, s := range benchStageSites(b) {
		b.Run(s.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, l := dataset.LoadDir(s.fsys, "data"); len(l) > 0 {
					b.Fatal(l.Format("en"))
				}
			}
		})
	}
}

// BenchmarkStageParse parses every page (front matter, Markdown, blocks),
// one after the other, so ns/op is CPU time; Build spreads it over cores.
func BenchmarkStageParse(b *testing.B) {
	for _, s := range benchStageSites(b) {
		b.Run(s.name, func(b *testing.B) {
			type page struct {
				file string
				src  []byte
			}
			var pages []page
			err := fs.WalkDir(s.fsys, "content", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
					return err
				}
				src, err := fs.ReadFile(s.fsys, p)
				pages = append(pages, page{p, src})
				return err
			})
			if err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			for b.Loop() {
				for _, p := range pages {
					if _, l := content.Parse(p.file, p.src, "es"); len(l) > 0 {
						b.Fatal(l.Format("en"))
					}
				}
			}
			b.ReportMetric(float64(len(pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkStageTheme parses the templates and hashes the assets.
func BenchmarkStageTheme(b *testing.B) {
	fsys := osfile.Dir(benchRepo)
	b.ReportAllocs()
	for b.Loop() {
		if _, l := render.LoadTheme(fsys, "default"); len(l) > 0 {
			b.Fatal(l.Format("en"))
		}
	}
}

// BenchmarkStageRender builds the blocks of every page and renders it in
// every language, in parallel as Build does, from datasets and pages
// already read: the site model (menus, search index) and the page jobs.
func BenchmarkStageRender(b *testing.B) {
	for _, s := range benchStageSites(b) {
		b.Run(s.name, func(b *testing.B) {
			cfg, l := site.Load(s.fsys)
			theme, l2 := render.LoadTheme(s.fsys, cfg.Theme)
			bl := NewBuilder(s.fsys)
			pages, l4 := bl.readPages(cfg.Languages[0])
			ts, tables, l3 := bl.loadData(pages)
			bl.readAllCells() // as the first page drawing each dataset would
			if l = append(append(append(append(l, l2...), l3...), l4...), bl.dataDiags()...); len(l) > 0 {
				b.Fatal(l.Format("en"))
			}
			b.ReportAllocs()
			n := 0
			for b.Loop() {
				sm := newSiteModel(cfg, pages, tables, theme, s.fsys, nil, nil)
				jobs := sm.jobs()
				n = len(jobs)
				failed := make([]string, len(jobs))
				par.Each(len(jobs), func(i int) {
					if _, _, l := sm.renderPage(jobs[i], ts, nil); len(l) > 0 {
						failed[i] = l.Format("en")
					}
				})
				if msg := strings.Join(failed, ""); msg != "" {
					b.Fatal(msg)
				}
			}
			b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}

// BenchmarkStageWrite publishes the output of a build into a folder.
func BenchmarkStageWrite(b *testing.B) {
	for _, s := range benchStageSites(b) {
		b.Run(s.name, func(b *testing.B) {
			res := Build(s.fsys)
			if !res.OK() {
				b.Fatal(res.Diagnostics.Format("en"))
			}
			out := filepath.Join(b.TempDir(), "public")
			b.ReportAllocs()
			for b.Loop() {
				if err := Write(out, res.Files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkRebuild1000OneCSV edits one dataset of the 1,000-board site and
// rebuilds with the preview's Builder: only that board is redone. Compare
// with BenchmarkBuild1000 (budget: at most 10 % of a full build).
func BenchmarkRebuild1000OneCSV(b *testing.B) {
	dir := benchSite(b, synth.Options{Boards: 1000})
	csvs, _ := filepath.Glob(filepath.Join(dir, "data", "*.csv"))
	if len(csvs) == 0 {
		b.Fatal("no dataset")
	}
	csv := csvs[len(csvs)/2]
	orig, err := os.ReadFile(csv)
	if err != nil {
		b.Fatal(err)
	}
	alt := []byte(strings.ReplaceAll(string(orig), "\n", "\r\n"))
	bl := NewBuilder(osfile.Dir(dir))
	if res := bl.Build(); !res.OK() {
		b.Fatal(res.Diagnostics.Format("en"))
	}
	b.ReportAllocs()
	i, rendered := 0, 0
	for b.Loop() {
		v := orig
		if i%2 == 0 {
			v = alt
		}
		i++
		os.WriteFile(csv, v, 0o644)
		res := bl.Build()
		if !res.OK() {
			b.Fatal(res.Diagnostics.Format("en"))
		}
		rendered = res.Rendered
	}
	b.ReportMetric(float64(rendered), "pages-rendered")
}
