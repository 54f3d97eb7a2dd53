package dataset

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/diag"
)

// Qualifiers: a source often gives a figure as "about 3.7 million", "more
// than 200", a projection or a range ("between 770 and 800"). A numeric
// column declares the category column that says so for each row
// (qualifier = "qualifier") and, for ranges, the column of the upper bound
// (upper = "value_high"); the pages then show the figure the way the
// source gives it. The kinds are fixed so that every page, in every
// language, writes them the same way; a qualifier column in the source's
// own words maps them with kinds = { "más de" = "more than" }.
const (
	QualExact      = "exact"
	QualApprox     = "approx"
	QualMore       = "more than"
	QualLess       = "less than"
	QualProjection = "projection"
	QualRange      = "range"
)

// QualifierKinds lists the kinds in the order they are shown to users.
var QualifierKinds = []string{QualExact, QualApprox, QualMore, QualLess, QualProjection, QualRange}

// qualPlan is a checked qualifier declaration: schema column indexes of the
// figure, its qualifier and its upper bound (-1 without one).
type qualPlan struct {
	val, qual, upper int
}

// Kind returns the qualifier kind that value v of a qualifier column
// stands for: its mapping in kinds, else v itself; an empty cell is exact.
func (c *ColumnSpec) Kind(v string) string {
	if v == "" {
		return QualExact
	}
	if k, ok := c.Kinds[v]; ok {
		return k
	}
	return v
}

// Qualified is how the source gives one figure: its kind and, for a
// range, the upper bound (NaN otherwise).
type Qualified struct {
	Kind  string
	Upper float64
}

// Qualifier returns how row r of c, a column of t, is given by its source.
// A column without a qualifier, or a row without one, is exact.
func (t *Table) Qualifier(c *Column, r int) Qualified {
	q := Qualified{Kind: QualExact, Upper: math.NaN()}
	if c.Spec.Qualifier == "" {
		return q
	}
	qc := t.Col(c.Spec.Qualifier)
	if qc == nil || qc.Str == nil {
		return q
	}
	q.Kind = qc.Spec.Kind(qc.Str[r])
	if q.Kind == QualRange && c.Spec.Upper != "" {
		if uc := t.Col(c.Spec.Upper); uc != nil && uc.Num != nil {
			q.Upper = uc.Num[r]
		}
	}
	return q
}

