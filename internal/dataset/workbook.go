package dataset

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"math"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/diag"
	"github.com/xuri/excelize/v2"
)

// A workbook dataset (data/NAME.xlsx with data/NAME.toml) is read by
// turning its sheet into the CSV the rest of the package reads, so that a
// workbook obeys exactly the rules of a CSV file: one grammar, one set of
// checks. The cells are taken by their stored type, not as Excel shows
// them: numbers as numbers ("1234.5" whatever the reader's locale),
// text as text ("010" stays "010"), formulas by their cached value, and
// dates in date columns from Excel's serial numbers. Diagnostics are moved
// back from the CSV's line and column to the cell, as Excel names it:
// "data/inversiones.xlsx › Hoja1!C7".
//
// The sheet is read by our own streaming reader (workbook_sheet.go,
// workbook_xml.go): excelize decoded a million-row sheet in 23.5 s and
// 117 MB, this reader at close to the speed of the same CSV in a fixed
// amount of memory. excelize stays for cell names and Excel's dates, and
// the tests check that both read the same cells.

// NameOf returns the dataset name of a data file: "data/ied.csv" and
// "data/ied.xlsx" are both "ied".
func NameOf(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }

// OpenCSV opens a dataset's data as CSV: the file itself, or the sheet of
// a workbook written as CSV as it is read, for publishing the download.
func OpenCSV(fsys fs.FS, file string) (io.ReadCloser, error) {
	if !IsWorkbook(file) {
		return fsys.Open(file)
	}
	sc, l := ReadSchema(fsys, file)
	if len(l) > 0 {
		return nil, l[0]
	}
	wb, l := openWorkbook(fsys, file, sc, false)
	if len(l) > 0 {
		return nil, l[0]
	}
	pr, pw := io.Pipe()
	go func() {
		defer wb.Close()
		if l := wb.writeCSV(pw, sc); len(l) > 0 {
			pw.CloseWithError(l[0])
			return
		}
		pw.Close()
	}()
	return pr, nil
}

// workbookSeparators sets the separators of the CSV a sheet is written
// as: the schema's own describe how Excel shows numbers, not how it
// stores them.
func (s *Schema) workbookSeparators() { s.Delimiter, s.Decimal, s.Thousands = ",", ".", "" }

// IsWorkbook reports whether p names an Excel workbook.
func IsWorkbook(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// isOldWorkbook reports whether p names a workbook of the format before
// 2007, which Tablero does not read.
func isOldWorkbook(p string) bool { return strings.EqualFold(path.Ext(p), ".xls") }

// oleMagic starts files in the Compound File format: .xls workbooks and
// password-protected (encrypted) .xlsx ones.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// workbook is one sheet of a workbook, bounded to the schema's range.
type workbook struct {
	file   string
	data   []byte // the file, when it was read whole
	closer io.Closer
	bk     *book
	sheet  string
	part   string // the zip entry of the sheet's XML
	// The data area: header row and columns, 1-based; lastRow and lastCol
	// are 0 when unbounded.
	headerRow, firstCol, lastRow, lastCol int
	// runs maps the lines of the CSV written to the sheet rows they come
	// from: line l is row runs[i].row + (l - runs[i].line) for the last
	// run that starts at or before it. A record of one line per row, the
	// usual case, adds no run.
	runs  []lineRun
	lines int
}

type lineRun struct{ line, row int32 }

func (w *workbook) Close() error {
	if w.closer != nil {
		return w.closer.Close()
	}
	return nil
}

// openWorkbook opens the sheet the schema names and checks the things a
// CSV cannot hold: merged cells and hidden rows are reported later, as
// they are met. With whole, the file is read into memory (Load publishes
// its bytes); else a file that can be read at offsets is left on disk, so
// that a large workbook is never held.
func openWorkbook(fsys fs.FS, file string, sc *Schema, whole bool) (*workbook, diag.List) {
	if !whole {
		if f, err := fsys.Open(file); err == nil {
			ra, isRA := f.(io.ReaderAt)
			fi, err := f.Stat()
			if isRA && err == nil {
				head := make([]byte, len(oleMagic))
				n, _ := ra.ReadAt(head, 0)
				if !bytes.Equal(head[:n], oleMagic) {
					w, l := parseWorkbook(file, ra, fi.Size(), sc)
					if w != nil {
						w.closer = f
					} else {
						f.Close()
					}
					return w, l
				}
			}
			f.Close()
		}
	}
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.List{readError(file, err)}
	}
	if bytes.HasPrefix(data, oleMagic) {
		return nil, diag.List{diag.Errorf(file, 0, 0, "el libro está protegido con contraseña (cifrado)",
			"the workbook is password-protected (encrypted)").
			WithHint("ábralo en Excel, quite la contraseña (Archivo › Información › Proteger libro) y guárdelo de nuevo",
				"open it in Excel, remove the password (File › Info › Protect Workbook) and save it again")}
	}
	w, l := parseWorkbook(file, bytes.NewReader(data), int64(len(data)), sc)
	if w != nil {
		w.data = data
	}
	return w, l
}

