package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/diag"
)

// maxErrors is how many diagnostics one CSV file reports before summing up
// the rest in a last "and N more" diagnostic.
const maxErrors = 50

// headSize is how much of the start of a CSV is looked at to detect its
// delimiter and the usual wrong formats.
const headSize = 64 << 10

var bom = []byte("\xEF\xBB\xBF")

// ErrStop may be returned by the function given to Scan to stop reading
// early without reporting anything.
var ErrStop = errors.New("dataset: stop scanning")

// Row is one row of a dataset that passed every check, as handed to the
// function given to Scan. Columns are indexed as in the schema. A Row is
// only valid during the call; the strings it returns may be kept.
type Row struct {
	Line int // the CSV line the row starts on
	num  []float64
	str  []string
}

// Len returns the number of columns.
func (r *Row) Len() int { return len(r.num) }

// Num returns the value of numeric column i, NaN when the cell is empty or
// the column is not numeric.
func (r *Row) Num(i int) float64 { return r.num[i] }

// Str returns the value of non-numeric column i: the text, the date as
// YYYY-MM-DD, the category or the country code. It is "" when the cell is
// empty or the column is numeric.
func (r *Row) Str(i int) string { return r.str[i] }

// IsNull reports whether column i is empty.
func (r *Row) IsNull(i int) bool { return r.str[i] == "" && math.IsNaN(r.num[i]) }

// spanner gives back the text of the stream between two offsets, as long as
// it was not released.
type spanner interface {
	span(from, to int64) []byte
	release(upto int64)
}

// byteSpan is a spanner over text held in memory.
type byteSpan []byte

func (b byteSpan) span(from, to int64) []byte { return b[from:to] }
func (b byteSpan) release(int64)              {}

// keepReader passes a stream through and keeps what was read since the last
// release, so that a streamed row's text is at hand for exact columns.
type keepReader struct {
	r    io.Reader
	buf  []byte
	base int64 // stream offset of buf[0]
	// checked is set when the CSV was written within the limits (a
	// workbook's sheet, see workbook.limits) and needs no guard.
	checked bool
}

func (k *keepReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	k.buf = append(k.buf, p[:n]...)
	return n, err
}

func (k *keepReader) span(from, to int64) []byte { return k.buf[from-k.base : to-k.base] }

func (k *keepReader) release(upto int64) {
	dead := int(upto - k.base)
	if dead < 64<<10 || dead < len(k.buf)/2 {
		return // compact rarely, so that the cost stays linear
	}
	k.buf = k.buf[:copy(k.buf, k.buf[dead:])]
	k.base = upto
}

// scanner reads one CSV against a plan. The same code serves Load, which
// keeps the rows, and Scan, which hands them over one by one.
type scanner struct {
	file string
	p    *plan
	cr   *csv.Reader
	src  spanner

	sniffed rune // the delimiter the header line suggests
	nsniff  int  // how many times it appears there

	off      int64  // stream offset where the next record's text starts
	line     int    // line number at off
	text     []byte // the current record's text, blank lines before it included
	textLine int    // line number where text starts
	memoLine int    // a line of text whose start is known, 0 for none
	memoOff  int    // where memoLine starts in text

	hdrLine int
	hdrLen  int    // number of fields in the header
	hdr     []int  // schema column → CSV field, -1 when missing
	unnamed []bool // CSV field → true when the header gives it no name

	diags    diag.List
	more     int // errors beyond maxErrors
	moreLine int // line of the first of them
	failed   bool
	keys     map[string]int // key → line of its first row
	keyBuf   []byte
	row      Row
}

// scan reads the CSV in r, whose first bytes are head, calling fn for each
// valid row as long as no error was found. r and src start after any BOM.
func scan(file string, r io.Reader, src spanner, head []byte, p *plan, fn func(*Row) error) diag.List {
	if d, ok := checkHead(file, head); !ok {
		return diag.List{d}
	}
	s := &scanner{file: file, p: p, src: src, line: 1}
	s.sniffed, s.nsniff = sniff(head)
	delim := p.delim
	if delim == 0 {
		delim = s.sniffed
	}
	in := r
	if !withinLimits(r, src) {
		in = newGuard(r, file, delim)
	}
	var done func()
	s.cr, done = bufferedCSV(in)
	defer done()
	s.cr.Comma = delim
	s.cr.FieldsPerRecord = -1
	s.cr.ReuseRecord = true
	if !s.header() {
		return s.finish()
	}
	n := len(p.cols)
	s.row.num = make([]float64, n)
	s.row.str = make([]string, n)
	if len(p.key) > 0 && !slices.ContainsFunc(p.key, func(j int) bool { return s.hdr[j] < 0 }) {
		s.keys = make(map[string]int) // only when every key column is there
	}
	for {
		rec, err, ok := s.next()
		if !ok {
			break
		}
		if err != nil {
			s.csvError(err)
			continue
		}
		if !s.record(rec) || s.failed {
			continue
		}
		if err := fn(&s.row); err != nil {
			if !errors.Is(err, ErrStop) {
				s.callbackError(err)
			}
			break
		}
	}
	return s.finish()
}

