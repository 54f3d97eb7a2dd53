// Package render executes the theme's templates: it turns the pages and
// their built blocks into HTML and gives the theme's assets content-hashed
// names. It returns files in memory; writing them is the build's job.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// File is one output file.
type File struct {
	Path string // slash path inside the output folder
	Data []byte
	// Open, when set, gives the content instead of Data: large downloads
	// are copied from the source as the file is written.
	Open func() (io.ReadCloser, error)
}

// Theme is a parsed theme: its templates and its assets.
type Theme struct {
	tmpl   *template.Template
	assets map[string]string // logical name (e.g. "tablero.css") → hashed path
	Files  []File            // the assets, under their hashed paths
}

// LoadTheme parses themes/NAME from fsys. Every file under assets/ is
// published as assets/BASE.HASH.EXT (flattened); licence files keep their
// names so they travel with what they cover.
func LoadTheme(fsys fs.FS, name string) (*Theme, diag.List) {
	root := "themes/" + name
	th := &Theme{assets: map[string]string{}}
	var l diag.List
	t := template.New("").Funcs(template.FuncMap{
		"t": func(lang, key string) string {
			if s, ok := ui[lang][key]; ok {
				return s
			}
			return ui["es"][key]
		},
		"asset": func(root, name string) (string, error) {
			p, ok := th.assets[name]
			if !ok {
				return "", fmt.Errorf("theme has no asset %q", name)
			}
			return root + p, nil
		},
		"join": strings.Join,
	})
	tmpls, err := fs.Glob(fsys, root+"/templates/*.html")
	if err != nil || len(tmpls) == 0 {
		l.Add(diag.Errorf(root, 0, 0, "el tema %q no tiene plantillas", "theme %q has no templates", name).
			WithHint("revise theme en site.toml", "check theme in site.toml"))
		return nil, l
	}
	for _, p := range tmpls {
		b, err := fs.ReadFile(fsys, p)
		if err == nil {
			_, err = t.New(path.Base(p)).Parse(string(b))
		}
		if err != nil {
			l.Add(diag.Errorf(p, 0, 0, "plantilla no válida: %v", "invalid template: %v", err))
		}
	}
	th.tmpl = t
	err = fs.WalkDir(fsys, root+"/assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "build" || d.Name() == "node_modules" {
				return fs.SkipDir // the vendoring scripts, not part of the site
			}
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/assets/")
		base := path.Base(rel)
		ext := path.Ext(base)
		if ext == ".js" || ext == ".css" || ext == ".svg" {
			sum := sha256.Sum256(b)
			hashed := "assets/" + strings.TrimSuffix(base, ext) + "." + hex.EncodeToString(sum[:5]) + ext
			th.assets[base] = hashed
			th.Files = append(th.Files, File{Path: hashed, Data: b})
			return nil
		}
		// Licences, notices and readmes of vendored code keep their place.
		th.Files = append(th.Files, File{Path: "assets/" + rel, Data: b})
		return nil
	})
	if err != nil {
		l.Add(diag.Errorf(root+"/assets", 0, 0, "no se pudieron leer los recursos del tema: %v", "cannot read the theme's assets: %v", err))
	}
	sort.Slice(th.Files, func(i, j int) bool { return th.Files[i].Path < th.Files[j].Path })
	return th, l
}

// Asset returns the published path of a theme asset.
func (th *Theme) Asset(name string) string { return th.assets[name] }

// Link is an entry in a menu or list of boards.
type Link struct {
	Title, URL, Summary, Kind string
	Current                   bool
}

// Alternate is the same page in another language.
type Alternate struct {
	Lang string
	URL  string // relative to the current page
	Href string // absolute when the site has a base URL, else relative
}

// Site is what every page knows of the site.
type Site struct {
	Title, Description, Organization, ReportErrors, ReportURL string
}

// DatasetInfo is one entry of the data catalogue.
type DatasetInfo struct {
	Name, Title, Description, Source, URL, Updated, License string
	Rows                                                    int
	RowsText, Columns, Download                             string
}

