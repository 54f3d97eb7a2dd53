// Command measure is the helper of bench/run.sh: it times processes, weighs
// pages, reads benchmark and Lighthouse output, and writes the results
// table. Every subcommand that measures appends "key value" lines to a
// metrics file; report turns that file into bench/results.md.
//
//	measure run   -metrics F -key K [-n 5] [-ref] -- CMD ARGS…   median wall, user+sys CPU and peak RSS of CMD
//	                (-ref: the reference work, timed before each run; see reference)
//	measure ratio -metrics F -key K [-rounds 3] [-n 5] -- SMALL ARGS… :: LARGE ARGS…   LARGE's time over SMALL's, timed in alternation
//	measure scan  -source DIR -csv data/big.csv           stream a CSV with dataset.Scan, sum by category
//	measure bytes -metrics F -key K -public DIR -page P [-then P2]
//	measure gobench    -metrics F -in go-test-output.txt
//	measure lighthouse -metrics F -key K -in report.json [-in report2.json …]   median of the reports
//	measure report -metrics F [-gobench go-test-output.txt] [-lighthouse bench/lighthouse.txt] -out bench/results.md
//
// Sizes are in decimal units: 1 KB = 1,000 bytes, 1 MB = 1,000,000 bytes.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure run|scan|toxlsx|bytes|gobench|lighthouse|report [flags]")
		os.Exit(2)
	}
	// A command declares its flags on fs and returns what it does; every
	// command has -metrics and -key (see metricsOut).
	cmds := map[string]func(fs *flag.FlagSet, o metricsOut) func() error{
		"run": cmdRun, "ratio": cmdRatio, "scan": cmdScan, "toxlsx": cmdToXLSX, "bytes": cmdBytes, "gobench": cmdGobench,
		"lighthouse": cmdLighthouse, "report": cmdReport,
	}
	fn, ok := cmds[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "measure: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	fs := flag.NewFlagSet(os.Args[1], flag.ExitOnError)
	run := fn(fs, metricsOut{fs.String("metrics", "", "metrics file (key value lines)"), fs.String("key", "", "metric key prefix")})
	fs.Parse(os.Args[2:])
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "measure "+os.Args[1]+":", err)
		os.Exit(1)
	}
}

// metrics is the file of "key value" lines; a later line wins.
type metrics map[string]float64

// metricsOut is where a command's figures go: the metrics file (none:
// printed only), each key after the prefix key and a dot.
type metricsOut struct{ file, key *string }

func (o metricsOut) write(kv [][2]any) error {
	if *o.file == "" {
		return nil
	}
	f, err := os.OpenFile(*o.file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	for _, p := range kv {
		k := fmt.Sprint(p[0])
		if *o.key != "" {
			k = *o.key + "." + k
		}
		fmt.Fprintf(f, "%s %v\n", k, p[1])
	}
	return f.Close()
}

func readMetrics(file string) (metrics, error) {
	m := metrics{}
	b, err := os.ReadFile(file)
	if err != nil {
		return m, err
	}
	for _, ln := range strings.Split(string(b), "\n") {
		k, v, ok := strings.Cut(strings.TrimSpace(ln), " ")
		if !ok || strings.HasPrefix(k, "#") {
			continue
		}
		if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
			m[k] = f
		}
	}
	return m, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s) == 0 {
		return math.NaN()
	}
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func loadavg() float64 {
	b, _ := os.ReadFile("/proc/loadavg")
	f, _ := strconv.ParseFloat(strings.Fields(string(b) + " 0")[0], 64)
	return f
}

