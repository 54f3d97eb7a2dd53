package build

import (
	"html/template"

	"github.com/tablero/tablero/internal/content"
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

// openDataFiles are datapackage.json and catalog.jsonld. Errors cannot
// come from user input (the values are strings and numbers), so a failure
// to marshal leaves the file out rather than failing the build.
func (s *siteModel) openDataFiles() []render.File {
	var files []render.File
	od := s.openData()
	if b, err := opendata.DataPackage(od, s.tables); err == nil {
		files = append(files, render.File{Path: "datapackage.json", Data: b})
	}
	if b, err := opendata.Catalog(od, s.tables); err == nil {
		files = append(files, render.File{Path: "catalog.jsonld", Data: b})
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
