// Package build runs the stages in order — read the site, the pages and
// the datasets' schemas, build the blocks, render — and returns the output
// in memory (Build, for the preview server and the tests; Write publishes
// it), or writes each page as it is rendered and publishes the folder in
// one swap (BuildInto, for the command line). A dataset's cells are read
// by the first page that draws them (cells.go). It never prints and never
// exits.
package build

import (
	"bytes"
	"cmp"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/par"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/site"
)

// Result is what a build produced.
type Result struct {
	Files       []render.File // every output file, sorted by path
	Pages       int           // HTML pages written, all languages
	Rendered    int           // pages rendered by this build; the others were reused from the previous one
	Charts      int
	Datasets    int
	Diagnostics diag.List
	Duration    time.Duration
	Stages      []Stage // how long each stage took, for long builds and --verbose
}

// Stage is one step of a build: what it did and how long it took.
type Stage struct {
	Name     diag.Text
	Count    int
	Duration time.Duration
}

// OK reports whether the build found no error.
func (r *Result) OK() bool { return len(r.Diagnostics) == 0 }

// Build builds the site whose source is fsys.
func Build(fsys fs.FS) *Result { return NewBuilder(fsys).Build() }

// langs are the languages a page file may be written in.
var langs = i18n.Langs

// Build builds the site, reusing what the previous build of b read and
// rendered where its inputs did not change.
func (b *Builder) Build() *Result {
	b.mu.Lock()
	defer b.mu.Unlock()
	start := time.Now()
	res := &Result{}
	defer func() {
		res.Diagnostics = dedupe(res.Diagnostics)
		res.Duration = time.Since(start)
	}()

	mark := time.Now()
	stage := func(es, en string, n int) {
		now := time.Now()
		res.Stages = append(res.Stages, Stage{Name: diag.Text{ES: es, EN: en}, Count: n, Duration: now.Sub(mark)})
		mark = now
	}
	if d, ok := dataset.InsideSite(b.fsys, site.File); !ok {
		res.Diagnostics.Add(d)
		return res
	}
	cfg, l := site.Load(b.fsys)
	res.Diagnostics = append(res.Diagnostics, l...)
	if len(cfg.Languages) == 0 {
		return res // site.toml is missing or unreadable: nothing to build
	}
	// The theme is read while the pages and datasets are: nothing of it
	// is needed before the pages are rendered.
	var theme *render.Theme
	var themeDiags diag.List
	themeRead := make(chan struct{})
	go func() {
		defer close(themeRead)
		theme, themeDiags = b.loadTheme(cfg.Theme)
	}()
	stage("configuración", "configuration", 1)
	pages, l := b.readPages(cfg.Languages[0])
	res.Diagnostics = append(res.Diagnostics, l...)
	stage("páginas leídas", "pages read", len(pages))
	ts, tables, l := b.loadData(pages)
	res.Diagnostics = append(res.Diagnostics, l...)
	templates := b.templateData()
	b.readNamed(templates)
	pages, l = b.generate(pages, ts)
	res.Diagnostics = append(res.Diagnostics, l...)
	stage("esquemas de datos leídos y revisados", "dataset schemas read and checked", len(tables))
	<-themeRead
	res.Diagnostics = append(res.Diagnostics, themeDiags...)
	stage("tema", "theme", 1)
	// A theme with errors is not used: its pages would fail for what it
	// lacks (an asset it could not read), one error per page.
	if theme == nil || len(themeDiags) > 0 {
		b.readAllCells()
		res.Diagnostics = append(res.Diagnostics, b.dataDiags()...)
		return res
	}
	res.Diagnostics = append(res.Diagnostics, b.checkImages(pages, theme, cfg.Theme)...)
	res.Datasets = len(tables)

	// The preview's Builder keeps the search indexes between builds; a
	// build that writes as it goes is the only one of its Builder.
	if b.search == nil && b.stream == nil {
		b.search = map[string]*searchIndex{}
	}
	s := newSiteModel(cfg, pages, tables, theme, b.fsys, b.search, b.searchEntries())
	res.Diagnostics = append(res.Diagnostics, s.diags...)
	if b.stream != nil {
		s.writing = true
		// The pages' search entries are in the indexes; only the
		// preview's Builder keeps them for its next build.
		for _, e := range b.pages {
			e.search = nil
		}
	}
	s.sums = map[string][32]byte{}
	for csv, e := range b.tables {
		s.sums[csv] = e.sum
	}
	siteTOML, _ := fs.ReadFile(b.fsys, site.File)
	global := globalKey(siteTOML, b.theme.stamp, s)
	jobs := s.jobs()
	keys := make([][32]byte, len(jobs))
	draws := make([][]string, len(jobs))
	par.Each(len(jobs), func(i int) { keys[i], draws[i] = b.renderKey(global, s, jobs[i]) })
	// The data index (the catalogue page) draws every dataset: rendered
	// among the others it would read every dataset's cells at once. It is
	// rendered last, once they were read.
	var first, last []int
	for i, j := range jobs {
		if s.isCatalogue(j) {
			last = append(last, i)
		} else {
			first = append(first, i)
		}
	}
	// A site that already has errors is not written while it is rendered.
	stream := b.stream != nil && len(res.Diagnostics) == 0
	entries := make([]*outEntry, len(jobs))
	var rendered atomic.Int64
	diags := make([]diag.List, len(jobs))
	var left map[*chart.Page]*atomic.Int32
	var release releaser
	if b.stream != nil {
		left = s.jobsPerPage(jobs)
		// What the data index draws is read with every dataset, before
		// it renders, and kept for it.
		keep := slices.Clone(templates)
		for _, i := range last {
			keep = append(keep, draws[i]...)
		}
		release = b.releaser(first, draws, keep)
	}
	// The site's other files need nothing the pages make: they are made,
	// and written, while the pages render, so that a large site's build
	// does not end on one busy core.
	extraDone := make(chan []render.File, 2)
	extras := func(files func() []render.File) {
		go func() {
			out := files()
			if stream {
				out = b.streamOut(out, true)
			}
			extraDone <- out
		}()
	}
	extras(func() []render.File { return append(append([]render.File(nil), theme.Files...), s.siteFiles()...) })
	// The data files say how many rows and years each dataset has: they
	// are written as the pages read the cells (Table.SourceRows and Years
	// wait for them), and end once the datasets no page draws are read.
	extras(s.dataFiles)
	renderJob := func(i int) {
		b.readNamed(draws[i])
		if e := b.out[jobs[i]]; e != nil && e.key == keys[i] {
			entries[i] = e
			return
		}
		// A page written as it goes is rendered into a buffer that the
		// next page reuses: at 10,000 pages, fresh buffers were most of
		// the bytes the build allocated, and each megabyte of them
		// brought the collector's next walk of the heap closer.
		var out *bytes.Buffer
		if stream {
			out = pageBuffers.Get().(*bytes.Buffer)
			defer pageBuffers.Put(out)
			out.Reset()
		}
		files, charts, l := s.renderPage(jobs[i], ts, out)
		diags[i] = l
		rendered.Add(1)
		if left != nil {
			if p, _ := s.page(jobs[i].slug, jobs[i].lang); left[p] != nil && left[p].Add(-1) == 0 {
				forget(p)
			}
		}
		if len(l) == 0 {
			if stream {
				files = b.streamOut(files, false)
			}
			entries[i] = &outEntry{key: keys[i], files: files, charts: charts}
		}
	}
	par.Each(len(first), func(k int) {
		renderJob(first[k])
		release.done(b, draws[first[k]])
	})
	b.readAllCells()
	res.Diagnostics = append(res.Diagnostics, b.dataDiags()...)
	if b.stream != nil {
		for _, e := range b.tables {
			res.Files = append(res.Files, e.published...)
		}
	}
	par.Each(len(last), func(k int) { renderJob(last[k]) })
	b.out = make(map[job]*outEntry, len(jobs))
	for i, j := range jobs {
		res.Diagnostics = append(res.Diagnostics, diags[i]...)
		if e := entries[i]; e != nil {
			b.out[j] = e
			res.Files = append(res.Files, e.files...)
			res.Charts += e.charts
		}
	}
	res.Pages = len(jobs)
	res.Rendered = int(rendered.Load())
	stage("páginas generadas", "pages rendered", res.Rendered)
	extra := append(<-extraDone, <-extraDone...)
	if stream {
		stage("archivos escritos", "files written", len(extra))
	}
	res.Files = append(res.Files, extra...)
	slices.SortFunc(res.Files, func(a, b render.File) int { return cmp.Compare(a.Path, b.Path) })
	if len(res.Diagnostics) == 0 {
		// Where a check above found why, this would only repeat it.
		res.Diagnostics = sameOutput(res.Files)
	}
	return res
}

