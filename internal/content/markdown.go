package content

import (
	"bufio"
	"bytes"
	"html"
	"slices"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/tablero/tablero/internal/diag"
)

// BlockKinds are the fenced-code languages that become blocks.
var BlockKinds = []string{"chart", "kpi", "table"}

// blockCollector renders fenced code blocks: the ones naming a block kind
// become placeholders and are collected; the others render as code.
type blockCollector struct {
	file     string
	source   []byte
	bodyLine int
	blocks   []Block
}

func (r *blockCollector) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, r.renderFenced)
}

func (r *blockCollector) renderFenced(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	lang := string(n.Language(src))
	var body strings.Builder
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		body.Write(seg.Value(src))
	}
	kind := slices.Index(BlockKinds, lang)
	if kind < 0 {
		w.WriteString("<pre><code")
		if lang != "" {
			w.WriteString(` class="language-` + html.EscapeString(lang) + `"`)
		}
		w.WriteString(">" + html.EscapeString(body.String()) + "</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	// The block's first TOML line is the line after the opening fence.
	line := r.bodyLine + bytes.Count(src[:fenceStart(n, src)], []byte("\n")) + 1
	// The kind's own string, not the copy made above: blocks live until
	// their page renders, and at 10,000 pages their tiny copies were
	// scattered over the heap among what reading left behind.
	lang = BlockKinds[kind]
	b := Block{Kind: lang, Body: body.String(), File: r.file, Line: line}
	if lang == "kpi" {
		if prev, ok := n.PreviousSibling().(*ast.FencedCodeBlock); ok && string(prev.Language(src)) == "kpi" {
			b.InRow = true
		}
	}
	w.WriteString(Placeholder(len(r.blocks)) + "\n")
	r.blocks = append(r.blocks, b)
	return ast.WalkSkipChildren, nil
}

// fenceStart returns the offset of the block's opening fence line.
func fenceStart(n *ast.FencedCodeBlock, src []byte) int {
	if n.Info != nil {
		return bytes.LastIndexByte(src[:n.Info.Segment.Start], '\n') + 1
	}
	if n.Lines().Len() > 0 {
		start := n.Lines().At(0).Start
		return bytes.LastIndexByte(src[:max(start-1, 0)], '\n') + 1
	}
	return 0
}

// render converts a page's Markdown body, which starts at line bodyLine of
// file, and reports the images it would load from outside the site. plain
// is what the HTML shows as text (see searchText).
func render(file string, body []byte, bodyLine int) (htm, plain string, blocks []Block, l diag.List, err error) {
	m := markdowns.Get().(*markdown)
	defer m.release()
	*m.blocks = blockCollector{file: file, source: body, bodyLine: bodyLine}
	*m.images = remoteImages{file: file, bodyLine: bodyLine}
	var out bytes.Buffer
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	doc := m.md.Parser().Parse(text.NewReader(body), parser.WithContext(ctx))
	m.w.Reset(&out)
	if err := m.md.Renderer().Render(m.w, body, doc); err != nil {
		return "", "", nil, nil, err
	}
	return out.String(), searchText(doc, body, m.w), m.blocks.blocks, m.images.diags, nil
}

// markdown is a goldmark converter with the page's collectors wired in.
// Setting one up (parsers, renderers, extensions) cost as much as a
// tenth of a page's conversion and most of its allocations, so
// converters are reused, one page at a time each: a page's state lives in
// its collectors, which render resets.
type markdown struct {
	md     goldmark.Markdown
	blocks *blockCollector
	images *remoteImages
	// w buffers what the page's HTML and its search text are written
	// through (goldmark makes a 4 KB buffer per page when not given one).
	w *bufio.Writer
}

var markdowns = sync.Pool{New: func() any {
	m := &markdown{blocks: &blockCollector{}, images: &remoteImages{}, w: bufio.NewWriter(nil)}
	m.md = goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(mdLinks{}, 100), util.Prioritized(m.images, 200))),
		goldmark.WithRendererOptions(
			gmhtml.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(m.blocks, 100)),
		),
	)
	return m
}}

// release lets go of the page (its source, blocks and diagnostics belong
// to the caller now) and returns m to the pool.
func (m *markdown) release() {
	*m.blocks, *m.images = blockCollector{}, remoteImages{}
	m.w.Reset(nil)
	markdowns.Put(m)
}