// compileQualifiers checks the qualifier, upper and kinds keys of s.
// first maps the names of the columns declared once to their index.
func compileQualifiers(s *Schema, pos *tomlPos, first map[string]int, names []string) ([]qualPlan, diag.List) {
	var l diag.List
	var plans []qualPlan
	at := func(i int, key, needle string) (string, int, int) {
		line, col := pos.column(i, s.Columns[i].Name, key, needle, 0)
		return s.File, line, col
	}
	used := map[int]bool{} // qualifier columns, checked once each
	// missing reports column i's key (qualifier or upper) naming a
	// column the schema does not have.
	missing := func(i int, key, name string) diag.Diagnostic {
		f, line, col := at(i, key, name)
		return unknownColumn(diag.Errorf(f, line, col, "columna %q: %s nombra una columna que no existe: %q",
			"column %q: %s names a column that does not exist: %q", s.Columns[i].Name, key, name), name, names)
	}
	for i := range s.Columns {
		c := &s.Columns[i]
		if len(c.Kinds) > 0 && c.Type != TypeCategory {
			f, line, col := at(i, "kinds", "")
			l.Add(diag.Errorf(f, line, col, "columna %q: kinds solo vale para columnas de tipo category",
				"column %q: kinds only applies to columns of type category", c.Name).
				WithHint(`quite kinds o use type = "category"`, `remove kinds or use type = "category"`))
		}
		if c.Qualifier == "" {
			if c.Upper != "" {
				f, line, col := at(i, "upper", "")
				l.Add(diag.Errorf(f, line, col, "columna %q: upper necesita qualifier", "column %q: upper needs qualifier", c.Name).
					WithHint(`añada qualifier = "…" con la columna que dice qué filas son rangos`,
						`add qualifier = "…" naming the column that says which rows are ranges`))
			}
			continue
		}
		qp := qualPlan{val: i, qual: -1, upper: -1}
		if _, ok := kinds[c.Type]; ok && !kinds[c.Type].numeric() {
			f, line, col := at(i, "qualifier", "")
			l.Add(diag.Errorf(f, line, col, "columna %q: qualifier solo vale para columnas numéricas",
				"column %q: qualifier only applies to numeric columns", c.Name).
				WithHint("quite qualifier", "remove qualifier"))
			continue
		}
		j, ok := first[c.Qualifier]
		switch {
		case !ok:
			l.Add(missing(i, "qualifier", c.Qualifier))
		case s.Columns[j].Type != TypeCategory:
			f, line, col := at(i, "qualifier", c.Qualifier)
			l.Add(diag.Errorf(f, line, col, "columna %q: la columna de qualifier %q debe ser de tipo category",
				"column %q: the qualifier column %q must be of type category", c.Name, c.Qualifier).
				WithHint(`declare type = "category" con values = ["exact", "approx", …]`,
					`declare type = "category" with values = ["exact", "approx", …]`))
		default:
			qp.qual = j
			if !used[j] {
				used[j] = true
				l = append(l, checkKinds(s, j, at)...)
			}
		}
		if c.Upper != "" {
			u, ok := first[c.Upper]
			switch {
			case !ok:
				l.Add(missing(i, "upper", c.Upper))
			case !s.Columns[u].Numeric():
				f, line, col := at(i, "upper", c.Upper)
				l.Add(diag.Errorf(f, line, col, "columna %q: la columna de upper %q debe ser numérica",
					"column %q: the upper column %q must be numeric", c.Name, c.Upper).
					WithHint(`declare type = "number" en esa columna`, `declare type = "number" on that column`))
			default:
				qp.upper = u
			}
		} else if qp.qual >= 0 && slices.ContainsFunc(s.Columns[qp.qual].Values, func(v string) bool {
			return s.Columns[qp.qual].Kind(v) == QualRange
		}) {
			f, line, col := at(i, "qualifier", "")
			l.Add(diag.Errorf(f, line, col, "columna %q: %q admite rangos pero falta upper, la columna del límite superior",
				"column %q: %q allows ranges but upper, the column of the upper bound, is missing", c.Name, c.Qualifier).
				WithHint(`añada upper = "…" con la columna numérica del límite superior`,
					`add upper = "…" naming the numeric column of the upper bound`))
		}
		if qp.qual >= 0 {
			plans = append(plans, qp)
		}
	}
	return plans, l
}

// checkKinds checks that every value of the qualifier column j is one of
// the kinds, itself or through kinds.
func checkKinds(s *Schema, j int, at func(i int, key, needle string) (string, int, int)) diag.List {
	var l diag.List
	c := &s.Columns[j]
	mapped := make([]string, 0, len(c.Kinds))
	for v := range c.Kinds {
		mapped = append(mapped, v)
	}
	sort.Strings(mapped)
	for _, v := range mapped {
		k := c.Kinds[v]
		if !slices.Contains(c.Values, v) {
			f, line, col := at(j, "kinds", v)
			d := diag.Errorf(f, line, col, "columna %q: kinds da un tipo a %q, que no está en values",
				"column %q: kinds gives a kind to %q, which is not in values", c.Name, v)
			if near := diag.Nearest(v, c.Values); near != "" {
				d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
			}
			l.Add(d)
		}
		if !slices.Contains(QualifierKinds, k) {
			f, line, col := at(j, "kinds", k)
			l.Add(unknownKind(diag.Errorf(f, line, col, "columna %q: tipo de calificador desconocido %q para %q",
				"column %q: unknown qualifier kind %q for %q", c.Name, k, v), k))
		}
	}
	for _, v := range c.Values {
		if _, ok := c.Kinds[v]; ok || slices.Contains(QualifierKinds, v) {
			continue
		}
		f, line, col := at(j, "values", v)
		d := diag.Errorf(f, line, col, "columna %q: el valor %q no es un tipo de calificador",
			"column %q: value %q is not a qualifier kind", c.Name, v)
		if k := kindWords[strings.ToLower(strings.TrimSpace(v))]; k != "" {
			d = d.WithHint("si la columna usa sus propias palabras, declare kinds = { %q = %q }",
				"if the column uses its own words, declare kinds = { %q = %q }", v, k)
		} else if near := diag.Nearest(v, QualifierKinds); near != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
		} else {
			d = d.WithHint("use uno de: %s; o declare kinds = { %q = \"…\" } con el tipo que corresponde",
				"use one of: %s; or declare kinds = { %q = \"…\" } with the kind it stands for", quotedKinds(), v)
		}
		l.Add(d)
	}
	return l
}

