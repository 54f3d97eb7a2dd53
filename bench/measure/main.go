// Command measure is the helper of bench/run.sh: it times processes, weighs
// pages, reads benchmark and Lighthouse output, and writes the results
// table. Every subcommand that measures appends "key value" lines to a
// metrics file; report turns that file into bench/results.md.
//
//	measure run   -metrics F -key K [-n 5] -- CMD ARGS…   median wall, user+sys CPU and peak RSS of CMD
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
	"encoding/json"
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
	"github.com/xuri/excelize/v2"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: measure run|scan|toxlsx|bytes|gobench|lighthouse|report [flags]")
		os.Exit(2)
	}
	cmds := map[string]func([]string) error{
		"run": cmdRun, "scan": cmdScan, "toxlsx": cmdToXLSX, "bytes": cmdBytes, "gobench": cmdGobench,
		"lighthouse": cmdLighthouse, "report": cmdReport,
	}
	fn, ok := cmds[os.Args[1]]
	if !ok {
		fmt.Fprintf(os.Stderr, "measure: unknown command %q\n", os.Args[1])
		os.Exit(2)
	}
	if err := fn(os.Args[2:]); err != nil {
		fmt.Fprintln(os.Stderr, "measure "+os.Args[1]+":", err)
		os.Exit(1)
	}
}

// metrics is the file of "key value" lines; a later line wins.
type metrics map[string]float64