// parseWorkbook opens the workbook read through ra: its list of sheets,
// shared strings and styles, but not the rows.
func parseWorkbook(file string, ra io.ReaderAt, size int64, sc *Schema) (*workbook, diag.List) {
	head := make([]byte, len(oleMagic))
	if n, _ := ra.ReadAt(head, 0); bytes.Equal(head[:n], oleMagic) {
		return nil, diag.List{diag.Errorf(file, 0, 0, "el libro está protegido con contraseña (cifrado)",
			"the workbook is password-protected (encrypted)").
			WithHint("ábralo en Excel, quite la contraseña (Archivo › Información › Proteger libro) y guárdelo de nuevo",
				"open it in Excel, remove the password (File › Info › Protect Workbook) and save it again")}
	}
	zr, err := zip.NewReader(ra, size)
	var bk *book
	if err == nil {
		bk, err = readBook(zr)
	}
	if err != nil {
		return nil, diag.List{diag.Errorf(file, 0, 0, "no es un libro de Excel válido: %s",
			"it is not a valid Excel workbook: %s", clip(err.Error())).
			WithHint("ábralo en Excel y guárdelo de nuevo como Libro de Excel (.xlsx); si se copió a medias, cópielo otra vez",
				"open it in Excel and save it again as Excel Workbook (.xlsx); if it was copied half-way, copy it again")}
	}
	w := &workbook{file: file, bk: bk, headerRow: sc.HeaderRow, firstCol: 1}
	var names []string
	for _, s := range bk.sheets {
		names = append(names, s.name)
	}
	switch {
	case len(bk.sheets) == 0:
		return nil, diag.List{diag.Errorf(file, 0, 0, "el libro no tiene hojas", "the workbook has no sheets")}
	case sc.Sheet == "":
		w.sheet, w.part = bk.sheets[0].name, bk.sheets[0].part
	default:
		// Excel compares sheet names without regard to case.
		for _, s := range bk.sheets {
			if strings.EqualFold(s.name, sc.Sheet) {
				w.sheet, w.part = s.name, s.part
				break
			}
		}
		if w.sheet == "" {
			d := diag.Errorf(sc.File, 0, 0, "el libro %s no tiene la hoja %q", "workbook %s has no sheet %q", file, sc.Sheet)
			if near := diag.Nearest(sc.Sheet, names); near != "" {
				return nil, diag.List{d.WithHint("¿quiso decir %q? Hojas del libro: %s", "did you mean %q? Sheets of the workbook: %s", near, strings.Join(names, ", "))}
			}
			return nil, diag.List{d.WithHint("hojas del libro: %s", "sheets of the workbook: %s", strings.Join(names, ", "))}
		}
	}
	if sc.Range != "" {
		c1, c2, ok := strings.Cut(sc.Range, ":")
		var err1, err2 error
		if ok {
			w.firstCol, w.headerRow, err1 = excelize.CellNameToCoordinates(c1)
			w.lastCol, w.lastRow, err2 = excelize.CellNameToCoordinates(c2)
		}
		if !ok || err1 != nil || err2 != nil || w.lastCol < w.firstCol || w.lastRow <= w.headerRow {
			return nil, diag.List{diag.Errorf(sc.File, 0, 0, "range = %q no es un rango de celdas", "range = %q is not a cell range", sc.Range).
				WithHint(`escríbalo como en Excel, de la esquina superior izquierda (la fila de encabezados) a la inferior derecha: "A3:F200"`,
					`write it as Excel does, from the top-left corner (the header row) to the bottom-right one: "A3:F200"`)}
		}
	}
	return w, nil
}

// at names a cell of the sheet as Excel does: "data/x.xlsx › Hoja1!C7".
func (w *workbook) at(col, row int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	if err != nil {
		name = "?" + strconv.Itoa(row)
	}
	return w.file + " › " + w.sheet + "!" + name
}

// addLines records that the next n lines of the CSV come from row.
func (w *workbook) addLines(n, row int) {
	for range n {
		w.lines++
		if k := len(w.runs); k == 0 || int(w.runs[k-1].row)+w.lines-int(w.runs[k-1].line) != row {
			w.runs = append(w.runs, lineRun{line: int32(w.lines), row: int32(row)})
		}
	}
}

