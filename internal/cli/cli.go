// Package cli is the tablero command: it turns flags into build options and
// diagnostics into an exit code.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/site"
)

const usage = `tablero builds a static data-dashboard site from CSV datasets and Markdown pages.

Usage:
  tablero build [--source DIR] [--out DIR] [--lang es|en] [--verbose]
  tablero check [--source DIR] [--lang es|en]
  tablero serve [--source DIR] [--port N] [--host 127.0.0.1] [--lang es|en] [--verbose]
  tablero new board <slug> [--source DIR]
  tablero new dataset <name> [--from file.csv] [--source DIR]
`

// Run runs the command with args (without the program name) and returns the
// exit code: 0 on success, 1 when the site has errors, 2 on misuse.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if c, ok := commands[args[0]]; ok {
		return c.run(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "tablero: unknown command %q\n\n%s", args[0], usage)
	return 2
}

// commands are tablero's commands by name; builds marks those that build
// a site (see Builds).
var commands = map[string]struct {
	run    func(args []string, stdout, stderr io.Writer) int
	builds bool
}{
	"build": {func(args []string, stdout, stderr io.Writer) int { return runBuild(args, stdout, stderr, false) }, true},
	"check": {func(args []string, stdout, stderr io.Writer) int { return runBuild(args, stdout, stderr, true) }, true},
	"serve": {runServe, true},
	"new":   {runNew, false},
}

// Builds reports whether args (without the program name) run a command
// that builds a site: the program then prepares its heap for one (see
// hugeheap), which would only slow the others.
func Builds(args []string) bool {
	return len(args) > 0 && commands[args[0]].builds
}

// common are the flags every command shares.
type common struct {
	source, lang string
}

func (c *common) register(fs *flag.FlagSet) {
	fs.StringVar(&c.source, "source", ".", "site folder (with site.toml, content/, data/, themes/)")
	fs.StringVar(&c.lang, "lang", "", "language of messages: es or en (default: the site's first language)")
}

// messageLang picks the language of messages: the flag, else the site's.
func (c *common) messageLang() string {
	if i18n.Valid(c.lang) {
		return c.lang
	}
	cfg, _ := site.Load(osfile.Dir(c.source))
	if len(cfg.Languages) > 0 {
		return cfg.Languages[0]
	}
	return "es"
}

func runBuild(args []string, stdout, stderr io.Writer, checkOnly bool) int {
	name := "build"
	if checkOnly {
		name = "check"
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	out := fs.String("out", "", "output folder (default: SOURCE/public)")
	verbose := fs.Bool("verbose", false, "list every file written")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *out == "" {
		*out = filepath.Join(c.source, "public")
	}
	lang := c.messageLang()
	// A build keeps little alive (pages are written as they are rendered)
	// but allocates a lot: collecting at twice the live heap instead of
	// once saves a tenth of the CPU for a few tens of MB (bench/README.md).
	// GOGC, when set, still decides.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	// That trade stops being cheap on large sites: at 10,000 pages the
	// live heap was near 180 MB, and collecting at three times it took the
	// process past 650 MB; since datasets are read as pages draw them, it
	// is under 110 MB and the process reaches 395-410 MB without a limit.
	// A soft limit makes the collector run more often only once the heap
	// nears it; smaller sites never reach it.
	// GOMEMLIMIT, when set, still decides.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	var res *build.Result
	if checkOnly {
		res = build.Build(osfile.Dir(c.source))
	} else {
		err := build.CheckOut(c.source, *out)
		if err == nil {
			res, err = build.BuildInto(osfile.Dir(c.source), *out)
		}
		if err != nil {
			printErr(stderr, lang, err)
			return 1
		}
	}
	if !res.OK() {
		fmt.Fprint(stderr, res.Diagnostics.Format(lang))
		n := len(res.Diagnostics)
		fmt.Fprintln(stderr, i18n.Pick(lang, fmt.Sprintf("tablero: %d %s; no se escribió nada (%s sigue como estaba)", n, i18n.Plural(n, "error", "errores"), *out),
			fmt.Sprintf("tablero: %d %s; nothing was written (%s is as it was)", n, i18n.Plural(n, "error", "errors"), *out)))
		return 1
	}
	if checkOnly {
		fmt.Fprintln(stdout, i18n.Pick(lang,
			fmt.Sprintf("tablero: todo en orden: %d páginas, %d gráficos, %d conjuntos de datos", res.Pages, res.Charts, res.Datasets),
			fmt.Sprintf("tablero: all good: %d pages, %d charts, %d datasets", res.Pages, res.Charts, res.Datasets)))
		return 0
	}
	// Short builds say one line; long ones (or --verbose) say where the time went.
	if *verbose || res.Duration > longBuild {
		for _, st := range res.Stages {
			fmt.Fprintf(stdout, "  %-40s %6d  %s\n", st.Name.In(lang), st.Count, st.Duration.Round(time.Millisecond))
		}
	}
	if *verbose {
		for _, f := range res.Files {
			p := filepath.Join(*out, filepath.FromSlash(f.Path))
			size := int64(0)
			if info, err := os.Stat(p); err == nil {
				size = info.Size()
			}
			fmt.Fprintf(stdout, "  %s (%d B)\n", p, size)
		}
	}
	fmt.Fprintln(stdout, i18n.Pick(lang,
		fmt.Sprintf("tablero: %d páginas, %d gráficos, %d conjuntos de datos en %s → %s", res.Pages, res.Charts, res.Datasets, res.Duration.Round(time.Millisecond), *out),
		fmt.Sprintf("tablero: %d pages, %d charts, %d datasets in %s → %s", res.Pages, res.Charts, res.Datasets, res.Duration.Round(time.Millisecond), *out)))
	return 0
}

// longBuild is how long a build may take before its stages are listed.
const longBuild = time.Second

// memoryLimit is the soft limit of a build's memory (see runtime/debug
// SetMemoryLimit). The budget of issue 15 for 10,000 pages is 400 MB of
// peak RSS, which runs 10-25 MB above the limit. Measured at 10,000 pages
// (one run each, load 5-9): no limit 37 s of CPU and 665 MB; 320 MiB 43-48 s
// and 345 MB; 340 MiB 42.5 s and 366 MB; 360 MiB 35 s and 387 MB, too
// close to the budget to keep under it on another machine.
const memoryLimit = 340 << 20

// printErr prints an error that stopped the command, in lang when it is
// one of tablero's diagnostics.
func printErr(w io.Writer, lang string, err error) {
	var d diag.Diagnostic
	if errors.As(err, &d) {
		fmt.Fprintln(w, "tablero: "+d.Format(lang))
		return
	}
	fmt.Fprintf(w, "tablero: %v\n", err)
}
