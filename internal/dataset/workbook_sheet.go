package dataset

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// A sheet is read from the workbook's zip as it is decompressed, row by
// row, by sheetReader: the rows are never held, only the shared strings
// (read once) and the styles that make a number a date.

// Excel's own bounds on a sheet.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

var errNoPart = errors.New("no such part")

// sheetError is an error of the sheet's XML at a cell (col, row 1-based;
// 0 when unknown).
type sheetError struct {
	col, row int
	es, en   string
	tooLong  bool // a value over MaxCell
}

func (e *sheetError) Error() string { return e.en }

// sheetReader streams the rows of one sheet.
type sheetReader struct {
	b      *book
	rc     io.ReadCloser
	x      *xmlScanner
	inData bool
	ended  bool // </sheetData> was read
	// The current row, valid until next: row number, its cells by column
	// from A ("" in gaps; trailing empty cells left out, as excelize does)
	// and whether each holds a number formatted as a date.
	num    int
	cells  []string
	dates  []bool
	hidden bool
	merged []string // the ranges of <mergeCell>, once the end is read
	val    []byte
	// The texts of the row's cells are gathered in arena and made one
	// string at the row's end: one allocation a row instead of one a cell.
	arena []byte
	spans []arenaSpan
	// lastCol, when set, drops the cells right of it: a hostile sheet
	// with one cell in column XFD on each row would otherwise pad every
	// row to 16,384 cells.
	lastCol int
}

type arenaSpan struct{ cell, off, n int }

// rowDone gives the cells their texts from the arena.
func (r *sheetReader) rowDone() (bool, error) {
	if len(r.spans) > 0 {
		s := string(r.arena)
		for _, sp := range r.spans {
			r.cells[sp.cell] = s[sp.off : sp.off+sp.n]
		}
	}
	return true, nil
}

func (b *book) openSheet(part string) (*sheetReader, error) {
	rc, err := openPart(b.zr, part)
	if err != nil {
		return nil, err
	}
	ar := newAheadReader(rc)
	return &sheetReader{b: b, rc: ar, x: newXMLScanner(ar)}, nil
}

func (r *sheetReader) Close() error { return r.rc.Close() }

// Cell types of the t attribute.
const (
	cellNumber = iota
	cellShared
	cellInline
	cellString // str: a formula's text
	cellBool
	cellError
	cellDate // d: an ISO 8601 date
)

// next reads the next row that is in the XML; it returns false at the end
// of the sheet's data.
func (r *sheetReader) next() (bool, error) {
	if r.ended {
		return false, nil
	}
	r.cells, r.dates, r.hidden = r.cells[:0], r.dates[:0], false
	r.arena, r.spans = r.arena[:0], r.spans[:0]
	var (
		inRow, inCell, inIS, inPh bool
		hasF, hasIS               bool
		col, lastCol, typ, style  int
		capture                   *[]byte
		inline                    []byte
	)
	r.val = r.val[:0]
	for {
		if inRow && !inCell {
			end, err := r.plainCells(&lastCol)
			if err != nil {
				return false, err
			}
			if end {
				return r.rowDone()
			}
		}
		tok, err := r.x.next()
		if err == io.EOF {
			if inRow {
				return false, &sheetError{row: r.num, es: "la hoja termina en mitad de una fila", en: "the sheet ends in the middle of a row"}
			}
			r.ended = true
			return false, nil
		}
		if err != nil {
			return false, r.xmlError(err, col)
		}
		switch tok.kind {
		case tokStart, tokEmpty:
			empty := tok.kind == tokEmpty
			switch string(tok.name) {
			case "sheetData":
				r.inData = !empty
			case "row":
				if !r.inData {
					continue
				}
				n := 0
				eachAttr(tok.attrs, func(name, v []byte) {
					switch string(name) {
					case "r":
						n = smallInt(v)
					case "hidden":
						r.hidden = string(v) == "1" || string(v) == "true"
					}
				})
				if n == 0 {
					n = r.num + 1
				}
				if n <= r.num || n > maxSheetRows {
					return false, &sheetError{row: n, es: fmt.Sprintf("la fila %d está fuera de orden o pasa de %d", n, maxSheetRows),
						en: fmt.Sprintf("row %d is out of order or past %d", n, maxSheetRows)}
				}
				r.num, inRow = n, true
				if empty {
					return r.rowDone()
				}
			case "c":
				if !inRow {
					continue
				}
				c := lastCol + 1
				typ, style, hasF, hasIS, inline = cellNumber, 0, false, false, inline[:0]
				r.val = r.val[:0]
				var bad bool
				eachAttr(tok.attrs, func(name, v []byte) {
					switch string(name) {
					case "r":
						if c, bad = colOf(v); bad {
							c = 0
						}
					case "s":
						style = smallInt(v)
					case "t":
						typ = cellTypeOf(v)
					}
				})
				if bad || c <= len(r.cells) || c > maxSheetCols {
					return false, &sheetError{col: c, row: r.num, es: "una celda tiene una referencia mal formada o fuera de orden",
						en: "a cell has a malformed or out-of-order reference"}
				}
				col, lastCol = c, c
				inCell = !empty
				if inCell {
					if t, inline, ok := r.x.plainCell(); ok {
						if inline {
							if typ == cellInline {
								t = unescapeOOXML(t)
							} else {
								t = nil // <is> only counts in an inlineStr cell
							}
						}
						if err := r.put(col, t, false, typ, style); err != nil {
							return false, err
						}
						inCell = false
					}
				}
			case "v":
				if inCell && !empty {
					capture, r.x.keep = &r.val, true
					r.val = r.val[:0]
				}
			case "f":
				if inCell {
					hasF = true
				}
			case "is":
				inIS = inCell && !empty
				hasIS = hasIS || inCell
			case "rPh":
				inPh = !empty
			case "t":
				if inIS && !inPh && !empty {
					capture, r.x.keep = &inline, true
				}
			case "mergeCell":
				if !r.inData {
					eachAttr(tok.attrs, func(name, v []byte) {
						if string(name) == "ref" && len(r.merged) < 10000 {
							r.merged = append(r.merged, attrText(v))
						}
					})
				}
			}
		case tokText, tokCDATA:
			if capture == nil {
				continue
			}
			if tok.kind == tokText {
				*capture = appendText(*capture, tok.text)
			} else {
				*capture = appendCDATA(*capture, tok.text)
			}
			if len(*capture) > MaxCell {
				return false, &sheetError{col: col, row: r.num, tooLong: true}
			}
		case tokEnd:
			switch string(tok.name) {
			case "v", "t":
				capture, r.x.keep = nil, false
			case "rPh":
				inPh = false
			case "is":
				inIS = false
			case "c":
				if inCell {
					v := r.val
					if typ == cellInline && hasIS {
						v = unescapeOOXML(inline)
					}
					if err := r.put(col, v, hasF, typ, style); err != nil {
						return false, err
					}
				}
				inCell = false
			case "row":
				if inRow {
					return r.rowDone()
				}
			case "sheetData":
				r.inData = false
				if inRow {
					return r.rowDone()
				}
			}
		}
	}
}

