package dataset

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"io"
	"io/fs"
	"math"
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

// NameOf returns the dataset name of a data file: "data/ied.csv" and
// "data/ied.xlsx" are both "ied".
func NameOf(p string) string { return strings.TrimSuffix(pathBase(p), pathExt(p)) }

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
	wb, l := openWorkbook(fsys, file, sc)
	if len(l) > 0 {
		return nil, l[0]
	}
	pr, pw := io.Pipe()
	go func() {
		defer wb.f.Close()
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
	switch strings.ToLower(pathExt(p)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// isOldWorkbook reports whether p names a workbook of the format before
// 2007, which Tablero does not read.
func isOldWorkbook(p string) bool { return strings.EqualFold(pathExt(p), ".xls") }

// oleMagic starts files in the Compound File format: .xls workbooks and
// password-protected (encrypted) .xlsx ones.
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// workbook is one sheet of a workbook, bounded to the schema's range.
type workbook struct {
	file  string
	data  []byte
	f     *excelize.File
	sheet string
	// The data area: header row and columns, 1-based; lastRow and lastCol
	// are 0 when unbounded.
	headerRow, firstCol, lastRow, lastCol int
	// csvRow[i] is the sheet row written as line i+1 of the CSV.
	csvRow []int32
}

// openWorkbook opens the sheet the schema names and checks the things a
// CSV cannot hold: merged cells and hidden rows are reported later, as
// they are met.
func openWorkbook(fsys fs.FS, file string, sc *Schema) (*workbook, diag.List) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		return nil, diag.List{readError(file, err)}
	}
	return parseWorkbook(file, data, sc)
}

