// Command synth writes a synthetic Tablero site for benchmarks:
//
//	go run ./internal/synth/cmd/synth -out DIR -boards N -rows R [-big] [-bigrows M]
//
// The same flags always give the same bytes.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/tablero/tablero/internal/synth"
)

func main() {
	out := flag.String("out", "", "folder to write the site into (created if missing)")
	boards := flag.Int("boards", 10, "number of boards, each with 3 charts and a table over its own dataset")
	rows := flag.Int("rows", synth.DefaultRows, "rows of each board's dataset")
	pages := flag.Int("pages", 0, "number of plain pages (kind \"page\") in content/paginas/, each with 3 charts and a table; the site then has one language")
	generated := flag.Bool("generated", false, "add a template page writing one page per place of a dataset of -genrows rows over -genvalues places")
	genRows := flag.Int("genrows", 50_000, "rows of the generated pages' dataset")
	genValues := flag.Int("genvalues", 1_000, "places (pages) of the generated pages' dataset")
	big := flag.Bool("big", false, "add a board with one aggregated chart over a dataset of -bigrows rows")
	bigRows := flag.Int("bigrows", synth.DefaultBigRows, "rows of the big dataset")
	noFilters := flag.Bool("nofilters", false, "give no board or page a filter (by default every fourth filters by category)")
	seed := flag.Uint64("seed", 0, "seed of the figures (0: the fixed default)")
	theme := flag.String("theme", "", "theme folder to copy (default: themes/default of this repository)")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: synth -out DIR [-boards N] [-pages N] [-rows R] [-nofilters] [-big] [-bigrows M] [-seed S] [-theme DIR]")
		os.Exit(2)
	}
	err := synth.Write(*out, synth.Options{Boards: *boards, Pages: *pages, Generated: *generated, GenRows: *genRows, GenValues: *genValues, Rows: *rows, NoFilters: *noFilters, Big: *big, BigRows: *bigRows, Seed: *seed, Theme: *theme})
	if err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}
