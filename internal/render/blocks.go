package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/dataset"
)

// Blocks (charts, KPI cards, tables) are written here rather than by the
// theme's templates. A large site has thousands of them, and html/template,
// which escapes each value by calling its escapers through reflection,
// spent a sixth of a 1,000-board build on them. The rule is the same as
// the template's: every text, in an element or an attribute, goes through
// esc; every URL is either a link the chart stage checked is http(s) or a
// path built here from a dataset's file name. The theme styles the blocks
// with CSS; the markup is documented in docs/authoring.md.

// blockWriter writes the blocks of one page.
type blockWriter struct {
	b    *bytes.Buffer
	ui   map[string]string
	lang string
	root string
	// countries maps ISO codes to country pages (Page.CountryPages), and
	// langRoot leads from this page to its language's root.
	countries map[string]string
	langRoot  string
}

// countryURL returns the address of country iso's page relative to this
// page, or "" when the site has none.
func (w blockWriter) countryURL(iso string) string {
	if p, ok := w.countries[iso]; ok {
		return w.langRoot + p
	}
	return ""
}

// mapLinks returns, for a map, each country's page by the name the chart
// gives it (what ECharts reports on a click), and the same per row of its
// table view; nil when no country has a page.
func (w blockWriter) mapLinks(c *chart.Chart) (byName map[string]string, rows []string) {
	if c.Type != "map" || len(w.countries) == 0 {
		return nil, nil
	}
	rows = make([]string, len(c.Frame.Keys))
	for i, k := range c.Frame.Keys {
		if u := w.countryURL(k); u != "" {
			if byName == nil {
				byName = map[string]string{}
			}
			byName[c.Frame.X[i]] = u
			rows[i] = u
		}
	}
	if byName == nil {
		return nil, nil
	}
	return byName, rows
}

func (w blockWriter) raw(s ...string) {
	for _, x := range s {
		w.b.WriteString(x)
	}
}

// esc writes text escaped for an element or a quoted attribute.
func (w blockWriter) esc(s string) { w.b.WriteString(html.EscapeString(s)) }

// block writes block i of blocks, opening and closing rows of KPI cards.
func (w blockWriter) block(blocks []chart.Block, i int) error {
	switch c := blocks[i].Content.(type) {
	case *chart.Chart:
		return w.chart(c)
	case *chart.KPI:
		start, end := kpiRow(blocks, i)
		shared := sameSources(blocks[start:end])
		if i == start {
			w.raw(`<div class="kpi-row"><div class="kpis">`)
		}
		w.kpi(c, shared)
		if i == end-1 {
			w.raw(`</div>`)
			if shared {
				w.sources(c.Sources)
			}
			w.raw(`</div>`)
		}
	case *chart.Table:
		w.table(c)
	}
	return nil
}

func (w blockWriter) caption(title, subtitle string) {
	w.raw("\n  <figcaption>\n    <h2 class=\"block-title\">")
	w.esc(title)
	w.raw("</h2>")
	w.wrapped(`<p class="subtitle">`, subtitle, "</p>")
	w.raw("\n  </figcaption>")
}