func appendMetrics(file string, kv [][2]any) error {
	f, err := os.OpenFile(file, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	for _, p := range kv {
		fmt.Fprintf(f, "%s %v\n", p[0], p[1])
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
func cmdRun(args []string) error {
	fs := flag.NewFlagSet("run", flag.ExitOnError)
	file := fs.String("metrics", "", "metrics file to append to")
	key := fs.String("key", "", "metric key prefix")
	n := fs.Int("n", 5, "runs")
	fs.Parse(args)
	argv := fs.Args()
	if len(argv) == 0 || *key == "" {
		return fmt.Errorf("usage: run -metrics F -key K [-n 5] -- CMD ARGS")
	}
	var walls, cpus, rsss []float64
	load := loadavg()
	for range *n {
		cmd := exec.Command(argv[0], argv[1:]...)
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		start := time.Now()
		err := cmd.Run()
		wall := time.Since(start)
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", strings.Join(argv, " "), err, out.String())
		}
		ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
		if !ok {
			return fmt.Errorf("no rusage on %s", runtime.GOOS)
		}
		rss := float64(ru.Maxrss) * 1024 // KiB on Linux
		if runtime.GOOS == "darwin" {
			rss = float64(ru.Maxrss) // bytes on macOS
		}
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
		walls = append(walls, float64(wall.Microseconds())/1000)
		cpus = append(cpus, float64(cpu.Microseconds())/1000)
		rsss = append(rsss, rss/1e6)
	}
	w, c, r := median(walls), median(cpus), median(rsss)
	fmt.Printf("%-14s wall %8.1f ms (min %.1f, max %.1f)  cpu %8.1f ms  rss %6.1f MB  [%d runs, load %.2f]\n",
		*key, w, slices.Min(walls), slices.Max(walls), c, r, *n, load)
	if *file == "" {
		return nil
	}
	return appendMetrics(*file, [][2]any{
		{*key + ".wall_ms", w}, {*key + ".wall_min_ms", slices.Min(walls)}, {*key + ".first_ms", walls[0]}, {*key + ".cpu_ms", c},
		{*key + ".rss_mb", r}, {*key + ".runs", *n}, {*key + ".load", load},
	})
}

// cmdScan reads a CSV of a site row by row with dataset.Scan (every cell
// checked against the schema) and sums the "value" column by "category".
func cmdScan(args []string) error {
	fs := flag.NewFlagSet("scan", flag.ExitOnError)
	source := fs.String("source", ".", "site folder")
	csv := fs.String("csv", "data/big.csv", "CSV path inside the site")
	by := fs.String("by", "category", "column to group by")
	val := fs.String("value", "value", "column to sum")
	fs.Parse(args)
	start := time.Now()
	fsys := os.DirFS(*source)
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

// resource is one file a page makes the browser download.
type resource struct {
	path string // inside the public folder
	gz   int
	js   bool
}

var gzipPath, _ = exec.LookPath("gzip")

var (
	tagRe  = regexp.MustCompile(`(?is)<(script|link|img|source|iframe|video|audio|body)\b[^>]*>`)
	attrRe = regexp.MustCompile(`(?is)\b(src|href|rel|data-echarts|data-world)\s*=\s*("([^"]*)"|'([^']*)')`)
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
		urls := []string{attrs["src"]}
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
func cmdBytes(args []string) error {
	fs := flag.NewFlagSet("bytes", flag.ExitOnError)
	file := fs.String("metrics", "", "metrics file to append to")
	key := fs.String("key", "", "metric key prefix")
	public := fs.String("public", "public", "built site")
	page := fs.String("page", "", "first page, e.g. sectores/comercio.html")
	then := fs.String("then", "", "second page, viewed with the first one's files in the cache")
	fs.Parse(args)
	if *key == "" || *page == "" {
		return fmt.Errorf("usage: bytes -metrics F -key K -public DIR -page P [-then P2]")
	}
	first, err := loads(*public, *page)
	if err != nil {
		return err
	}
	js, other := sums(first)
	hasMap := 0
	fmt.Printf("%s: first view of %s\n", *key, *page)
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
	kv := [][2]any{{*key + ".js_gz", js}, {*key + ".other_gz", other}, {*key + ".map", hasMap}}
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
		kv = append(kv, [2]any{*key + ".then_js_gz", js2}, [2]any{*key + ".then_other_gz", other2})
	}
	if *file == "" {
		return nil
	}
	return appendMetrics(*file, kv)
}

// benchLine is one line of `go test -bench` output.
type benchLine struct {
	name  string
	iters int
	vals  [][2]string // value, unit in output order
}

var benchRe = regexp.MustCompile(`^(Benchmark\S+?)(-\d+)?\s+(\d+)\s+(.*)$`)

func parseBench(file string) ([]benchLine, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, err
	}
	var out []benchLine
	pkg := ""
	for _, ln := range strings.Split(string(b), "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(ln), "pkg: "); ok {
			pkg = path.Base(p) + "."
		}
		m := benchRe.FindStringSubmatch(strings.TrimSpace(ln))
		if m == nil {
			continue
		}
		bl := benchLine{name: pkg + strings.TrimPrefix(m[1], "Benchmark")}
		bl.iters, _ = strconv.Atoi(m[3])
		f := strings.Fields(m[4])
		for i := 0; i+1 < len(f); i += 2 {
			bl.vals = append(bl.vals, [2]string{f[i], f[i+1]})
		}
		out = append(out, bl)
	}
	return out, nil
}

// cmdGobench copies the figures of `go test -bench` output into the
// metrics as go.NAME.UNIT.
func cmdGobench(args []string) error {
	fs := flag.NewFlagSet("gobench", flag.ExitOnError)
	file := fs.String("metrics", "", "metrics file to append to")
	in := fs.String("in", "", "go test -bench output")
	fs.Parse(args)
	lines, err := parseBench(*in)
	if err != nil {
		return err
	}
	var kv [][2]any
	for _, l := range lines {
		for _, v := range l.vals {
			kv = append(kv, [2]any{"go." + l.name + "." + v[1], v[0]})
		}
	}
	return appendMetrics(*file, kv)
}

// lhAudits are the Lighthouse timings kept besides the performance score.
var lhAudits = []string{"first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"}

// cmdLighthouse copies the performance score and the main timings of one or
// more Lighthouse JSON reports of the same page into the metrics: with
// several (-in a.json -in b.json …), the median of each figure on its own.
// A report that failed (runtimeError, no score) is named and left out.
func cmdLighthouse(args []string) error {
	fs := flag.NewFlagSet("lighthouse", flag.ExitOnError)
	file := fs.String("metrics", "", "metrics file to append to")
	key := fs.String("key", "", "metric key prefix")
	var ins []string
	fs.Func("in", "lighthouse --output=json report (repeatable)", func(s string) error { ins = append(ins, s); return nil })
	fs.Parse(args)
	vals := map[string][]float64{}
	var errs []string
	for _, in := range ins {
		score, audits, err := readLighthouse(in)
		if err != nil {
			errs = append(errs, err.Error())
			continue
		}
		vals["score"] = append(vals["score"], score)
		for k, v := range audits {
			vals[k] = append(vals[k], v)
		}
	}
	for _, e := range errs {
		fmt.Fprintln(os.Stderr, "lighthouse:", e)
	}
	if len(vals["score"]) == 0 {
		return fmt.Errorf("%s: no usable Lighthouse report of %d", *key, len(ins))
	}
	kv := [][2]any{{*key + ".score", median(vals["score"])}, {*key + ".runs", len(vals["score"])}}
	for _, a := range lhAudits {
		if v, ok := vals[a]; ok {
			kv = append(kv, [2]any{*key + "." + a, median(v)})
		}
	}
	fmt.Printf("%s: performance %v (median %.0f of %d), TBT %v, LCP %v\n", *key, vals["score"], median(vals["score"]),
		len(vals["score"]), vals["total-blocking-time"], vals["largest-contentful-paint"])
	return appendMetrics(*file, kv)
}

// readLighthouse returns the performance score (0–100) and the timings of
// one Lighthouse JSON report.
func readLighthouse(in string) (float64, map[string]float64, error) {
	b, err := os.ReadFile(in)
	if err != nil {
		return 0, nil, err
	}
	var rep struct {
		Categories map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		Audits map[string]struct {
			NumericValue *float64 `json:"numericValue"`
		} `json:"audits"`
		RuntimeError *struct{ Code, Message string } `json:"runtimeError"`
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		return 0, nil, fmt.Errorf("%s: %w", in, err)
	}
	if rep.RuntimeError != nil && rep.RuntimeError.Code != "" {
		return 0, nil, fmt.Errorf("%s: %s: %s", in, rep.RuntimeError.Code, rep.RuntimeError.Message)
	}
	perf := rep.Categories["performance"].Score
	if perf == nil {
		return 0, nil, fmt.Errorf("%s: no performance score", in)
	}
	audits := map[string]float64{}
	for _, a := range lhAudits {
		if v := rep.Audits[a].NumericValue; v != nil {
			audits[a] = *v
		}
	}
	return math.Round(*perf * 100), audits, nil
}

// row is a line of the results table.
type row struct{ measure, value, budget, status string }

// cmdReport writes the results table.
func cmdReport(args []string) error {
	fs := flag.NewFlagSet("report", flag.ExitOnError)
	file := fs.String("metrics", "", "metrics file")
	gobench := fs.String("gobench", "", "go test -bench output to include")
	lhFile := fs.String("lighthouse", "", "metrics file of the last Lighthouse run")
	out := fs.String("out", "bench/results.md", "where to write the table")
	fs.Parse(args)
	m, err := readMetrics(*file)
	if err != nil {
		return err
	}
	lh := metrics{}
	if *lhFile != "" {
		lh, _ = readMetrics(*lhFile)
	}
	var rows []row
	has := func(k string) bool { _, ok := m[k]; return ok }
	ms := func(v float64) string {
		if v >= 1000 {
			return fmt.Sprintf("%.2f s", v/1000)
		}
		return fmt.Sprintf("%.0f ms", v)
	}
	pass := func(ok bool) string {
		if ok {
			return "pass"
		}
		return "**FAIL**"
	}
	add := func(measure, value, budget, status string) { rows = append(rows, row{measure, value, budget, status}) }
	missing := func(measure, budget, why string) { add(measure, "not measured: "+why, budget, "n/a") }

	// Whole builds, as processes.
	proc := func(key, name string, wallBudget, rssBudget float64) {
		if !has(key + ".wall_ms") {
			missing(name+" build, wall", budgetMS(wallBudget), "the build failed or was skipped")
			return
		}
		w, c, r := m[key+".wall_ms"], m[key+".cpu_ms"], m[key+".rss_mb"]
		label := fmt.Sprintf("%s build, wall (median of %.0f)", name, m[key+".runs"])
		if wallBudget > 0 {
			add(label, ms(w), budgetMS(wallBudget), pass(w <= wallBudget))
		} else {
			add(label, ms(w), "—", "info")
		}
		// The first run writes every file into an empty folder; the others
		// find the previous output and link the files that did not change.
		// Creating thousands of files depends on the disk more than on
		// Tablero (bench/README.md, "Writing"), so it is shown, not judged.
		if f, ok := m[key+".first_ms"]; ok && wallBudget > 0 {
			add(name+" build, wall of the first run (every file new; disk-dependent)", ms(f), "—", "info")
		}
		add(name+" build, user+sys CPU", ms(c), "—", "info")
		if rssBudget > 0 {
			add(name+" build, peak RSS", fmt.Sprintf("%.0f MB", r), fmt.Sprintf("≤ %.0f MB", rssBudget), pass(r <= rssBudget))
		} else {
			add(name+" build, peak RSS", fmt.Sprintf("%.0f MB", r), "—", "info")
		}
	}
	proc("dataci", "DatACI", 100, 100)
	for _, n := range []int{10, 100, 1000} {
		key := fmt.Sprintf("b%d", n)
		wb, rb := 0.0, 0.0
		if n == 1000 {
			wb, rb = 1200, 250
		}
		proc(key, fmt.Sprintf("%d boards", n), wb, rb)
		if has(key + ".wall_ms") {
			add(fmt.Sprintf("%d boards, per board (÷ %d)", n, n), fmt.Sprintf("%.2f ms wall, %.2f ms CPU", m[key+".wall_ms"]/float64(n), m[key+".cpu_ms"]/float64(n)), "—", "info")
		}
	}
	if has("b10.wall_ms") && has("b100.wall_ms") && has("b1000.wall_ms") {
		// The verdict uses CPU time (user+sys), which other work on the
		// machine disturbs far less than wall time.
		slope := func(unit string) (float64, float64) {
			return (m["b100."+unit] - m["b10."+unit]) / 90, (m["b1000."+unit] - m["b100."+unit]) / 900
		}
		w1, w2 := slope("wall_ms")
		c1, c2 := slope("cpu_ms")
		add("marginal cost per board, 10→100 boards", fmt.Sprintf("%.2f ms wall, %.2f ms CPU", w1, c1), "—", "info")
		add("marginal cost per board, 100→1,000 boards", fmt.Sprintf("%.2f ms wall (%.1f×), %.2f ms CPU (%.1f×)", w2, w2/w1, c2, c2/c1),
			"linear: CPU slope ≤ 1.5× the 10→100 one", pass(c2 <= 1.5*c1))
		if has("b10.out_mb") && has("b1000.out_mb") {
			add("output size: 10 / 100 / 1,000 boards", fmt.Sprintf("%.1f / %.1f / %.1f MB (%.0f / %.0f / %.0f KB per board)",
				m["b10.out_mb"], m["b100.out_mb"], m["b1000.out_mb"], m["b10.out_mb"]*100, m["b100.out_mb"]*10, m["b1000.out_mb"]),
				"—", "info")
		}
	} else {
		missing("time linear in boards", "≤ 1.5× slope", "a synthetic build is missing")
	}
	if has("big1m.wall_ms") {
		add("1M-row CSV (36 MB) read+validated+aggregated: `tablero build`, wall", ms(m["big1m.wall_ms"]), "≤ 1.5 s", pass(m["big1m.wall_ms"] <= 1500))
		add("1M-row build, user+sys CPU", ms(m["big1m.cpu_ms"]), "—", "info")
	} else {
		missing("1M-row build, wall", "≤ 1.5 s", "the build failed")
	}
	if has("big100k.rss_mb") && has("big1m.rss_mb") {
		a, b := m["big100k.rss_mb"], m["big1m.rss_mb"]
		add("peak RSS of that build: 100k rows → 1M rows", fmt.Sprintf("%.0f MB → %.0f MB (×%.1f)", a, b, b/a),
			"not growing with rows (≤ 1.25×)", pass(b <= 1.25*a))
	}
	if has("scan1m.wall_ms") {
		add("same CSV streamed by dataset.Scan + sum (bench/measure scan), wall", ms(m["scan1m.wall_ms"]), "≤ 1.5 s (reference)", pass(m["scan1m.wall_ms"] <= 1500))
	}
	// The same rows as an .xlsx sheet (make bench writes it with
	// excelize's stream writer: inline strings, one <c> per value).
	for _, n := range []string{"1m", "100k"} {
		x, c := "xlsx"+n, "scan"+n
		if !has(x+".wall_ms") || !has(c+".wall_ms") {
			continue
		}
		rows := map[string]string{"1m": "1M", "100k": "100k"}[n]
		a, b := m[c+".wall_ms"], m[x+".wall_ms"]
		add(fmt.Sprintf("the same %s rows as an .xlsx sheet, streamed by dataset.Scan + sum, wall", rows),
			fmt.Sprintf("%s vs %s for the CSV (×%.2f)", ms(b), ms(a), b/a), "≤ 2× the CSV", pass(b <= 2*a))
		add(fmt.Sprintf("that .xlsx scan (%s rows), user+sys CPU", rows),
			fmt.Sprintf("%s vs %s for the CSV (×%.2f)", ms(m[x+".cpu_ms"]), ms(m[c+".cpu_ms"]), m[x+".cpu_ms"]/m[c+".cpu_ms"]), "—", "info")
		add(fmt.Sprintf("that .xlsx scan (%s rows), peak RSS", rows),
			fmt.Sprintf("%.1f MB vs %.1f MB for the CSV", m[x+".rss_mb"], m[c+".rss_mb"]), "—", "info")
	}
	if has("xlsx100k.rss_mb") && has("xlsx1m.rss_mb") {
		a, b := m["xlsx100k.rss_mb"], m["xlsx1m.rss_mb"]
		add("peak RSS of that .xlsx scan: 100k rows → 1M rows", fmt.Sprintf("%.0f MB → %.0f MB (×%.1f)", a, b, b/a),
			"not growing with rows (≤ 1.25×)", pass(b <= 1.25*a))
	}
	if has("scan100k.rss_mb") && has("scan1m.rss_mb") {
		a, b := m["scan100k.rss_mb"], m["scan1m.rss_mb"]
		add("peak RSS of dataset.Scan: 100k rows → 1M rows", fmt.Sprintf("%.0f MB → %.0f MB (×%.1f)", a, b, b/a),
			"not growing with rows (≤ 1.25×) (reference)", pass(b <= 1.25*a))
	}

	// Bytes of a first view.
	for _, p := range []struct{ key, name string }{
		{"home", "DatACI home"}, {"sector", "sector board"}, {"ied", "IED board (world map)"},
	} {
		k := "bytes." + p.key
		if !has(k + ".js_gz") {
			missing(p.name+", first view: JavaScript", "", "page not built (see notes)")
			continue
		}
		jsBudget := 220.0
		if m[k+".map"] == 1 {
			jsBudget = 300
		}
		js, other := m[k+".js_gz"]/1000, m[k+".other_gz"]/1000
		add(p.name+", first view: JavaScript (gzip -9)", fmt.Sprintf("%.1f KB", js), fmt.Sprintf("≤ %.0f KB", jsBudget), pass(js <= jsBudget))
		add(p.name+", first view: HTML+CSS+JSON+icon (gzip -9)", fmt.Sprintf("%.1f KB", other), "≤ 60 KB", pass(other <= 60))
		if has(k + ".then_js_gz") {
			add(p.name+" → second board, extra bytes with the cache", fmt.Sprintf("JS %.1f KB + other %.1f KB", m[k+".then_js_gz"]/1000, m[k+".then_other_gz"]/1000), "—", "info")
		}
	}

	// Rebuild.
	if v, ok := m["go.serve.RebuildOneCSV.ns/op"]; ok {
		add("rebuild after one CSV edit (DatACI; internal/serve BenchmarkRebuildOneCSV: incremental build + snapshot)", ms(v/1e6), "≤ 50 ms", pass(v/1e6 <= 50))
	} else if v, ok := m["go.build.RebuildOneCSV.ns/op"]; ok {
		add("rebuild after one CSV edit (DatACI; internal/build BenchmarkRebuildOneCSV)", ms(v/1e6), "≤ 50 ms", pass(v/1e6 <= 50))
	} else {
		missing("rebuild after one CSV edit", "≤ 50 ms", "BenchmarkRebuildOneCSV did not run")
	}
	if v, ok := m["go.build.RebuildOneCSV.ns/op"]; ok && has("go.serve.RebuildOneCSV.ns/op") {
		add("— of which the Builder's incremental Build (internal/build BenchmarkRebuildOneCSV)", ms(v/1e6), "—", "info")
	}
	if v, ok := m["go.build.BuildDatACI.ns/op"]; ok {
		add("— for comparison, a fresh in-process Build of DatACI (BenchmarkBuildDatACI)", ms(v/1e6), "—", "info")
	}
	if full, ok := m["go.build.Build1000.ns/op"]; ok {
		for _, k := range []struct{ key, what string }{
			{"go.serve.Rebuild1000OneCSV", "the preview's rebuild: internal/serve BenchmarkRebuild1000OneCSV"},
			{"go.build.Rebuild1000OneCSV", "the Builder alone: internal/build BenchmarkRebuild1000OneCSV"},
		} {
			if r, ok := m[k.key+".ns/op"]; ok {
				label := fmt.Sprintf("rebuild after one CSV edit, 1,000 boards (%s), against a full in-process build (BenchmarkBuild1000, %s)", k.what, ms(full/1e6))
				if n, ok := m["go.build.Rebuild1000OneCSV.pages-rendered"]; ok {
					label += fmt.Sprintf("; %.0f pages redone", n)
				}
				add(label, fmt.Sprintf("%s = %.1f %%", ms(r/1e6), 100*r/full), "≤ 10 %", pass(r <= full/10))
			}
		}
	}
	if !has("go.build.Build1000.ns/op") || !has("go.serve.Rebuild1000OneCSV.ns/op") && !has("go.build.Rebuild1000OneCSV.ns/op") {
		missing("rebuild after one CSV edit, 1,000 boards", "≤ 10 % of a full build", "BenchmarkRebuild1000OneCSV or BenchmarkBuild1000 did not run")
	}
	// Issue 15: pages generated from one dataset, one place's rows edited.
	if full, ok := m["go.build.BuildGenerated1000.ns/op"]; ok {
		if r, ok := m["go.serve.RebuildGeneratedOneValue.ns/op"]; ok {
			add(fmt.Sprintf("rebuild after editing one value's rows, 1,000 generated pages (the preview's rebuild: internal/serve BenchmarkRebuildGeneratedOneValue), against a full in-process build (internal/build BenchmarkBuildGenerated1000, %s)", ms(full/1e6)),
				fmt.Sprintf("%s = %.1f %%", ms(r/1e6), 100*r/full), "≤ 10 %", pass(r <= full/10))
		}
	}
	if v, ok := m["go.serve.EditToReload.ns/op"]; ok {
		add("save a CSV → reload event in the open page (watcher + 100 ms quiet period + rebuild)", ms(v/1e6), "—", "info")
	}

	// Lighthouse: every page bench/lighthouse.sh measured (keys
	// lh.PAGE.score …), against the budget of issue 18.
	var lhPages []string
	for k := range lh {
		if p, ok := strings.CutSuffix(strings.TrimPrefix(k, "lh."), ".score"); ok && strings.HasPrefix(k, "lh.") {
			lhPages = append(lhPages, p)
		}
	}
	slices.Sort(lhPages)
	for _, p := range lhPages {
		k := "lh." + p
		score, tbt, lcp := lh[k+".score"], lh[k+".total-blocking-time"], lh[k+".largest-contentful-paint"]
		cls := ""
		if v, ok := lh[k+".cumulative-layout-shift"]; ok {
			cls = fmt.Sprintf("; CLS %.3f", v)
		}
		add(fmt.Sprintf("Lighthouse mobile, %s: performance, TBT, LCP (median of %.0f%s)", p, math.Max(1, lh[k+".runs"]), cls),
			fmt.Sprintf("%.0f / 100, %s, %s", score, ms(tbt), ms(lcp)), "≥ 95, ≤ 200 ms, ≤ 2 s",
			pass(score >= 95 && tbt <= 200 && lcp <= 2000))
	}
	if len(lhPages) == 0 {
		missing("Lighthouse performance, every board", "≥ 95, TBT ≤ 200 ms, LCP ≤ 2 s", "run with LIGHTHOUSE=1 (needs node and npm)")
	}

	var b strings.Builder
	fmt.Fprintf(&b, "# Benchmark results\n\nWritten by `make bench` (bench/run.sh) on %s. %s, Go %s.\n",
		time.Now().UTC().Format("2006-01-02 15:04 UTC"), machine(), strings.TrimPrefix(runtime.Version(), "go"))
	fmt.Fprintf(&b, "Load average when the timed builds started: %s (other work on the machine slows every figure).\n\n", loads1(m))
	b.WriteString("| measure | value | budget | result |\n|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.measure, r.value, r.budget, r.status)
	}
	if *gobench != "" {
		lines, err := parseBench(*gobench)
		if err == nil && len(lines) > 0 {
			b.WriteString("\n## Go benchmarks (in-process; see bench/run.sh for -benchtime)\n\n| benchmark | runs | time/op | B/op | allocs/op | other |\n|---|---:|---:|---:|---:|---|\n")
			for _, l := range lines {
				var t, bo, al string
				var other []string
				for _, v := range l.vals {
					f, _ := strconv.ParseFloat(v[0], 64)
					switch v[1] {
					case "ns/op":
						t = ms(f / 1e6)
						if f < 1e6 {
							t = fmt.Sprintf("%.0f µs", f/1e3)
						}
					case "B/op":
						bo = fmt.Sprintf("%.1f MB", f/1e6)
					case "allocs/op":
						al = fmt.Sprintf("%.0f", f)
					default:
						other = append(other, v[0]+" "+v[1])
					}
				}
				fmt.Fprintf(&b, "| %s | %d | %s | %s | %s | %s |\n", l.name, l.iters, t, bo, al, strings.Join(other, ", "))
			}
		}
	}
	if len(lh) > 0 {
		b.WriteString("\nLighthouse figures come from the last `make bench` that ran Lighthouse (bench/lighthouse.txt, whose first line says the version, the machine and the runs): mobile preset (slow 4G, 4× CPU slowdown), performance category only, pages served from loopback.\n")
	}
	b.WriteString("\nSee bench/README.md for what each number means.\n")
	if err := os.WriteFile(*out, []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Print(b.String())
	return nil
}

func budgetMS(v float64) string {
	if v <= 0 {
		return "—"
	}
	if v >= 1000 {
		return fmt.Sprintf("≤ %.1f s", v/1000)
	}
	return fmt.Sprintf("≤ %.0f ms", v)
}

func loads1(m metrics) string {
	var parts []string
	for _, k := range [][2]string{{"dataci", "DatACI"}, {"b10", "10 boards"}, {"b100", "100 boards"}, {"b1000", "1,000 boards"}, {"big1m", "1M rows"}} {
		if v, ok := m[k[0]+".load"]; ok {
			parts = append(parts, fmt.Sprintf("%s %.2f", k[1], v))
		}
	}
	if len(parts) == 0 {
		return "unknown"
	}
	return strings.Join(parts, ", ")
}

// machine describes the computer: cores, CPU model, memory.
func machine() string {
	model := "unknown CPU"
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, ln := range strings.Split(string(b), "\n") {
			if f := strings.Fields(ln); len(f) >= 2 && f[0] == "MemTotal:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				mem = fmt.Sprintf(", %.0f GB RAM", kb*1024/1e9)
			}
		}
	}
	return fmt.Sprintf("%d × %s%s", runtime.NumCPU(), model, mem)
}

// cmdToXLSX writes a dataset's CSV as a one-sheet workbook with the same
// schema beside it, numbers stored as numbers, for the workbook benchmark.
func cmdToXLSX(args []string) error {
	fs := flag.NewFlagSet("toxlsx", flag.ExitOnError)
	source := fs.String("source", ".", "site folder")
	csvPath := fs.String("csv", "data/big.csv", "CSV path inside the site")
	out := fs.String("out", "data/bigx.xlsx", "workbook path inside the site")
	fs.Parse(args)
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
