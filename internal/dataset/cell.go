package dataset

import (
	"strconv"
	"strings"
	"time"

	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/diag"
)

// cell checks the value raw of schema column j, read from CSV field i, and
// stores it in s.row. It reports whether the value is valid.
func (s *scanner) cell(j, i int, raw string) bool {
	cp := &s.p.cols[j]
	v := strings.TrimSpace(raw)
	if v == "" {
		if cp.spec.Required {
			s.report(s.cellErr(j, i, "falta el valor (es obligatorio)", "missing value (it is required)").
				WithHint("escriba el dato, o quite required = true del esquema si puede faltar",
					"fill in the value, or remove required = true from the schema if it may be missing"))
			return false
		}
		return true
	}
	switch cp.kind {
	case kText:
		s.row.str[j] = v
	case kInteger, kNumber:
		x, prob := s.p.num.parse(v, cp.kind == kInteger)
		if prob != numOK {
			s.report(s.numError(j, i, v, prob, cp.kind == kInteger))
			return false
		}
		s.row.num[j] = x
	case kPercent:
		x, prob := s.p.num.parse(percentFigure(v), false)
		if prob != numOK {
			s.report(s.numError(j, i, v, prob, false))
			return false
		}
		s.row.num[j] = x
	case kYear:
		y, ok := yearOf(v)
		if !ok {
			d := s.cellErr(j, i, "el valor %q no es un año (se esperan 4 cifras, p. ej. 2024)",
				"value %q is not a year (expected 4 digits, e.g. 2024)", diag.Short(v))
			if y := digitsOf(v); len(y) == 4 && y[0] != '0' && len(v) <= 7 {
				d = d.WithHint("escriba %s, sin separadores ni decimales", "write %s, without separators or decimals", y)
			}
			s.report(d)
			return false
		}
		s.row.num[j] = float64(y)
	case kDate:
		if !s.date(j, i, v) {
			return false
		}
		s.row.str[j] = v
	case kCategory:
		c, ok := cp.values[v]
		if !ok {
			d := s.cellErr(j, i, "el valor %q no está entre los permitidos", "value %q is not one of the allowed values", diag.Short(v))
			if near := diag.Nearest(v, cp.spec.Values); near != "" {
				d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
			} else {
				d = d.WithHint("valores permitidos: %s; se añaden otros en values, en %s",
					"allowed values: %s; add others to values in %s", list(cp.spec.Values, 10), s.p.s.File)
			}
			s.report(d)
			return false
		}
		s.row.str[j] = c
	case kCountry:
		c, ok := country.Lookup(v)
		if !ok {
			s.report(s.countryError(j, i, v))
			return false
		}
		s.row.str[j] = c.Alpha2
	case kURL:
		if !isWebURL(v) {
			d := s.cellErr(j, i, "el valor %q no es una dirección web", "value %q is not a web address", diag.Short(v))
			if strings.HasPrefix(strings.ToLower(v), "www.") {
				d = d.WithHint("añada https:// al principio: %q", "add https:// at the start: %q", diag.Short("https://"+v))
			} else {
				d = d.WithHint("debe empezar por https:// o http://", "it must start with https:// or http://")
			}
			s.report(d)
			return false
		}
		s.row.str[j] = v
	}
	return true
}

// percentFigure is the figure of a percent cell: the value without its
// optional percent sign.
func percentFigure(v string) string { return strings.TrimSpace(strings.TrimSuffix(v, "%")) }

// yearOf reads a year cell: exactly four digits, not starting with 0.
func yearOf(v string) (int, bool) {
	if len(v) != 4 || !allDigits(v) || v[0] == '0' {
		return 0, false
	}
	y, err := strconv.Atoi(v)
	return y, err == nil
}

// dateShape reports whether v is written YYYY-MM-DD, and if so whether
// that day exists.
func dateShape(v string) (shaped, exists bool) {
	if len(v) != 10 || v[4] != '-' || v[7] != '-' || !allDigits(v[:4]) || !allDigits(v[5:7]) || !allDigits(v[8:]) {
		return false, false
	}
	_, err := time.Parse(time.DateOnly, v)
	return true, err == nil
}

// cellErr returns a diagnostic about the cell of schema column j in CSV
// field i, its message prefixed with the column's name.
func (s *scanner) cellErr(j, i int, es, en string, args ...any) diag.Diagnostic {
	line, bcol := s.cr.FieldPos(i)
	args = append([]any{s.p.cols[j].spec.Name}, args...)
	return diag.Errorf(s.file, line, s.col(line, bcol), "columna %q: "+es, "column %q: "+en, args...)
}