func (w blockWriter) chart(c *chart.Chart) error {
	w.raw("\n<figure class=\"block chart-block\" id=\"")
	w.esc(c.ID)
	w.raw(`">`)
	w.caption(c.Title, c.Subtitle)
	if c.Empty != "" {
		w.empty(c.Empty)
	} else {
		id := html.EscapeString(c.ID)
		w.raw("\n  <div class=\"chart-tabs\" role=\"group\">\n    <button type=\"button\" class=\"tab\" aria-pressed=\"true\" data-view=\"chart\">",
			w.ui["chart"], "</button>\n    <button type=\"button\" class=\"tab\" aria-pressed=\"false\" data-view=\"table\">",
			w.ui["table"], "</button>\n  </div>\n  <p class=\"empty filter-empty\" hidden>", w.ui["no_selection"], "</p>\n  <div class=\"chart chart-")
		w.esc(c.Type)
		links, rowLinks := w.mapLinks(c)
		w.raw(`" role="img" aria-labelledby="`, id, `-alt" data-chart="`, id, `-data"`)
		if links != nil {
			// Clicking a country opens its page (tablero.js); the table
			// view links the same pages for the keyboard.
			j, err := json.Marshal(links)
			if err != nil {
				return fmt.Errorf("chart %s: %w", c.ID, err)
			}
			w.raw(` data-links="`)
			w.esc(string(j))
			w.raw(`"`)
		}
		w.raw("></div>\n  <script type=\"application/json\" id=\"", id, `-data">`)
		// encoding/json escapes <, > and & (so no "</script>" can appear)
		// and U+2028/2029: the JSON is safe as the script's text.
		if err := writeIsland(w.b, islandOf(c, w.lang)); err != nil {
			return fmt.Errorf("chart %s: %w", c.ID, err)
		}
		w.raw("</script>\n  <div class=\"table-view\" hidden>\n    <table class=\"data sortable\">\n      <caption class=\"sr-only\">")
		w.esc(c.Title)
		w.raw("</caption>\n      <thead><tr><th scope=\"col\">")
		w.esc(c.Frame.XLabel)
		w.raw("</th>")
		for _, s := range c.Frame.Series {
			w.raw(`<th scope="col" class="num">`)
			if s.Name != "" {
				w.esc(s.Name)
			} else {
				w.esc(c.Frame.Unit)
			}
			w.raw("</th>")
		}
		w.raw("</tr></thead>\n      <tbody>\n      ")
		w.frameRows(c.Frame, rowLinks)
		w.raw("\n      </tbody>\n    </table>\n  </div>\n  <p class=\"sr-only\" id=\"", id, `-alt">`)
		w.esc(c.Alt)
		w.raw("</p>\n  <p class=\"gaps\" data-prefix=\"", w.ui["no_figure"], `"`)
		if len(c.Gaps) == 0 {
			w.raw(` hidden>`)
		} else {
			w.raw(">", w.ui["no_figure"], ": ")
			w.esc(strings.Join(c.Gaps, ", "))
			w.raw(".")
		}
		w.raw("</p>")
	}
	w.note(c.Note)
	w.raw("\n  ")
	w.sources(c.Sources)
	if c.Empty == "" {
		w.raw("\n  <p class=\"downloads\"><span>", w.ui["download"], ":</span>\n    <button type=\"button\" data-download=\"csv\">",
			w.ui["download_csv"], "</button>\n    <button type=\"button\" data-download=\"png\">",
			w.ui["download_png"], "</button>\n    <button type=\"button\" data-download=\"svg\">",
			w.ui["download_svg"], "</button>\n    <a href=\"", w.root)
		w.esc(dataset.CSVPath(c.Dataset))
		w.raw("\" download>", w.ui["dataset_csv"], "</a>\n  </p>")
		w.embed(c)
	}
	w.raw("\n</figure>\n")
	return nil
}

// empty writes the text a block shows instead of its figures.
func (w blockWriter) empty(text string) {
	w.raw("\n  <p class=\"empty\">")
	w.esc(text)
	w.raw("</p>")
}

func (w blockWriter) note(note string) { w.wrapped(`<p class="note">`, note, "</p>") }

// wrapped writes text, escaped, between open and close; nothing when
// text is empty.
func (w blockWriter) wrapped(open, text, close string) {
	if text != "" {
		w.raw(open)
		w.esc(text)
		w.raw(close)
	}
}

// link writes text as a link to url, or as plain text without one. Links
// in blocks lead to other sites: url is http(s), checked by the chart stage.
func (w blockWriter) link(text, url string) {
	if url == "" {
		w.esc(text)
		return
	}
	w.raw(`<a href="`)
	w.esc(url)
	w.raw(`" rel="external noopener">`)
	w.esc(text)
	w.raw("</a>")
}

// own writes text as a link to url, a page of this site.
func (w blockWriter) own(text, url string) {
	w.raw(`<a href="`)
	w.esc(url)
	w.raw(`">`)
	w.esc(text)
	w.raw("</a>")
}

// sources writes the line naming where a block's figures come from.
func (w blockWriter) sources(src []chart.Source) {
	if len(src) == 0 {
		return
	}
	label := w.ui["source"]
	if len(src) > 1 {
		label = w.ui["sources"]
	}
	w.raw("\n<p class=\"source\">", label, ":")
	for i, s := range src {
		if i > 0 {
			w.raw(";")
		}
		w.raw("\n")
		w.link(s.Name, s.URL)
		if s.Date != "" {
			w.raw(" (")
			w.esc(s.Date)
			w.raw(")")
		}
	}
	w.raw("</p>\n")
}

