package build

import (
	"sync/atomic"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/par"
)

// readCells reads the cells of the table of e, once: in the first job that
// draws it, or before the pages are generated from it, or with the
// datasets no page draws (readAllCells). A build writing as it goes
// publishes the downloads then. Reading cells as pages need them keeps
// them alive only while those pages render (see releaser): read with the
// schemas, they were the largest part of the heap of a 10,000-page build
// for all of its render, and left it fragmented once released.
func (b *Builder) readCells(e *tableEntry) {
	e.cells.Do(func() {
		if e.table == nil {
			return // its schema has errors
		}
		if l := e.table.ReadCells(b.fsys); len(l) > 0 {
			e.diags = l
			return
		}
		if b.stream != nil {
			b.publishDownloads(e)
		}
	})
}

// readNamed reads the cells of the datasets called names.
func (b *Builder) readNamed(names []string) {
	for _, name := range names {
		if e := b.tableNamed(name); e != nil {
			b.readCells(e)
		}
	}
}

// readAllCells reads the cells no page has drawn yet: every dataset is
// checked, and the data index counts its rows.
func (b *Builder) readAllCells() {
	all := make([]*tableEntry, 0, len(b.tables))
	for _, e := range b.tables {
		all = append(all, e)
	}
	par.Each(len(all), func(i int) { b.readCells(all[i]) })
}

// dataDiags are the problems of every dataset, once their cells are read.
func (b *Builder) dataDiags() diag.List {
	var l diag.List
	for _, e := range b.tables {
		l = append(l, e.diags...)
	}
	return l
}

// templateData names the datasets template pages generate pages from:
// their cells are read before the pages are generated, and kept.
func (b *Builder) templateData() []string {
	var names []string
	for _, e := range b.pages {
		if e.page == nil || e.page.Meta.Generate == nil {
			continue
		}
		names = append(names, e.page.Meta.Generate.Data...)
	}
	return names
}

// releaser counts, for each dataset whose cells a build that writes as it
// goes may let go of, the jobs that still draw it. Datasets pages are
// generated from, reduced ones (bigFile) and references (the data index
// lists their rows) are kept.
type releaser map[string]*atomic.Int32

// releaser counts the datasets drawn by the jobs of the first pass (draws
// by job, see renderKey), but for those named in keep: what pages are
// generated from, and what the second pass, the data index, draws.
func (b *Builder) releaser(first []int, draws [][]string, keep []string) releaser {
	r := releaser{}
	for _, i := range first {
		for _, name := range draws[i] {
			e := b.tableNamed(name)
			if e == nil || e.table == nil || e.needs != "" || e.table.Schema.Kind == dataset.KindReferences {
				continue
			}
			if r[name] == nil {
				r[name] = new(atomic.Int32)
			}
			r[name].Add(1)
		}
	}
	for _, name := range keep {
		delete(r, name)
	}
	return r
}

// done is called after each job of the first pass with the datasets it
// drew; the last job drawing a dataset lets go of its cells.
func (r releaser) done(b *Builder, draws []string) {
	for _, name := range draws {
		if n := r[name]; n != nil && n.Add(-1) == 0 {
			b.tableNamed(name).table.Release()
		}
	}
}
