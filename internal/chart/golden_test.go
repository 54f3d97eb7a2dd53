package chart

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
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
// the option and the filter variants) with testdata/kinds/KIND.json.
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
			}{c.Alt, c.Option, c.Variants}, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("kinds", name+".json"), append(out, '\n'))
		})
	}
}