// parseWorkbook is openWorkbook on the file's bytes.
func parseWorkbook(file string, data []byte, sc *Schema) (*workbook, diag.List) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, diag.List{diag.Errorf(file, 0, 0, "el libro está protegido con contraseña (cifrado)",
			"the workbook is password-protected (encrypted)").
			WithHint("ábralo en Excel, quite la contraseña (Archivo › Información › Proteger libro) y guárdelo de nuevo",
				"open it in Excel, remove the password (File › Info › Protect Workbook) and save it again")}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, diag.List{diag.Errorf(file, 0, 0, "no es un libro de Excel válido: %s",
			"it is not a valid Excel workbook: %s", clip(err.Error())).
			WithHint("ábralo en Excel y guárdelo de nuevo como Libro de Excel (.xlsx); si se copió a medias, cópielo otra vez",
				"open it in Excel and save it again as Excel Workbook (.xlsx); if it was copied half-way, copy it again")}
	}
	w := &workbook{file: file, data: data, f: f, headerRow: sc.HeaderRow, firstCol: 1}
	sheets := f.GetSheetList()
	w.sheet = sc.Sheet
	switch {
	case len(sheets) == 0:
		f.Close()
		return nil, diag.List{diag.Errorf(file, 0, 0, "el libro no tiene hojas", "the workbook has no sheets")}
	case w.sheet == "":
		w.sheet = sheets[0]
	default:
		if idx, _ := f.GetSheetIndex(w.sheet); idx < 0 {
			f.Close()
			d := diag.Errorf(sc.File, 0, 0, "el libro %s no tiene la hoja %q", "workbook %s has no sheet %q", file, w.sheet)
			if near := diag.Nearest(w.sheet, sheets); near != "" {
				return nil, diag.List{d.WithHint("¿quiso decir %q? Hojas del libro: %s", "did you mean %q? Sheets of the workbook: %s", near, strings.Join(sheets, ", "))}
			}
			return nil, diag.List{d.WithHint("hojas del libro: %s", "sheets of the workbook: %s", strings.Join(sheets, ", "))}
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
			f.Close()
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

// writeCSV streams the data area to out as CSV, with every cell of a
// date column that holds a serial number written as YYYY-MM-DD and every
// number written without exponent. It reports merged cells over the data
// and hidden rows, which a CSV cannot carry and a reader would not see.
func (w *workbook) writeCSV(out io.Writer, sc *Schema) diag.List {
	var l diag.List
	for _, m := range w.merged() {
		l.Add(diag.Errorf(w.at(m.col, m.row), 0, 0, "celdas combinadas (%s)", "merged cells (%s)", m.ref).
			WithHint("sepárelas (Inicio › Combinar y centrar) y escriba el valor en cada celda: Tablero lee una celda por valor",
				"unmerge them (Home › Merge & Center) and write the value in every cell: Tablero reads one cell per value"))
	}
	if len(l) > 0 {
		return l
	}
	rows, err := w.f.Rows(w.sheet)
	if err != nil {
		return diag.List{diag.Errorf(w.file, 0, 0, "no se pudo leer la hoja %q: %s", "cannot read sheet %q: %s", w.sheet, clip(err.Error()))}
	}
	defer rows.Close()
	var (
		kinds []string // schema type of each column of the area, by header
		buf   []byte
		row   int
	)
	explicit, skipped := w.headerRow > 0, 0
	types := map[string]string{}
	for i := range sc.Columns {
		types[sc.Columns[i].Name] = sc.Columns[i].Type
	}
	for rows.Next() {
		row++
		if row < w.headerRow || (w.lastRow > 0 && row > w.lastRow) {
			continue
		}
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return diag.List{diag.Errorf(w.file, 0, 0, "no se pudo leer la hoja %q: %s", "cannot read sheet %q: %s", w.sheet, clip(err.Error()))}
		}
		cells = w.area(cells)
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
			if rows.GetRowOpts().Hidden {
				l.Add(diag.Errorf(w.at(w.firstCol, row), 0, 0, "la fila %d está oculta", "row %d is hidden", row).
					WithHint("muéstrela o bórrela: Tablero publicaría sus datos aunque en Excel no se vean",
						"unhide or delete it: Tablero would publish its data although Excel does not show it"))
				if len(l) >= maxErrors {
					break
				}
				continue
			}
			for i := range cells {
				if i < len(kinds) {
					cells[i] = storedValue(cells[i], kinds[i])
				}
			}
		}
		for len(cells) < len(kinds) {
			cells = append(cells, "")
		}
		buf = appendCSVRecord(buf[:0], cells)
		for range bytes.Count(buf, []byte{'\n'}) {
			w.csvRow = append(w.csvRow, int32(row))
		}
		if _, err := out.Write(buf); err != nil {
			return diag.List{readError(w.file, err)}
		}
	}
	if err := rows.Error(); err != nil {
		l.Add(diag.Errorf(w.file, 0, 0, "no se pudo leer la hoja %q: %s", "cannot read sheet %q: %s", w.sheet, clip(err.Error())))
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

func (w *workbook) area(cells []string) []string {
	if w.firstCol > 1 {
		if len(cells) < w.firstCol {
			return nil
		}
		cells = cells[w.firstCol-1:]
	}
	if w.lastCol > 0 && len(cells) > w.lastCol-w.firstCol+1 {
		cells = cells[:w.lastCol-w.firstCol+1]
	}
	return cells
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
// a number typed as text in a number column is reported as in a CSV.
func storedValue(v, typ string) string {
	switch typ {
	case TypeDate:
		if serial, err := strconv.ParseFloat(v, 64); err == nil && serial >= 1 && serial < 2958466 {
			if t, err := excelize.ExcelDateToTime(serial, false); err == nil {
				return t.Format(time.DateOnly)
			}
		}
	case TypeInteger, TypeNumber, TypePercent, TypeYear:
		// Excel stores 1E-3 or 1.5E+20; the CSV grammar has no exponent.
		if strings.ContainsAny(v, "eE") {
			if f, err := strconv.ParseFloat(v, 64); err == nil && !math.IsInf(f, 0) {
				return strconv.FormatFloat(f, 'f', -1, 64)
			}
		}
	}
	return v
}

// appendCSVRecord appends cells as one RFC 4180 record.
func appendCSVRecord(b []byte, cells []string) []byte {
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		if strings.ContainsAny(c, ",\"\r\n") || strings.TrimSpace(c) != c {
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

// merged lists the merged ranges that touch the data area. They are
// read from the <mergeCells> element at the end of the sheet's XML,
// found without decoding the rows, so that a large sheet is not held.
func (w *workbook) merged() []mergedCell {
	zr, err := zip.NewReader(bytes.NewReader(w.data), int64(len(w.data)))
	if err != nil {
		return nil
	}
	name := sheetXMLPath(zr, w.sheet)
	if name == "" {
		return nil
	}
	rc, err := zr.Open(name)
	if err != nil {
		return nil
	}
	defer rc.Close()
	var out []mergedCell
	const tag = `<mergeCell ref="`
	var carry []byte
	chunk := make([]byte, 256<<10)
	for {
		n, err := rc.Read(chunk)
		b := append(carry, chunk[:n]...)
		for {
			i := bytes.Index(b, []byte(tag))
			if i < 0 {
				break
			}
			end := bytes.IndexByte(b[i+len(tag):], '"')
			if end < 0 {
				break
			}
			ref := string(b[i+len(tag) : i+len(tag)+end])
			b = b[i+len(tag)+end:]
			first, last, _ := strings.Cut(ref, ":")
			c1, r1, e1 := excelize.CellNameToCoordinates(first)
			c2, r2, e2 := excelize.CellNameToCoordinates(last)
			if e1 != nil || e2 != nil {
				continue
			}
			if (w.lastRow == 0 || r1 <= w.lastRow) && r2 >= max(w.headerRow, 1) &&
				(w.lastCol == 0 || c1 <= w.lastCol) && c2 >= w.firstCol {
				out = append(out, mergedCell{ref: ref, col: c1, row: r1})
			}
		}
		// Keep a tail in case a tag spans two chunks.
		carry = append(carry[:0], b[max(0, len(b)-64):]...)
		if err != nil {
			break
		}
	}
	return out
}

// sheetXMLPath finds the part of the zip that holds the sheet called name,
// through the workbook and its relationships.
func sheetXMLPath(zr *zip.Reader, name string) string {
	read := func(p string) []byte {
		rc, err := zr.Open(p)
		if err != nil {
			return nil
		}
		defer rc.Close()
		b, _ := io.ReadAll(io.LimitReader(rc, 16<<20))
		return b
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels struct {
		Rels []struct {
			ID     string `xml:"Id,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if xml.Unmarshal(read("xl/workbook.xml"), &wb) != nil || xml.Unmarshal(read("xl/_rels/workbook.xml.rels"), &rels) != nil {
		return ""
	}
	for _, s := range wb.Sheets {
		if s.Name != name {
			continue
		}
		for _, r := range rels.Rels {
			if r.ID == s.RID {
				t := strings.TrimPrefix(r.Target, "/")
				if !strings.HasPrefix(t, "xl/") {
					t = "xl/" + t
				}
				return t
			}
		}
	}
	return ""
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
			again := &workbook{file: w.file, data: w.data, f: w.f, sheet: w.sheet,
				headerRow: w.headerRow, firstCol: w.firstCol, lastRow: w.lastRow, lastCol: w.lastCol}
			again.writeCSV(recs, sc)
		}
	}
	out := make(diag.List, 0, len(l))
	for _, d := range l {
		if d.File != w.file || d.Line < 1 || d.Line > len(w.csvRow) {
			out = append(out, d)
			continue
		}
		row, col := int(w.csvRow[d.Line-1]), w.firstCol
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
// pipe that the scanner reads, so no more than a few records are held.
func scanWorkbook(fsys fs.FS, file string, sc *Schema, p *plan, fn func(*Row) error) diag.List {
	wb, l := openWorkbook(fsys, file, sc)
	if len(l) > 0 {
		return l
	}
	defer wb.f.Close()
	pr, pw := io.Pipe()
	done := make(chan diag.List, 1)
	go func() {
		l := wb.writeCSV(pw, sc)
		pw.Close()
		done <- l
	}()
	br := bufio.NewReaderSize(pr, headSize)
	head, _ := br.Peek(headSize)
	head = bytes.Clone(head)
	kr := &keepReader{r: br}
	l = scan(file, kr, kr, head, p, fn)
	// The scanner may stop early (too many errors, ErrStop): let the
	// writer finish into nothing.
	pr.CloseWithError(io.ErrClosedPipe)
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
	wb, l := parseWorkbook(file, data, sc)
	if len(l) > 0 {
		return nil, "", 0, l
	}
	defer wb.f.Close()
	if rows, err := wb.f.Rows(wb.sheet); err == nil {
		widest := 0
		for row := 1; row <= maxHeaderSearch && rows.Next(); row++ {
			cells, _ := rows.Columns(excelize.Options{RawCellValue: true})
			n := 0
			for _, c := range cells {
				if strings.TrimSpace(c) != "" {
					n++
				}
			}
			if n > widest {
				widest, wb.headerRow = n, row
			}
		}
		rows.Close()
	}
	var buf bytes.Buffer
	if l := wb.writeCSV(&buf, sc); len(l) > 0 {
		return nil, "", 0, l
	}
	return buf.Bytes(), wb.sheet, wb.headerRow, nil
}
