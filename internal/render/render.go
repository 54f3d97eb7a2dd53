// Package render executes the theme's templates: it turns the pages and
// their built blocks into HTML and gives the theme's assets content-hashed
// names. It returns files in memory; writing them is the build's job.
package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"html/template"
	"io"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
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
	assets map[string]string            // logical name (e.g. "tablero.css") → hashed path
	Files  []File                       // the assets, under their hashed paths
	words  i18n.Words                   // i18n/LANG.toml
	ui     map[string]map[string]string // lang → every word, for templates (.UI)
	uiHTML map[string]map[string]string // the same escaped, for the blocks written in Go
	ids    map[string]string            // name → id of the theme's markup; see ID
}

// LoadTheme parses themes/NAME from fsys. Every file under assets/ is
// published as assets/BASE.HASH.EXT (flattened); licence files keep their
// names so they travel with what they cover.
func LoadTheme(fsys fs.FS, name string) (*Theme, diag.List) {
	root := "themes/" + name
	th := &Theme{assets: map[string]string{}}
	var l diag.List
	t := template.New("").Funcs(template.FuncMap{
		"t": func(lang, key string) string { return th.words.T(lang, key) },
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
		if d, ok := dataset.InsideSite(fsys, p); !ok {
			l.Add(d)
			continue
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Add(diag.ReadError(p, err))
			continue
		}
		if _, err := t.New(path.Base(p)).Parse(string(b)); err != nil {
			l.Add(templateError(p, err))
		}
	}
	th.tmpl = t
	words, wl := loadWords(fsys, root)
	th.words = words
	l = append(l, wl...)
	th.ids = templateIDs(t)
	th.ui, th.uiHTML = map[string]map[string]string{}, map[string]map[string]string{}
	for _, lang := range i18n.Langs {
		th.ui[lang] = th.words.In(lang)
		th.uiHTML[lang] = escapeWords(th.ui[lang])
	}
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
		// A link to a file outside the site would publish it.
		if d, ok := dataset.InsideSite(fsys, p); !ok {
			l.Add(d)
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			l.Add(diag.ReadError(p, err)) // and the other assets are still read
			return nil
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

// templateError places a template's parse error ("template: NAME:LINE: …"
// or "template: NAME:LINE:COL: …") at its line and column in file.
func templateError(file string, err error) diag.Diagnostic {
	msg := err.Error()
	line, col := 0, 0
	if m := templatePos.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		col, _ = strconv.Atoi(m[2])
		msg = msg[len(m[0]):]
	}
	return diag.Errorf(file, line, col, "plantilla no válida: %s", "invalid template: %s", msg)
}

var templatePos = regexp.MustCompile(`^template: [^:]*:(\d+):(?:(\d+):)? `)

// Asset returns the published path of a theme asset.
func (th *Theme) Asset(name string) string { return th.assets[name] }

// Link is an entry in a menu or list of boards.
type Link struct {
	Title, URL, Summary, Kind string
	Current                   bool
	Slug                      string // the page's slug, e.g. "sectores/comercio"
	// Headline is the board's headline figure, shown on its card on the
	// home page; Render writes it into HeadlineHTML (inside the card's
	// link) and HeadlineSource (after it).
	Headline                     *chart.KPI
	HeadlineHTML, HeadlineSource template.HTML
}

// Alternate is the same page in another language.
type Alternate struct {
	Lang string
	URL  string // relative to the current page
	Href string // absolute, when the site has a base URL; else "" (no hreflang link)
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
	Citation                                                string // how to cite the dataset
	Workbook                                                string // the original Excel workbook, when the dataset is one
}

// Filter is a control that narrows a board's charts to one value of a column.
type Filter struct {
	Column, Label string
	Options       []Option
	// Pages is set when some value has a page of its own (a country's):
	// the theme then links the chosen value's page beside the filter.
	Pages bool
}

// Option is one value of a filter, and the address and title of its page
// (a country page, relative to this page), if it has one.
type Option struct{ Value, Label, Page, PageTitle string }

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
	JSONLD       template.JS // schema.org records of the page's datasets, for harvesters
	Filters      []Filter
	Untranslated bool
	SectorNav    bool // list the other sector boards at the foot of a sector board
	// Prev and Next are a page's neighbours in its section, or the
	// pages before and after on a section index.
	Prev, Next *Link
	// SectionIndex marks a page of a section index (a generated one, or
	// a folder's own index.md): Boards are its cards. PageN and
	// PageCount number its pages.
	SectionIndex     bool
	PageN, PageCount int
	SearchIndex      string // relative URL of the language's search index script, loaded when the reader searches
	Countries        string // relative URL of the country names in Lang, loaded with the world map
	// CountryPages maps a country's ISO code to its page (a page generated
	// from a country column), from the root of a language: maps and
	// tables link the country there.
	CountryPages map[string]string

	HTML   string // rendered Markdown with block placeholders
	Blocks []chart.Block

	// Index is the catalogue page's data index (catalogue.go).
	Index *DataIndex

	// Set by Render.
	UI            map[string]string // the theme's interface strings in Lang
	Body          template.HTML
	HasCharts     bool
	HasMap        bool
	EChartsBundle string
}

// KindSection is the kind of a page of a section index: cards for the
// pages of a content folder, a page at a time.
const KindSection = "section"

// halfNext reports whether block i+1 is a half-width block that follows
// block i with nothing but blank space between them (rest is the HTML
// after block i), so that the two share a row of half-width blocks.
func halfNext(blocks []chart.Block, i int, rest string) bool {
	if i+1 >= len(blocks) || !blocks[i+1].Half {
		return false
	}
	between, _, ok := strings.Cut(rest, content.Placeholder(i+1))
	return ok && strings.TrimSpace(between) == ""
}

// Render writes a page.
func (th *Theme) Render(p *Page) ([]byte, error) {
	var out bytes.Buffer
	if err := th.RenderTo(&out, p); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// RenderTo writes a page at the end of out: a build that writes pages as
// it renders them reuses one buffer for many.
func (th *Theme) RenderTo(out *bytes.Buffer, p *Page) error {
	p.UI = th.ui[p.Lang]
	if p.UI == nil {
		p.UI = th.ui[i18n.Langs[0]]
	}
	body := bodyBuffers.Get().(*bytes.Buffer)
	defer bodyBuffers.Put(body)
	body.Reset()
	w, err := th.writeBody(body, p)
	if err != nil {
		return err
	}
	// The body is read in place, not copied: it was a page's largest
	// allocation (a twelfth of a 1,000-page build's bytes). The buffer
	// goes back to its pool only once the page is written, and p.Body is
	// cleared before that, so nothing sees its bytes change.
	defer func() { p.Body = "" }()
	p.Body = template.HTML(unsafe.String(unsafe.SliceData(body.Bytes()), body.Len()))
	for i := range p.Boards {
		if k := p.Boards[i].Headline; k != nil && k.Empty == "" {
			fig, src := w.headline(k)
			p.Boards[i].HeadlineHTML, p.Boards[i].HeadlineSource = template.HTML(fig), template.HTML(src)
		}
	}
	p.EChartsBundle = "echarts-base.min.js"
	for _, b := range p.Blocks {
		if b.Content == nil {
			continue
		}
		if s, drawn := b.Content.Scripts(); drawn {
			p.HasCharts = true
			if s >= chart.Full {
				p.EChartsBundle = "echarts-full.min.js"
			}
			p.HasMap = p.HasMap || s == chart.World
		}
	}
	out.Grow(len(p.Body) + 32<<10) // the page around the body: menus, head, footer
	return th.tmpl.ExecuteTemplate(out, "page", p)
}

// writeBody writes the page's text with its blocks in place of their
// placeholders into body, and returns the writer, which also writes the
// headlines of the boards the page lists.
func (th *Theme) writeBody(body *bytes.Buffer, p *Page) (blockWriter, error) {
	w := blockWriter{b: body, ui: th.uiHTML[p.Lang], lang: p.Lang, root: html.EscapeString(p.Root),
		countries: p.CountryPages, langRoot: p.Root + p.LangPrefix}
	if w.ui == nil {
		w.ui = th.uiHTML[i18n.Langs[0]]
	}
	rest := p.HTML
	inHalf := false // inside a row of half-width blocks
	for i := range p.Blocks {
		ph := content.Placeholder(i)
		before, after, ok := strings.Cut(rest, ph)
		if !ok {
			return w, fmt.Errorf("block %d has no placeholder", i)
		}
		body.WriteString(before)
		rest = after
		if p.Blocks[i].Half && !inHalf {
			body.WriteString(`<div class="half-row">`)
			inHalf = true
		}
		if err := w.block(p.Blocks, i); err != nil {
			return w, err
		}
		if inHalf && !halfNext(p.Blocks, i, rest) {
			body.WriteString("</div>\n")
			inHalf = false
		}
	}
	body.WriteString(rest)
	return w, nil
}

// bodyBuffers hold a page's body while its blocks are written into it:
// the body is then copied once, at its size, into the page.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}
