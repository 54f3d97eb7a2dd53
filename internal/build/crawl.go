package build

import (
	"encoding/xml"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/render"
)

// crawlerFiles are robots.txt and, when the site has a base URL (a
// sitemap lists absolute addresses), one sitemap per language, which
// robots.txt names.
func (s *siteModel) crawlerFiles() []render.File {
	var files []render.File
	var robots strings.Builder
	robots.WriteString("User-agent: *\nAllow: /\n")
	if base := s.cfg.BaseURL; base != "" {
		for _, lang := range s.cfg.Languages {
			name := "sitemap-" + lang + ".xml"
			files = append(files, render.File{Path: name, Data: s.sitemap(lang)})
			robots.WriteString("Sitemap: " + base + name + "\n")
		}
	}
	return append(files, render.File{Path: "robots.txt", Data: []byte(robots.String())})
}

// sitemapURL is one page of a sitemap with its address in every language
// (Google's hreflang annotations).
type sitemapURL struct {
	XMLName   xml.Name         `xml:"url"`
	Loc       string           `xml:"loc"`
	Alternate []sitemapAltLink `xml:"xhtml:link"`
}

type sitemapAltLink struct {
	Rel      string `xml:"rel,attr"`
	Hreflang string `xml:"hreflang,attr"`
	Href     string `xml:"href,attr"`
}

// sitemapOpen starts a sitemap: the root element declares the xhtml
// prefix its links use, which encoding/xml does not write for a prefixed
// name given in a struct tag.
const sitemapOpen = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">`

// sitemap lists every page of lang, one <url> a line.
func (s *siteModel) sitemap(lang string) []byte {
	base := s.cfg.BaseURL
	var b strings.Builder
	b.WriteString(xml.Header + sitemapOpen + "\n")
	for _, slug := range slices.Concat(s.slugs, s.sectionSlugs) {
		u := sitemapURL{Loc: base + pageURL(lang, s.defaultLang, slug)}
		for _, other := range s.cfg.Languages {
			u.Alternate = append(u.Alternate, sitemapAltLink{Rel: "alternate", Hreflang: other, Href: base + pageURL(other, s.defaultLang, slug)})
		}
		// Strings and a fixed shape: Marshal has nothing to fail on.
		x, _ := xml.Marshal(u)
		b.WriteString("  ")
		b.Write(x)
		b.WriteString("\n")
	}
	b.WriteString("</urlset>\n")
	return []byte(b.String())
}
