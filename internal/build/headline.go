package build

import (
	"encoding/binary"
	"hash"
	"slices"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/render"
)

// headlines gives each board of the home page's list its headline figure
// (front matter [headline]) in lang. A headline with errors is left out
// here: the board's own page reports them.
func (s *siteModel) headlines(boards []render.Link, lang string, ts chart.Tables) {
	for i := range boards {
		p, _ := s.page(boards[i].Slug, lang)
		if p == nil {
			continue
		}
		if k, l := chart.BuildHeadline(p, ts, s.theme.Words(), lang); len(l) == 0 {
			boards[i].Headline = k
		}
	}
}

// headlineKey adds to h what the home page's headlines depend on: the
// files of the boards that have one, and returns names with the datasets
// they draw on added.
func (b *Builder) headlineKey(h hash.Hash, s *siteModel, lang string, names []string) []string {
	return b.headlinesKey(h, s, s.slugs, lang, slices.Clip(names)) // names may be a cache entry's: append copies
}

// headlinesKey adds to h the stamps of the files of the pages among slugs
// that have a headline, and returns names with the datasets those draw on
// added: a page listing them (the home page, a section's index) shows
// their figures.
func (b *Builder) headlinesKey(h hash.Hash, s *siteModel, slugs []string, lang string, names []string) []string {
	for _, slug := range slugs {
		p, _ := s.page(slug, lang)
		if p == nil || p.Page.Headline == nil {
			continue
		}
		if e := b.pages[p.File]; e != nil {
			binary.Write(h, binary.LittleEndian, e.stamp)
		}
		if d := p.Headline.Data(); d != "" && !slices.Contains(names, d) {
			names = append(names, d)
		}
	}
	return names
}
