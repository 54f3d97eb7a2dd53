package dataset

import (
	"net/url"
	"sort"
	"strings"

	"github.com/tablero/tablero/internal/diag"
)

// kind is a column type, resolved once from its name.
type kind uint8

const (
	kText kind = iota
	kInteger
	kNumber
	kPercent
	kDate
	kYear
	kCategory
	kCountry
	kURL
)

// typeNames lists the types in the order they are shown to users.
var typeNames = []string{TypeText, TypeInteger, TypeNumber, TypePercent, TypeDate,
	TypeYear, TypeCategory, TypeCountry, TypeURL}

var kinds = map[string]kind{
	TypeText: kText, TypeInteger: kInteger, TypeNumber: kNumber, TypePercent: kPercent,
	TypeDate: kDate, TypeYear: kYear, TypeCategory: kCategory, TypeCountry: kCountry, TypeURL: kURL,
}

// spanishTypes maps the Spanish words analysts may write to the type meant.
var spanishTypes = map[string]string{
	"texto": TypeText, "entero": TypeInteger, "numero": TypeNumber, "número": TypeNumber,
	"decimal": TypeNumber, "porcentaje": TypePercent, "fecha": TypeDate, "año": TypeYear,
	"anio": TypeYear, "ano": TypeYear, "categoria": TypeCategory, "categoría": TypeCategory,
	"pais": TypeCountry, "país": TypeCountry, "enlace": TypeURL, "link": TypeURL,
	"int": TypeInteger, "float": TypeNumber, "string": TypeText,
}

func (k kind) numeric() bool {
	return k == kInteger || k == kNumber || k == kPercent || k == kYear
}

// plan is a checked schema, ready to read rows with.
type plan struct {
	s     *Schema
	delim rune // 0: sniff from the header
	num   numFormat
	cols  []colPlan
	key   []int // indexes into cols
	quals []qualPlan
	// fromHeader is set by Infer: the header line declares the columns,
	// each as text, so that the rows are read exactly as Load reads them.
	fromHeader bool
}

type colPlan struct {
	spec   *ColumnSpec
	kind   kind
	values map[string]string // category: allowed value → the schema's own string
}

