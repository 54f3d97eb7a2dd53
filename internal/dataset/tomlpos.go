package dataset

import (
	"strconv"

	"github.com/tablero/tablero/internal/tomlx"
)

// tomlPos finds where a key or value of a schema is written, so that the
// checks done after decoding can point at the right line. The positions
// come from the TOML document's key index (tomlx.Doc); this adds the
// schema's own fallbacks.
type tomlPos struct {
	text string
	doc  *tomlx.Doc // indexed on the first question: most schemas have no problem
}

func newTOMLPos(text string) *tomlPos { return &tomlPos{text: text} }

func (p *tomlPos) index() *tomlx.Doc {
	if p.doc == nil {
		p.doc = tomlx.Parse(p.text)
	}
	return p.doc
}

// top returns the position of the value of a top-level key. When needle is
// set, it is the position of the nth (from 0) string needle inside that
// value, or of the value when there is none.
func (p *tomlPos) top(key, needle string, nth int) (line, col int) {
	if p == nil {
		return 0, 0
	}
	return p.value(key, needle, nth)
}

func (p *tomlPos) value(path, needle string, nth int) (line, col int) {
	if needle != "" {
		if line, col, ok := p.index().String(path, needle, nth); ok {
			return line, col
		}
	}
	line, col, _ = p.index().Value(path)
	return line, col
}

// column returns the position of the value of key in the n-th column
// (0-based), or of the column's name when key is not written there, or of
// the column's table.
func (p *tomlPos) column(n int, name, key, needle string, nth int) (line, col int) {
	if p == nil {
		return 0, 0
	}
	entry := "columns[" + strconv.Itoa(n) + "]"
	if line, col := p.value(entry+"."+key, needle, nth); line > 0 {
		return line, col
	}
	if line, col, ok := p.index().Value(entry + ".name"); ok {
		return line, col
	}
	line, col, _ = p.index().Key(entry)
	return line, col
}