// sameOutput reports the paths that two of the site's files, sorted by
// path, would both be written to. The build checks the cases it knows
// where they arise, with the file and line to change (two pages, a page
// and a section index, a dataset and the catalogue…); this is the last
// line: whatever makes two files meet, neither is lost without a word.
func sameOutput(files []render.File) diag.List {
	var l diag.List
	for i := 1; i < len(files); i++ {
		if p := files[i].Path; p == files[i-1].Path && (i < 2 || files[i-2].Path != p) {
			l.Add(diag.Errorf(p, 0, 0, "dos archivos del sitio se escribirían en %s, y uno se perdería", "two of the site's files would both be written to %s, and one would be lost", p).
				WithHint("cambie el nombre de la página, la carpeta o el conjunto de datos que da ese archivo", "rename the page, folder or dataset that makes that file"))
		}
	}
	return l
}

var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// BuildInto builds the site whose source is fsys and publishes it as the
// folder out. Each page is written as soon as it is rendered, so the site
// is never held in memory whole: a build of 1,000 boards needs a third of
// the memory of Build followed by Write. As with Write, out is replaced in
// one swap and only when the build found no error; otherwise it stays
// exactly as it was. The Result lists the files by path, without data.
func BuildInto(fsys fs.FS, out string) (*Result, error) {
	st, err := newStaging(out)
	if err != nil {
		return nil, err
	}
	defer st.discard()
	b := NewBuilder(fsys)
	b.stream = st.put
	res := b.Build()
	if !res.OK() {
		return res, nil
	}
	return res, st.publish()
}

// streamOut gives files to b.stream and returns them without their data.
// A page's few files are written by the worker that rendered them
// (spread false); the site's other files on every core: the data files of
// 10,000 datasets are three files of 4 to 10 MB, written while the data
// index renders.
func (b *Builder) streamOut(files []render.File, spread bool) []render.File {
	if spread {
		par.Each(len(files), func(i int) { b.stream(files[i]) })
	} else {
		for _, f := range files {
			b.stream(f)
		}
	}
	paths := make([]render.File, len(files))
	for i, f := range files {
		paths[i] = render.File{Path: f.Path}
	}
	return paths
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