// rowOf returns the sheet row of a line of the CSV, 0 if there is none.
func (w *workbook) rowOf(line int) int {
	if line < 1 || line > w.lines {
		return 0
	}
	i := sort.Search(len(w.runs), func(i int) bool { return int(w.runs[i].line) > line }) - 1
	if i < 0 {
		return 0
	}
	return int(w.runs[i].row) + line - int(w.runs[i].line)
}

// sheetError turns an error of the sheet reader into a diagnostic.
func (w *workbook) sheetError(err error) diag.List {
	var se *sheetError
	if errors.As(err, &se) {
		if se.tooLong && se.row > 0 && se.col > 0 {
			return diag.List{cellTooLong(w.at(se.col, se.row), 0, 0)}
		}
		at := w.file
		switch {
		case se.row > 0 && se.col > 0:
			at = w.at(se.col, se.row)
		case se.row > 0:
			at = w.file + " › " + w.sheet + "!" + strconv.Itoa(se.row) + ":" + strconv.Itoa(se.row) // the row, as Excel names it
		}
		return diag.List{diag.Errorf(at, 0, 0, strings.ReplaceAll(se.es, "%", "%%"), strings.ReplaceAll(se.en, "%", "%%")).
			WithHint("ábralo en Excel y guárdelo de nuevo como Libro de Excel (.xlsx)", "open it in Excel and save it again as Excel Workbook (.xlsx)")}
	}
	return diag.List{diag.Errorf(w.file, 0, 0, "no se pudo leer la hoja %q: %s", "cannot read sheet %q: %s", w.sheet, clip(err.Error()))}
}

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
			if blank(cells) || (!explicit && !namesColumn(cells, types)) {
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
			if blank(cells) {
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
			return diag.List{readError(w.file, err)}
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
		return diag.List{readError(w.file, err)}
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

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
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
			if t, err := excelize.ExcelDateToTime(serial, date1904); err == nil {
				return t.Format(time.DateOnly)
			}
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

type mergedCell struct {
	ref      string
	col, row int
}

// merged reports the merged ranges, read after the sheet's rows, that
// touch the data area.
func (w *workbook) merged(refs []string) diag.List {
	var l diag.List
	for _, ref := range refs {
		first, last, _ := strings.Cut(ref, ":")
		if last == "" {
			last = first
		}
		c1, r1, e1 := excelize.CellNameToCoordinates(first)
		c2, r2, e2 := excelize.CellNameToCoordinates(last)
		if e1 != nil || e2 != nil {
			continue
		}
		if (w.lastRow == 0 || r1 <= w.lastRow) && r2 >= max(w.headerRow, 1) &&
			(w.lastCol == 0 || c1 <= w.lastCol) && c2 >= w.firstCol {
			l.Add(diag.Errorf(w.at(c1, r1), 0, 0, "celdas combinadas (%s)", "merged cells (%s)", ref).
				WithHint("sepárelas (Inicio › Combinar y centrar) y escriba el valor en cada celda: Tablero lee una celda por valor",
					"unmerge them (Home › Merge & Center) and write the value in every cell: Tablero reads one cell per value"))
			if len(l) >= maxErrors {
				break
			}
		}
	}
	return l
}

// cells moves diagnostics from the CSV made of the sheet to the cells
// they concern. csv is the CSV when it was kept, else nil: the sheet is
// then read again, keeping only the records that hold an error. Either
// way this only runs when there are errors.
func (w *workbook) cells(l diag.List, sc *Schema, csv []byte) diag.List {
	want := map[int]bool{}
	for _, d := range l {
		if d.File == w.file && d.Line > 0 && d.Col > 0 {
			want[d.Line] = true
		}
	}
	var recs *records
	if len(want) > 0 {
		recs = &records{want: want, text: map[int][]byte{}, line: 1}
		if csv != nil {
			recs.Write(csv)
		} else {
			again := &workbook{file: w.file, bk: w.bk, sheet: w.sheet, part: w.part,
				headerRow: w.headerRow, firstCol: w.firstCol, lastRow: w.lastRow, lastCol: w.lastCol}
			again.writeCSV(recs, sc)
		}
	}
	out := make(diag.List, 0, len(l))
	for _, d := range l {
		row := w.rowOf(d.Line)
		if d.File != w.file || row == 0 {
			out = append(out, d)
			continue
		}
		col := w.firstCol
		if d.Col > 0 && recs != nil {
			if start, text := recs.of(d.Line); text != nil {
				col += fieldAt(text, d.Line-start+1, d.Col)
			}
		}
		d.File, d.Line, d.Col = w.at(col, row), 0, 0
		if strings.Contains(d.Hint.EN, "decimal = ") {
			// A CSV's hint about separators does not apply: the cell holds
			// text where a number is expected.
			d = d.WithHint("la celda guarda texto, no un número: en Excel escríbalo de nuevo como número (o use Datos › Texto en columnas)",
				"the cell holds text, not a number: retype it as a number in Excel (or use Data › Text to Columns)")
		}
		out = append(out, d)
	}
	return out
}

// records keeps, from CSV written to it record by record, the records
// that hold one of the wanted lines, by the line they start on.
type records struct {
	want map[int]bool
	text map[int][]byte
	line int
}

func (r *records) Write(b []byte) (int, error) {
	// Written whole records at a time by writeCSV; a kept CSV is split here.
	for rest := b; len(rest) > 0; {
		end, inQuote := len(rest), false
		for i, c := range rest {
			if c == '"' {
				inQuote = !inQuote
			} else if c == '\n' && !inQuote {
				end = i + 1
				break
			}
		}
		rec := rest[:end]
		n := bytes.Count(rec, []byte{'\n'})
		for l := r.line; l < r.line+max(n, 1); l++ {
			if r.want[l] {
				r.text[r.line] = bytes.Clone(rec)
				break
			}
		}
		r.line += n
		rest = rest[end:]
	}
	return len(b), nil
}

// of returns the record that holds line, and the line it starts on.
func (r *records) of(line int) (int, []byte) {
	for start := line; start >= 1 && line-start < 10000; start-- {
		if t, ok := r.text[start]; ok {
			return start, t
		}
	}
	return 0, nil
}

// fieldAt returns the 0-based field of the CSV text at line and character
// column col (both 1-based); text starts at the start of a record.
func fieldAt(text []byte, line, col int) int {
	ln, c, field, inQuote := 1, 1, 0, false
	for i := 0; i < len(text); {
		if ln == line && c >= col {
			return field
		}
		r, size := utf8.DecodeRune(text[i:])
		i += size
		switch {
		case r == '"':
			inQuote = !inQuote
		case r == ',' && !inQuote:
			field++
		case r == '\n':
			if ln == line {
				return field
			}
			ln, c = ln+1, 0
			if !inQuote {
				field = 0
			}
		}
		c++
	}
	return field
}

func clip(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// scanWorkbook is Scan for a workbook: the sheet is written as CSV into a
// pipe that the scanner reads, so no more than a few chunks are held.
func scanWorkbook(fsys fs.FS, file string, sc *Schema, p *plan, fn func(*Row) error) diag.List {
	wb, l := openWorkbook(fsys, file, sc, false)
	if len(l) > 0 {
		return l
	}
	defer wb.Close()
	pp := newChunkPipe()
	done := make(chan diag.List, 1)
	go func() {
		l := wb.writeCSV(pp, sc)
		pp.closeWrite(nil)
		done <- l
	}()
	br := bufio.NewReaderSize(pp, headSize)
	head, _ := br.Peek(headSize)
	head = bytes.Clone(head)
	kr := &keepReader{r: br, checked: true}
	l = scan(file, kr, kr, head, p, fn)
	// The scanner may stop early (too many errors, ErrStop): let the
	// writer finish into nothing.
	pp.closeRead()
	if wl := <-done; len(wl) > 0 {
		return wl
	}
	if len(l) > 0 {
		return wb.cells(l, sc, nil)
	}
	return nil
}

// SheetCSV writes a sheet of the workbook in data (named file in
// messages; sheet "" is the first) as CSV, for inferring a schema from it.
// Without a schema, the headers are taken to be on the first of the
// widest rows near the top: a title above a table is narrower than it.
// It returns the sheet's name and the header row found.
func SheetCSV(data []byte, file, sheet string) (csv []byte, name string, headerRow int, l diag.List) {
	sc := &Schema{File: file, Sheet: sheet}
	wb, l := parseWorkbook(file, bytes.NewReader(data), int64(len(data)), sc)
	if len(l) > 0 {
		return nil, "", 0, l
	}
	if r, err := wb.bk.openSheet(wb.part); err == nil {
		widest := 0
		for {
			ok, err := r.next()
			if !ok || err != nil || r.num > maxHeaderSearch {
				break
			}
			n := 0
			for _, c := range r.cells {
				if strings.TrimSpace(c) != "" {
					n++
				}
			}
			if n > widest {
				widest, wb.headerRow = n, r.num
			}
		}
		r.Close()
	}
	var buf bytes.Buffer
	if l := wb.writeCSV(&buf, sc); len(l) > 0 {
		return nil, "", 0, l
	}
	return buf.Bytes(), wb.sheet, wb.headerRow, nil
}
