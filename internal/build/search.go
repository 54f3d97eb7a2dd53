package build

import (
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/chart"
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
	var known []*entryWords // of docs[i], when the page's reading found them
	for _, slug := range s.slugs {
		p, _ := s.page(slug, lang)
		d, w := pageDoc(p, ""), (*entryWords)(nil)
		if e := s.read[p]; e != nil {
			d, w = e.doc, e.words
		}
		d.URL = prefix + slug + ".html"
		docs = append(docs, d)
		known = append(known, w)
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
		s.search[lang] = s.shardSearch(lang, docs, known)
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

// pageDoc is the search entry of page p, published at url.
func pageDoc(p *chart.Page, url string) searchDoc {
	text := strings.Join(strings.Fields(p.Text), " ")
	if len(text) > maxSearchText {
		text = text[:strings.LastIndexByte(text[:maxSearchText], ' ')+1]
	}
	return searchDoc{Title: p.Meta.Title, URL: url, Kind: p.Meta.Kind, Text: p.Meta.Summary + " " + text}
}

// entryWords are the words of a search entry as a sharded index files
// them: those of its title, and all of them (title and text).
type entryWords struct{ title, all []string }

func wordsOf(d searchDoc) *entryWords {
	return &entryWords{searchWords(d.Title), searchWords(d.Title + " " + d.Text)}
}

// readEntry is page p's search entry without its address, and its words.
// Pages are read on every core and the index is built on one while every
// page waits for its name, so a site large enough for a sharded index has
// its pages' entries made as they are read.
type readEntry struct {
	doc   searchDoc
	words *entryWords
}

func entryOf(p *chart.Page) *readEntry {
	d := pageDoc(p, "")
	return &readEntry{d, wordsOf(d)}
}