// cmdRun runs a command n times and records the median wall time, CPU
// time (user+sys) and peak resident memory, read from the child's rusage.
func cmdRun(fs *flag.FlagSet, o metricsOut) func() error {
	n := fs.Int("n", 5, "runs")
	ref := fs.Bool("ref", false, "time the reference work before each run")
	return func() error {
		argv := fs.Args()
		if len(argv) == 0 || *o.key == "" {
			return fmt.Errorf("usage: run -metrics F -key K [-n 5] [-ref] -- CMD ARGS")
		}
		var walls, cpus, rsss, refs []float64
		load := loadavg()
		for range *n {
			if *ref {
				refs = append(refs, reference())
			}
			r, err := runOnce(argv)
			if err != nil {
				return err
			}
			walls, cpus, rsss = append(walls, r.wall), append(cpus, r.cpu), append(rsss, r.rss)
		}
		w, c, r := median(walls), median(cpus), median(rsss)
		fmt.Printf("%-14s wall %8.1f ms (min %.1f, max %.1f)  cpu %8.1f ms  rss %6.1f MB  [%d runs, load %.2f]\n",
			*o.key, w, slices.Min(walls), slices.Max(walls), c, r, *n, load)
		kv := [][2]any{
			{"wall_ms", w}, {"wall_min_ms", slices.Min(walls)}, {"first_ms", walls[0]}, {"cpu_ms", c},
			{"rss_mb", r}, {"runs", *n}, {"load", load},
		}
		if len(refs) > 0 {
			fmt.Printf("%-14s reference work %.1f ms (min %.1f, max %.1f)\n", *o.key, median(refs), slices.Min(refs), slices.Max(refs))
			kv = append(kv, [2]any{"ref_ms", median(refs)}, [2]any{"ref_min_ms", slices.Min(refs)}, [2]any{"ref_max_ms", slices.Max(refs)})
		}
		return o.write(kv)
	}
}

// usage is one run of a command: wall and CPU (user+sys) time in ms, peak
// resident memory in MB.
type usage struct{ wall, cpu, rss float64 }

// runOnce runs argv and reads its usage from the child's rusage.
func runOnce(argv []string) (usage, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return usage{}, fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out.String())
	}
	ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	if !ok {
		return usage{}, fmt.Errorf("no rusage on %s", runtime.GOOS)
	}
	rss := float64(ru.Maxrss) * 1024 // KiB on Linux
	if runtime.GOOS == "darwin" {
		rss = float64(ru.Maxrss) // bytes on macOS
	}
	cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	return usage{float64(wall.Microseconds()) / 1000, float64(cpu.Microseconds()) / 1000, rss / 1e6}, nil
}

// cmdRatio times a small and a large command in alternation: n runs of
// the small one, then the large one, then n of the small one again, and so
// on, ending with the small one. Each large run is divided by the median of
// the small runs on both sides of it. On a shared machine, whose speed can
// change by a third from one minute to the next, a ratio of builds timed
// minutes apart measures the minutes as much as the builds; small runs
// taken only before the large one still read a change of speed during it
// as a change in the ratio. The median of the rounds' ratios measures the
// builds.
func cmdRatio(fs *flag.FlagSet, o metricsOut) func() error {
	rounds := fs.Int("rounds", 3, "rounds")
	n := fs.Int("n", 5, "runs of the small command on each side of a large one")
	return func() error {
		argv := fs.Args()
		i := slices.Index(argv, "::")
		if i <= 0 || i == len(argv)-1 || *o.key == "" {
			return fmt.Errorf("usage: ratio -metrics F -key K [-rounds 3] [-n 5] -- SMALL ARGS :: LARGE ARGS")
		}
		small, large := argv[:i], argv[i+1:]
		load := loadavg()
		smalls := func() (w, c []float64, err error) {
			for range *n {
				r, err := runOnce(small)
				if err != nil {
					return nil, nil, err
				}
				w, c = append(w, r.wall), append(c, r.cpu)
			}
			return w, c, nil
		}
		var walls, cpus, smallWalls []float64
		w, c, err := smalls()
		if err != nil {
			return err
		}
		smallWalls = append(smallWalls, w...)
		for range *rounds {
			r, err := runOnce(large)
			if err != nil {
				return err
			}
			w2, c2, err := smalls()
			if err != nil {
				return err
			}
			walls = append(walls, r.wall/median(slices.Concat(w, w2)))
			cpus = append(cpus, r.cpu/median(slices.Concat(c, c2)))
			smallWalls = append(smallWalls, w2...)
			w, c = w2, c2
		}
		wr, cr := median(walls), median(cpus)
		fmt.Printf("%-14s wall %.2f× (rounds %s)  cpu %.2f×  small build %.1f ms (median of %d)  [load %.2f]\n",
			*o.key, wr, ratios(walls), cr, median(smallWalls), len(smallWalls), load)
		return o.write([][2]any{
			{"wall", wr}, {"wall_min", slices.Min(walls)}, {"wall_max", slices.Max(walls)}, {"cpu", cr},
			{"small_wall_ms", median(smallWalls)}, {"small_runs", len(smallWalls)}, {"rounds", *rounds}, {"load", load},
		})
	}
}

// ratios lists rs as "9.7×, 10.1×, …".
func ratios(rs []float64) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = fmt.Sprintf("%.2f×", r)
	}
	return strings.Join(s, ", ")
}

