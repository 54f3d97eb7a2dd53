package build

import (
	"html"
	"io/fs"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/render"
)

// siteFiles are the search indexes and what hosts and crawlers expect:
// files that need no dataset's cells.
func (s *siteModel) siteFiles() []render.File {
	files := append([]render.File(nil), s.searchFiles...)
	if s.writing {
		// Written once, now: held, a 10,000-page site's search shards
		// stayed in the heap all through the render (4 MB).
		s.searchFiles = nil
	}
	files = append(files, s.crawlerFiles()...)
	if f, err := s.notFound(); err == nil {
		files = append(files, f)
	}
	return files
}

// dataFiles are the dataset downloads and the descriptions of the data
// (data index CSV, Data Package, DCAT), made once every dataset's cells
// were read: they count rows and years.
func (s *siteModel) dataFiles() []render.File {
	files := s.downloads()
	files = append(files, s.openDataFiles()...)
	if f, err := s.catalogueCSV(); err == nil && len(s.tables) > 0 {
		files = append(files, f)
	}
	return files
}

// downloads are the datasets' CSV files and, beside those read from a
// workbook, the workbook itself; none when the build published them as it
// read the datasets (see Builder.publishDownloads).
func (s *siteModel) downloads() []render.File {
	if s.writing {
		return nil
	}
	var files []render.File
	for _, t := range s.tables {
		t.WaitCells()
		files = append(files, downloadsOf(s.fsys, t, s.sums[t.File])...)
	}
	return files
}

// downloadsOf are t's downloads. sum is the SHA-256 of the bytes read, for
// a dataset too large to hold, whose downloads are copied from the source
// (see copyFrom).
func downloadsOf(fsys fs.FS, t *dataset.Table, sum [32]byte) []render.File {
	f := render.File{Path: dataset.CSVPath(t.Name), Data: t.Download()}
	if t.Raw == nil {
		f.Open = dataset.NeutralizeOpen(copyFrom(fsys, t.File, sum), t.Delimiter())
		if dataset.IsWorkbook(t.File) {
			f.Open = dataset.NeutralizeOpen(csvFrom(fsys, t.File, sum), t.Delimiter())
		}
	}
	files := []render.File{f}
	if dataset.IsWorkbook(t.File) {
		// The team's own workbook, beside the CSV every reader can
		// open: the bytes that were read (held) or checked (streamed).
		wb := render.File{Path: dataset.WorkbookPath(t.File), Data: t.Workbook}
		if t.Workbook == nil {
			wb.Open = copyFrom(fsys, t.File, sum)
		}
		files = append(files, wb)
	}
	return files
}

// NotFoundSlug names the page for addresses that do not exist, which no
// content page may take (see reservedNames).
const NotFoundSlug = "404"

// notFound renders 404.html. Hosts serve it at any depth, so its links are
// absolute when the site has a base URL and relative to the root otherwise.
func (s *siteModel) notFound() (render.File, error) {
	lang := s.defaultLang
	rp := &render.Page{
		Site: s.renderSite(lang),
		Lang: lang, ContentLang: lang, Root: s.cfg.BaseURL, Kind: "404",
		Title: s.theme.T(lang, "not_found"),
		HTML: `<p>` + html.EscapeString(s.theme.T(lang, "not_found_lead")) + ` <a href="` + html.EscapeString(s.cfg.BaseURL) + `index.html">` +
			html.EscapeString(s.theme.T(lang, "back_home")) + `</a>.</p>`,
		SearchIndex: s.cfg.BaseURL + s.search[lang],
	}
	rp.Nav, _ = s.menus(job{slug: "", lang: lang}, s.cfg.BaseURL, "", false)
	b, err := s.theme.Render(rp)
	return render.File{Path: NotFoundSlug + ".html", Data: b}, err
}