// Filter is a control that narrows a board's charts to one value of a column.
type Filter struct {
	Column, Label string
	Options       []Option
}

// Option is one value of a filter.
type Option struct{ Value, Label string }

// Page is everything a page template needs.
type Page struct {
	Site         Site
	Lang         string // the page's language
	ContentLang  string // the language the body is written in
	LangPrefix   string // "" or "en/"
	Root         string // relative path to the output root, "" or "../…"
	Title        string
	Summary      string
	Kind         string
	Canonical    string
	Image        string
	Crumb        *Link
	Nav          []Link
	Boards       []Link
	Alternates   []Alternate
	Datasets     []DatasetInfo
	Filters      []Filter
	Untranslated bool
	SectorNav    bool   // list the other sector boards at the foot of a sector board
	SearchIndex  string // relative URL of the language's search index script, loaded when the reader searches
	Countries    string // relative URL of the country names in Lang, loaded with the world map

	HTML   string // rendered Markdown with block placeholders
	Blocks []chart.Block

	// Set by Render.
	UI            map[string]string // the theme's interface strings in Lang
	Body          template.HTML
	HasCharts     bool
	HasMap        bool
	EChartsBundle string
}

// island is what a chart's JSON island carries to tablero.js.
type island struct {
	Option   json.RawMessage `json:"option"`
	Type     string          `json:"type"`
	Title    string          `json:"title"`
	XLabel   string          `json:"xLabel"`
	X        []string        `json:"x"`
	Series   []islandSeries  `json:"series"`
	Unit     string          `json:"unit,omitempty"`
	Variants []chart.Variant `json:"variants,omitempty"`
}

type islandSeries struct {
	Name   string `json:"name"`
	Values []any  `json:"values"`
}

