package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
)

// update rewrites the golden files: go test ./internal/chart -run Golden -update.
// Review the diff of testdata/ like code before committing it.
var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares got with the file testdata/name, byte for byte, or
// rewrites the file with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update to write it)", err, t.Name())
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file; if the change is meant, run go test -run %s -update and review the diff\n got: %.600s", path, t.Name(), got)
	}
}

// TestKindGolden builds, for every registered chart kind, the block
// testdata/kinds/KIND.toml over testdata/kinds/data/figures.csv, filtered
// by region, and compares what the browser gets (the text alternative,
// the option, the filter variants and the layout) with testdata/kinds/KIND.json.
func TestKindGolden(t *testing.T) {
	tables, l := dataset.LoadDir(os.DirFS("testdata/kinds"), "data")
	if len(l) > 0 {
		t.Fatal(l)
	}
	ts := Tables{}
	for _, tb := range tables {
		ts[tb.Name] = tb
	}
	for _, name := range kindNames() {
		t.Run(name, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata/kinds", name+".toml"))
			if err != nil {
				t.Fatalf("every chart kind needs a block in testdata/kinds/%s.toml: %v", name, err)
			}
			b := content.Block{Kind: "chart", Body: string(body), File: "kinds/" + name + ".toml", Line: 1}
			c, l := decodeChart(b, ts, "es", "c-1", []string{"region"})
			if len(l) > 0 {
				t.Fatal(l.Format("en"))
			}
			out, err := json.MarshalIndent(struct {
				Alt      string          `json:"alt"`
				Option   json.RawMessage `json:"option"`
				Variants []Variant       `json:"variants"`
				Height   [2]int          `json:"height"`
				Phone    json.RawMessage `json:"phone"`
			}{c.Alt, c.Option, c.Variants, c.Layout.Height, c.Layout.Phone}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("kinds", name+".json"), append(out, '\n'))
		})
	}
}

// TestPercentTenths checks the shares a pie's labels show against
// ECharts' getPercentSeats at two decimals, rounded half up to one.
func TestPercentTenths(t *testing.T) {
	for _, tc := range []struct {
		values []float64
		want   []int
	}{
		{[]float64{249.68, 383, 253}, []int{282, 432, 286}},                        // 28.19, 43.24, 28.57
		{[]float64{1, 1, 1}, []int{333, 333, 333}},                                 // 33.34, 33.33, 33.33: the spare hundredth to the first
		{[]float64{1, 7}, []int{125, 875}},                                         // 12.50, 87.50
		{[]float64{0.1234, 0.8766}, []int{123, 877}},                               // 12.34 → 12.3, 87.66 → 87.7
		{[]float64{3, 0}, []int{1000, 0}},                                          // 100 and 0
		{[]float64{0, 0}, []int{0, 0}},                                             // no total: no share
		{[]float64{1, 1, 1, 1, 1, 1, 1}, []int{143, 143, 143, 143, 143, 143, 143}}, // 14.29 ×4, 14.28 ×3
	} {
		if got := percentTenths(tc.values); !slices.Equal(got, tc.want) {
			t.Errorf("percentTenths(%v) = %v, want %v", tc.values, got, tc.want)
		}
	}
	if got := tenthsText(124, "es") + " " + tenthsText(1000, "en") + " " + tenthsText(3, "en"); got != "12,4 100 0.3" {
		t.Errorf("tenthsText: %q", got)
	}
}
