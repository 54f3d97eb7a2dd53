package main

// The results table: report reads the metrics file the other subcommands
// append to and writes bench/results.md, each figure beside its budget.

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// row is a line of the results table.
type row struct{ measure, value, budget, status string }

// cmdReport writes the results table.
func cmdReport(fs *flag.FlagSet, o metricsOut) func() error {
	gobench := fs.String("gobench", "", "go test -bench output to include")
	lhFile := fs.String("lighthouse", "", "metrics file of the last Lighthouse run")
	out := fs.String("out", "bench/results.md", "where to write the table")
	return func() error {
		m, err := readMetrics(*o.file)
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
			if v, ok := m[key+".ref_ms"]; ok {
				// See reference: the same work whatever the machine.
				add(name+": the machine meanwhile, the reference work (bench/measure/reference.go, median before each run)",
					fmt.Sprintf("%s (%s to %s)", ms(v), ms(m[key+".ref_min_ms"]), ms(m[key+".ref_max_ms"])), "—", "info")
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
		// Issue 15: plain pages in one folder (one language, 3 charts and
		// a table each), and pages generated from one dataset.
		proc("p1000", "1,000 plain pages", 600, 150)
		if has("p1000.out_mb") {
			out := m["p1000.out_mb"]
			add("1,000 plain pages: output", fmt.Sprintf("%.1f MB", out), "≤ 40 MB", pass(out <= 40))
		}
		// The workload as issue 15 states it: the same pages, none with a
		// filter (above, every fourth has one, and each of its eight
		// selections is one more version of each chart).
		proc("p1000nf", "1,000 plain pages without filters", 0, 0)
		proc("p10000", "10,000 plain pages", 0, 400)
		if has("p10000.first_ms") && m["p10000.runs"] > 1 {
			add("10,000 plain pages build, wall of the first run (every file new; disk-dependent)", ms(m["p10000.first_ms"]), "—", "info")
		}
		if has("pratio.wall") {
			// Timed in alternation (measure ratio): the budget's figure.
			r := m["pratio.wall"]
			add("10,000 plain pages against 1,000, timed in alternation (each against the 1,000-page builds on both sides of it): wall (CPU), median of the rounds",
				fmt.Sprintf("%.2f× (%.2f×); rounds from %.2f× to %.2f×; 1,000 pages %s meanwhile (median of %.0f)",
					r, m["pratio.cpu"], m["pratio.wall_min"], m["pratio.wall_max"], ms(m["pratio.small_wall_ms"]), m["pratio.small_runs"]),
				"≤ 10×", pass(r <= 10))
		}
		if has("p1000.instructions") && has("p10000.instructions") {
			a, b := m["p1000.instructions"], m["p10000.instructions"]
			add("10,000 plain pages against 1,000: instructions (callgrind, INSTRUCTIONS=1; nearly the same whatever the machine's load)",
				fmt.Sprintf("%.2f× (%.2f and %.2f billion)", b/a, a/1e9, b/1e9), "—", "info")
		}
		if has("p10000.wall_ms") && has("p1000.wall_ms") {
			// Medians against medians: both are rebuilds over the previous
			// output when the 10,000-page site runs more than once.
			r, c := m["p10000.wall_ms"]/m["p1000.wall_ms"], m["p10000.cpu_ms"]/m["p1000.cpu_ms"]
			budget, verdict := "≤ 10×", pass(r <= 10)
			if has("pratio.wall") {
				budget, verdict = "—", "info" // the alternated figure above is the budget's
			}
			add("10,000 plain pages against 1,000, medians of the timings above: wall (CPU)", fmt.Sprintf("%.1f× (%.1f×)", r, c), budget, verdict)
		}
		if has("p100.page_bytes") && has("p10000.page_bytes") {
			a, b := m["p100.page_bytes"], m["p10000.page_bytes"]
			add("one page's HTML at 100 and at 10,000 pages", fmt.Sprintf("%.0f B and %.0f B (%+.1f %%)", a, b, 100*(b-a)/a), "within 10 %", pass(math.Abs(b-a) <= a/10))
		}
		if has("p10000.search_bytes") {
			v := m["p10000.search_bytes"]
			add("search at 10,000 pages: bytes fetched for the first query (gzip)", fmt.Sprintf("%.1f KB", v/1000), "≤ 300 KB", pass(v <= 300e3))
		}
		proc("gen1000", "1,000 pages generated from 50,000 rows", 1000, 0)
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
		if pct, ok := m["go.serve.RebuildGeneratedOneValue.%full"]; ok {
			// Measured in alternation by the benchmark itself: the budget's
			// figure against tablero build's full build (written to disk),
			// and, for information, against the preview's own (in memory).
			add("rebuild after editing one value's rows, 1,000 generated pages (the preview's rebuild: internal/serve BenchmarkRebuildGeneratedOneValue), against full builds of the same site as tablero build makes them, alternated with it",
				fmt.Sprintf("%s = %.1f %%", ms(m["go.serve.RebuildGeneratedOneValue.ns/op"]/1e6), pct), "≤ 10 %", pass(pct <= 10))
			if p, ok := m["go.serve.RebuildGeneratedOneValue.%preview"]; ok {
				add("the same rebuild against the preview's own full build (in memory, nothing written), alternated", fmt.Sprintf("%.1f %%", p), "—", "info")
			}
		} else if full, ok := m["go.build.BuildGenerated1000.ns/op"]; ok {
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
