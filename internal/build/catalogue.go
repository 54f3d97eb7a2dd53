package build

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/opendata"
	"github.com/tablero/tablero/internal/render"
)

// CatalogueFile is the machine-readable catalogue of the site's datasets.
const CatalogueFile = dataset.Dir + "/index.csv"

// IsCatalogueName reports whether a dataset called name would be published
// as CatalogueFile, in the catalogue's place.
func IsCatalogueName(name string) bool { return dataset.CSVPath(name) == CatalogueFile }

// catalogueRow is one dataset in data/index.csv. Its shape is the
// project's own, so gocsv writes it from the struct. External databases
// are not rows of their own: they are the rows of the datasets whose kind
// is "references", which the file lists with their download like any other.
type catalogueRow struct {
	Name        string `csv:"name"`
	File        string `csv:"file"`
	TitleES     string `csv:"title_es"`
	TitleEN     string `csv:"title_en"`
	Description string `csv:"description_es"`
	Source      string `csv:"source"`
	SourceURL   string `csv:"source_url"`
	Updated     string `csv:"updated"`
	License     string `csv:"license"`
	Rows        int    `csv:"rows"`
	Columns     string `csv:"columns"`
	// Added with the data index, after the first columns so that readers
	// of the earlier file find those where they were.
	Kind        string `csv:"kind"` // "" or "references"
	DimensionES string `csv:"dimension_es"`
	DimensionEN string `csv:"dimension_en"`
	CategoryES  string `csv:"category_es"`
	CategoryEN  string `csv:"category_en"`
}

// catalogueCSV lists every dataset with its metadata, for harvesters and
// for readers who want the list in a spreadsheet. A build that writes as
// it goes makes it as it is written, so that it waits for the rows it
// counts (see Table.SourceRows) on a core of its own.
func (s *siteModel) catalogueCSV() (render.File, error) {
	if s.writing {
		return render.File{Path: CatalogueFile, Open: func() (io.ReadCloser, error) {
			return dataset.Piped(func(w io.Writer) error {
				data, err := s.catalogueData()
				if err == nil {
					_, err = w.Write(data)
				}
				return err
			}), nil
		}}, nil
	}
	data, err := s.catalogueData()
	return render.File{Path: CatalogueFile, Data: data}, err
}

// catalogueData is the text of catalogueCSV.
func (s *siteModel) catalogueData() ([]byte, error) {
	rows := make([]catalogueRow, 0, len(s.tables))
	for _, t := range s.tables {
		sc := t.Schema
		rows = append(rows, catalogueRow{
			Name: t.Name, File: dataset.CSVPath(t.Name), Kind: sc.Kind,
			TitleES: sc.Title.In("es"), TitleEN: sc.Title.In("en"), Description: sc.Description.In("es"),
			DimensionES: sc.Dimension.In("es"), DimensionEN: sc.Dimension.In("en"),
			CategoryES: sc.Category.In("es"), CategoryEN: sc.Category.In("en"),
			Source: sc.Source.In("es"), SourceURL: sc.SourceURL, Updated: sc.Updated.String(), License: sc.License.In("es"),
			Rows: t.SourceRows(), Columns: strings.Join(columnNames(sc.Columns), " "),
		})
	}
	var buf bytes.Buffer
	// A writer of our own rather than gocsv's package-wide one, which
	// concurrent builds would share.
	if err := gocsv.MarshalCSV(&rows, gocsv.NewSafeCSVWriter(csv.NewWriter(&buf))); err != nil {
		return nil, err
	}
	return dataset.NeutralizeCSV(buf.Bytes(), ','), nil
}

func columnNames(cols []dataset.ColumnSpec) []string {
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].Name
	}
	return names
}

// indexFacets are the index's filters, in the order they are shown; the
// key is also the name of the filter in the page's URL (?dimension=…) and
// the theme's word for its label.
var indexFacets = []string{"dimension", "category", "geography", "publisher"}

