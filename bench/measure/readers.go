package main

// gobench and lighthouse copy the figures of other tools' output (go test
// -bench, Lighthouse JSON reports) into the metrics file.

import (
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"path"
	"regexp"
	"strconv"
	"strings"
)

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
func cmdGobench(fs *flag.FlagSet, o metricsOut) func() error {
	in := fs.String("in", "", "go test -bench output")
	return func() error {
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
		return o.write(kv)
	}
}

// lhAudits are the Lighthouse timings kept besides the performance score.
var lhAudits = []string{"first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"}

// cmdLighthouse copies the performance score and the main timings of one or
// more Lighthouse JSON reports of the same page into the metrics: with
// several (-in a.json -in b.json …), the median of each figure on its own.
// A report that failed (runtimeError, no score) is named and left out.
func cmdLighthouse(fs *flag.FlagSet, o metricsOut) func() error {
	var ins []string
	fs.Func("in", "lighthouse --output=json report (repeatable)", func(s string) error { ins = append(ins, s); return nil })
	return func() error {
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
			return fmt.Errorf("%s: no usable Lighthouse report of %d", *o.key, len(ins))
		}
		kv := [][2]any{{"score", median(vals["score"])}, {"runs", len(vals["score"])}}
		for _, a := range lhAudits {
			if v, ok := vals[a]; ok {
				kv = append(kv, [2]any{a, median(v)})
			}
		}
		fmt.Printf("%s: performance %v (median %.0f of %d), TBT %v, LCP %v\n", *o.key, vals["score"], median(vals["score"]),
			len(vals["score"]), vals["total-blocking-time"], vals["largest-contentful-paint"])
		return o.write(kv)
	}
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