// Render writes a page.
func (th *Theme) Render(p *Page) ([]byte, error) {
	p.UI = ui[p.Lang]
	if p.UI == nil {
		p.UI = ui["es"]
	}
	var body strings.Builder
	rest := p.HTML
	for i := range p.Blocks {
		ph := content.Placeholder(i)
		before, after, ok := strings.Cut(rest, ph)
		if !ok {
			return nil, fmt.Errorf("block %d has no placeholder", i)
		}
		body.WriteString(before)
		rest = after
		html, err := th.block(p, i)
		if err != nil {
			return nil, err
		}
		body.WriteString(html)
	}
	body.WriteString(rest)
	p.Body = template.HTML(body.String())
	p.EChartsBundle = "echarts-base.min.js"
	for _, b := range p.Blocks {
		if b.Chart != nil && b.Chart.Empty == "" {
			p.HasCharts = true
			if b.Chart.Type == "map" || b.Chart.Type == "treemap" {
				p.EChartsBundle = "echarts-full.min.js"
			}
			if b.Chart.Type == "map" {
				p.HasMap = true
			}
		}
	}
	var out bytes.Buffer
	if err := th.tmpl.ExecuteTemplate(&out, "page", p); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// block renders block i of p, opening and closing rows of KPI cards.
func (th *Theme) block(p *Page, i int) (string, error) {
	b := p.Blocks[i]
	var out bytes.Buffer
	data := map[string]any{"Lang": p.Lang, "Root": p.Root, "UI": p.UI}
	var err error
	switch b.Kind {
	case "chart":
		c := b.Chart
		data["C"] = c
		if c.Frame != nil {
			data["Sources"] = c.Sources
			data["Unit"] = c.Frame.Unit
			island, err := json.Marshal(islandOf(c))
			if err != nil {
				return "", fmt.Errorf("chart %s: %w", c.ID, err)
			}
			// encoding/json escapes <, > and & (so no "</script>" can
			// appear) and U+2028/2029: the JSON is safe as script text.
			data["Island"] = template.JS(island)
			data["FrameRows"] = frameRows(c.Frame, p.Lang)
		} else {
			data["Sources"] = c.Sources
		}
		err = th.tmpl.ExecuteTemplate(&out, "chart", data)
	case "kpi":
		k := b.KPI
		data["K"] = k
		data["Sources"] = k.Sources
		data["Raw"] = strconv.FormatFloat(k.Value, 'f', -1, 64)
		if !math.IsNaN(k.Progress) {
			data["ProgressValue"] = strconv.FormatFloat(math.Round(k.Progress*10)/10, 'f', -1, 64)
			data["ProgressWidth"] = strconv.FormatFloat(math.Min(100, math.Round(k.Progress*10)/10), 'f', -1, 64)
		}
		start, end := kpiRow(p.Blocks, i)
		shared := sameSources(p.Blocks[start:end])
		data["HideSource"] = shared
		if i == start {
			out.WriteString(`<div class="kpi-row"><div class="kpis">`)
		}
		err = th.tmpl.ExecuteTemplate(&out, "kpi", data)
		if err == nil && i == end-1 {
			out.WriteString(`</div>`)
			if shared {
				err = th.tmpl.ExecuteTemplate(&out, "sources", data)
			}
			out.WriteString(`</div>`)
		}
	case "table":
		data["T"] = b.Table
		data["TableRows"] = tableRows(b.Table)
		data["Sources"] = b.Table.Sources
		err = th.tmpl.ExecuteTemplate(&out, "table", data)
	}
	return out.String(), err
}

func islandOf(c *chart.Chart) island {
	is := island{Option: c.Option, Type: c.Type, Title: c.Title, XLabel: c.Frame.XLabel, X: c.Frame.X, Unit: c.Frame.Unit, Variants: c.Variants}
	for _, s := range c.Frame.Series {
		vals := make([]any, len(s.Values))
		for i, v := range s.Values {
			if !math.IsNaN(v) {
				vals[i] = v
			}
		}
		is.Series = append(is.Series, islandSeries{Name: s.Name, Values: vals})
	}
	return is
}

// frameRows writes the rows of a chart's table view. Tables are the bulk
// of a page, so their rows are written here rather than by the template
// engine, whose escaping of every cell through reflection cost half the
// build; every text is escaped with html.EscapeString all the same.
func frameRows(f *chart.Frame, lang string) template.HTML {
	var b strings.Builder
	for i, x := range f.X {
		b.WriteString("<tr><th scope=\"row\">")
		b.WriteString(html.EscapeString(x))
		b.WriteString("</th>")
		for _, s := range f.Series {
			v := s.Values[i]
			if math.IsNaN(v) {
				b.WriteString(`<td class="num" data-sort="">—</td>`)
				continue
			}
			b.WriteString(`<td class="num" data-sort="`)
			b.WriteString(strconv.FormatFloat(v, 'f', -1, 64))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(i18n.FormatNumber(v, lang, -1)))
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
}

// tableRows writes the rows of a table block (see frameRows).
func tableRows(t *chart.Table) template.HTML {
	var b strings.Builder
	for r, row := range t.Rows {
		b.WriteString("<tr")
		if len(t.RowFilters) > 0 {
			b.WriteString(` data-filters="`)
			b.WriteString(html.EscapeString(t.RowFilters[r]))
			b.WriteString(`"`)
		}
		b.WriteString(">")
		for i, c := range row {
			b.WriteString("<td")
			switch {
			case t.Numeric[i]:
				b.WriteString(` class="num"`)
			case t.Long[i]:
				b.WriteString(` class="long"`)
			}
			b.WriteString(` data-sort="`)
			b.WriteString(html.EscapeString(c.Sort))
			b.WriteString(`">`)
			if c.Link != "" { // an http(s) URL, checked by the chart stage
				b.WriteString(`<a href="`)
				b.WriteString(html.EscapeString(c.Link))
				b.WriteString(`" rel="external noopener">`)
				b.WriteString(html.EscapeString(c.Text))
				b.WriteString("</a>")
			} else {
				b.WriteString(html.EscapeString(c.Text))
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	return template.HTML(b.String())
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
	first := row[0].KPI.Sources
	for _, b := range row[1:] {
		if !slices.Equal(b.KPI.Sources, first) {
			return false
		}
	}
	return true
}