// cmdScan reads a CSV of a site row by row with dataset.Scan (every cell
// checked against the schema) and sums the "value" column by "category".
func cmdScan(fs *flag.FlagSet, _ metricsOut) func() error {
	source := fs.String("source", ".", "site folder")
	csv := fs.String("csv", "data/big.csv", "CSV path inside the site")
	by := fs.String("by", "category", "column to group by")
	val := fs.String("value", "value", "column to sum")
	return func() error {
		start := time.Now()
		fsys := osfile.Dir(*source)
		schema, l := dataset.ReadSchema(fsys, *csv)
		if len(l) > 0 {
			return fmt.Errorf("%s", l.Format("en"))
		}
		bi, vi := schema.ColumnIndex(*by), schema.ColumnIndex(*val)
		if bi < 0 || vi < 0 {
			return fmt.Errorf("%s has no column %q or %q", *csv, *by, *val)
		}
		sums := map[string]float64{}
		rows := 0
		l = dataset.Scan(fsys, *csv, schema, func(r *dataset.Row) error {
			rows++
			if !r.IsNull(vi) {
				sums[r.Str(bi)] += r.Num(vi)
			}
			return nil
		})
		if len(l) > 0 {
			return fmt.Errorf("%s", l.Format("en"))
		}
		fmt.Printf("%d rows, %d groups in %v\n", rows, len(sums), time.Since(start).Round(time.Millisecond))
		return nil
	}
}

// resource is one file a page makes the browser download.
type resource struct {
	path string // inside the public folder
	gz   int
	js   bool
}

var gzipPath, _ = exec.LookPath("gzip")

var (
	tagRe  = regexp.MustCompile(`(?is)<(script|link|img|source|iframe|video|audio|body)\b[^>]*>`)
	attrRe = regexp.MustCompile(`(?is)\b(src|href|rel|data-echarts|data-world|data-scripts)\s*=\s*("([^"]*)"|'([^']*)')`)
)

// loads lists what the browser fetches for the page at p (a path inside
// public): the page and every local script, stylesheet, icon, image or
// preload it references. Links to other pages and downloads are not
// fetched; scripts and styles are counted whatever their attributes
// (defer, async, media) because they are downloaded on the first view.
func loads(public, p string) ([]resource, error) {
	page, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(p)))
	if err != nil {
		return nil, err
	}
	res := []resource{{path: p, gz: gz(page)}}
	seen := map[string]bool{p: true}
	for _, tag := range tagRe.FindAllSubmatch(page, -1) {
		name := strings.ToLower(string(tag[1]))
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllSubmatch(tag[0], -1) {
			attrs[strings.ToLower(string(a[1]))] = html.UnescapeString(string(a[3]) + string(a[4]))
		}
		// The theme's loader names the page's scripts in data-scripts and
		// fetches them once the first screen is painted: part of the first view.
		urls := append([]string{attrs["src"]}, strings.Fields(attrs["data-scripts"])...)
		if name == "body" {
			// The theme loads the chart library (and the world map) after
			// the first paint, from these attributes: part of the first view.
			urls = []string{attrs["data-echarts"], attrs["data-world"]}
		}
		if name == "link" {
			rel := " " + strings.ToLower(attrs["rel"]) + " "
			fetched := false
			for _, r := range []string{"stylesheet", "icon", "preload", "modulepreload", "manifest"} {
				if strings.Contains(rel, " "+r+" ") {
					fetched = true
				}
			}
			if !fetched {
				continue
			}
			urls = []string{attrs["href"]}
		}
		for _, u := range urls {
			if u == "" || strings.Contains(u, "://") || strings.HasPrefix(u, "//") || strings.HasPrefix(u, "data:") {
				continue
			}
			u, _, _ = strings.Cut(u, "#")
			u, _, _ = strings.Cut(u, "?")
			target := path.Clean(path.Join(path.Dir(p), u))
			if strings.HasPrefix(u, "/") {
				target = strings.TrimPrefix(path.Clean(u), "/")
			}
			if seen[target] {
				continue
			}
			seen[target] = true
			b, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(target)))
			if err != nil {
				return nil, fmt.Errorf("%s references %s: %v", p, u, err)
			}
			ext := path.Ext(target)
			res = append(res, resource{path: target, gz: gz(b), js: ext == ".js" || ext == ".mjs"})
		}
	}
	return res, nil
}