// numError explains why v is not a number in the dataset's format.
func (s *scanner) numError(j, i int, v string, prob numProblem, integer bool) diag.Diagnostic {
	f := s.p.num
	mark := [2]string{"punto decimal", "decimal point"}
	if f.dec == ',' {
		mark = [2]string{"coma decimal", "decimal comma"}
	}
	ex := f.example()
	var d diag.Diagnostic
	switch prob {
	case numNotWhole:
		return s.cellErr(j, i, "el valor %q no es un número entero", "value %q is not a whole number", diag.Short(v)).
			WithHint(`las columnas integer no llevan decimales; use type = "number" si los necesita`,
				`integer columns take no decimals; use type = "number" if it needs them`)
	case numScientific:
		return s.cellErr(j, i, "el valor %q está en notación científica", "value %q is in scientific notation", diag.Short(v)).
			WithHint("Excel acortó la cifra: dé a la columna formato Número antes de guardar el CSV",
				"Excel shortened the figure: format the column as Number before saving the CSV")
	case numRange:
		return s.cellErr(j, i, "el valor %q es demasiado grande", "value %q is too large", diag.Short(v)).
			WithHint("revise la cifra", "check the figure")
	case numGrouping:
		d = s.cellErr(j, i, "el valor %q tiene el separador de miles %q mal puesto (se espera "+mark[0]+", p. ej. %s)",
			"value %q has the thousands separator %q in the wrong place (expected "+mark[1]+", e.g. %s)",
			diag.Short(v), f.thou, ex)
		return d.WithHint("los miles van en grupos de 3 cifras; los decimales se separan con %q",
			"thousands go in groups of 3 digits; decimals are separated with %q", string(f.dec))
	}
	if integer {
		ex = f.exampleInt()
		d = s.cellErr(j, i, "el valor %q no es un número entero (p. ej. %s)", "value %q is not a whole number (e.g. %s)", diag.Short(v), ex)
		if _, p := f.parse(v, false); p == numOK || p == numNotWhole {
			return d.WithHint(`las columnas integer no llevan decimales; use type = "number" si los necesita`,
				`integer columns take no decimals; use type = "number" if it needs them`)
		}
	} else {
		d = s.cellErr(j, i, "el valor %q no es un número (se espera "+mark[0]+", p. ej. %s)",
			"value %q is not a number (expected "+mark[1]+", e.g. %s)", diag.Short(v), ex)
	}
	// The most likely reason first: another number format than declared.
	other := numFormat{dec: ',', thou: "."}
	if f.dec == ',' {
		other = numFormat{dec: '.', thou: ","}
	}
	for _, g := range []numFormat{{dec: f.dec, thou: string(other.dec)}, {dec: other.dec}, other} {
		if g.thou == string(g.dec) || (g.dec == f.dec && f.thou != "") {
			continue
		}
		if _, p := g.parse(percentFigure(v), integer); p == numOK {
			es, en := formatChange(f, g, s.p.s.File)
			d.Hint = diag.Text{ES: es, EN: en}
			return d
		}
	}
	if !strings.ContainsAny(v, "0123456789") {
		return d.WithHint("si no hay dato, deje la celda vacía", "if there is no figure, leave the cell empty")
	}
	return d.WithHint("escriba solo la cifra, sin unidades, símbolos ni texto",
		"write only the figure, without units, symbols or text")
}

// formatChange says how to declare format g instead of f in the schema.
func formatChange(f, g numFormat, file string) (es, en string) {
	var set []string
	if g.dec != f.dec {
		set = append(set, `decimal = "`+string(g.dec)+`"`)
	}
	if g.thou != f.thou {
		set = append(set, `thousands = "`+g.thou+`"`)
	}
	what := strings.Join(set, ", ")
	return "si el archivo escribe las cifras como " + g.example() + ", ponga " + what + " en " + file,
		"if the file writes figures like " + g.example() + ", set " + what + " in " + file
}

// date checks that v is a date written YYYY-MM-DD that exists.
func (s *scanner) date(j, i int, v string) bool {
	if shaped, exists := dateShape(v); shaped {
		if exists {
			return true
		}
		s.report(s.cellErr(j, i, "el valor %q no es una fecha válida (ese día no existe)",
			"value %q is not a valid date (that day does not exist)", v).
			WithHint("el formato es año-mes-día: AAAA-MM-DD", "the format is year-month-day: YYYY-MM-DD"))
		return false
	}
	d := s.cellErr(j, i, "el valor %q no es una fecha (se espera AAAA-MM-DD, p. ej. 2024-01-31)",
		"value %q is not a date (expected YYYY-MM-DD, e.g. 2024-01-31)", diag.Short(v))
	if iso, ok := dayMonthYear(v); ok {
		d = d.WithHint("si es día/mes/año, escriba %s; en Excel, dé a la columna el formato personalizado aaaa-mm-dd",
			"if it is day/month/year, write %s; in Excel, give the column the custom format yyyy-mm-dd", iso)
	} else {
		d = d.WithHint("en Excel, dé a la columna el formato personalizado aaaa-mm-dd antes de guardar",
			"in Excel, give the column the custom format yyyy-mm-dd before saving")
	}
	s.report(d)
	return false
}

// dayMonthYear reads v as d/m/yyyy (or with - or .) and returns it as
// YYYY-MM-DD.
func dayMonthYear(v string) (string, bool) {
	for _, sep := range []string{"/", "-", "."} {
		// Day and month of one or two digits, a year of four.
		if t, err := time.Parse("2"+sep+"1"+sep+"2006", v); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}

func digitsOf(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			b.WriteByte(s[i])
		} else if s[i] == ',' || s[i] == '.' {
			// "2023,0": stop at a decimal part of zeros
			if strings.Trim(s[i+1:], "0") == "" {
				break
			}
		}
	}
	return b.String()
}

// countryError explains why v is not a known ISO 3166-1 alpha-2 code.
func (s *scanner) countryError(j, i int, v string) diag.Diagnostic {
	d := s.cellErr(j, i, "el valor %q no es un código de país", "value %q is not a country code", diag.Short(v))
	if c, ok := country.Lookup(strings.ToUpper(v)); ok {
		return d.WithHint("escríbalo en mayúsculas: %s", "write it in capitals: %s", c.Alpha2)
	}
	if c, ok := country.Find(v); ok {
		d.Hint = diag.Text{
			ES: "use el código de 2 letras " + c.Alpha2 + ", de " + c.ES,
			EN: "use the 2-letter code " + c.Alpha2 + ", for " + c.EN,
		}
		return d
	}
	return d.WithHint("use el código ISO 3166-1 de 2 letras, p. ej. CA para Canadá",
		"use the ISO 3166-1 2-letter code, e.g. CA for Canada")
}