// next reads a record and checks its text. ok is false at the end of the
// input or after an error that ends the reading; err is a csv.ParseError.
func (s *scanner) next() (rec []string, err error, ok bool) {
	rec, err = s.cr.Read()
	if err == io.EOF {
		return nil, nil, false
	}
	if le := (*limitError)(nil); errors.As(err, &le) {
		// Over a limit: the only message, as nothing after it was read.
		s.diags, s.more = diag.List{le.d}, 0
		s.failed = true
		return nil, nil, false
	}
	if err != nil && !isParseError(err) {
		s.report(diag.ReadError(s.file, err))
		return nil, nil, false
	}
	to := s.cr.InputOffset()
	s.src.release(s.off)
	s.text = s.src.span(s.off, to)
	s.textLine, s.memoLine = s.line, 0
	s.line += bytes.Count(s.text, []byte{'\n'})
	s.off = to
	if !s.checkText() {
		return nil, nil, false
	}
	return rec, err, true
}

func isParseError(err error) bool {
	var pe *csv.ParseError
	return errors.As(err, &pe)
}

// checkText reports text that is not UTF-8, or holds NUL bytes, as the only
// problem of the file: whatever else was found may come from it.
func (s *scanner) checkText() bool {
	bad := diag.FirstInvalid(s.text)
	nul := bytes.IndexByte(s.text, 0)
	var d diag.Diagnostic
	switch {
	case bad >= 0 && (nul < 0 || bad < nul):
		line, col := s.posOf(bad)
		d = diag.NotUTF8(s.file, line, col, s.text[bad], fileNotSaved)
	case nul >= 0:
		line, col := s.posOf(nul)
		d = diag.Errorf(s.file, line, col,
			"el archivo contiene bytes nulos: no es un CSV de texto",
			"the file contains NUL bytes: it is not a CSV text file")
	default:
		return true
	}
	s.diags = diag.List{d.WithHint(saveAsES, saveAsEN)}
	s.more = 0
	s.failed = true
	return false
}

// fileNotSaved starts the message about a CSV that is not UTF-8.
var fileNotSaved = diag.Text{ES: "el archivo no está guardado", EN: "the file is not saved"}

// The instructions to save a sheet the way tablero reads it.
const (
	saveAsES = `en Excel: Archivo › Guardar como › tipo «CSV UTF-8 (delimitado por comas) (*.csv)»`
	saveAsEN = `in Excel: File › Save As › type "CSV UTF-8 (Comma delimited) (*.csv)"`
)

// record checks one data row and fills s.row. It reports whether the row
// is valid.
func (s *scanner) record(rec []string) bool {
	// Excel leaves rows of empty cells (";;;") below the data: skip them.
	if allBlank(rec) {
		return false
	}
	s.row.Line, _ = s.cr.FieldPos(0)
	if len(rec) != s.hdrLen && (len(rec) < s.hdrLen || !allBlank(rec[s.hdrLen:])) {
		es, en := delimName(s.cr.Comma, "es"), delimName(s.cr.Comma, "en")
		at := len(rec) - 1
		hint := diag.Text{ES: "revise si falta un separador " + es, EN: "check for a missing " + en + " separator"}
		if len(rec) > s.hdrLen {
			at = s.hdrLen
			hint = diag.Text{ES: "si un valor contiene " + es + `, escríbalo entre comillas: "…"`,
				EN: "if a value contains " + en + `, put it in quotes: "…"`}
		}
		line, bcol := s.cr.FieldPos(at)
		fes, fen := "la fila tiene %d valores pero el encabezado tiene %d columnas", "the row has %d values but the header has %d columns"
		if len(rec) == 1 {
			fes, fen = "la fila tiene %d valor pero el encabezado tiene %d columnas", "the row has %d value but the header has %d columns"
		}
		d := diag.Errorf(s.file, line, s.col(line, bcol), fes, fen, len(rec), s.hdrLen)
		d.Hint = hint
		s.report(d)
		return false
	}
	ok := true
	for i, f := range rec[:s.hdrLen] {
		if s.unnamed[i] && strings.TrimSpace(f) != "" {
			line, bcol := s.cr.FieldPos(i)
			s.report(diag.Errorf(s.file, line, s.col(line, bcol),
				"el valor %q está en una columna sin nombre en el encabezado",
				"value %q is in a column with no name in the header", diag.Short(f)).
				WithHint("escriba el nombre de la columna en la línea %d o borre el valor",
					"write the column's name on line %d or delete the value", s.hdrLine))
			ok = false
		}
	}
	for j := range s.p.cols {
		s.row.num[j], s.row.str[j] = math.NaN(), ""
		if i := s.hdr[j]; i >= 0 && !s.cell(j, i, rec[i]) {
			ok = false
		}
	}
	if ok && len(s.p.quals) > 0 {
		ok = s.checkQualifiers()
	}
	if ok && s.keys != nil {
		ok = s.checkKey(rec)
	}
	return ok
}

