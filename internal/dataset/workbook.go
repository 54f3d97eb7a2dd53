package dataset

import (
	"archive/zip"
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/diag"
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
// amount of memory. The tests check that both read the same cells, and
// that workbook_names.go names cells and reads dates as excelize does.

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
	return Piped(func(w io.Writer) error {
		defer wb.Close()
		if l := wb.writeCSV(w, sc); len(l) > 0 {
			return l[0]
		}
		return nil
	}), nil
}

// workbookSeparators sets the separators of the CSV a sheet is written
// as: the schema's own describe how Excel shows numbers, not how it
// stores them.
func (s *Schema) workbookSeparators() { s.Delimiter, s.Decimal, s.Thousands = ",", ".", "" }

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
		return nil, diag.List{diag.ReadError(file, err)}
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
		ok1, ok2 := false, false
		if ok {
			w.firstCol, w.headerRow, ok1 = cellCoords(c1)
			w.lastCol, w.lastRow, ok2 = cellCoords(c2)
		}
		if !ok1 || !ok2 || w.lastCol < w.firstCol || w.lastRow <= w.headerRow {
			return nil, diag.List{diag.Errorf(sc.File, 0, 0, "range = %q no es un rango de celdas", "range = %q is not a cell range", sc.Range).
				WithHint(`escríbalo como en Excel, de la esquina superior izquierda (la fila de encabezados) a la inferior derecha: "A3:F200"`,
					`write it as Excel does, from the top-left corner (the header row) to the bottom-right one: "A3:F200"`)}
		}
	}
	return w, nil
}

// at names a cell of the sheet as Excel does: "data/x.xlsx › Hoja1!C7".
func (w *workbook) at(col, row int) string {
	name := "?" + strconv.Itoa(row)
	if col >= 1 && col <= maxSheetCols && row >= 1 {
		name = cellName(col, row)
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
