package build

import (
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/render"
)

// maxSearchText bounds the text of a page kept in the search index.
const maxSearchText = 2000

// searchDoc is one entry of the search index.
type searchDoc struct {
	Title string `json:"t"`
	URL   string `json:"u"` // relative to the output root
	Kind  string `json:"k"`
	Text  string `json:"x"`
}

// buildSearch writes the search index of lang as a script (not JSON to
// fetch: fetch() is refused on file://).
func (s *siteModel) buildSearch(lang string) {
	var docs []searchDoc
	prefix := ""
	if lang != s.defaultLang {
		prefix = lang + "/"
	}
	for _, slug := range s.slugs {
		p, _ := s.page(slug, lang)
		text := strings.Join(strings.Fields(p.Text), " ")
		if len(text) > maxSearchText {
			text = text[:strings.LastIndexByte(text[:maxSearchText], ' ')+1]
		}
		docs = append(docs, searchDoc{Title: p.Meta.Title, URL: prefix + slug + ".html", Kind: p.Meta.Kind, Text: p.Meta.Summary + " " + text})
	}
	catalogue := prefix + s.catalogueSlug() + ".html"
	for _, t := range s.tables {
		docs = append(docs, searchDoc{Title: t.Schema.Title.In(lang), URL: s.theme.LinkTo(catalogue, "dataset", t.Name), Kind: "dataset",
			Text: t.Schema.Description.In(lang) + " " + t.Name})
	}
	if m := s.searchMemo[lang]; m != nil && slices.Equal(m.docs, docs) {
		s.search[lang] = m.path
		s.searchFiles = append(s.searchFiles, m.files...)
		return
	}
	before := len(s.searchFiles)
	if len(docs) >= SearchShardMin {
		s.search[lang] = s.shardSearch(lang, docs)
	} else {
		s.search[lang] = s.script("search-"+lang, "TABLERO_SEARCH", docs)
	}
	if s.searchMemo != nil {
		s.searchMemo[lang] = &searchIndex{docs: docs, path: s.search[lang], files: slices.Clone(s.searchFiles[before:])}
	}
}

// searchIndex is a language's search index as the previous build of the
// preview wrote it: its entries, the script pages load, and its files. A
// rebuild after a figure changed has the same entries, and writing the
// index again was a seventh of the time of such a rebuild at 1,000 pages.
type searchIndex struct {
	docs  []searchDoc
	path  string
	files []render.File
}
