package dataset

import (
	"bytes"
	"io"

	"github.com/tablero/tablero/internal/diag"
)

// Limits on the shape of a CSV, checked on the bytes before the CSV reader
// splits them: a 50 MB file of one header and 52 million commas took 38 s
// and 5.9 GB, and a 10 MB text cell made a 1.4 GB build and a 103 MB page.
// docs/authoring.md lists them.
const (
	// MaxColumns is the most columns a row (the header included) may have.
	MaxColumns = 1000
	// MaxCell is the largest cell, in bytes as written (quotes included).
	MaxCell = 64 << 10
	// MaxRow is the largest row, in bytes, over all its lines.
	MaxRow = 1 << 20
)

// withinLimits reports whether the CSV read from r (whose text src holds)
// is known to keep within the limits, so that scan needs no guard: a
// workbook's sheet, checked cell by cell as it was read (keepReader's
// checked), or a text held whole with no quote and no line of MaxColumns
// bytes or more. In such a text a row is one line, and its cells, its
// bytes and its separators are each fewer than the line's bytes, so no
// limit can be broken; the guard would be a second pass over every byte
// for nothing (a quarter of reading a large dataset).
func withinLimits(r io.Reader, src spanner) bool {
	if k, ok := r.(*keepReader); ok {
		return k.checked
	}
	data, ok := src.(byteSpan)
	if !ok || bytes.IndexByte(data, '"') >= 0 {
		return false
	}
	for len(data) > 0 {
		line, rest, _ := bytes.Cut(data, []byte("\n"))
		if len(line) >= MaxColumns {
			return false
		}
		data = rest
	}
	return true
}

// limitError is what guard returns once the text goes over a limit.
type limitError struct{ d diag.Diagnostic }

func (e *limitError) Error() string { return e.d.Error() }

// guard passes a CSV through to the CSV reader and stops it with a
// limitError at the first row, cell or column count over the limits. It
// follows quotes the way the reader does, so that separators and line
// breaks inside quoted values count as text.
type guard struct {
	r     io.Reader
	file  string
	delim byte
	err   error

	state     int // one of the field… constants
	line, col int // position of the next byte: 1-based line, characters before it
	rowBytes  int
	rowLine   int
	fields    int
	cellBytes int
	cellLine  int
	cellCol   int
}

const (
	fieldStart = iota
	fieldUnquoted
	fieldQuoted
	fieldQuoteInQuoted // a quote inside a quoted value: the end, or the first of ""
)

func newGuard(r io.Reader, file string, delim rune) *guard {
	g := &guard{r: r, file: file, line: 1, rowLine: 1, fields: 1, cellLine: 1, cellCol: 1}
	if delim < 0x80 {
		g.delim = byte(delim)
	}
	return g
}

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i := 0; i < n; i++ {
		i += g.skipText(p[i:n])
		if i == n {
			break
		}
		if d, ok := g.step(p[i]); !ok {
			g.err = &limitError{d}
			return i, g.err
		}
	}
	return n, err
}

// skipText takes the bytes at the start of p that step would only count:
// in an unquoted value, all but a quote, the separator and line ends; in
// a quoted one, all but a quote and a line feed. It stops short of a
// limit, so that step finds the byte that breaks it. It returns how many
// it took. Most of a CSV is such bytes, and stepping through them one by
// one was more than half the time of reading a large dataset.
func (g *guard) skipText(p []byte) int {
	quoted := g.state == fieldQuoted
	if !quoted && g.state != fieldStart && g.state != fieldUnquoted {
		return 0
	}
	p = p[:min(len(p), MaxRow-g.rowBytes, MaxCell-g.cellBytes)]
	chars, k := 0, 0
	for ; k < len(p); k++ {
		c := p[k]
		if c == '"' || c == '\n' || !quoted && (c == g.delim || c == '\r') {
			break
		}
		if c&0xC0 != 0x80 {
			chars++
		}
	}
	if k > 0 {
		if !quoted {
			g.state = fieldUnquoted
		}
		g.col += chars
		g.rowBytes += k
		g.cellBytes += k
	}
	return k
}

// step takes one byte and reports false when it breaks a limit.
func (g *guard) step(c byte) (diag.Diagnostic, bool) {
	startCell := func() {
		g.cellBytes, g.cellLine, g.cellCol = 0, g.line, g.col+2 // the byte after c
	}
	endRow := g.state != fieldQuoted && c == '\n'
	switch {
	case g.state == fieldQuoted:
		if c == '"' {
			g.state = fieldQuoteInQuoted
		}
	case c == '"' && g.state == fieldStart:
		g.state = fieldQuoted
	case c == '"' && g.state == fieldQuoteInQuoted:
		g.state = fieldQuoted // "" stands for one quote
	case c == g.delim:
		g.fields++
		if g.fields > MaxColumns {
			return tooManyColumns(g.file, g.line, g.col+1), false
		}
		g.state = fieldStart
		startCell()
	case c == '\n':
		g.state = fieldStart
	case c == '\r' && g.state == fieldQuoteInQuoted:
	default:
		if g.state != fieldStart || c != '\r' {
			g.state = fieldUnquoted
		}
	}
	if c == '\n' {
		g.line++
		g.col = 0
	} else if c&0xC0 != 0x80 {
		g.col++
	}
	if endRow {
		g.rowBytes, g.rowLine, g.fields = 0, g.line, 1
		g.cellBytes, g.cellLine, g.cellCol = 0, g.line, 1
		return diag.Diagnostic{}, true
	}
	g.rowBytes++
	if g.rowBytes > MaxRow {
		return rowTooLong(g.file, g.rowLine), false
	}
	if c != g.delim || g.state == fieldQuoted {
		g.cellBytes++
	}
	if g.cellBytes > MaxCell {
		return cellTooLong(g.file, g.cellLine, g.cellCol), false
	}
	return diag.Diagnostic{}, true
}

// The messages of the limits, one place for a CSV's guard and a sheet's
// reader (which names the cell in at, with line and col 0).

func tooManyColumns(at string, line, col int) diag.Diagnostic {
	return diag.Errorf(at, line, col, "la fila tiene más de %d columnas", "the row has more than %d columns", MaxColumns).
		WithHint("revise el separador de esta línea; si de verdad son tantas columnas, divida la tabla en varios archivos",
			"check the separator on this line; if there really are that many columns, split the table into several files")
}

func rowTooLong(at string, line int) diag.Diagnostic {
	return diag.Errorf(at, line, 0, "la fila que empieza en esta línea pasa de %s", "the row starting on this line is over %s", diag.Size(MaxRow)).
		WithHint("una fila de datos ocupa unos pocos KB: revise si unas comillas (\") se abren y no se cierran",
			"a row of data takes a few KB: check for a quote (\") that opens and never closes")
}

func cellTooLong(at string, line, col int) diag.Diagnostic {
	return diag.Errorf(at, line, col, "el valor que empieza aquí pasa de %s", "the value starting here is over %s", diag.Size(MaxCell)).
		WithHint("un valor tan largo no cabe en un gráfico ni en una tabla: acórtelo o publíquelo como documento aparte; revise también que se cierren las comillas",
			"a value that long fits in no chart or table: shorten it or publish it as a separate document; check too that its quotes close")
}
