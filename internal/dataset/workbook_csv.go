package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/tablero/tablero/internal/diag"
)

// A workbook's sheet written as the CSV the rest of the package reads:
// its data area found, each cell by its stored type, one record a row.

// errReaderGone stops writeCSV quietly when its reader stopped reading.
var errReaderGone = errors.New("reader gone")

// writeCSV streams the data area to out as CSV, with every cell of a
// date column that holds a serial number written as YYYY-MM-DD and every
// number written without exponent. It reports merged cells over the data
// and hidden rows, which a CSV cannot carry and a reader would not see.
func (w *workbook) writeCSV(out io.Writer, sc *Schema) diag.List {
	r, err := w.bk.openSheet(w.part)
	if err != nil {
		return diag.List{diag.Errorf(w.file, 0, 0, "no se pudo leer la hoja %q: %s", "cannot read sheet %q: %s", w.sheet, clip(err.Error()))}
	}
	defer r.Close()
	// Cells right of the area are not kept; without a range, one past
	// the most columns a row may have is kept, for limits to report.
	r.lastCol = w.firstCol + MaxColumns
	if w.lastCol > 0 {
		r.lastCol = w.lastCol
	}
	w.runs, w.lines = w.runs[:0], 0
	bw := bufio.NewWriterSize(out, 64<<10)
	var (
		l     diag.List
		kinds []string // schema type of each column of the area, by header
		buf   []byte
		cells []string
		prev  int // the last row read
	)
	explicit, skipped := w.headerRow > 0, 0
	types := map[string]string{}
	for i := range sc.Columns {
		types[sc.Columns[i].Name] = sc.Columns[i].Type
	}
	write := func(b []byte) error {
		if _, err := bw.Write(b); err != nil {
			if errors.Is(err, io.ErrClosedPipe) {
				return errReaderGone
			}
			return err
		}
		return nil
	}
rows:
	for {
		ok, err := r.next()
		if err != nil {
			return w.sheetError(err)
		}
		if !ok {
			break
		}
		row := r.num
		if w.lastRow > 0 && row > w.lastRow {
			break
		}
		if kinds == nil {
			// Rows missing from the XML are blank rows above the headers.
			if gap := row - max(prev+1, w.headerRow); gap > 0 {
				skipped += gap
			}
		}
		prev = row
		if row < w.headerRow {
			continue
		}
		if !explicit && kinds == nil && skipped > maxHeaderSearch {
			break
		}
		lo, hi := w.area(len(r.cells))
		cells = append(cells[:0], r.cells[lo:hi]...)
		if kinds == nil {
			// Without header_row or range, the headers are on the first row
			// that names a column of the schema: titles and notes above the
			// table are left out, as a reader of the sheet would.
			if allBlank(cells) || (!explicit && !namesColumn(cells, types)) {
				if skipped++; !explicit && skipped > maxHeaderSearch {
					break
				}
				continue
			}
			w.headerRow = row
			for len(cells) > 0 && cells[len(cells)-1] == "" {
				cells = cells[:len(cells)-1]
			}
			if w.lastCol == 0 {
				w.lastCol = w.firstCol + len(cells) - 1
			}
			kinds = make([]string, len(cells))
			for i, c := range cells {
				kinds[i] = types[strings.TrimSpace(c)]
			}
		} else {
			if allBlank(cells) {
				continue
			}
			if r.hidden {
				l.Add(diag.Errorf(w.at(w.firstCol, row), 0, 0, "la fila %d está oculta", "row %d is hidden", row).
					WithHint("muéstrela o bórrela: Tablero publicaría sus datos aunque en Excel no se vean",
						"unhide or delete it: Tablero would publish its data although Excel does not show it"))
				if len(l) >= maxErrors {
					break rows
				}
				continue
			}
			for i := range cells {
				if i < len(kinds) {
					cells[i] = storedValue(cells[i], kinds[i], r.dates[lo+i], w.bk.date1904)
				}
			}
		}
		for len(cells) < len(kinds) {
			cells = append(cells, "")
		}
		if d, ok := w.limits(cells, row); !ok {
			return diag.List{d}
		}
		buf = appendCSVRecord(buf[:0], cells)
		w.addLines(bytes.Count(buf, []byte{'\n'}), row)
		if err := write(buf); err != nil {
			if err == errReaderGone {
				return nil
			}
			return diag.List{diag.ReadError(w.file, err)}
		}
	}
	// The merged ranges are listed after the rows.
	if err := r.finish(); err != nil {
		return w.sheetError(err)
	}
	if m := w.merged(r.merged); len(m) > 0 {
		return m
	}
	if err := bw.Flush(); err != nil && !errors.Is(err, io.ErrClosedPipe) {
		return diag.List{diag.ReadError(w.file, err)}
	}
	if kinds == nil && len(l) == 0 && skipped > 0 {
		l.Add(diag.Errorf(w.file, 0, 0, "no se encontró la fila de encabezados en la hoja %q", "no header row found in sheet %q", w.sheet).
			WithHint("ninguna de sus primeras filas nombra una columna del esquema; indique la fila con header_row = N o el rango con range = \"A3:F200\"",
				"none of its first rows names a column of the schema; give the row with header_row = N or the table with range = \"A3:F200\""))
	}
	if kinds == nil && len(l) == 0 {
		l.Add(diag.Errorf(w.file, 0, 0, "la hoja %q está vacía", "sheet %q is empty", w.sheet).
			WithHint("escriba los encabezados en la primera fila y los datos debajo, o indique otra hoja con sheet = \"…\" en el esquema",
				"write the headers in the first row and the data below, or name another sheet with sheet = \"…\" in the schema"))
	}
	return l
}

