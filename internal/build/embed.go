package build

import (
	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/render"
)

// embedPages writes one page per chart of a board, for other sites to
// show in an iframe: embed/ID.html (en/embed/ID.html in English). It
// carries the chart as the board draws it, with its table view, source
// and downloads, the board's filters (so ?country=ES works there too) and
// a link back to the board, and none of the site's chrome.
func (s *siteModel) embedPages(board *render.Page, blocks []chart.Block, boardURL string) ([]render.File, error) {
	var files []render.File
	for _, b := range blocks {
		c, ok := b.Content.(*chart.Chart)
		if !ok || c.Empty != "" {
			continue
		}
		url := board.LangPrefix + render.EmbedDir + c.ID + ".html"
		root := rel(url)
		ep := &render.Page{
			Site: board.Site, Lang: board.Lang, ContentLang: board.ContentLang, LangPrefix: board.LangPrefix,
			Root: root, Title: c.Title, Kind: render.KindEmbed,
			Filters: board.Filters, Countries: root + s.countries[board.Lang], Islands: board.Islands,
			HTML: content.Placeholder(0), Blocks: []chart.Block{b},
			Board: root + boardURL + "#" + c.ID,
		}
		data, err := s.theme.Render(ep)
		if err != nil {
			return nil, err
		}
		files = append(files, render.File{Path: url, Data: data})
	}
	return files, nil
}
