package dataset

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
	"sync"
)

// A sheet is read from the workbook's zip as it is decompressed, row by
// row, by sheetReader: the rows are never held, only the shared strings
// (read once) and the styles that make a number a date.

// maxPart bounds the small parts read whole (workbook, relationships,
// styles): a real one is a few kilobytes.
const maxPart = 16 << 20

// Bounds of the shared strings, which are held: Excel keeps a string per
// distinct text of the workbook.
const (
	maxSharedStrings     = 1 << 24
	maxSharedStringBytes = 512 << 20
)

// Excel's own bounds on a sheet.
const (
	maxSheetRows = 1 << 20
	maxSheetCols = 1 << 14
)

// book is what is read of a workbook's parts besides its sheets.
type book struct {
	zr        *zip.Reader
	sheets    []bookSheet // in the workbook's order
	sst       []string
	dateStyle []bool // by cell style index: its number format shows a date
	date1904  bool
}

type bookSheet struct {
	name, part string
}

// readBook reads the list of sheets, the shared strings and the styles.
func readBook(zr *zip.Reader) (*book, error) {
	b := &book{zr: zr}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"id,attr"` // r:id, transitional or strict namespace
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	data, err := readPart(zr, "xl/workbook.xml")
	if err != nil {
		return nil, err
	}
	if err := xml.Unmarshal(data, &wb); err != nil {
		return nil, fmt.Errorf("xl/workbook.xml: %w", err)
	}
	b.date1904 = wb.Pr.Date1904 == "1" || wb.Pr.Date1904 == "true"
	if data, err := readPart(zr, "xl/_rels/workbook.xml.rels"); err == nil {
		if err := xml.Unmarshal(data, &rels); err != nil {
			return nil, fmt.Errorf("xl/_rels/workbook.xml.rels: %w", err)
		}
	}
	target := func(t string) string {
		if strings.HasPrefix(t, "/") {
			return path.Clean(t[1:])
		}
		return path.Join("xl", t)
	}
	sstPart, stylesPart := "xl/sharedStrings.xml", "xl/styles.xml"
	for _, r := range rels.Rels {
		switch {
		case strings.HasSuffix(r.Type, "/sharedStrings"):
			sstPart = target(r.Target)
		case strings.HasSuffix(r.Type, "/styles"):
			stylesPart = target(r.Target)
		}
	}
	for _, s := range wb.Sheets {
		bs := bookSheet{name: s.Name}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				bs.part = target(r.Target)
			}
		}
		b.sheets = append(b.sheets, bs)
	}
	if b.sst, err = readSharedStrings(zr, sstPart); err != nil {
		return nil, err
	}
	if b.dateStyle, err = readDateStyles(zr, stylesPart); err != nil {
		return nil, err
	}
	return b, nil
}

var errNoPart = errors.New("no such part")

func openPart(zr *zip.Reader, name string) (io.ReadCloser, error) {
	for _, f := range zr.File {
		if strings.EqualFold(f.Name, name) {
			return f.Open()
		}
	}
	return nil, fmt.Errorf("%s: %w", name, errNoPart)
}

func readPart(zr *zip.Reader, name string) ([]byte, error) {
	rc, err := openPart(zr, name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxPart+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > maxPart {
		return nil, fmt.Errorf("%s is over %d MB", name, maxPart>>20)
	}
	return data, nil
}

// readSharedStrings reads the table of the workbook's texts. A text is
// the concatenation of its <t> and of those of its rich-text runs
// <r><t>, leaving out phonetic guides <rPh>. A text over MaxCell is cut
// just past it: the CSV's limits then report it where it is used.
func readSharedStrings(zr *zip.Reader, name string) ([]string, error) {
	rc, err := openPart(zr, name)
	if errors.Is(err, errNoPart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	x := newXMLScanner(rc)
	var (
		out        []string
		cur        []byte
		total      int
		inSI, inPh bool
	)
	for {
		tok, err := x.next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		switch tok.kind {
		case tokStart, tokEmpty:
			switch string(tok.name) {
			case "si":
				inSI, cur = true, cur[:0]
				if tok.kind == tokEmpty {
					out = append(out, "")
					inSI = false
				}
			case "rPh":
				inPh = tok.kind == tokStart
			case "t":
				x.keep = inSI && !inPh && tok.kind == tokStart
			}
		case tokText:
			if len(cur) <= MaxCell {
				cur = appendText(cur, tok.text)
			}
		case tokCDATA:
			if len(cur) <= MaxCell {
				cur = appendCDATA(cur, tok.text)
			}
		case tokEnd:
			switch string(tok.name) {
			case "t":
				x.keep = false
			case "rPh":
				inPh = false
			case "si":
				if len(cur) > MaxCell+1 {
					cur = cur[:MaxCell+1]
				}
				s := string(unescapeOOXML(cur))
				total += len(s) + 16
				if len(out) >= maxSharedStrings || total > maxSharedStringBytes {
					return nil, fmt.Errorf("%s: more than %d texts or %d MB", name, maxSharedStrings, maxSharedStringBytes>>20)
				}
				out = append(out, s)
				inSI = false
			}
		}
	}
}

// readDateStyles tells, for each cell style, whether its number format
// shows a date or a time.
func readDateStyles(zr *zip.Reader, name string) ([]bool, error) {
	data, err := readPart(zr, name)
	if errors.Is(err, errNoPart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if err := xml.Unmarshal(data, &st); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	custom := map[int]string{}
	for _, f := range st.NumFmts {
		custom[f.ID] = f.Code
	}
	out := make([]bool, len(st.Xfs))
	for i, xf := range st.Xfs {
		if code, ok := custom[xf.NumFmt]; ok {
			out[i] = isDateFormat(code)
		} else {
			out[i] = isDateFormatID(xf.NumFmt)
		}
	}
	return out, nil
}

// isDateFormatID reports whether a built-in number format shows a date or
// a time (ECMA-376 §18.8.30, and the East Asian ones Excel adds).
func isDateFormatID(id int) bool {
	return 14 <= id && id <= 22 || 27 <= id && id <= 36 || 45 <= id && id <= 47 || 50 <= id && id <= 58 || 71 <= id && id <= 81
}

// isDateFormat reports whether a custom number format code shows a date
// or a time: it has a y, m, d, h or s outside quoted text, escaped
// characters and [colour] or [$-locale] brackets ([h] and [mm] are
// elapsed times, which count).
func isDateFormat(code string) bool {
	code, _, _ = strings.Cut(code, ";") // the format of positive numbers
	if strings.EqualFold(code, "General") {
		return false
	}
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			} else {
				return false
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			switch strings.ToLower(strings.Trim(code[i+1:i+j], "hms")) {
			case "":
				return true // [h], [mm], [ss]
			}
			i += j
		case 'y', 'Y', 'm', 'M', 'd', 'D', 'h', 'H', 's', 'S':
			return true
		case 'e', 'E':
			// "e" is the year in some locales, but "0.0E+00" is scientific.
			if i+1 < len(code) && (code[i+1] == '+' || code[i+1] == '-') {
				i++
				continue
			}
			return true
		}
	}
	return false
}

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

// aheadReader decompresses a part in its own goroutine, a few chunks
// ahead of the XML reader: inflating is a third of the work of reading a
// sheet, and on two cores it overlaps the rest. It holds at most
// aheadChunks+2 chunks.
type aheadReader struct {
	full  chan []byte
	free  chan []byte
	stop  chan struct{}
	done  chan struct{}
	err   error // set before full is closed
	cur   []byte
	chunk []byte
	rc    io.ReadCloser
}

const (
	aheadChunk  = 256 << 10
	aheadChunks = 2
)

func newAheadReader(rc io.ReadCloser) *aheadReader {
	a := &aheadReader{full: make(chan []byte, aheadChunks), free: make(chan []byte, aheadChunks+2),
		stop: make(chan struct{}), done: make(chan struct{}), rc: rc}
	for range aheadChunks + 2 {
		a.free <- make([]byte, aheadChunk)
	}
	go a.run()
	return a
}

func (a *aheadReader) run() {
	defer close(a.done)
	defer close(a.full)
	for {
		var b []byte
		select {
		case b = <-a.free:
		case <-a.stop:
			return
		}
		n, err := io.ReadFull(a.rc, b[:cap(b)])
		if n > 0 {
			select {
			case a.full <- b[:n]:
			case <-a.stop:
				return
			}
		}
		if err == io.ErrUnexpectedEOF {
			err = io.EOF
		}
		if err != nil {
			a.err = err
			return
		}
	}
}

func (a *aheadReader) Read(p []byte) (int, error) {
	for len(a.cur) == 0 {
		if a.chunk != nil {
			a.free <- a.chunk[:cap(a.chunk)]
			a.chunk = nil
		}
		b, ok := <-a.full
		if !ok {
			return 0, a.err
		}
		a.chunk, a.cur = b, b
	}
	n := copy(p, a.cur)
	a.cur = a.cur[n:]
	return n, nil
}

func (a *aheadReader) Close() error {
	close(a.stop)
	<-a.done
	return a.rc.Close()
}

var rowClose = []byte("</row>")

// plainCells reads, without the generic tokens, the cells at the input
// written the plain way (<c r="B2" s="1" t="s"><v>3</v></c>, see
// plainCell) and the end of the row if it follows them, which it reports.
// At anything else it stops and leaves the input to the generic reader,
// which reads the same cells the same way, only slower.
func (r *sheetReader) plainCells(lastCol *int) (bool, error) {
	x := r.x
	for !x.atTag {
		b := x.buf[x.pos:x.end]
		if bytes.HasPrefix(b, rowClose) {
			x.pos += len(rowClose)
			return r.rowDone()
		}
		if len(b) < 3 || b[0] != '<' || b[1] != 'c' || !isSpace(b[2]) {
			return false, nil
		}
		col, style, typ := *lastCol+1, 0, cellNumber
		i := 3
		for {
			for i < len(b) && isSpace(b[i]) {
				i++
			}
			if i >= len(b) {
				return false, nil
			}
			if b[i] == '>' || b[i] == '/' {
				break
			}
			ns := i
			for i < len(b) && b[i] != '=' && b[i] != '>' && b[i] != ':' && !isSpace(b[i]) {
				i++
			}
			if i+1 >= len(b) || b[i] != '=' || (b[i+1] != '"' && b[i+1] != '\'') {
				return false, nil
			}
			name, q := b[ns:i], b[i+1]
			i += 2
			vs := i
			for i < len(b) && b[i] != q {
				if b[i] == '&' || b[i] == '<' {
					return false, nil
				}
				i++
			}
			if i >= len(b) {
				return false, nil
			}
			v := b[vs:i]
			i++
			switch string(name) {
			case "r":
				c, bad := colOf(v)
				if bad {
					return false, nil
				}
				col = c
			case "s":
				style = smallInt(v)
			case "t":
				typ = cellTypeOf(v)
			}
		}
		if col <= len(r.cells) || col > maxSheetCols {
			return false, nil // the generic reader reports it
		}
		if b[i] == '/' {
			if i+1 >= len(b) || b[i+1] != '>' {
				return false, nil
			}
			x.pos += i + 2
			*lastCol = col
			continue
		}
		save := x.pos
		x.pos += i + 1
		t, inline, ok := x.plainCell()
		if !ok {
			x.pos = save
			return false, nil
		}
		if inline {
			if typ == cellInline {
				t = unescapeOOXML(t)
			} else {
				t = nil
			}
		}
		if err := r.put(col, t, false, typ, style); err != nil {
			return false, err
		}
		*lastCol = col
	}
	return false, nil
}

// smallInt reads a non-negative decimal number of a few digits; anything
// else is 0, as strconv.Atoi's error would be taken.
func smallInt(b []byte) int {
	if len(b) == 0 || len(b) > 9 {
		return 0
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	return n
}

// chunkPipe is io.Pipe with room for a few chunks: the sheet's writer
// runs ahead of the CSV's reader instead of waiting for it at every write,
// which on a busy machine cost more than the work (each wait is a wake-up
// of the other goroutine). It holds at most pipeChunks chunks.
type chunkPipe struct {
	full  chan []byte
	free  chan []byte
	gone  chan struct{} // closed when the reader stops
	once  sync.Once
	err   error  // the writer's error (io.EOF when it closed), set before full is closed
	wbuf  []byte // the writer's chunk being filled
	cur   []byte // what the reader has not read of its chunk
	chunk []byte
}

const (
	pipeChunk  = 256 << 10
	pipeChunks = 4
)

func newChunkPipe() *chunkPipe {
	p := &chunkPipe{full: make(chan []byte, pipeChunks), free: make(chan []byte, pipeChunks+2), gone: make(chan struct{})}
	for range pipeChunks + 2 {
		p.free <- make([]byte, 0, pipeChunk)
	}
	return p
}

func (p *chunkPipe) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		if p.wbuf == nil {
			select {
			case p.wbuf = <-p.free:
			case <-p.gone:
				return n, io.ErrClosedPipe
			}
		}
		k := copy(p.wbuf[len(p.wbuf):cap(p.wbuf)], b)
		p.wbuf, b, n = p.wbuf[:len(p.wbuf)+k], b[k:], n+k
		if len(p.wbuf) == cap(p.wbuf) {
			if err := p.send(); err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

func (p *chunkPipe) send() error {
	select {
	case p.full <- p.wbuf:
		p.wbuf = nil
		return nil
	case <-p.gone:
		return io.ErrClosedPipe
	}
}

// closeWrite ends the stream: the reader gets err, or io.EOF when nil.
func (p *chunkPipe) closeWrite(err error) {
	if len(p.wbuf) > 0 {
		p.send()
	}
	if err == nil {
		err = io.EOF
	}
	p.err = err
	close(p.full)
}

func (p *chunkPipe) Read(b []byte) (int, error) {
	for len(p.cur) == 0 {
		if p.chunk != nil {
			p.free <- p.chunk[:0]
			p.chunk = nil
		}
		c, ok := <-p.full
		if !ok {
			return 0, p.err
		}
		p.chunk, p.cur = c, c
	}
	n := copy(b, p.cur)
	p.cur = p.cur[n:]
	return n, nil
}

// closeRead tells the writer that nothing more will be read.
func (p *chunkPipe) closeRead() { p.once.Do(func() { close(p.gone) }) }