// checkKey reports a row whose key was already seen.
func (s *scanner) checkKey(rec []string) bool {
	b := s.keyBuf[:0]
	for _, j := range s.p.key {
		b = appendKey(b, s.p.cols[j].kind.numeric(), s.row.num[j], s.row.str[j])
	}
	s.keyBuf = b
	first, dup := s.keys[string(b)]
	if !dup {
		s.keys[string(b)] = s.row.Line
		return true
	}
	j0 := s.p.key[0]
	i0 := s.hdr[j0]
	line, bcol := s.cr.FieldPos(i0)
	var d diag.Diagnostic
	if len(s.p.key) == 1 {
		d = s.cellErr(j0, i0, "el valor %q está repetido (ya aparece en la línea %d)",
			"value %q is repeated (already on line %d)", diag.Short(rec[i0]), first)
	} else {
		var parts []string
		for _, j := range s.p.key {
			parts = append(parts, s.p.cols[j].spec.Name+" "+quote(diag.Short(rec[s.hdr[j]])))
		}
		d = diag.Errorf(s.file, line, s.col(line, bcol), "la combinación %s está repetida (ya aparece en la línea %d)",
			"the combination %s is repeated (already on line %d)", strings.Join(parts, ", "), first)
	}
	s.report(d.WithHint("cada fila debe tener una clave distinta: corrija o borre una de las dos",
		"each row must have a different key: fix or delete one of the two rows"))
	return false
}

// appendKey appends to b one column's part of a row's key: the figure v
// of a numeric column, the text of another.
func appendKey(b []byte, numeric bool, v float64, text string) []byte {
	if !numeric {
		return append(append(b, text...), 0)
	}
	if math.IsNaN(v) {
		v = math.NaN() // one NaN for every empty cell
	}
	u := math.Float64bits(v)
	return append(b, byte(u), byte(u>>8), byte(u>>16), byte(u>>24), byte(u>>32), byte(u>>40), byte(u>>48), byte(u>>56))
}

// callbackError reports the error fn returned for the current row.
func (s *scanner) callbackError(err error) {
	var d diag.Diagnostic
	var dl diag.ListError
	switch {
	case errors.As(err, &d):
		s.report(d)
	case errors.As(err, &dl):
		for _, d := range dl {
			s.report(d)
		}
	default:
		s.report(diag.Errorf(s.file, s.row.Line, 0, "%v", "%v", err))
	}
}

