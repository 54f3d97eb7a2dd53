package build

import (
	"bytes"
	"html/template"
	"io"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/opendata"
	"github.com/tablero/tablero/internal/render"
)

// openData describes the site's datasets for harvesters.
func (s *siteModel) openData() opendata.Site {
	return opendata.Site{
		Config: s.cfg, Lang: s.defaultLang,
		Entry: func(lang, name string) string {
			slug := s.catalogueSlug()
			if p, _ := s.page(slug, lang); p == nil || p.Meta.Kind != content.KindCatalogue {
				return "" // catalogueSlug is "index" on a site without one
			}
			return s.theme.LinkTo(pageURL(lang, s.defaultLang, slug), "dataset", name)
		},
	}
}

// openDataFiles are datapackage.json and catalog.jsonld. A build that
// writes as it goes encodes them as they are written: at 10,000 datasets
// they are 23 MB, which held whole (and held again indented) were 45 MB of
// the 161 MB alive while the pages rendered. The values are strings and
// numbers, so encoding cannot fail on user input; in memory, a failure
// leaves the file out rather than failing the build.
func (s *siteModel) openDataFiles() []render.File {
	od := s.openData()
	writers := []struct {
		path  string
		write func(io.Writer) error
	}{
		{"datapackage.json", func(w io.Writer) error { return opendata.WriteDataPackage(w, od, s.tables) }},
		{"catalog.jsonld", func(w io.Writer) error { return opendata.WriteCatalog(w, od, s.tables) }},
	}
	var files []render.File
	for _, f := range writers {
		if s.writing {
			files = append(files, render.File{Path: f.path, Open: func() (io.ReadCloser, error) { return dataset.Piped(f.write), nil }})
			continue
		}
		var b bytes.Buffer
		if f.write(&b) == nil {
			files = append(files, render.File{Path: f.path, Data: b.Bytes()})
		}
	}
	return files
}

// jsonLD is the schema.org Dataset records of the catalogue page in lang.
func (s *siteModel) jsonLD(lang string) template.JS {
	b, err := opendata.JSONLD(s.openData(), s.tables, lang)
	if err != nil {
		return ""
	}
	return template.JS(b)
}
