package dataset

import (
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// KindReferences is the kind of a dataset whose rows are external databases
// (or any other resources) listed in the data index: the knowledge team
// adds one by adding a row.
const KindReferences = "references"

// References names the columns that play each part in a dataset of
// references. Each is a column name, or { es = "col", en = "col" } when the
// text comes in one column per language (name_es and name).
type References struct {
	Name            i18n.Text `toml:"name"`             // required
	URL             i18n.Text `toml:"url"`              // required: the landing page, a column of type url
	Publisher       i18n.Text `toml:"publisher"`        // who publishes it; the index filters and counts by it
	PublisherDetail i18n.Text `toml:"publisher_detail"` // optional longer credit shown in the list
	Dimension       i18n.Text `toml:"dimension"`
	Category        i18n.Text `toml:"category"`
	Geography       i18n.Text `toml:"geography"`
	Frequency       i18n.Text `toml:"frequency"`
	Description     i18n.Text `toml:"description"`
}

// role is one part of References, for checking and reading them alike.
type role struct {
	key      string
	cols     i18n.Text
	required bool
	url      bool                     // the column must be of type url
	out      func(*Reference) *string // where ReferencesIn puts the value
}

func (r *References) roles() []role {
	return []role{
		{"name", r.Name, true, false, func(x *Reference) *string { return &x.Name }},
		{"url", r.URL, true, true, func(x *Reference) *string { return &x.URL }},
		{"publisher", r.Publisher, false, false, func(x *Reference) *string { return &x.Publisher }},
		{"publisher_detail", r.PublisherDetail, false, false, func(x *Reference) *string { return &x.PublisherDetail }},
		{"dimension", r.Dimension, false, false, func(x *Reference) *string { return &x.Dimension }},
		{"category", r.Category, false, false, func(x *Reference) *string { return &x.Category }},
		{"geography", r.Geography, false, false, func(x *Reference) *string { return &x.Geography }},
		{"frequency", r.Frequency, false, false, func(x *Reference) *string { return &x.Frequency }},
		{"description", r.Description, false, false, func(x *Reference) *string { return &x.Description }},
	}
}

// checkReferences checks kind and the [references] table of s: every part
// names columns that exist, the landing page is a url column, and the
// required parts are there. first maps column names to their index.
func checkReferences(s *Schema, first map[string]int, names []string, pos *tomlPos) diag.List {
	var l diag.List
	file := s.File
	switch {
	case s.Kind != "" && s.Kind != KindReferences:
		line, col := pos.top("kind", "", 0)
		d := diag.Errorf(file, line, col, "kind desconocido %q", "unknown kind %q", s.Kind)
		if near := diag.Nearest(s.Kind, []string{KindReferences}); near != "" {
			d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
		} else {
			d = d.WithHint(`quite kind (un conjunto de cifras) o escriba kind = "references" (una lista de bases de datos externas)`,
				`remove kind (a dataset of figures) or write kind = "references" (a list of external databases)`)
		}
		return diag.List{d}
	case s.Kind == KindReferences && s.References == nil:
		line, col := pos.top("kind", "", 0)
		return diag.List{diag.Errorf(file, line, col, `un conjunto kind = "references" necesita una tabla [references] que diga qué columna es cada dato`,
			`a dataset of kind = "references" needs a [references] table saying which column holds what`).
			WithHint(`añada [references] con name = "columna del nombre" y url = "columna del enlace" al menos`,
				`add [references] with name = "name column" and url = "link column" at least`)}
	case s.Kind == "" && s.References != nil:
		line, col := pos.section("references", "", "")
		return diag.List{diag.Errorf(file, line, col, "[references] solo vale en un conjunto de referencias",
			"[references] only applies to a dataset of references").
			WithHint(`añada kind = "references" antes de las tablas, o quite [references]`,
				`add kind = "references" before the tables, or remove [references]`)}
	case s.References == nil:
		return nil
	}
	for _, r := range s.References.roles() {
		if r.cols.IsZero() {
			if r.required {
				line, col := pos.section("references", "", "")
				l.Add(diag.Errorf(file, line, col, "[references] no dice qué columna es %s", "[references] does not say which column is %s", r.key).
					WithHint(`añada %s = "columna"`, `add %s = "column"`, r.key))
			}
			continue
		}
		cols := []string{r.cols.ES, r.cols.EN}
		if r.cols.ES == r.cols.EN || r.cols.EN == "" {
			cols = cols[:1]
		} else if r.cols.ES == "" {
			cols = cols[1:]
		}
		for _, name := range cols {
			errAt := func(es, en string, args ...any) diag.Diagnostic {
				line, col := pos.section("references", r.key, name)
				return diag.Errorf(file, line, col, es, en, args...)
			}
			j, ok := first[name]
			switch {
			case !ok:
				l.Add(unknownColumn(errAt("references.%s nombra una columna que no existe: %q",
					"references.%s names a column that does not exist: %q", r.key, name), name, names))
			case r.url && s.Columns[j].Type != TypeURL:
				l.Add(errAt("references.url: la columna %q debe ser de tipo url",
					"references.url: column %q must be of type url", name).
					WithHint(`declare type = "url" en esa columna`, `declare type = "url" on that column`))
			case !r.url && s.Columns[j].Type != TypeText && s.Columns[j].Type != TypeCategory:
				l.Add(errAt("references.%s: la columna %q debe ser de tipo text o category",
					"references.%s: column %q must be of type text or category", r.key, name))
			}
		}
	}
	return l
}

// section is top for a key of the table [name] (or name = { … }): the
// position of its value, or of the quoted needle in it; with key "", the
// table itself.
func (p *tomlPos) section(name, key, needle string) (line, col int) {
	if p == nil {
		return 0, 0
	}
	if key != "" {
		if line, col := p.value(name+"."+key, needle, 0); line > 0 {
			return line, col
		}
	}
	return p.value(name, needle, 0)
}

// Reference is one row of a dataset of references, read through its
// schema's parts in one language.
type Reference struct {
	Line                                      int // the row's line in the CSV
	Name, URL, Publisher, PublisherDetail     string
	Dimension, Category, Geography, Frequency string
	Description                               string
}

// ReferencesIn returns the rows of t in lang when t is a dataset of
// references, else nil. Values of category columns read as their labels
// in lang (value_labels).
func (t *Table) ReferencesIn(lang string) []Reference {
	s := t.Schema
	if s.Kind != KindReferences || s.References == nil {
		return nil
	}
	type part struct {
		col *Column
		out func(*Reference) *string
	}
	var parts []part
	for _, r := range s.References.roles() {
		if c := t.Col(r.cols.In(lang)); c != nil {
			parts = append(parts, part{c, r.out})
		}
	}
	out := make([]Reference, t.Len())
	for r := range out {
		out[r].Line = t.Lines[r]
		for _, p := range parts {
			*p.out(&out[r]) = p.col.Spec.ValueLabel(p.col.Text(r), lang)
		}
	}
	return out
}