func (w blockWriter) kpi(k *chart.KPI, hideSource bool) {
	w.raw("\n<div class=\"card kpi\"")
	if k.Empty != "" {
		w.raw(" data-empty")
	}
	w.raw(">\n  <p class=\"kpi-title\">")
	w.esc(k.Title)
	w.raw("</p>")
	if k.Empty != "" {
		w.empty(k.Empty)
	} else {
		w.kpiFigure(k)
		if k.GoalText != "" {
			progress := 0.0
			if !math.IsNaN(k.Progress) {
				progress = math.Round(k.Progress*10) / 10
			}
			w.raw("\n  <div class=\"kpi-goal\">\n    <div class=\"bar\" role=\"progressbar\" aria-valuemin=\"0\" aria-valuemax=\"100\" aria-valuenow=\"",
				strconv.FormatFloat(progress, 'f', -1, 64), `" aria-label="`, w.ui["progress"], `"><span style="width: `,
				strconv.FormatFloat(math.Min(100, progress), 'f', -1, 64), "%\"></span></div>\n    <p>")
			w.esc(k.ProgressText)
			w.raw(" ", w.ui["of_goal"], " ")
			w.esc(k.GoalText)
			w.raw("</p>\n  </div>")
		}
		w.wrapped(`<p class="kpi-change">`, k.Change, "</p>")
	}
	if !hideSource {
		w.sources(k.Sources)
	}
	w.raw("\n</div>\n")
}

