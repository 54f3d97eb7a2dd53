// Package build runs the stages in order — read the site, the datasets and
// the pages, build the blocks, render — and returns the output in memory.
// Write publishes it atomically. Build never prints and never exits, so the
// command line, the preview server and the tests share it.
package build

import (
	"cmp"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/site"
)

// Result is what a build produced.
type Result struct {
	Files       []render.File // every output file, sorted by path
	Pages       int           // HTML pages written, all languages
	Charts      int
	Datasets    int
	Diagnostics diag.List
	Duration    time.Duration
}

// OK reports whether the build found no error.
func (r *Result) OK() bool { return len(r.Diagnostics) == 0 }

// Build builds the site whose source is fsys.
func Build(fsys fs.FS) *Result {
	start := time.Now()
	res := &Result{}
	defer func() {
		res.Diagnostics = dedupe(res.Diagnostics)
		res.Duration = time.Since(start)
	}()

	cfg, l := site.Load(fsys)
	res.Diagnostics = append(res.Diagnostics, l...)
	theme, l := render.LoadTheme(fsys, cfg.Theme)
	res.Diagnostics = append(res.Diagnostics, l...)

	var (
		tables []*dataset.Table
		pages  []*content.Page
		dl, pl diag.List
	)
	pages, pl = readPages(fsys, cfg.Languages[0])
	tables, dl = loadData(fsys, pages)
	res.Diagnostics = append(res.Diagnostics, dl...)
	res.Diagnostics = append(res.Diagnostics, pl...)
	if theme == nil {
		return res
	}
	ts := chart.Tables{}
	if entries, err := fs.ReadDir(fsys, "data"); err == nil {
		for _, e := range entries {
			if name, ok := strings.CutSuffix(e.Name(), ".csv"); ok && !e.IsDir() {
				ts[name] = nil // until loaded: a dataset with errors
			}
		}
	}
	for _, t := range tables {
		ts[t.Name] = t
	}
	res.Datasets = len(tables)

	s := newSiteModel(cfg, pages, tables, theme, fsys)
	jobs := s.jobs()
	out := make([][]render.File, len(jobs))
	diags := make([]diag.List, len(jobs))
	charts := make([]int, len(jobs))
	parallel(len(jobs), func(i int) {
		out[i], charts[i], diags[i] = s.renderPage(jobs[i], ts)
	})
	for i := range jobs {
		res.Diagnostics = append(res.Diagnostics, diags[i]...)
		res.Files = append(res.Files, out[i]...)
		res.Charts += charts[i]
	}
	res.Pages = len(jobs)
	res.Files = append(res.Files, theme.Files...)
	res.Files = append(res.Files, s.extraFiles()...)
	slices.SortFunc(res.Files, func(a, b render.File) int { return cmp.Compare(a.Path, b.Path) })
	return res
}

// readPages parses every content/**/*.md in parallel, in a stable order.
func readPages(fsys fs.FS, defaultLang string) ([]*content.Page, diag.List) {
	var files []string
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, diag.List{diag.Errorf("content", 0, 0, "no se pudo leer la carpeta content: %v", "cannot read the content folder: %v", err)}
	}
	pages := make([]*content.Page, len(files))
	diags := make([]diag.List, len(files))
	parallel(len(files), func(i int) {
		b, err := fs.ReadFile(fsys, files[i])
		if err != nil {
			diags[i] = diag.List{diag.Errorf(files[i], 0, 0, "no se pudo leer: %v", "cannot read: %v", err)}
			return
		}
		pages[i], diags[i] = content.Parse(files[i], b, defaultLang)
	})
	var all diag.List
	var out []*content.Page
	for i := range files {
		all = append(all, diags[i]...)
		if pages[i] != nil {
			if !slices.Contains(i18n.Langs, pages[i].Lang) {
				all.Add(diag.Errorf(files[i], 0, 0, "idioma %q desconocido en el nombre del archivo", "unknown language %q in the file name", pages[i].Lang).
					WithHint("las traducciones se llaman pagina.en.md", "translations are named page.en.md"))
				continue
			}
			out = append(out, pages[i])
		}
	}
	return out, all
}

// parallel runs fn for 0..n-1 on every core.
func parallel(n int, fn func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// dedupe drops repeated diagnostics (a block of a page shown in two
// languages is checked twice) and sorts the rest.
func dedupe(l diag.List) diag.List {
	seen := map[string]bool{}
	var out diag.List
	for _, d := range l {
		k := d.Format("es")
		if d.Msg.ES == "" && d.Msg.EN == "" {
			continue // a consequence of an error reported elsewhere
		}
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	out.Sort()
	return out
}

// rel returns the relative prefix from a page at p to the output root.
func rel(p string) string {
	return strings.Repeat("../", strings.Count(p, "/"))
}

func pageURL(lang, defaultLang, slug string) string {
	if lang == defaultLang {
		return slug + ".html"
	}
	return lang + "/" + slug + ".html"
}

var _ = path.Join
var _ = fmt.Sprint
