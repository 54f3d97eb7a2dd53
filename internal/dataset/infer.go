package dataset

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/diag"
)

// Inference is what the rows of a CSV say about its schema: the guess
// `tablero new dataset` writes for the author to review. The rows are read
// by the loader itself (same delimiter sniffing, decoding, header and
// blank-row rules), and a column is only given a type whose cell grammar
// (number.go, cell.go) accepts every value, so that the schema written
// from an Inference loads the file it was guessed from.
type Inference struct {
	Delimiter rune   // sniffed from the header line, as Load does
	Decimal   string // "." or ","
	Thousands string // "", "." or ","
	Rows      int    // rows with a value, blank ones left out
	Columns   []InferredColumn
}

// InferredColumn is the guessed declaration of one column.
type InferredColumn struct {
	Name     string
	Type     string
	Required bool     // every row has a value
	Empty    int      // rows without a value
	Values   []string // category: every value, in order of appearance
	Unique   bool     // every row has a value, each different
}

// maxCategories is the most values a column may have to be inferred as a
// category.
const maxCategories = 12

// Infer reads the CSV text data (file names it in diagnostics) and guesses
// its delimiter, number format and the type of each column. The problems
// Load would report about the file's text (encoding, quotes, rows of the
// wrong length, duplicate headers) are reported the same way.
func Infer(file string, data []byte) (*Inference, diag.List) {
	data = bytes.TrimPrefix(data, bom)
	head := data[:min(len(data), headSize)]
	delim, n := sniff(head)
	p, cells, l := inferRead(file, data, head, 0)
	if len(l) > 0 && n == 0 {
		// A header of one column tells no delimiter, and the default ","
		// may split rows that use another one ("12,5" from Excel in
		// Spanish): declare the first one that reads every row.
		for _, d := range []rune{';', '\t'} {
			if q, c, l2 := inferRead(file, data, head, d); len(l2) == 0 {
				p, cells, l, delim = q, c, nil, d
				break
			}
		}
	}
	if len(l) > 0 {
		return nil, l
	}
	if len(p.cols) == 0 {
		return nil, diag.List{diag.Errorf(file, 1, 1, "ninguna columna tiene nombre en la primera línea",
			"no column has a name in the first line").
			WithHint("la primera línea debe tener los nombres de las columnas, p. ej. anio,monto_usd",
				"the first line must hold the columns' names, e.g. year,amount_usd")}
	}
	inf := &Inference{Delimiter: delim}
	if cells == nil {
		cells = make([][]string, len(p.cols))
	}
	inf.Rows = len(cells[0])
	f := numFormat{dec: guessDecimal(cells, inf.Delimiter)}
	f.thou = ","
	if f.dec == ',' {
		f.thou = "."
	}
	grouped := false
	for j, c := range p.cols {
		g, usesThou := guessColumn(c.spec.Name, cells[j], f)
		grouped = grouped || usesThou
		inf.Columns = append(inf.Columns, g)
	}
	inf.Decimal = string(f.dec)
	if grouped {
		inf.Thousands = f.thou
	}
	return inf, nil
}

// inferRead reads the rows of data as Load does with every column of the
// header declared as text, and delimiter delim (0: sniffed). It returns the
// plan and, per column, the trimmed value of every row.
func inferRead(file string, data, head []byte, delim rune) (*plan, [][]string, diag.List) {
	p := &plan{s: &Schema{File: SchemaPath(file)}, delim: delim, num: numFormat{dec: '.'}, fromHeader: true}
	var cells [][]string
	l := scan(file, bytes.NewReader(data), byteSpan(data), head, p, func(r *Row) error {
		if cells == nil {
			cells = make([][]string, r.Len())
		}
		for j := range cells {
			cells[j] = append(cells[j], r.Str(j))
		}
		return nil
	})
	return p, cells, l
}

// declareHeader makes every named field of the header record a text column
// of the plan, for Infer. Unnamed and repeated fields are left to the
// header's own checks.
func (p *plan) declareHeader(rec []string) {
	seen := make(map[string]bool, len(rec))
	for _, f := range rec {
		name := strings.TrimSpace(f)
		if name == "" || seen[name] {
			continue
		}
		seen[name] = true
		p.s.Columns = append(p.s.Columns, ColumnSpec{Name: name, Type: TypeText})
	}
	p.cols = make([]colPlan, len(p.s.Columns))
	for j := range p.cols {
		p.cols[j] = colPlan{spec: &p.s.Columns[j], kind: kText}
	}
}

// KeyColumn suggests a column whose values identify the rows: one named
// like an identifier, else the first text or integer column with a
// different value in every row; "" when there is none.
func (inf *Inference) KeyColumn() string {
	first := ""
	for _, c := range inf.Columns {
		if !c.Unique || (c.Type != TypeText && c.Type != TypeInteger) {
			continue
		}
		n := strings.ToLower(c.Name)
		if n == "id" || strings.HasSuffix(n, "_id") || strings.HasPrefix(n, "id_") || strings.Contains(n, "codigo") || strings.Contains(n, "code") {
			return c.Name
		}
		if first == "" {
			first = c.Name
		}
	}
	return first
}

