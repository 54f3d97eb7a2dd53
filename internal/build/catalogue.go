package build

import (
	"bytes"
	"encoding/csv"
	"strings"

	"github.com/gocarina/gocsv"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/render"
)

// CatalogueFile is the machine-readable catalogue of the site's datasets.
const CatalogueFile = "data/index.csv"

// catalogueRow is one dataset in data/index.csv. Its shape is the
// project's own, so gocsv writes it from the struct.
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
}

// catalogueCSV lists every dataset with its metadata, for harvesters and
// for readers who want the list in a spreadsheet.
func (s *siteModel) catalogueCSV() (render.File, error) {
	rows := make([]catalogueRow, 0, len(s.tables))
	for _, t := range s.tables {
		sc := t.Schema
		rows = append(rows, catalogueRow{
			Name: t.Name, File: "data/" + t.Name + ".csv",
			TitleES: sc.Title.In("es"), TitleEN: sc.Title.In("en"), Description: sc.Description.In("es"),
			Source: sc.Source, SourceURL: sc.SourceURL, Updated: sc.Updated.String(), License: sc.License.In("es"),
			Rows: sourceRows(t), Columns: strings.Join(columnNames(sc.Columns), " "),
		})
	}
	var buf bytes.Buffer
	// A writer of our own rather than gocsv's package-wide one, which
	// concurrent builds would share.
	if err := gocsv.MarshalCSV(&rows, gocsv.NewSafeCSVWriter(csv.NewWriter(&buf))); err != nil {
		return render.File{}, err
	}
	return render.File{Path: CatalogueFile, Data: dataset.NeutralizeCSV(buf.Bytes(), ',')}, nil
}

func columnNames(cols []dataset.ColumnSpec) []string {
	names := make([]string, len(cols))
	for i := range cols {
		names[i] = cols[i].Name
	}
	return names
}