// compile checks s and returns its plan. pos, when not nil, locates keys in
// the schema's text; without it diagnostics point at the whole file.
func compile(s *Schema, pos *tomlPos) (*plan, diag.List) {
	var l diag.List
	file := s.File
	at := func(key, needle string) (string, int, int) {
		line, col := pos.top(key, needle, 0)
		return file, line, col
	}
	p := &plan{s: s, num: numFormat{dec: '.'}}

	switch s.Delimiter {
	case "":
	case ",", ";", "\t":
		p.delim = rune(s.Delimiter[0])
	default:
		f, line, col := at("delimiter", "")
		d := diag.Errorf(f, line, col, "delimitador no válido %q", "invalid delimiter %q", s.Delimiter)
		if strings.EqualFold(s.Delimiter, "tab") || s.Delimiter == `\t` {
			d = d.WithHint(`para el tabulador escriba delimiter = "\t", con comillas dobles`,
				`for a tab write delimiter = "\t", in double quotes`)
		} else {
			d = d.WithHint(`use ",", ";" o "\t" para el tabulador, o quite la línea para detectarlo solo`,
				`use ",", ";" or "\t" for a tab, or remove the line to detect it automatically`)
		}
		l.Add(d)
	}
	switch s.Decimal {
	case "", ".":
	case ",":
		p.num.dec = ','
	default:
		f, line, col := at("decimal", "")
		l.Add(diag.Errorf(f, line, col, "separador decimal no válido %q", "invalid decimal mark %q", s.Decimal).
			WithHint(`use "." como en 1234.5 o "," como en 1234,5`, `use "." as in 1234.5 or "," as in 1234,5`))
	}
	switch s.Thousands {
	case "", ".", ",", " ":
		p.num.thou = s.Thousands
	case "\u00a0", "\u202f":
		p.num.thou = " "
	default:
		f, line, col := at("thousands", "")
		l.Add(diag.Errorf(f, line, col, "separador de miles no válido %q", "invalid thousands separator %q", s.Thousands).
			WithHint(`use ".", ",", " " o quite la línea si las cifras no llevan separador de miles`,
				`use ".", ",", " " or remove the line if figures have no thousands separator`))
	}
	if p.num.thou != "" && p.num.thou[0] == p.num.dec {
		f, line, col := at("thousands", "")
		l.Add(diag.Errorf(f, line, col, "el separador de miles %q es igual al decimal",
			"the thousands separator %q is the same as the decimal mark", p.num.thou).
			WithHint(`con coma decimal use thousands = "." como en 1.234,5; con punto decimal, thousands = "," como en 1,234.5`,
				`with a decimal comma use thousands = "." as in 1.234,5; with a decimal point, thousands = "," as in 1,234.5`))
	}
	if s.SourceURL != "" && !isWebURL(s.SourceURL) {
		f, line, col := at("source_url", "")
		l.Add(diag.Errorf(f, line, col, "source_url no es una dirección web: %q", "source_url is not a web address: %q", s.SourceURL).
			WithHint("debe empezar por https:// o http://", "it must start with https:// or http://"))
	}

	if len(s.Columns) == 0 {
		l.Add(diag.Errorf(file, 0, 0, "el esquema no declara columnas", "the schema declares no columns").
			WithHint(`añada un bloque [[columns]] con name y type por cada columna del CSV`,
				`add a [[columns]] block with name and type for each column of the CSV`))
	}
	first := map[string]int{} // column name → index
	names := make([]string, 0, len(s.Columns))
	for i := range s.Columns {
		c := &s.Columns[i]
		cp := colPlan{spec: c}
		colAt := func(key, needle string) (string, int, int) {
			line, col := pos.column(i, c.Name, key, needle, 0)
			return file, line, col
		}
		if c.Name == "" {
			f, line, col := colAt("name", "")
			l.Add(diag.Errorf(f, line, col, "columna %d sin nombre", "column %d has no name", i+1).
				WithHint(`añada name = "…" con el encabezado de la columna en el CSV`,
					`add name = "…" with the column's header in the CSV`))
		} else if j, dup := first[c.Name]; dup {
			f, line, col := colAt("name", "")
			d := diag.Errorf(f, line, col, "columna %q declarada dos veces", "column %q declared twice", c.Name).
				WithHint("quite una de las dos declaraciones", "remove one of the two declarations")
			if fl, fc := pos.column(j, c.Name, "name", "", 0); fl > 0 {
				d = d.WithNote(file, fl, fc, "la otra declaración de %q", "the other declaration of %q", c.Name)
			}
			l.Add(d)
		} else {
			first[c.Name] = i
			names = append(names, c.Name)
		}
		k, ok := kinds[c.Type]
		switch {
		case ok:
			cp.kind = k
		case c.Type == "":
			f, line, col := colAt("name", "")
			l.Add(diag.Errorf(f, line, col, "columna %q: falta type", "column %q: missing type", c.Name).
				WithHint("añada type con uno de: %s", "add type with one of: %s", strings.Join(typeNames, ", ")))
		default:
			f, line, col := colAt("type", "")
			d := diag.Errorf(f, line, col, "columna %q: tipo desconocido %q", "column %q: unknown type %q", c.Name, c.Type)
			near := spanishTypes[strings.ToLower(c.Type)]
			if near == "" {
				near = diag.Nearest(c.Type, typeNames)
			}
			if near != "" {
				d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
			} else {
				d = d.WithHint("tipos válidos: %s", "valid types: %s", strings.Join(typeNames, ", "))
			}
			l.Add(d)
		}
		if ok && k == kCategory {
			if len(c.Values) == 0 {
				f, line, col := colAt("type", "")
				l.Add(diag.Errorf(f, line, col, "columna %q: una categoría necesita values", "column %q: a category needs values", c.Name).
					WithHint(`añada values = ["…", "…"] con los valores permitidos`,
						`add values = ["…", "…"] listing the allowed values`))
			}
			cp.values = make(map[string]string, len(c.Values))
			seenValue := map[string]int{}
			for _, v := range c.Values {
				seenValue[v]++
				if _, dup := cp.values[v]; dup {
					line, col := pos.column(i, c.Name, "values", v, seenValue[v]-1)
					f := file
					l.Add(diag.Errorf(f, line, col, "columna %q: el valor %q está repetido en values",
						"column %q: value %q appears twice in values", c.Name, v).
						WithHint("quite la repetición", "remove the repetition"))
					continue
				}
				cp.values[v] = v
			}
			labelled := make([]string, 0, len(c.ValueLabels))
			for v := range c.ValueLabels {
				labelled = append(labelled, v)
			}
			sort.Strings(labelled)
			for _, v := range labelled {
				if _, ok := cp.values[v]; !ok {
					f, line, col := colAt("value_labels", "")
					d := diag.Errorf(f, line, col, "columna %q: value_labels traduce %q, que no está en values",
						"column %q: value_labels translates %q, which is not in values", c.Name, v)
					if near := diag.Nearest(v, c.Values); near != "" {
						d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
					}
					l.Add(d)
				}
			}
		} else if ok && len(c.Values) > 0 {
			f, line, col := colAt("values", "")
			l.Add(diag.Errorf(f, line, col, "columna %q: values solo vale para columnas de tipo category",
				"column %q: values only applies to columns of type category", c.Name).
				WithHint(`quite values o use type = "category"`, `remove values or use type = "category"`))
		}
		if c.Decimals != nil && ok {
			switch {
			case !k.numeric():
				f, line, col := colAt("decimals", "")
				l.Add(diag.Errorf(f, line, col, "columna %q: decimals solo vale para columnas numéricas",
					"column %q: decimals only applies to numeric columns", c.Name).
					WithHint("quite decimals", "remove decimals"))
			case *c.Decimals < 0 || *c.Decimals > 15:
				f, line, col := colAt("decimals", "")
				l.Add(diag.Errorf(f, line, col, "columna %q: decimals debe estar entre 0 y 15",
					"column %q: decimals must be between 0 and 15", c.Name))
			}
		}
		p.cols = append(p.cols, cp)
	}

	inKey := map[string]bool{}
	seenKey := map[string]int{}
	for _, k := range s.Key {
		seenKey[k]++
		nth := seenKey[k] - 1
		// Positions are looked up only for a problem: most schemas have none.
		errAt := func(es, en string, args ...any) diag.Diagnostic {
			line, col := pos.top("key", k, nth)
			return diag.Errorf(file, line, col, es, en, args...)
		}
		switch j, ok := first[k]; {
		case !ok:
			l.Add(unknownColumn(errAt("key nombra una columna que no existe: %q",
				"key names a column that does not exist: %q", k), k, names))
		case inKey[k]:
			l.Add(errAt("key repite la columna %q", "key repeats column %q", k))
		default:
			inKey[k] = true
			p.key = append(p.key, j)
		}
	}
	for _, ref := range []struct{ key, name string }{{"row_source", s.RowSource}, {"row_source_url", s.RowSourceURL}} {
		if ref.name == "" {
			continue
		}
		errAt := func(es, en string, args ...any) diag.Diagnostic {
			f, line, col := at(ref.key, ref.name)
			return diag.Errorf(f, line, col, es, en, args...)
		}
		j, ok := first[ref.name]
		switch {
		case !ok:
			l.Add(unknownColumn(errAt("%s nombra una columna que no existe: %q",
				"%s names a column that does not exist: %q", ref.key, ref.name), ref.name, names))
		case ref.key == "row_source_url" && s.Columns[j].Type != TypeURL:
			l.Add(errAt("row_source_url: la columna %q debe ser de tipo url",
				"row_source_url: column %q must be of type url", ref.name).
				WithHint(`declare type = "url" en esa columna`, `declare type = "url" on that column`))
		}
	}
	var ql diag.List
	p.quals, ql = compileQualifiers(s, pos, first, names)
	l = append(l, ql...)
	l = append(l, checkReferences(s, first, names, pos)...)
	if len(l) > 0 {
		return nil, l
	}
	return p, nil
}

// unknownColumn adds a "did you mean" hint, or the list of columns, to d.
func unknownColumn(d diag.Diagnostic, name string, names []string) diag.Diagnostic {
	if near := diag.Nearest(name, names); near != "" {
		return d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
	}
	return d.WithHint("columnas: %s", "columns: %s", list(names, 12))
}

// list joins up to n quoted names, ending with "…" when there are more.
func list(names []string, n int) string {
	var b strings.Builder
	for i, s := range names {
		if i == n {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(`"` + s + `"`)
	}
	return b.String()
}

// isWebURL reports whether s is an absolute http or https address.
func isWebURL(s string) bool {
	if len(s) < 8 || !(strings.EqualFold(s[:7], "http://") || strings.EqualFold(s[:8], "https://")) {
		return false
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(s)
	return err == nil && u.Host != ""
}
