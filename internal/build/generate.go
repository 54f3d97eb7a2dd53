package build

import (
	"encoding/binary"
	"hash"
	"html"
	"io"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/par"
)

// ValuePlaceholder stands, in a template page's title, menu, summary,
// Markdown and blocks, for the value of the page being generated.
const ValuePlaceholder = "{{value}}"

// LabelPlaceholder stands for the value as readers see it in the page's
// language: a country's name for a country column ("España" for ES), the
// schema's label of a value otherwise, else the value.
const LabelPlaceholder = "{{label}}"

// tomlString escapes a value for the inside of a TOML basic string, where
// a block writes ValuePlaceholder (where = { country = "{{value}}" }).
var tomlString = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`, "\t", `\t`)

// generate replaces each template page (front matter [generate]) by one
// page per distinct value of its column, in the folder of the template:
// content/paises/pais.md with values "España" and "Perú" gives
// paises/espana.html and paises/peru.html. The template itself is not
// published. Generated pages keep the template's file, so its errors and
// its cache entry (the file and the datasets it draws on) are theirs.
func (b *Builder) generate(pages []*chart.Page, ts chart.Tables) ([]*chart.Page, diag.List) {
	var out []*chart.Page
	var l diag.List
	// Instances of an unchanged template are kept from the previous
	// build: decoding the blocks of a thousand pages again would cost a
	// rebuild more than rendering the few whose rows changed.
	prev := b.instances
	b.instances = map[instanceKey]*chart.Page{}
	b.gen = map[*chart.Page]generated{}
	taken := map[string]string{} // slug and language → the page's file
	var made []instanceAt
	for _, p := range pages {
		if p.Meta.Generate == nil {
			taken[p.Slug+"\x00"+p.Lang] = p.File
		}
	}
	for _, p := range pages {
		g := p.Meta.Generate
		if g == nil {
			out = append(out, p)
			continue
		}
		line := 1
		if e := b.pages[p.File]; e != nil {
			line = e.generateLine
		}
		cols, ok := generateColumns(p.File, line, g, ts, &l)
		if !ok {
			continue
		}
		from := sourcesOf(g, ts)
		// A value's label and page come from the first dataset that has it.
		colOf := map[string]valueColumn{}
		var values []string
		for _, vc := range cols {
			for _, v := range distinct(vc.col) {
				if colOf[v].col == nil {
					colOf[v] = vc
					values = append(values, v)
				}
			}
		}
		slices.Sort(values)
		dir := path.Dir(p.Slug)
		bySlug := map[string]string{}
		for _, v := range values {
			vc := colOf[v]
			col := vc.col
			slug := pageSlug(v)
			if slug == "" {
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: el valor %q de %q no da un nombre de página (letras o cifras ASCII)", "[generate]: value %q of %q makes no page name (ASCII letters or digits)", diag.Short(v), col.Spec.Name))
				continue
			}
			if dir != "." {
				slug = dir + "/" + slug
			}
			if other, ok := bySlug[slug]; ok {
				d := diag.Errorf(p.File, line, 1, "[generate]: los valores %q y %q dan la misma página %s.html", "[generate]: values %q and %q make the same page %s.html", diag.Short(other), diag.Short(v), slug).
					WithHint("escriba los dos valores igual en los datos, o distíngalos con letras o cifras", "write both values alike in the data, or tell them apart with letters or digits")
				for _, x := range []string{other, v} {
					file, at := colOf[x].firstRow(x)
					d = d.WithNote(file, at, 0, "el valor %q, en la columna %q", "value %q, in column %q", diag.Short(x), colOf[x].col.Spec.Name)
				}
				l.Add(d)
				continue
			}
			bySlug[slug] = v
			if isIndexSlug(slug) {
				vfile, at := vc.firstRow(v)
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: el valor %q da la página %s.html, que es el índice de la carpeta %s", "[generate]: value %q makes page %s.html, which is the index of folder %s", diag.Short(v), slug, sectionOf(slug)).
					WithHint("cambie ese valor en los datos, o ponga la plantilla en una subcarpeta", "change that value in the data, or move the template into a subfolder").
					WithNote(vfile, at, 0, "el valor %q, en la columna %q", "value %q, in column %q", diag.Short(v), col.Spec.Name))
				continue
			}
			if file := taken[slug+"\x00"+p.Lang]; file != "" || slug == p.Slug {
				if slug == p.Slug {
					file = p.File
				}
				vfile, at := vc.firstRow(v)
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: el valor %q da la página %s.html, que ya existe", "[generate]: value %q makes page %s.html, which already exists", diag.Short(v), slug).
					WithNote(file, 1, 1, "la página %s.html", "page %s.html", slug).
					WithNote(vfile, at, 0, "el valor %q, en la columna %q", "value %q, in column %q", diag.Short(v), col.Spec.Name))
				continue
			}
			label, iso := col.Spec.ValueLabel(v, p.Lang), ""
			if col.Spec.Type == dataset.TypeCountry {
				label, iso = country.Name(v, p.Lang), v
			}
			k := instanceKey{p, slug, v, label, iso}
			made = append(made, instanceAt{k, len(out), from})
			out = append(out, prev[k]) // nil until made below
		}
	}
	// Decoding each instance's blocks is most of the work: done on every
	// core, for the instances the previous build did not have.
	par.Each(len(made), func(i int) {
		if m := made[i]; out[m.at] == nil {
			out[m.at] = instance(m.key.tmpl, m.key.slug, m.key.value, m.key.label, m.key.iso)
		}
	})
	for _, m := range made {
		np := out[m.at]
		b.instances[m.key] = np
		b.gen[np] = generated{value: m.key.value, from: m.from}
	}
	return out, l
}

// instanceAt is a page generate makes, at index at of the pages it returns.
type instanceAt struct {
	key  instanceKey
	at   int
	from []source
}

// generateColumns returns the columns g.By names in the datasets g.Data
// names (each dataset needs at least one of them), or reports why it
// cannot: a missing dataset or column, or columns of different types (a
// country's code in one and a name in another would make two pages for
// one country).
func generateColumns(file string, line int, g *content.Generate, ts chart.Tables, l *diag.List) ([]valueColumn, bool) {
	if len(g.Data) == 0 || len(g.By) == 0 {
		l.Add(diag.Errorf(file, line, 1, "[generate] necesita data (el conjunto de datos) y by (la columna)", "[generate] needs data (the dataset) and by (the column)"))
		return nil, false
	}
	var cols []valueColumn
	var firstCol, firstData string // the first column found, for the type error
	for _, name := range g.Data {
		t, ok := ts[name]
		if !ok {
			l.Add(diag.Errorf(file, line, 1, "[generate]: no hay un conjunto de datos %q", "[generate]: there is no dataset %q", diag.Short(name)))
			return nil, false
		}
		if t == nil || t.Broken() {
			return nil, false // its errors are reported on their own
		}
		found := false
		for _, by := range g.By {
			col := t.Col(by)
			if col == nil {
				continue
			}
			found = true
			if len(cols) > 0 && col.Spec.Type != cols[0].col.Spec.Type {
				l.Add(diag.Errorf(file, line, 1, "[generate]: la columna %q de %q es de tipo %s y la columna %q de %q, de tipo %s", "[generate]: column %q of %q is of type %s and column %q of %q of type %s",
					firstCol, firstData, cols[0].col.Spec.Type, by, name, col.Spec.Type))
				return nil, false
			}
			if len(cols) == 0 {
				firstCol, firstData = by, name
			}
			cols = append(cols, valueColumn{t, col})
		}
		if !found {
			d := diag.Errorf(file, line, 1, "[generate]: el conjunto %q no tiene la columna %s", "[generate]: dataset %q has no column %s", name, quoted(g.By))
			var names []string
			for _, c := range t.Cols {
				names = append(names, c.Spec.Name)
			}
			if n := diag.Nearest(g.By[0], names); n != "" {
				d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
			}
			l.Add(d)
			return nil, false
		}
	}
	return cols, true
}

// valueColumn is a column whose values make pages, with its table.
type valueColumn struct {
	table *dataset.Table
	col   *dataset.Column
}

// firstRow gives the file and the line of the first row whose cell is v.
func (vc valueColumn) firstRow(v string) (file string, line int) {
	n := math.NaN()
	if vc.col.Num != nil {
		n, _ = strconv.ParseFloat(v, 64) // v was written from the column's figure
	}
	rows := vc.col.RowsOf(v, n)
	if len(rows) == 0 {
		return vc.table.File, 0
	}
	return vc.table.File, vc.table.Lines[rows[0]]
}

// generated is what a generated page was made from: its value and the
// datasets of its template with their columns that hold values.
type generated struct {
	value string
	from  []source
}

// source is one dataset of a template's [generate] and the columns of by
// it has.
type source struct {
	data string
	by   []string
}

// sourcesOf lists the datasets of g with the columns of g.By each has.
func sourcesOf(g *content.Generate, ts chart.Tables) []source {
	var out []source
	for _, name := range g.Data {
		src := source{data: name}
		for _, by := range g.By {
			if ts[name] != nil && ts[name].Col(by) != nil {
				src.by = append(src.by, by)
			}
		}
		out = append(out, src)
	}
	return out
}

// instanceKey identifies a generated page: its template as read (a new
// pointer when the file changes), its slug, value, label and country code.
type instanceKey struct {
	tmpl                    *chart.Page
	slug, value, label, iso string
}

// writeRows adds to h, for a page generated for value from the dataset of
// src, the state of that dataset as far as the page can show it (see
// chart.OnlyRowsOf): its schema, and every cell of the rows whose columns
// src.by hold value, in order. It reports false when it cannot, and the
// caller keys the page by the whole dataset.
func (b *Builder) writeRows(h hash.Hash, src source, value string) bool {
	e := b.byName[src.data]
	if e == nil || e.table == nil || len(src.by) == 0 {
		return false
	}
	var rows []int
	for _, by := range src.by {
		col := e.table.Col(by)
		if col == nil {
			return false
		}
		n := 0.0
		if col.Num != nil {
			var err error
			if n, err = strconv.ParseFloat(value, 64); err != nil {
				return false
			}
		}
		rows = append(rows, col.RowsOf(value, n)...)
	}
	if len(src.by) > 1 {
		slices.Sort(rows)
		rows = slices.Compact(rows) // a row holding the value in two columns
	}
	io.WriteString(h, src.data+"\x00rows of\x00"+strings.Join(src.by, ",")+"\x00"+value+"\x00"+e.needs+"\x00")
	binary.Write(h, binary.LittleEndian, e.schema)
	binary.Write(h, binary.LittleEndian, int64(len(rows)))
	var buf []byte
	for _, r := range rows {
		buf = buf[:0]
		for _, c := range e.table.Cols {
			if c.Num != nil {
				buf = binary.LittleEndian.AppendUint64(buf, math.Float64bits(c.Num[r]))
				continue
			}
			buf = binary.AppendUvarint(buf, uint64(len(c.Str[r])))
			buf = append(buf, c.Str[r]...)
		}
		h.Write(buf)
	}
	return true
}

// maxSlug bounds the name of a generated page, in bytes: a long value (a
// project's whole title) still makes a page whose file name every file
// system takes (255 bytes at most) and whose address a reader can read.
// Before, such a value failed the build when its page was written, with
// the system's "file name too long" and nothing to say which row.
const maxSlug = 80

// pageSlug is the name of the page generated for value v: its Slug, cut
// after the last whole word within maxSlug bytes (it is ASCII). Values
// that still meet are reported as any two values making one page are.
func pageSlug(v string) string {
	s := content.Slug(v)
	if len(s) <= maxSlug {
		return s
	}
	if i := strings.LastIndexByte(s[:maxSlug+1], '-'); i > maxSlug/2 {
		return s[:i]
	}
	return s[:maxSlug]
}

// quoted writes names as "a" or "b".
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(diag.Short(n))
	}
	return strings.Join(q, " or ")
}

// distinct returns the non-empty values of c, sorted.
func distinct(c *dataset.Column) []string {
	seen := map[string]bool{}
	var vs []string
	add := func(v string) {
		if v != "" && !seen[v] {
			seen[v] = true
			vs = append(vs, v)
		}
	}
	if len(c.Str) > 0 {
		for _, v := range c.Str {
			add(v)
		}
	} else {
		for _, v := range c.Num {
			if v == v { // NaN is a missing figure
				add(strconv.FormatFloat(v, 'f', -1, 64))
			}
		}
	}
	slices.Sort(vs)
	return vs
}

// instance is template p written for value v, shown as label, at slug;
// iso is v when v is a country's code.
func instance(p *chart.Page, slug, v, label, iso string) *chart.Page {
	np := *p.Page
	np.Slug = slug
	np.Country = iso
	np.Meta.Generate = nil
	text := strings.NewReplacer(ValuePlaceholder, v, LabelPlaceholder, label)
	np.Meta.Title = text.Replace(np.Meta.Title)
	np.Meta.Menu = text.Replace(np.Meta.Menu)
	np.Meta.Summary = text.Replace(np.Meta.Summary)
	np.HTML = strings.NewReplacer(ValuePlaceholder, html.EscapeString(v), LabelPlaceholder, html.EscapeString(label)).Replace(np.HTML)
	np.Text = text.Replace(np.Text)
	inTOML := strings.NewReplacer(ValuePlaceholder, tomlString.Replace(v), LabelPlaceholder, tomlString.Replace(label))
	np.Blocks = slices.Clone(np.Blocks)
	for i := range np.Blocks {
		np.Blocks[i].Body = inTOML.Replace(np.Blocks[i].Body)
	}
	if np.Headline != nil {
		h := *np.Headline
		h.Body = inTOML.Replace(h.Body)
		np.Headline = &h
	}
	return chart.Decode(&np)
}
