package content

import (
	"path"
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"golang.org/x/text/unicode/norm"
)

// headingIDs gives headings readable anchors in Spanish: "Año por año"
// becomes "ano-por-ano" rather than goldmark's "ao-por-ao".
type headingIDs struct{ used map[string]int }

func newHeadingIDs() *headingIDs { return &headingIDs{used: map[string]int{}} }

// Slug turns a title into an ASCII anchor: accents dropped, words joined by "-".
func Slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

func (h *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	id := Slug(string(value))
	if id == "" {
		id = "seccion"
	}
	return h.unique(id)
}

func (h *headingIDs) unique(id string) []byte {
	n := h.used[id]
	h.used[id] = n + 1
	if n > 0 {
		id += "-" + strconv.Itoa(n)
	}
	return []byte(id)
}

func (h *headingIDs) Put(value []byte) { h.used[string(value)]++ }

var _ parser.IDs = (*headingIDs)(nil)

// mdLinks points links to other pages' Markdown files at their HTML:
// "comercio.md#empresas" becomes "comercio.html#empresas".
type mdLinks struct{}

func (mdLinks) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if l, ok := n.(*ast.Link); ok && entering {
			dest := string(l.Destination)
			if strings.Contains(dest, "://") || strings.HasPrefix(dest, "mailto:") {
				return ast.WalkContinue, nil
			}
			file, frag, hasFrag := strings.Cut(dest, "#")
			if strings.HasSuffix(file, ".md") {
				file = strings.TrimSuffix(file, ".md")
				if ext := path.Ext(file); len(ext) == 3 {
					file = strings.TrimSuffix(file, ext) // comercio.en.md → comercio
				}
				dest = file + ".html"
				if hasFrag {
					dest += "#" + frag
				}
				l.Destination = []byte(dest)
			}
		}
		return ast.WalkContinue, nil
	})
}