// limits checks a row against the limits of a CSV (limits.go) as it is
// written, so that the CSV needs no guard and the message names the cell.
func (w *workbook) limits(cells []string, row int) (diag.Diagnostic, bool) {
	if len(cells) > MaxColumns {
		return tooManyColumns(w.at(w.firstCol+MaxColumns, row), 0, 0), false
	}
	size := 0
	for i, c := range cells {
		n := len(c) + 1
		if needsQuotes(c) {
			n += 2 + strings.Count(c, `"`)
		}
		if n-1 > MaxCell {
			return cellTooLong(w.at(w.firstCol+i, row), 0, 0), false
		}
		size += n
	}
	if size > MaxRow {
		return rowTooLong(w.at(w.firstCol, row), 0), false
	}
	return diag.Diagnostic{}, true
}

// area returns the bounds, in a row of n cells, of the data area's columns.
func (w *workbook) area(n int) (lo, hi int) {
	lo, hi = min(w.firstCol-1, n), n
	if w.lastCol > 0 {
		hi = min(hi, w.lastCol)
	}
	return lo, max(lo, hi)
}

// maxHeaderSearch is how many rows may stand above the headers.
const maxHeaderSearch = 50

func namesColumn(cells []string, types map[string]string) bool {
	if len(types) == 0 {
		return true // no schema yet: the first row with text
	}
	for _, c := range cells {
		if _, ok := types[strings.TrimSpace(c)]; ok {
			return true
		}
	}
	return false
}

// storedValue writes a cell's stored value the way the CSV grammar reads
// it. Text is left alone, so a code written as text ("010") survives and
// a number typed as text in a number column is reported as in a CSV. A
// number is a date in a date column, and in a column the schema does not
// type (inferring one) when Excel shows it as a date.
func storedValue(v, typ string, date, date1904 bool) string {
	switch {
	case typ == TypeDate || typ == "" && date:
		if serial, err := strconv.ParseFloat(v, 64); err == nil && serial >= 1 && serial < 2958466 {
			return excelDay(serial, date1904).Format(time.DateOnly)
		}
		// A cell of type d holds an ISO 8601 date and time.
		if len(v) > 10 && v[10] == 'T' {
			if _, err := time.Parse(time.DateOnly, v[:10]); err == nil {
				return v[:10]
			}
		}
	case typ == TypeInteger || typ == TypeNumber || typ == TypePercent || typ == TypeYear:
		// Excel stores 1E-3 or 1.5E+20; the CSV grammar has no exponent.
		if strings.IndexByte(v, 'E') >= 0 || strings.IndexByte(v, 'e') >= 0 {
			if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) {
				return strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
	}
	return v
}

// needsQuotes reports whether a cell must be quoted in CSV: it holds a
// separator, a quote or a line break, or starts or ends with a space the
// reader would trim.
func needsQuotes(c string) bool {
	if c == "" {
		return false
	}
	if c[0] <= ' ' || c[len(c)-1] <= ' ' {
		return strings.TrimSpace(c) != c
	}
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}

// appendCSVRecord appends cells as one RFC 4180 record.
func appendCSVRecord(b []byte, cells []string) []byte {
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		if needsQuotes(c) {
			b = append(b, '"')
			b = append(b, strings.ReplaceAll(c, `"`, `""`)...)
			b = append(b, '"')
		} else {
			b = append(b, c...)
		}
	}
	return append(b, '\n')
}