// put sets the cell at col as excelize reads it with RawCellValue: the
// stored text, the shared string its index points at, "1" or "0" for a
// boolean, the error's code. A cell is added only when it has a value or
// a formula, so trailing empty cells are left out.
func (r *sheetReader) put(col int, v []byte, hasF bool, typ, style int) error {
	var s string
	switch typ {
	case cellShared:
		if len(v) > 0 {
			i, err := strconv.Atoi(strings.TrimSpace(string(v)))
			if err != nil || i < 0 || i >= len(r.b.sst) {
				return &sheetError{col: col, row: r.num,
					es: fmt.Sprintf("la celda apunta al texto compartido %q, que no existe", v),
					en: fmt.Sprintf("the cell points at shared text %q, which does not exist", v)}
			}
			s = r.b.sst[i]
		}
	}
	if s == "" && len(v) == 0 && !hasF || typ == cellShared && s == "" && !hasF || r.lastCol > 0 && col > r.lastCol {
		return nil
	}
	for len(r.cells) < col-1 {
		r.cells = append(r.cells, "")
		r.dates = append(r.dates, false)
	}
	if typ != cellShared && len(v) > 0 {
		r.spans = append(r.spans, arenaSpan{cell: len(r.cells), off: len(r.arena), n: len(v)})
		r.arena = append(r.arena, v...)
	}
	date := typ == cellNumber && style >= 0 && style < len(r.b.dateStyle) && r.b.dateStyle[style]
	r.cells = append(r.cells, s)
	r.dates = append(r.dates, date)
	return nil
}

func (r *sheetReader) xmlError(err error, col int) error {
	if errors.Is(err, errTooLong) {
		return &sheetError{col: col, row: r.num, tooLong: true}
	}
	return &sheetError{col: col, row: r.num, es: "el XML de la hoja está dañado: " + err.Error(), en: "the sheet's XML is damaged: " + err.Error()}
}

// finish reads the rest of the sheet for its merged cells.
func (r *sheetReader) finish() error {
	for {
		ok, err := r.next()
		if err != nil || !ok {
			return err
		}
	}
}

// colOf returns the column number of a cell reference ("C7" is 3).
func colOf(ref []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
		if n > maxSheetCols {
			return 0, true
		}
	}
	if i == 0 || i == len(ref) {
		return 0, true
	}
	for _, c := range ref[i:] {
		if c < '0' || c > '9' {
			return 0, true
		}
	}
	return n, false
}

func cellTypeOf(t []byte) int {
	switch string(t) {
	case "s":
		return cellShared
	case "inlineStr":
		return cellInline
	case "str":
		return cellString
	case "b":
		return cellBool
	case "e":
		return cellError
	case "d":
		return cellDate
	}
	return cellNumber
}

// sheetRows reads every row of a sheet as excelize's GetRows does with
// RawCellValue: gaps are empty rows, trailing empty rows left out. It
// holds the sheet and is for tests and small sheets.
func sheetRows(b *book, part string) ([][]string, error) {
	r, err := b.openSheet(part)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out [][]string
	for {
		ok, err := r.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		for len(out) < r.num-1 {
			out = append(out, nil)
		}
		out = append(out, append([]string(nil), r.cells...))
	}
	for len(out) > 0 && len(out[len(out)-1]) == 0 {
		out = out[:len(out)-1]
	}
	return out, nil
}
