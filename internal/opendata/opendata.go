// Package opendata describes a site's datasets for harvesters: a
// Frictionless Data Package (datapackage.json), a DCAT catalogue in JSON-LD
// (catalog.jsonld), schema.org Dataset records for the catalogue page and a
// citation string per dataset. Everything is derived from the TOML schemas,
// so a dataset is described in one place.
//
// Absolute URLs need the site's base_url: without it, URL fields are left
// out (as the sitemap is), never written relative, since a harvester that
// copies a record elsewhere cannot resolve them.
package opendata

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/site"
)

// Site is what the descriptions need of the site.
type Site struct {
	Config site.Config
	Lang   string // language of the texts (the site's default)
	// Entry gives the address of dataset name's entry in the catalogue
	// page in a language, relative to the root, or "" when there is none.
	Entry func(lang, name string) string
}

// entry is the absolute address of a dataset's entry in the catalogue page.
func (s Site) entry(lang, name string) string {
	if s.Entry == nil {
		return ""
	}
	if u := s.Entry(lang, name); u != "" {
		return s.abs(u)
	}
	return ""
}

func (s Site) abs(rel string) string {
	if s.Config.BaseURL == "" {
		return ""
	}
	return s.Config.BaseURL + rel
}

// --- Frictionless Data Package -------------------------------------------

type dataPackage struct {
	Profile     string     `json:"profile"`
	Name        string     `json:"name"`
	Title       string     `json:"title,omitempty"`
	Description string     `json:"description,omitempty"`
	Homepage    string     `json:"homepage,omitempty"`
	Resources   []resource `json:"resources"`
}

type resource struct {
	Profile     string `json:"profile"`
	Name        string `json:"name"`
	Path        string `json:"path"`
	Title       string `json:"title,omitempty"`
	Description string `json:"description,omitempty"`
	csvFile
	Schema   schema    `json:"schema"`
	Sources  []source  `json:"sources,omitempty"`
	Licenses []license `json:"licenses,omitempty"`
}

type schema struct {
	Fields        []field  `json:"fields"`
	PrimaryKey    []string `json:"primaryKey,omitempty"`
	MissingValues []string `json:"missingValues"`
}

type field struct {
	Name        string       `json:"name"`
	Type        string       `json:"type"`
	Format      string       `json:"format,omitempty"`
	Title       string       `json:"title,omitempty"`
	Description string       `json:"description,omitempty"`
	DecimalChar string       `json:"decimalChar,omitempty"`
	GroupChar   string       `json:"groupChar,omitempty"`
	Constraints *constraints `json:"constraints,omitempty"`
}

type constraints struct {
	Required bool     `json:"required,omitempty"`
	Enum     []string `json:"enum,omitempty"`
}

type source struct {
	Title string `json:"title"`
	Path  string `json:"path,omitempty"`
}

type license struct {
	Title string `json:"title"`
}

// fieldTypes maps Tablero's column types to Table Schema types.
var fieldTypes = map[string]struct{ typ, format string }{
	dataset.TypeText:     {"string", ""},
	dataset.TypeInteger:  {"integer", ""},
	dataset.TypeNumber:   {"number", ""},
	dataset.TypePercent:  {"number", ""},
	dataset.TypeDate:     {"date", ""},
	dataset.TypeYear:     {"year", ""},
	dataset.TypeCategory: {"string", ""},
	dataset.TypeCountry:  {"string", ""},
	dataset.TypeURL:      {"string", "uri"},
}

// WriteDataPackage writes datapackage.json to w: every dataset as a
// tabular data resource with its Table Schema, licence and sources.
func WriteDataPackage(w io.Writer, s Site, tables []*dataset.Table) error {
	lang := s.Lang
	p := dataPackage{
		Profile:     "tabular-data-package",
		Name:        packageName(s.Config.Title.In(lang)),
		Title:       s.Config.Title.In(lang),
		Description: s.Config.Description.In(lang),
		Homepage:    s.Config.BaseURL,
		Resources:   []resource{},
	}
	return writeList(w, p, len(tables), func(i int) any { return s.resource(tables[i]) })
}