// kindWords are words authors may write for a kind, in either language:
// they are suggested, never accepted silently.
var kindWords = map[string]string{
	"exacto": QualExact, "exactly": QualExact,
	"approximate": QualApprox, "aproximado": QualApprox, "about": QualApprox,
	"around": QualApprox, "casi": QualApprox, "almost": QualApprox, "unos": QualApprox, "cerca de": QualApprox,
	"más de": QualMore, "mas de": QualMore, "over": QualMore, "above": QualMore, "more": QualMore, "at least": QualMore,
	"menos de": QualLess, "under": QualLess, "below": QualLess, "less": QualLess,
	"proyección": QualProjection, "proyeccion": QualProjection, "forecast": QualProjection, "projected": QualProjection,
	"rango": QualRange, "entre": QualRange, "between": QualRange,
}

// unknownKind adds a "did you mean" hint, or the list of kinds, to d.
func unknownKind(d diag.Diagnostic, k string) diag.Diagnostic {
	near := kindWords[strings.ToLower(strings.TrimSpace(k))]
	if near == "" {
		near = diag.Nearest(k, QualifierKinds)
	}
	if near != "" {
		return d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
	}
	return d.WithHint("tipos: %s", "kinds: %s", quotedKinds())
}

func quotedKinds() string { return list(QualifierKinds, len(QualifierKinds)) }

// checkQualifiers checks the qualified figures of the current row: a range
// has its upper bound, no lower than the figure, and only a range has one.
func (s *scanner) checkQualifiers() bool {
	ok := true
	for _, q := range s.p.quals {
		if q.upper < 0 {
			continue
		}
		qc, vc, uc := s.p.cols[q.qual].spec, s.p.cols[q.val].spec, s.p.cols[q.upper].spec
		kind := qc.Kind(s.row.str[q.qual])
		v, u := s.row.num[q.val], s.row.num[q.upper]
		at := s.hdr[q.upper]
		if at < 0 {
			at = s.hdr[q.val]
		}
		if at < 0 {
			continue
		}
		switch {
		case kind == QualRange && math.IsNaN(u):
			s.report(s.cellErr(q.upper, at, "la fila es un rango (%s = %q) pero no tiene límite superior",
				"the row is a range (%s = %q) but has no upper bound", qc.Name, s.row.str[q.qual]).
				WithHint("escriba en %q el límite superior que da la fuente, o cambie el calificador",
					"write in %q the upper bound the source gives, or change the qualifier", uc.Name))
			ok = false
		case kind != QualRange && !math.IsNaN(u):
			s.report(s.cellErr(q.upper, at, "solo un rango lleva límite superior, y esta fila es %q",
				"only a range has an upper bound, and this row is %q", kind).
				WithHint("deje la celda vacía, o ponga %s = %q", "leave the cell empty, or set %s = %q", qc.Name, QualRange))
			ok = false
		case kind == QualRange && !math.IsNaN(v) && u < v:
			s.report(s.cellErr(q.upper, at, "el límite superior %s es menor que %s = %s",
				"the upper bound %s is lower than %s = %s", strconv.FormatFloat(u, 'f', -1, 64), vc.Name, strconv.FormatFloat(v, 'f', -1, 64)).
				WithHint("el valor es el límite inferior del rango y %q el superior",
					"the value is the range's lower bound and %q its upper bound", uc.Name))
			ok = false
		}
	}
	return ok
}