// dataIndex builds the data index of the catalogue page in lang: the
// site's datasets (as catalogue describes them, with their downloads) and every row of its datasets of
// references, with the values each facet takes. A facet's value is keyed
// by the slug of its label ("Educación y talento" → educacion-y-talento),
// so a filtered view's URL reads plainly and a dataset and a reference
// that name the same dimension fall under one option.
func (s *siteModel) dataIndex(lang, root string) *render.DataIndex {
	idx := &render.DataIndex{}
	infos := s.catalogue(lang, root)
	entry := func(values ...string) []render.FacetValue {
		out := make([]render.FacetValue, 0, len(indexFacets))
		for i, f := range indexFacets {
			v := strings.TrimSpace(values[i])
			out = append(out, render.FacetValue{Key: f, Value: content.Slug(v), Label: v})
		}
		return out
	}
	for i, t := range s.tables {
		sc := t.Schema
		info := &infos[i]
		idx.Own = append(idx.Own, render.IndexEntry{
			ID: t.Name, Name: info.Title, Description: info.Description,
			Dimension: sc.Dimension.In(lang), Category: sc.Category.In(lang),
			Facets:  entry(sc.Dimension.In(lang), sc.Category.In(lang), "", ""),
			Dataset: info,
		})
	}
	for _, t := range s.tables {
		for _, r := range t.ReferencesIn(lang) {
			publisher := r.Publisher
			if r.PublisherDetail != "" {
				publisher = r.PublisherDetail
			}
			idx.External = append(idx.External, render.IndexEntry{
				ID: t.Name + "-" + strconv.Itoa(r.Line), Name: r.Name, Description: r.Description, URL: r.URL,
				Publisher: publisher, Dimension: r.Dimension, Category: r.Category,
				Geography: r.Geography, Frequency: r.Frequency,
				Facets: entry(r.Dimension, r.Category, r.Geography, r.Publisher),
			})
		}
	}
	for i, f := range indexFacets {
		facet := render.Facet{Key: f, Label: s.theme.T(lang, f)}
		at := map[string]int{}
		for _, e := range slices.Concat(idx.Own, idx.External) {
			v := e.Facets[i]
			if v.Value == "" {
				continue
			}
			j, ok := at[v.Value]
			if !ok {
				j = len(facet.Options)
				at[v.Value] = j
				facet.Options = append(facet.Options, render.FacetOption{Value: v.Value, Label: v.Label})
			}
			facet.Options[j].Count++
		}
		// In the order of the slugs, which ignores accents and case as
		// readers do ("Índices" next to "Informes").
		slices.SortFunc(facet.Options, func(a, b render.FacetOption) int { return cmp.Compare(a.Value, b.Value) })
		if len(facet.Options) > 0 {
			idx.Facets = append(idx.Facets, facet)
		}
	}
	for _, list := range [][]render.IndexEntry{idx.Own, idx.External} {
		for i := range list {
			q := url.Values{}
			for _, v := range list[i].Facets {
				if v.Value != "" {
					q.Set(v.Key, v.Value)
				}
			}
			list[i].FacetQuery = q.Encode()
		}
	}
	return idx
}

func (s *siteModel) catalogue(lang, root string) []render.DatasetInfo {
	var out []render.DatasetInfo
	for _, t := range s.tables {
		sc := t.Schema
		cols := make([]string, len(sc.Columns))
		for i := range sc.Columns {
			cols[i] = sc.Columns[i].Title(lang)
		}
		info := render.DatasetInfo{
			Name: t.Name, Title: sc.Title.In(lang), Description: sc.Description.In(lang),
			Source: sc.Source.In(lang), Updated: i18n.FormatDate(sc.Updated.String(), lang), License: sc.License.In(lang),
			Rows: t.SourceRows(), RowsText: i18n.FormatNumber(float64(t.SourceRows()), lang, 0),
			Columns: strings.Join(cols, ", "), Download: root + dataset.CSVPath(t.Name),
			Citation: opendata.Citation(s.cfg, t, lang),
		}
		if dataset.IsWorkbook(t.File) {
			info.Workbook = root + dataset.WorkbookPath(t.File)
		}
		if strings.HasPrefix(sc.SourceURL, "https://") || strings.HasPrefix(sc.SourceURL, "http://") {
			info.URL = sc.SourceURL
		}
		if sc.RowSource != "" {
			info.Source += " (" + s.theme.T(lang, "row_sources") + ")"
		}
		out = append(out, info)
	}
	return out
}

// catalogueSlug is the slug of the data catalogue page ("index" without
// one). It is found once: every dataset's open-data record asks for it, and
// a walk over every page each time made a 10,000-page build quadratic.
func (s *siteModel) catalogueSlug() string {
	if s.catSlug != "" {
		return s.catSlug
	}
	s.catSlug = "index"
	for _, slug := range s.slugs {
		if s.bySlug[slug][s.defaultLang].Meta.Kind == content.KindCatalogue {
			s.catSlug = slug
			break
		}
	}
	return s.catSlug
}

// isCatalogue reports whether j renders a catalogue page: it shows every
// dataset's rows and years.
func (s *siteModel) isCatalogue(j job) bool {
	if _, ok := s.sectionJobs[j.slug]; ok {
		return false
	}
	p, _ := s.page(j.slug, j.lang)
	return p.Meta.Kind == content.KindCatalogue
}