// numberLike matches a cell that is a figure in some format: digits with
// "." or "," and an optional sign and percent sign.
var numberLike = regexp.MustCompile(`^[+-]?[0-9][0-9.,]*%?$`)

// guessDecimal decides the decimal mark from every figure-like cell: a
// figure with both marks or a mark followed by other than three digits
// tells; "1,234" does not. When nothing tells, files delimited by ";"
// (Excel in Spanish) use the comma. It only picks the format; whether a
// cell is a number in it is the loader's grammar (numFormat.parse).
func guessDecimal(cells [][]string, delim rune) byte {
	comma, point := 0, 0
	for _, col := range cells {
		for _, v := range col {
			if !numberLike.MatchString(v) {
				continue
			}
			s := strings.TrimRight(strings.TrimLeft(v, "+-"), "%")
			lc, lp := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
			switch {
			case lc >= 0 && lp >= 0:
				if lc > lp {
					comma++
				} else {
					point++
				}
			case lc >= 0 && strings.Count(s, ",") > 1:
				point++ // 1,234,567: thousands
			case lc >= 0 && len(s)-lc-1 != 3:
				comma++
			case lp >= 0 && strings.Count(s, ".") > 1:
				comma++
			case lp >= 0 && len(s)-lp-1 != 3:
				point++
			}
		}
	}
	switch {
	case comma > point:
		return ','
	case point > comma:
		return '.'
	case delim == ';':
		return ','
	}
	return '.'
}

// codeLike reports whether the figure v, which the loader reads as a
// number, is rather a code: it starts with a zero followed by another digit
// ("05001", "010"), or has more than 15 digits before its decimals, more
// than a spreadsheet keeps exactly (an identifier). Such a column stays
// text.
func codeLike(v string, dec byte) bool {
	v = strings.TrimLeft(v, "+-")
	if len(v) > 1 && v[0] == '0' && v[1] >= '0' && v[1] <= '9' {
		return true
	}
	if i := strings.IndexByte(v, dec); i >= 0 {
		v = v[:i]
	}
	n := 0
	for i := 0; i < len(v); i++ {
		if v[i] >= '0' && v[i] <= '9' {
			n++
		}
	}
	return n > 15
}

// guessColumn infers the type of the column called name from its cells,
// and reports whether its figures use the thousands separator of f.
func guessColumn(name string, cells []string, f numFormat) (InferredColumn, bool) {
	g := InferredColumn{Name: name, Type: TypeText}
	var vals []string
	for _, v := range cells {
		if v == "" {
			g.Empty++
		} else {
			vals = append(vals, v)
		}
	}
	g.Required = len(vals) > 0 && g.Empty == 0
	if len(vals) == 0 {
		return g, false
	}
	distinct := map[string]bool{}
	var order []string
	for _, v := range vals {
		if !distinct[v] {
			distinct[v] = true
			order = append(order, v)
		}
	}
	g.Unique = g.Required && len(distinct) == len(vals)

	all := func(ok func(string) bool) bool {
		for _, v := range vals {
			if !ok(v) {
				return false
			}
		}
		return true
	}
	number := func(v string, integer bool) bool {
		_, prob := f.parse(v, integer)
		return prob == numOK && !codeLike(v, f.dec)
	}
	isYear := func(v string) bool {
		y, ok := yearOf(v)
		return ok && y >= 1800 && y <= 2100
	}
	isPercent := func(v string) bool { return strings.HasSuffix(v, "%") && number(percentFigure(v), false) }
	isInteger := func(v string) bool { return number(v, true) }
	isNumber := func(v string) bool { return number(v, false) }
	isDate := func(v string) bool { _, ok := dateShape(v); return ok }
	isCountry := func(v string) bool {
		// Only codes as written in capitals: "co" or "USA" are rather text.
		if len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
			return false
		}
		_, ok := country.Lookup(v)
		return ok
	}
	lower := strings.ToLower(name)
	percentName := strings.Contains(lower, "pct") || strings.Contains(lower, "percent") ||
		strings.Contains(lower, "porcentaje") || strings.Contains(lower, "%")
	switch {
	case all(isYear):
		g.Type = TypeYear
		return g, false
	case all(isPercent):
		g.Type = TypePercent
	case all(isInteger):
		g.Type = TypeInteger
	case all(isNumber):
		g.Type = TypeNumber
	case all(isDate):
		g.Type = TypeDate
		return g, false
	case all(isWebURL):
		g.Type = TypeURL
		return g, false
	case all(isCountry):
		g.Type = TypeCountry
		return g, false
	case len(distinct) <= maxCategories && len(vals) >= 2*len(distinct) && all(func(v string) bool { return utf8.RuneCountInString(v) <= 80 }):
		g.Type = TypeCategory
		g.Values = order
		return g, false
	default:
		return g, false
	}
	if percentName && (g.Type == TypeNumber || g.Type == TypeInteger) {
		g.Type = TypePercent
	}
	for _, v := range vals {
		if strings.Contains(v, f.thou) {
			return g, true
		}
	}
	return g, false
}
