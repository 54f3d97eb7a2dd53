// Package content reads the site's Markdown pages: it splits the TOML front
// matter, renders the Markdown with goldmark (raw HTML off) and collects the
// chart, kpi and table blocks for later stages to fill in.
package content

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/tomlx"
)

// Page kinds.
const (
	KindHome      = "home"
	KindSector    = "sector"
	KindHistory   = "history"
	KindCatalogue = "catalogue"
	KindPage      = "page"
)

var kinds = []string{KindHome, KindSector, KindHistory, KindCatalogue, KindPage}

// Meta is a page's front matter.
type Meta struct {
	Title   string   `toml:"title"`
	Menu    string   `toml:"menu"` // short title for menus; defaults to Title
	Kind    string   `toml:"kind"`
	Order   int      `toml:"order"`
	Summary string   `toml:"summary"`
	Filters []string `toml:"filters"` // columns a reader can filter the board by
	Image   string   `toml:"image"`   // social card image, relative to the site root
	// Generate makes the page a template: one page per distinct value of
	// a dataset's column (see internal/build/generate.go). Like
	// [headline], the [generate] table comes last in the front matter.
	Generate *Generate `toml:"generate"`
	// Headline is the figure the home page's card of this board shows, a
	// [headline] table with the keys of a kpi block; Page.Headline holds
	// it as a block (see headline.go).
	Headline map[string]any `toml:"headline"`
}

// Generate is a template page's [generate] table.
type Generate struct {
	// Data names the dataset, or several, and By the column, or several:
	// the pages are one per value found in any of those columns of any
	// of those datasets (DatACI's countries are in four datasets, as a
	// country of origin or a cooperation partner's country).
	Data Names `toml:"data"`
	By   Names `toml:"by"`
}

// Names is a name or a list of names.
type Names []string

// UnmarshalTOML implements toml.Unmarshaler.
func (n *Names) UnmarshalTOML(v any) error {
	if s, ok := tomlx.Strings(v); ok && len(s) > 0 {
		*n = append(*n, s...)
		return nil
	}
	return i18n.Errorf(`se espera un nombre entre comillas o una lista de nombres ["a", "b"]`, `expected a name in quotes or a list of names ["a", "b"]`)
}

// Page is one Markdown file, parsed.
type Page struct {
	File string // slash path relative to the site source, e.g. content/sectores/comercio.md
	Slug string // output path without extension, e.g. sectores/comercio ("index" for the home page)
	Lang string // language the file is written in
	// Country is, on a page generated from a country column, the ISO
	// code the page is about: maps and tables of the site link the
	// country to it.
	Country string
	Meta    Meta
	// HTML is the rendered Markdown; each block stands in it as the
	// placeholder returned by Placeholder(i).
	HTML string
	// Text is what HTML shows as text, for the search index.
	Text   string
	Blocks []Block
	// Headline is the front matter's [headline] table as a kpi block, or
	// nil.
	Headline *Block
}

// Block is a fenced ```chart, ```kpi or ```table block.
type Block struct {
	Kind string // chart | kpi | table
	Body string // the TOML inside the fence
	File string
	Line int // line of the first TOML line in File
	// InRow marks kpi blocks that continue the row of cards started by the
	// block before them.
	InRow bool
}

// Placeholder is the text standing for block i in Page.HTML.
func Placeholder(i int) string { return fmt.Sprintf("<!--tablero:block:%d-->", i) }

// SlugAndLang derives a page's output slug and language from its file name:
// content/a/b.md is ("a/b", "es"), content/a/b.en.md is ("a/b", "en").
func SlugAndLang(file, defaultLang string) (slug, lang string) {
	p := strings.TrimPrefix(file, "content/")
	p = strings.TrimSuffix(p, ".md")
	lang = defaultLang
	if ext := path.Ext(p); len(ext) == 3 {
		lang = ext[1:]
		p = strings.TrimSuffix(p, ext)
	}
	return p, lang
}

// Parse reads one page. file is its slash path relative to the site source.
func Parse(file string, src []byte, defaultLang string) (*Page, diag.List) {
	var l diag.List
	if d, ok := checkPage(file, src); !ok {
		return nil, diag.List{d}
	}
	p := &Page{File: file}
	p.Slug, p.Lang = SlugAndLang(file, defaultLang)
	front, body, bodyLine, d := splitFrontMatter(file, src)
	if d != nil {
		l.Add(*d)
		return nil, l
	}
	l = append(l, tomlx.Decode(file, 2, front, &p.Meta)...)
	if p.Meta.Title == "" && len(l) == 0 { // a header that cannot be read says so itself
		l.Add(diag.Errorf(file, 1, 1, "falta el título", "the title is missing").
			WithHint(`añada title = "…" en el encabezado +++`, `add title = "…" to the +++ header`))
	}
	if p.Meta.Headline != nil {
		var d *diag.Diagnostic
		if p.Headline, d = headlineBlock(file, front); d != nil {
			l.Add(*d)
		}
	}
	if p.Meta.Kind == "" {
		p.Meta.Kind = KindPage
	}
	if !slices.Contains(kinds, p.Meta.Kind) {
		d := diag.Errorf(file, 2, 1, "tipo de página desconocido %q", "unknown page kind %q", diag.Short(p.Meta.Kind))
		if n := diag.Nearest(p.Meta.Kind, kinds); n != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
		} else {
			d = d.WithHint("use uno de: %s", "use one of: %s", strings.Join(kinds, ", "))
		}
		l.Add(d)
	}
	if d, ok := checkNesting(file, body, bodyLine); !ok {
		l.Add(d)
		return p, l
	}
	html, text, blocks, imgs, err := render(file, body, bodyLine)
	l = append(l, imgs...)
	if err != nil {
		l.Add(diag.Errorf(file, bodyLine, 0, "no se pudo convertir el Markdown: %v", "cannot convert the Markdown: %v", err))
	}
	p.HTML, p.Text, p.Blocks = html, text, blocks
	return p, l
}

// splitFrontMatter separates the +++ TOML block from the Markdown body and
// returns the line the body starts on.
func splitFrontMatter(file string, src []byte) (front string, body []byte, bodyLine int, d *diag.Diagnostic) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	missing := diag.Errorf(file, 1, 1, "falta el encabezado +++", "the +++ header is missing").
		WithHint("la página debe empezar con una línea +++, el encabezado TOML y otra línea +++",
			"the page must start with a +++ line, the TOML header and another +++ line")
	first, rest, ok := bytes.Cut(src, []byte("\n"))
	if string(bytes.TrimRight(first, " \t")) != "+++" {
		return "", nil, 0, &missing
	}
	line := 2
	var fm strings.Builder
	for len(rest) > 0 || ok {
		var ln []byte
		ln, rest, ok = bytes.Cut(rest, []byte("\n"))
		if string(bytes.TrimRight(ln, " \t")) == "+++" {
			return fm.String(), rest, line + 1, nil
		}
		fm.Write(ln)
		fm.WriteByte('\n')
		line++
		if !ok {
			break
		}
	}
	unclosed := diag.Errorf(file, 1, 1, "el encabezado +++ no está cerrado", "the +++ header is not closed").
		WithHint("añada una línea +++ después del encabezado", "add a +++ line after the header")
	return "", nil, 0, &unclosed
}