// csvError reports a syntax error of the CSV: quotes in the wrong place.
func (s *scanner) csvError(err error) {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		s.report(diag.ReadError(s.file, err))
		return
	}
	line, col := pe.Line, s.col(pe.Line, pe.Column)
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		s.report(diag.Errorf(s.file, line, col, `hay comillas (") dentro de un valor que no va entre comillas`,
			`a quote (") appears inside a value that is not quoted`).
			WithHint(`ponga el valor entre comillas y duplique las de dentro, p. ej. "pantalla de 5"""`,
				`put the value in quotes and double the ones inside, e.g. "5"" screen"`))
	case errors.Is(pe.Err, csv.ErrQuote):
		if i, _ := quotes(s.text, s.lineStart(pe.StartLine), len(s.text), s.cr.Comma); i >= 0 {
			line, col = s.posOf(i)
			s.report(diag.Errorf(s.file, line, col, `estas comillas (") no se cierran`, `this quote (") is never closed`).
				WithHint(`cierre el valor con " antes del separador; todo lo que sigue se leyó como un solo valor`,
					`close the value with " before the separator; everything after it was read as one value`))
			return
		}
		if pe.StartLine < pe.Line {
			if _, i := quotes(s.text, s.lineStart(pe.StartLine), s.lineStart(pe.Line), s.cr.Comma); i >= 0 {
				at, col := s.posOf(i)
				s.report(diag.Errorf(s.file, at, col, `estas comillas (") abren un valor que sigue en la línea %d`, `this quote (") opens a value that runs on into line %d`, line).
					WithHint(`cierre el valor con " en su línea; si de verdad tiene saltos de línea, revise las comillas de la línea %d`,
						`close the value with " on its own line; if it really holds line breaks, check the quotes on line %d`, line))
				return
			}
		}
		s.report(diag.Errorf(s.file, line, col, `un valor entre comillas debe terminar justo después de cerrarlas (")`,
			`a quoted value must end right after its closing quote (")`).
			WithHint(`ponga todo el valor entre comillas y escriba cada " de dentro como ""`,
				`put the whole value in quotes and write each " inside it as ""`))
	default:
		s.report(diag.Errorf(s.file, line, col, "CSV mal formado: %v", "malformed CSV: %v", pe.Err))
	}
}

// report adds d, or counts it once maxErrors were reported.
func (s *scanner) report(d diag.Diagnostic) {
	s.failed = true
	if len(s.diags) >= maxErrors {
		if s.more == 0 {
			s.moreLine = d.Line
		}
		s.more++
		return
	}
	s.diags = append(s.diags, d)
}

func (s *scanner) finish() diag.List {
	if s.more > 0 {
		s.diags = append(s.diags, diag.Errorf(s.file, max(s.moreLine, 1), 0,
			"… y %d errores más desde esta línea", "… and %d more errors from this line on", s.more).
			WithHint("corrija los anteriores y vuelva a intentarlo", "fix the ones above and try again"))
	}
	return s.diags
}

// col turns csv's 1-based byte column on line into a 1-based column in
// characters, using the current record's text.
func (s *scanner) col(line, bcol int) int {
	start := s.lineStart(line)
	end := start + bcol - 1
	if start < 0 || end > len(s.text) || end < start {
		return max(bcol, 1)
	}
	return utf8.RuneCount(s.text[start:end]) + 1
}

// lineStart returns the offset in s.text where line starts, or -1. It
// goes on from the line asked last, so that a record spanning many lines
// costs no more than its length.
func (s *scanner) lineStart(line int) int {
	l, start := s.textLine, 0
	if s.memoLine > 0 && s.memoLine <= line {
		l, start = s.memoLine, s.memoOff
	}
	for ; l < line; l++ {
		i := bytes.IndexByte(s.text[start:], '\n')
		if i < 0 {
			return -1
		}
		start += i + 1
	}
	s.memoLine, s.memoOff = line, start
	return start
}

// posOf returns the line and character column of offset i of s.text.
func (s *scanner) posOf(i int) (line, col int) {
	before := s.text[:i]
	nl := bytes.LastIndexByte(before, '\n')
	return s.textLine + bytes.Count(before, []byte{'\n'}), utf8.RuneCount(before[nl+1:]) + 1
}

// quotes walks text from offset start to end as the CSV reader does and
// returns the offset of the opening quote of a field still open at end
// (open), and of the last field whose quotes took in a line break (over);
// -1 for none. When the reader finds text after a closing quote on a later
// line, that quote most often opened the next line's first value and
// closed a value left open above: the mistake is where over opens.
func quotes(text []byte, start, end int, delim rune) (open, over int) {
	open, over = -1, -1
	if start < 0 || end < start || end > len(text) {
		return open, over
	}
	atField := true
	for i := start; i < end; i++ {
		c := text[i]
		switch {
		case open >= 0:
			if c == '"' {
				if i+1 < len(text) && text[i+1] == '"' {
					i++
				} else {
					open = -1
				}
			} else if c == '\n' {
				over = open
			}
		case atField && c == '"':
			open = i
		default:
			atField = rune(c) == delim || c == '\n'
		}
	}
	return open, over
}

// allBlank reports whether every field is empty or spaces: a blank CSV
// record or sheet row.
func allBlank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func quote(s string) string { return `"` + strings.ReplaceAll(s, `"`, `\"`) + `"` }
