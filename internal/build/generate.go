package build

import (
	"html"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
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
	taken := map[string]bool{}
	for _, p := range pages {
		if p.Meta.Generate == nil {
			taken[p.Slug+"\x00"+p.Lang] = true
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
		t := ts[g.Data]
		if t == nil {
			l.Add(diag.Errorf(p.File, line, 1, "[generate]: no hay un conjunto de datos %q", "[generate]: there is no dataset %q", diag.Short(g.Data)))
			continue
		}
		col := t.Col(g.By)
		if col == nil {
			d := diag.Errorf(p.File, line, 1, "[generate]: el conjunto %q no tiene la columna %q", "[generate]: dataset %q has no column %q", g.Data, diag.Short(g.By))
			var names []string
			for _, c := range t.Cols {
				names = append(names, c.Spec.Name)
			}
			if n := diag.Nearest(g.By, names); n != "" {
				d = d.WithHint("¿quiso decir %q?", "did you mean %q?", n)
			}
			l.Add(d)
			continue
		}
		dir := path.Dir(p.Slug)
		bySlug := map[string]string{}
		for _, v := range distinct(col) {
			slug := content.Slug(v)
			if slug == "" {
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: el valor %q de %q no da un nombre de página (letras o cifras ASCII)", "[generate]: value %q of %q makes no page name (ASCII letters or digits)", diag.Short(v), g.By))
				continue
			}
			if dir != "." {
				slug = dir + "/" + slug
			}
			if other, ok := bySlug[slug]; ok {
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: los valores %q y %q dan la misma página %s.html", "[generate]: values %q and %q make the same page %s.html", diag.Short(other), diag.Short(v), slug))
				continue
			}
			bySlug[slug] = v
			if taken[slug+"\x00"+p.Lang] || slug == p.Slug {
				l.Add(diag.Errorf(p.File, line, 1, "[generate]: el valor %q da la página %s.html, que ya existe", "[generate]: value %q makes page %s.html, which already exists", diag.Short(v), slug))
				continue
			}
			label := col.Spec.ValueLabel(v, p.Lang)
			if col.Spec.Type == dataset.TypeCountry {
				label = country.Name(v, p.Lang)
			}
			out = append(out, instance(p, slug, v, label))
		}
	}
	return out, l
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

// instance is template p written for value v, shown as label, at slug.
func instance(p *chart.Page, slug, v, label string) *chart.Page {
	np := *p.Page
	np.Slug = slug
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