// resource describes one dataset in the Data Package.
func (s Site) resource(t *dataset.Table) resource {
	lang := s.Lang
	sc := t.Schema
	r := resource{
		Profile: "tabular-data-resource", Name: strings.ToLower(t.Name), Path: dataset.CSVPath(t.Name),
		Title: sc.Title.In(lang), Description: sc.Description.In(lang),
		csvFile: csvFileOf(sc),
		Schema:  schema{PrimaryKey: sc.Key, MissingValues: []string{""}},
	}
	for i := range sc.Columns {
		c := &sc.Columns[i]
		ft := fieldTypes[c.Type]
		f := field{Name: c.Name, Type: ft.typ, Format: ft.format, Title: c.Title(lang)}
		if u := c.Unit.In(lang); u != "" {
			f.Description = u
		}
		if f.Type == "number" {
			if sc.Decimal != "" && sc.Decimal != "." {
				f.DecimalChar = sc.Decimal
			}
			f.GroupChar = sc.Thousands
		}
		if c.Required || (c.Type == dataset.TypeCategory && len(c.Values) > 0) {
			f.Constraints = &constraints{Required: c.Required}
			if c.Type == dataset.TypeCategory {
				f.Constraints.Enum = c.Values
			}
		}
		r.Schema.Fields = append(r.Schema.Fields, f)
	}
	if src := sc.Source.In(lang); src != "" {
		r.Sources = []source{{Title: src, Path: webURL(sc.SourceURL)}}
	}
	if l := sc.License.In(lang); l != "" {
		r.Licenses = []license{{Title: l}}
	}
	return r
}

// csvFile says how every published CSV is written; only the delimiter
// follows the dataset's schema.
type csvFile struct {
	Format    string  `json:"format"`
	Mediatype string  `json:"mediatype"`
	Encoding  string  `json:"encoding"`
	Dialect   dialect `json:"dialect"`
}

type dialect struct {
	Delimiter   string `json:"delimiter"`
	DoubleQuote bool   `json:"doubleQuote"` // RFC 4180 quoting, as the reader accepts
	Header      bool   `json:"header"`
}

func csvFileOf(sc *dataset.Schema) csvFile {
	d := dialect{Delimiter: sc.Delimiter, DoubleQuote: true, Header: true}
	if d.Delimiter == "" {
		d.Delimiter = ","
	}
	return csvFile{Format: "csv", Mediatype: "text/csv", Encoding: "utf-8", Dialect: d}
}

// packageName turns the site's title into a Data Package name
// (lower case letters, digits and "-").
func packageName(title string) string {
	if n := content.Slug(title); n != "" {
		return n
	}
	return "site"
}

func webURL(u string) string {
	if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
		return u
	}
	return ""
}

// --- schema.org and DCAT --------------------------------------------------

// Coverage is the span of years a dataset's year and date columns cover,
// or "" when it has none.
func Coverage(t *dataset.Table) string {
	lo, hi, ok := t.Years()
	switch {
	case !ok:
		return ""
	case lo == hi:
		return strconv.Itoa(lo)
	}
	return strconv.Itoa(lo) + "/" + strconv.Itoa(hi)
}