// gz is the size of b compressed with gzip -9: GNU gzip when installed (the
// figure the vendoring README quotes), else compress/gzip, whose output is
// about 0.5 % larger.
func gz(b []byte) int {
	if gzipPath != "" {
		cmd := exec.Command(gzipPath, "-9", "-n", "-c")
		cmd.Stdin = bytes.NewReader(b)
		if out, err := cmd.Output(); err == nil {
			return len(out)
		}
	}
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func sums(rs []resource) (js, other int) {
	for _, r := range rs {
		if r.js {
			js += r.gz
		} else {
			other += r.gz
		}
	}
	return
}

// cmdBytes weighs the first view of a page (the page and what it loads,
// gzip -9) and, with -then, what a second page adds once the first one's
// files are cached.
func cmdBytes(fs *flag.FlagSet, o metricsOut) func() error {
	public := fs.String("public", "public", "built site")
	page := fs.String("page", "", "first page, e.g. sectores/comercio.html")
	then := fs.String("then", "", "second page, viewed with the first one's files in the cache")
	return func() error {
		if *o.key == "" || *page == "" {
			return fmt.Errorf("usage: bytes -metrics F -key K -public DIR -page P [-then P2]")
		}
		first, err := loads(*public, *page)
		if err != nil {
			return err
		}
		js, other := sums(first)
		hasMap := 0
		fmt.Printf("%s: first view of %s\n", *o.key, *page)
		for _, r := range first {
			kind := "other"
			if r.js {
				kind = "js"
			}
			if strings.Contains(path.Base(r.path), "world") {
				hasMap = 1
			}
			fmt.Printf("  %-5s %9d B gz  %s\n", kind, r.gz, r.path)
		}
		fmt.Printf("  total: js %d B, other %d B (gzip -9)\n", js, other)
		kv := [][2]any{{"js_gz", js}, {"other_gz", other}, {"map", hasMap}}
		if *then != "" {
			second, err := loads(*public, *then)
			if err != nil {
				return err
			}
			cached := map[string]bool{}
			for _, r := range first {
				cached[r.path] = true
			}
			var extra []resource
			for _, r := range second {
				if !cached[r.path] {
					extra = append(extra, r)
				}
			}
			js2, other2 := sums(extra)
			fmt.Printf("  then %s adds:\n", *then)
			for _, r := range extra {
				fmt.Printf("        %9d B gz  %s\n", r.gz, r.path)
			}
			fmt.Printf("  total: js %d B, other %d B\n", js2, other2)
			kv = append(kv, [2]any{"then_js_gz", js2}, [2]any{"then_other_gz", other2})
		}
		return o.write(kv)
	}
}

// cmdToXLSX writes a dataset's CSV as a one-sheet workbook with the same
// schema beside it, numbers stored as numbers, for the workbook benchmark.
func cmdToXLSX(fs *flag.FlagSet, _ metricsOut) func() error {
	source := fs.String("source", ".", "site folder")
	csvPath := fs.String("csv", "data/big.csv", "CSV path inside the site")
	out := fs.String("out", "data/bigx.xlsx", "workbook path inside the site")
	return func() error {
		in, err := os.Open(filepath.Join(*source, *csvPath))
		if err != nil {
			return err
		}
		defer in.Close()
		schema, err := os.ReadFile(filepath.Join(*source, dataset.SchemaPath(*csvPath)))
		if err != nil {
			return err
		}
		f := excelize.NewFile()
		defer f.Close()
		sw, err := f.NewStreamWriter("Sheet1")
		if err != nil {
			return err
		}
		r := csv.NewReader(bufio.NewReaderSize(in, 1<<20))
		r.ReuseRecord = true
		for row := 1; ; row++ {
			rec, err := r.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
			cells := make([]any, len(rec))
			for i, v := range rec {
				if n, err := strconv.ParseFloat(v, 64); err == nil && row > 1 {
					cells[i] = n
				} else {
					cells[i] = v
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, row)
			if err := sw.SetRow(cell, cells); err != nil {
				return err
			}
		}
		if err := sw.Flush(); err != nil {
			return err
		}
		if err := f.SaveAs(filepath.Join(*source, *out)); err != nil {
			return err
		}
		// The schema's separators describe the CSV; a workbook has none.
		schema = regexp.MustCompile(`(?m)^(delimiter|decimal|thousands) = .*$`).ReplaceAll(schema, nil)
		return os.WriteFile(filepath.Join(*source, dataset.SchemaPath(*out)), schema, 0o644)
	}
}
