package content

import (
	"bufio"
	"html"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// searchText returns what the page's HTML shows as text, taken from the
// Markdown's syntax tree: the text of paragraphs, headings, lists, tables,
// links and code, as goldmark writes it (escapes and entities resolved),
// without what the HTML holds in attributes (an image's alt text, a link's
// title) or leaves out (raw HTML, the blocks). Every element of the HTML
// is a word boundary, as it was when the index was read from the HTML:
// "**Bog**otá" gives "Bog otá".
func searchText(doc ast.Node, src []byte, w *bufio.Writer) string {
	var sb strings.Builder
	w.Reset(&sb)
	gw := gmhtml.DefaultWriter
	lines := func(n ast.Node) {
		for i := range n.Lines().Len() {
			seg := n.Lines().At(i)
			gw.RawWrite(w, seg.Value(src))
		}
	}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		switch n := n.(type) {
		case *ast.Text:
			if entering {
				if n.IsRaw() {
					gw.RawWrite(w, n.Segment.Value(src))
				} else {
					gw.Write(w, n.Segment.Value(src))
				}
				if n.SoftLineBreak() || n.HardLineBreak() {
					w.WriteByte(' ')
				}
			}
			return ast.WalkContinue, nil
		case *ast.String:
			if entering {
				switch {
				case n.IsCode():
					w.Write(n.Value)
				case n.IsRaw():
					gw.RawWrite(w, n.Value)
				default:
					gw.Write(w, n.Value)
				}
			}
			return ast.WalkContinue, nil
		}
		w.WriteByte(' ') // every other node is an element of the HTML
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					gw.RawWrite(w, t.Segment.Value(src))
				}
			}
		case *ast.AutoLink:
			w.Write(util.EscapeHTML(n.Label(src)))
		case *ast.FencedCodeBlock:
			if !slices.Contains(BlockKinds, string(n.Language(src))) {
				lines(n)
			}
		case *ast.CodeBlock:
			lines(n)
		case *ast.Image, *ast.HTMLBlock, *ast.RawHTML:
		default:
			return ast.WalkContinue, nil
		}
		w.WriteByte(' ')
		return ast.WalkSkipChildren, nil
	})
	w.Flush()
	return html.UnescapeString(sb.String())
}
