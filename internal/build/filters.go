package build

import (
	"cmp"
	"io/fs"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/render"
)

// filters builds the page's filter controls: each filter column with the
// values it takes in the rows the page draws, so that no choice empties
// every chart.
func (s *siteModel) filters(p *chart.Page, blocks []chart.Block, ts chart.Tables, lang, here string) ([]render.Filter, diag.List) {
	var out []render.Filter
	for _, col := range p.Meta.Filters {
		f := render.Filter{Column: col}
		var spec *dataset.ColumnSpec
		values := map[string]bool{}
		for _, b := range blocks {
			if b.Content == nil {
				continue
			}
			name, vals := b.Content.FilterValues(col)
			for _, v := range vals {
				values[v] = true
			}
			if t := ts[name]; t != nil && spec == nil {
				if c := t.Col(col); c != nil {
					spec = c.Spec
				}
			}
		}
		if spec == nil {
			src, _ := fs.ReadFile(s.fsys, p.File)
			return nil, diag.List{diag.Errorf(p.File, content.FrontMatterLine(src, "filters"), 1, "el filtro %q no corresponde a ninguna columna de los datos de esta página", "filter %q matches no column of this page's data", col).
				WithHint("use el nombre de una columna de un conjunto que la página grafique", "use the name of a column of a dataset the page charts")}
		}
		f.Label = spec.Title(lang)
		for v := range values {
			o := render.Option{Value: v, Label: spec.ValueLabel(v, lang)}
			if spec.Type == dataset.TypeCountry {
				o.Label = country.Name(v, lang)
				// here leads to the language's root, where the page is.
				if pg, ok := s.countryPages[v]; ok {
					cp, _ := s.page(strings.TrimSuffix(pg, ".html"), lang)
					o.Page, o.PageTitle, f.Pages = here+pg, cp.Meta.Title, true
				}
			}
			f.Options = append(f.Options, o)
		}
		slices.SortFunc(f.Options, func(a, b render.Option) int {
			return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.Value, b.Value))
		})
		out = append(out, f)
	}
	return out, nil
}
