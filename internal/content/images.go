package content

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/tomlx"
)

// scheme matches the start of an address that names its own protocol
// (https:, http:, data:, file:, C: …).
var scheme = regexp.MustCompile(`^[a-zA-Z][a-zA-Z0-9+.-]*:`)

// IsRemote reports whether the address of an image would make the browser
// load it from somewhere other than the published site: it names a
// protocol (https://…, data:…) or another host (//host/…). Browsers drop
// tabs and line breaks from addresses and read \ as /, so this does too.
func IsRemote(dest string) bool {
	d := strings.Map(func(r rune) rune {
		switch r {
		case '\t', '\n', '\r':
			return -1
		case '\\':
			return '/'
		}
		return r
	}, dest)
	d = strings.TrimLeft(d, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f ")
	return strings.HasPrefix(d, "//") || scheme.MatchString(d)
}

// RemoteImage is the diagnostic for an image the page would load from
// outside the site; the build reports the front matter's image with it too.
func RemoteImage(file string, line, col int, dest string) diag.Diagnostic {
	return diag.Errorf(file, line, col, "la imagen %q se cargaría desde fuera del sitio", "image %q would be loaded from outside the site", dest).
		WithHint("el sitio no carga nada de otros sitios: copie la imagen en la carpeta assets del tema (themes/default/assets/) y enlácela con una ruta relativa, p. ej. assets/foto.png",
			"the site loads nothing from other hosts: copy the image into the theme's assets folder (themes/default/assets/) and link it with a relative path, e.g. assets/photo.png")
}

// remoteImages reports every Markdown image of a page whose address is
// remote (see IsRemote), at the address in the file.
type remoteImages struct {
	file     string
	bodyLine int
	diags    diag.List
}

func (r *remoteImages) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		img, ok := n.(*ast.Image)
		if !ok || !entering || !IsRemote(string(img.Destination)) {
			return ast.WalkContinue, nil
		}
		line, col := r.position(src, imageOffset(img, src))
		r.diags.Add(RemoteImage(r.file, line, col, string(img.Destination)))
		return ast.WalkSkipChildren, nil
	})
}

// imageOffset finds where an image's address is written: after its alt
// text, or else in the block that holds it (a reference's definition
// comes later in the file). Where the text differs from the address
// (escapes), the start of the alt text or of the block is as close as it
// gets.
func imageOffset(img *ast.Image, src []byte) int {
	start := 0
	for p := img.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			start = p.Lines().At(0).Start
			break
		}
	}
	if t, ok := img.FirstChild().(*ast.Text); ok {
		start = t.Segment.Start
	}
	if i := bytes.Index(src[start:], img.Destination); i >= 0 {
		return start + i
	}
	return start
}

// position turns an offset of the Markdown body into the page file's line
// and column (in characters).
func (r *remoteImages) position(src []byte, off int) (line, col int) {
	before := src[:off]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return r.bodyLine + bytes.Count(before, []byte("\n")), utf8.RuneCount(before[lineStart:]) + 1
}

// FrontMatterLine returns the line of the page file src on which the front
// matter sets the key path ("image", "generate.by"), or 1 when it cannot
// tell. The position comes from the front matter's key index (tomlx.Doc),
// the one place that knows where TOML keys are.
func FrontMatterLine(src []byte, path string) int {
	front, _, _, d := splitFrontMatter("", src)
	if d != nil {
		return 1
	}
	if line, _, ok := tomlx.Parse(front).Key(path); ok {
		return line + 1 // the front matter starts on the file's second line
	}
	return 1
}
