package dataset

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/diag"
)

// The start of a CSV: the usual wrong formats and the delimiter, found in
// its first bytes, and the header line matched with the schema's columns.

// header reads the header line and matches it with the schema's columns.
// It reports false when the rows cannot be checked.
func (s *scanner) header() bool {
	rec, err, ok := s.next()
	if !ok {
		if len(s.diags) == 0 {
			s.report(diag.Errorf(s.file, 1, 1, "el archivo está vacío", "the file is empty").
				WithHint("la primera línea debe ser el encabezado con los nombres de las columnas",
					"the first line must be the header with the column names"))
		}
		return false
	}
	if err != nil {
		s.csvError(err)
		return false
	}
	s.hdrLine, _ = s.cr.FieldPos(0)
	s.hdrLen = len(rec)
	if s.p.fromHeader {
		s.p.declareHeader(rec)
	}
	cols := s.p.cols
	if len(rec) == 1 && len(cols) > 1 && s.p.delim != 0 && s.nsniff > 0 && s.sniffed != s.p.delim {
		d := diag.Diagnostic{File: s.file, Line: s.hdrLine, Col: 1, Msg: diag.Text{
			ES: "el encabezado tiene una sola columna: el archivo está separado por " +
				delimName(s.sniffed, "es") + " y no por " + delimName(s.p.delim, "es"),
			EN: "the header has a single column: the file is separated by " +
				delimName(s.sniffed, "en") + ", not " + delimName(s.p.delim, "en"),
		}}
		s.report(d.WithHint(`ponga delimiter = %q en %s, o quite esa línea para detectarlo solo`,
			`set delimiter = %q in %s, or remove that line to detect it automatically`,
			string(s.sniffed), s.p.s.File))
		return false
	}
	s.hdr = make([]int, len(cols))
	for j := range s.hdr {
		s.hdr[j] = -1
	}
	s.unnamed = make([]bool, len(rec))
	names := make([]string, len(rec)) // ReuseRecord: rec is overwritten by the next read
	seen := make(map[string]bool, len(rec))
	var unknown []int
	for i, f := range rec {
		name := strings.TrimSpace(f)
		names[i] = name
		line, bcol := s.cr.FieldPos(i)
		switch {
		case name == "":
			s.unnamed[i] = true
		case seen[name]:
			s.report(diag.Errorf(s.file, line, s.col(line, bcol), "la columna %q aparece dos veces en el encabezado",
				"column %q appears twice in the header", diag.Short(name)).
				WithHint("cambie el nombre de una de las dos o bórrela", "rename or delete one of the two"))
		default:
			seen[name] = true
			if k := s.p.s.ColumnIndex(name); k >= 0 {
				s.hdr[k] = i
			} else {
				unknown = append(unknown, i)
			}
		}
	}
	var missing []string
	for j, c := range cols {
		if s.hdr[j] < 0 {
			missing = append(missing, c.spec.Name)
		}
	}
	var unknownNames []string
	for _, i := range unknown {
		unknownNames = append(unknownNames, names[i])
	}
	for _, i := range unknown {
		line, bcol := s.cr.FieldPos(i)
		d := diag.Errorf(s.file, line, s.col(line, bcol), "la columna %q no está en el esquema",
			"column %q is not in the schema", diag.Short(names[i]))
		if near := diag.Nearest(names[i], missing); near != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
		} else {
			d = d.WithHint("declárela en %s o bórrela del CSV", "declare it in %s or delete it from the CSV", s.p.s.File)
		}
		s.report(d)
	}
	for _, name := range missing {
		d := diag.Errorf(s.file, s.hdrLine, 0, "falta la columna %q que declara el esquema",
			"column %q declared in the schema is missing", name)
		if near := diag.Nearest(name, unknownNames); near != "" {
			d = d.WithHint("¿es la columna %q del CSV?", "is it the CSV's column %q?", near)
		} else {
			d = d.WithHint("añádala al encabezado o quítela de %s", "add it to the header or remove it from %s", s.p.s.File)
		}
		s.report(d)
	}
	return len(missing) < len(cols)
}

// checkHead recognizes files that are not CSV text from their first bytes.
func checkHead(file string, head []byte) (diag.Diagnostic, bool) {
	var d diag.Diagnostic
	switch {
	case diag.IsUTF16(head):
		d = diag.Errorf(file, 1, 1, "el archivo está en UTF-16 («Texto Unicode» de Excel), no en UTF-8",
			`the file is UTF-16 (Excel's "Unicode Text"), not UTF-8`)
	case bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("\xD0\xCF\x11\xE0")):
		d = diag.Errorf(file, 1, 1, "es un libro de Excel con la extensión cambiada, no un CSV",
			"this is an Excel workbook with its extension changed, not a CSV")
	default:
		// CR alone ends the lines: there is no LF at all.
		if i := bytes.IndexByte(head, '\r'); i >= 0 && bytes.IndexByte(head, '\n') < 0 && i < len(head)-1 {
			d = diag.Errorf(file, 1, utf8.RuneCount(head[:i])+1,
				"las líneas terminan solo con CR (formato antiguo de Mac)", "lines end with CR only (old Mac format)")
		} else {
			return d, true
		}
	}
	return d.WithHint(saveAsES, saveAsEN), false
}

// sniff guesses the delimiter from the first line of head: the most
// frequent of , ; and tab outside quotes, with n its count. With none of
// them it returns ','.
func sniff(head []byte) (delim rune, n int) {
	var count [3]int
	in := false
	for _, c := range head {
		if c == '"' {
			in = !in
			continue
		}
		if in {
			continue
		}
		if c == '\n' {
			break
		}
		switch c {
		case ',':
			count[0]++
		case ';':
			count[1]++
		case '\t':
			count[2]++
		}
	}
	delim, n = ',', count[0]
	if count[1] > n {
		delim, n = ';', count[1]
	}
	if count[2] > n {
		delim, n = '\t', count[2]
	}
	return delim, n
}

func delimName(d rune, lang string) string {
	if d == '\t' {
		if lang == "en" {
			return "tab"
		}
		return "tabulador"
	}
	return `"` + string(d) + `"`
}