func (w blockWriter) table(t *chart.Table) {
	w.raw("\n<figure class=\"block table-block\">")
	w.caption(t.Title, t.Subtitle)
	if t.Empty != "" {
		w.empty(t.Empty)
	} else {
		w.raw("\n  <div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"")
		w.esc(t.Title)
		w.raw("\">\n  <table class=\"data sortable")
		if folded(t) {
			w.raw(` folded" data-collapse="`, strconv.Itoa(foldRows))
		}
		w.raw("\">\n    <thead><tr>")
		for i, h := range t.Header {
			w.raw(`<th scope="col"`)
			if t.Numeric[i] {
				w.raw(` class="num"`)
			}
			w.raw(">")
			w.esc(h)
			w.raw("</th>")
		}
		w.raw("</tr></thead>\n    <tbody>\n    ")
		w.tableRows(t)
		w.raw("\n    </tbody>\n  </table>\n  </div>")
	}
	w.note(t.Note)
	w.raw("\n  ")
	w.sources(t.Sources)
	w.raw("\n</figure>\n")
}

// kpiFigure writes a card's figure, its qualifier and unit, and its
// period. The figure with its qualifier stays on one line (span.kpi-num);
// the unit wraps as a whole under it when the card is narrow.
func (w blockWriter) kpiFigure(k *chart.KPI) {
	w.raw("\n  <p class=\"kpi-value\"><span class=\"kpi-num\">")
	w.wrapped(`<span class="kpi-qual">`, k.Before, "</span> ")
	w.raw(`<data value="`, strconv.FormatFloat(k.Value, 'f', -1, 64), `">`)
	w.esc(k.Text)
	w.raw("</data>")
	w.wrapped(`<span class="kpi-upper">–`, k.Upper, "</span>")
	w.raw("</span>")
	w.wrapped(` <span class="kpi-unit">`, k.Unit, "</span>")
	w.wrapped(` <span class="kpi-qual kpi-after">(`, k.After, ")</span>")
	w.raw("</p>")
	w.wrapped(`<p class="kpi-period">`, k.Period, "</p>")
}

// headline writes a board's headline figure for its card on the home
// page: the figure (with qualifier, unit and period) to go inside the
// card's link, and its source, with links of its own, to go after it.
func (w blockWriter) headline(k *chart.KPI) (figure, source string) {
	var b bytes.Buffer
	hw := w
	hw.b = &b
	hw.raw("<div class=\"board-kpi\">\n  <p class=\"kpi-title\">")
	hw.esc(k.Title)
	hw.raw("</p>")
	hw.kpiFigure(k)
	hw.raw("\n</div>")
	figure = b.String()
	b.Reset()
	hw.sources(k.Sources)
	return figure, b.String()
}

// frameRows writes the rows of a chart's table view; links, when not nil,
// holds a page for each row's category ("" for none).
func (w blockWriter) frameRows(f *chart.Frame, links []string) {
	for i, x := range f.X {
		w.raw("<tr><th scope=\"row\">")
		if links != nil && links[i] != "" {
			w.own(x, links[i])
		} else {
			w.esc(x)
		}
		w.raw("</th>")
		for j, s := range f.Series {
			v := s.Values[i]
			if math.IsNaN(v) {
				w.raw(`<td class="num" data-sort="">—</td>`)
				continue
			}
			label := f.Label(j, i, w.lang)
			w.raw(`<td class="num"`)
			w.sortKey(label, strconv.FormatFloat(v, 'f', -1, 64))
			w.raw(">")
			w.esc(label)
			w.raw("</td>")
		}
		w.raw("</tr>\n")
	}
}

// foldRows is how many rows a long table block shows until the reader
// asks for all (tablero.js's button, data-collapse). The rows past them are
// marked in the HTML (tr.beyond) and the stylesheet hides them where
// scripts run, so the page's first layout, before any script, has only
// these to lay out (on a sector board, most of its cost at 4× slowdown);
// without JavaScript and in print every row shows.
const foldRows = 10

// folded reports whether table block t is long enough to fold.
func folded(t *chart.Table) bool { return len(t.Rows) > foldRows }

// tableRows writes the rows of a table block.
func (w blockWriter) tableRows(t *chart.Table) {
	fold := folded(t)
	for r, row := range t.Rows {
		w.raw("<tr")
		if fold && r >= foldRows {
			w.raw(` class="beyond"`)
		}
		if len(t.RowFilters) > 0 {
			w.raw(` data-filters="`)
			w.esc(t.RowFilters[r])
			w.raw(`"`)
		}
		w.raw(">")
		for i, c := range row {
			w.raw("<td")
			switch {
			case t.Numeric[i]:
				w.raw(` class="num"`)
			case t.Long[i]:
				w.raw(` class="long"`)
			}
			w.sortKey(c.Text, c.Sort)
			w.raw(">")
			if u := w.countryURL(c.Country); c.Link == "" && u != "" {
				w.own(c.Text, u)
			} else {
				w.link(c.Text, c.Link)
			}
			w.raw("</td>")
		}
		w.raw("</tr>\n")
	}
}

// kpiRow returns the bounds [start, end) of the row of KPI cards holding
// block i.
func kpiRow(blocks []chart.Block, i int) (start, end int) {
	start = i
	for start > 0 && blocks[start].InRow {
		start--
	}
	end = i + 1
	for end < len(blocks) && blocks[end].InRow {
		end++
	}
	return start, end
}

// sameSources reports whether every card of a row cites the same sources,
// which are then written once under the row instead of on every card.
func sameSources(row []chart.Block) bool {
	if len(row) < 2 {
		return false
	}
	var first []chart.Source
	for i, b := range row {
		k, ok := b.Content.(*chart.KPI)
		if !ok {
			return false
		}
		if i == 0 {
			first = k.Sources
		} else if !slices.Equal(k.Sources, first) {
			return false
		}
	}
	return true
}

// embed writes the box that gives the code placing the chart on another
// site. The code is written by tablero.js when the box opens: it needs the
// page's absolute address and the reader's filters, and a page of many
// charts would otherwise carry a kilobyte of it per chart. Without scripts
// there is nothing to embed, so the box stays hidden.
func (w blockWriter) embed(c *chart.Chart) {
	w.raw("\n  <details class=\"embed\" data-embed hidden>\n    <summary>", w.ui["embed"], "</summary>\n    <label for=\"")
	w.esc(c.ID)
	w.raw("-embed\">", w.ui["embed_help"], "</label>\n    <textarea id=\"")
	w.esc(c.ID)
	w.raw("-embed\" readonly rows=\"5\" spellcheck=\"false\"></textarea>\n  </details>")
}