// schemaDataset is a schema.org Dataset.
type schemaDataset struct {
	Context           string         `json:"@context,omitempty"`
	Type              string         `json:"@type"`
	Name              string         `json:"name"`
	Description       string         `json:"description,omitempty"`
	URL               string         `json:"url,omitempty"`
	Creator           *organization  `json:"creator,omitempty"`
	Publisher         *organization  `json:"publisher,omitempty"`
	License           string         `json:"license,omitempty"`
	DateModified      string         `json:"dateModified,omitempty"`
	TemporalCoverage  string         `json:"temporalCoverage,omitempty"`
	SpatialCoverage   string         `json:"spatialCoverage,omitempty"`
	IsBasedOn         string         `json:"isBasedOn,omitempty"`
	InLanguage        string         `json:"inLanguage"`
	Distribution      []distribution `json:"distribution,omitempty"`
	CreditText        string         `json:"creditText,omitempty"`
	VariableMeasured  []string       `json:"variableMeasured,omitempty"`
	IsAccessibleForFr bool           `json:"isAccessibleForFree"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
}

type distribution struct {
	Type           string `json:"@type"`
	EncodingFormat string `json:"encodingFormat"`
	ContentURL     string `json:"contentUrl,omitempty"`
}

// facts are what every metadata vocabulary says of one dataset in one
// language; schema.org and DCAT each map them to their own names, so a
// fact is worked out in one place.
type facts struct {
	title, description, entry, license, modified, temporal, spatial, download string
}

func (s Site) facts(t *dataset.Table, lang string) facts {
	sc := t.Schema
	return facts{
		title: sc.Title.In(lang), description: sc.Description.In(lang),
		entry: s.entry(lang, t.Name), license: sc.License.In(lang),
		modified: sc.Updated.String(), temporal: Coverage(t),
		spatial: s.Config.Spatial.In(lang), download: s.abs(dataset.CSVPath(t.Name)),
	}
}

func (s Site) record(t *dataset.Table, lang string) schemaDataset {
	sc, f := t.Schema, s.facts(t, lang)
	d := schemaDataset{
		Type: "Dataset", Name: f.title, Description: f.description,
		URL: f.entry, License: f.license,
		DateModified: f.modified, TemporalCoverage: f.temporal,
		SpatialCoverage: f.spatial, IsBasedOn: webURL(sc.SourceURL),
		InLanguage: lang, CreditText: Citation(s.Config, t, lang), IsAccessibleForFr: true,
		Distribution: []distribution{{Type: "DataDownload", EncodingFormat: "text/csv", ContentURL: f.download}},
	}
	if o := s.Config.Organization; o != "" {
		d.Creator = &organization{Type: "Organization", Name: o}
		d.Publisher = d.Creator
	}
	for i := range sc.Columns {
		d.VariableMeasured = append(d.VariableMeasured, sc.Columns[i].Title(lang))
	}
	// Google requires a description of at least 50 characters; the title
	// is a better fallback than nothing.
	if d.Description == "" {
		d.Description = d.Name
	}
	return d
}

// JSONLD returns the schema.org Dataset records of the catalogue page in
// lang, as the content of a <script type="application/ld+json">. The
// encoder escapes <, > and & so the script cannot be closed from a text.
func JSONLD(s Site, tables []*dataset.Table, lang string) ([]byte, error) {
	type graph struct {
		Context string          `json:"@context"`
		Graph   []schemaDataset `json:"@graph"`
	}
	g := graph{Context: "https://schema.org"}
	for _, t := range tables {
		g.Graph = append(g.Graph, s.record(t, lang))
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(g); err != nil {
		return nil, err
	}
	return bytes.TrimSpace(b.Bytes()), nil
}

// WriteCatalog writes catalog.jsonld to w, a DCAT catalogue of the
// datasets.
func WriteCatalog(w io.Writer, s Site, tables []*dataset.Table) error {
	lang := s.Lang
	type dist struct {
		Type        string `json:"@type"`
		Title       string `json:"dct:title"`
		MediaType   string `json:"dcat:mediaType"`
		DownloadURL string `json:"dcat:downloadURL,omitempty"`
		License     string `json:"dct:license,omitempty"`
	}
	// described is what the catalogue and each dataset say of themselves
	// in the same Dublin Core terms.
	type described struct {
		ID          string `json:"@id,omitempty"`
		Type        string `json:"@type"`
		Title       string `json:"dct:title"`
		Description string `json:"dct:description,omitempty"`
		Publisher   string `json:"dct:publisher,omitempty"`
	}
	type ds struct {
		described
		Modified     string   `json:"dct:modified,omitempty"`
		Temporal     string   `json:"dct:temporal,omitempty"`
		Spatial      string   `json:"dct:spatial,omitempty"`
		Source       string   `json:"dct:source,omitempty"`
		LandingPage  string   `json:"dcat:landingPage,omitempty"`
		Language     string   `json:"dct:language"`
		Keywords     []string `json:"dcat:keyword,omitempty"`
		Distribution []dist   `json:"dcat:distribution"`
	}
	type catalog struct {
		Context map[string]string `json:"@context"`
		described
		Homepage string `json:"foaf:homepage,omitempty"`
		Datasets []ds   `json:"dcat:dataset"`
	}
	c := catalog{
		Context: map[string]string{"dcat": "http://www.w3.org/ns/dcat#", "dct": "http://purl.org/dc/terms/", "foaf": "http://xmlns.com/foaf/0.1/"},
		described: described{ID: s.abs("catalog.jsonld"), Type: "dcat:Catalog",
			Title: s.Config.Title.In(lang), Description: s.Config.Description.In(lang),
			Publisher: s.Config.Organization},
		Homepage: s.Config.BaseURL,
		Datasets: []ds{},
	}
	return writeList(w, c, len(tables), func(i int) any {
		t := tables[i]
		f := s.facts(t, lang)
		return ds{
			described: described{ID: f.entry, Type: "dcat:Dataset",
				Title: f.title, Description: f.description, Publisher: s.Config.Organization},
			Modified: f.modified, Temporal: f.temporal, Spatial: f.spatial,
			Source: t.Schema.Source.In(lang), LandingPage: f.entry, Language: lang,
			Distribution: []dist{{Type: "dcat:Distribution", Title: "CSV", MediaType: "text/csv",
				DownloadURL: f.download, License: f.license}},
		}
	})
}

// Citation is how a reader cites a dataset: who, when, what, where from.
func Citation(cfg site.Config, t *dataset.Table, lang string) string {
	sc := t.Schema
	var b strings.Builder
	if cfg.Organization != "" {
		b.WriteString(cfg.Organization)
		b.WriteString(" ")
	}
	if y := sc.Updated.Year(); !sc.Updated.IsZero() {
		b.WriteString("(" + strconv.Itoa(y) + "). ")
	} else if cfg.Organization != "" {
		b.WriteString("(" + i18n.Text{ES: "s. f.", EN: "n.d."}.In(lang) + "). ")
	}
	b.WriteString(sc.Title.In(lang))
	b.WriteString(i18n.Text{ES: " [conjunto de datos]. ", EN: " [data set]. "}.In(lang))
	b.WriteString(cfg.Title.In(lang))
	b.WriteString(".")
	if src := sc.Source.In(lang); src != "" {
		b.WriteString(i18n.Text{ES: " Fuente: ", EN: " Source: "}.In(lang))
		b.WriteString(src)
		b.WriteString(".")
	}
	if cfg.BaseURL != "" {
		b.WriteString(" " + cfg.BaseURL + dataset.CSVPath(t.Name))
	}
	return b.String()
}

// writeList writes head, a struct whose last field is an empty list, as
// indented JSON with n items in that list, each encoded as it is written:
// the bytes json.MarshalIndent would write for the whole, without holding
// them (at 10,000 datasets the Data Package alone is 18 MB).
func writeList(w io.Writer, head any, n int, item func(i int) any) error {
	b, err := json.MarshalIndent(head, "", "  ")
	if err != nil {
		return err
	}
	open, ok := bytes.CutSuffix(b, []byte("[]\n}"))
	if !ok {
		return fmt.Errorf("opendata: %T does not end with an empty list", head)
	}
	bw := bufio.NewWriter(w)
	bw.Write(open)
	if n == 0 {
		bw.WriteString("[]")
	} else {
		bw.WriteString("[\n")
		for i := range n {
			b, err := json.MarshalIndent(item(i), listIndent, "  ")
			if err != nil {
				return err
			}
			if i > 0 {
				bw.WriteString(",\n")
			}
			bw.WriteString(listIndent)
			bw.Write(b)
		}
		bw.WriteString("\n  ]")
	}
	bw.WriteString("\n}\n")
	return bw.Flush()
}

// listIndent is the indent of a list's items in writeList: the list is a
// field of the top-level object.
const listIndent = "    "
