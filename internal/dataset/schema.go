package dataset

import (
	"time"

	"github.com/tablero/tablero/internal/i18n"
)

// Column types a schema may declare.
const (
	TypeText     = "text"
	TypeInteger  = "integer"
	TypeNumber   = "number"
	TypePercent  = "percent"
	TypeDate     = "date"
	TypeYear     = "year"
	TypeCategory = "category"
	TypeCountry  = "country" // ISO 3166-1 alpha-2 code, e.g. "CA"
	TypeURL      = "url"
)

// Schema is the TOML file beside a dataset's CSV.
type Schema struct {
	// File is the slash path of the schema relative to the site source,
	// set by ReadSchema; diagnostics about the schema point at it.
	File string `toml:"-"`

	Title       i18n.Text `toml:"title"`
	Description i18n.Text `toml:"description"`
	Source      i18n.Text `toml:"source"`     // who published the figures (a string, or es/en)
	SourceURL   string    `toml:"source_url"` // where they can be checked
	Updated     Date      `toml:"updated"`    // date of the figures' publication or extraction
	License     i18n.Text `toml:"license"`
	Delimiter   string    `toml:"delimiter"` // "," ";" "\t"; sniffed from the header when empty
	Decimal     string    `toml:"decimal"`   // "." (default) or ","
	Thousands   string    `toml:"thousands"` // "" (default), ".", "," or " "
	Key         []string  `toml:"key"`       // columns whose values must be unique together

	// Dimension and Category place the dataset in the data index (the
	// catalogue page), in the same words as the references' vocabulary.
	Dimension i18n.Text `toml:"dimension"`
	Category  i18n.Text `toml:"category"`
	// Kind is "" for a dataset of figures or KindReferences for one whose
	// rows are external databases; References then says which column plays
	// which part (see references.go).
	Kind       string      `toml:"kind"`
	References *References `toml:"references"`

	// RowSource and RowSourceURL name columns that give each row its own
	// source, for datasets gathered from many publications.
	RowSource    string `toml:"row_source"`
	RowSourceURL string `toml:"row_source_url"`

	// A workbook dataset (data/NAME.xlsx) names its sheet (default: the
	// first), and either the row of its headers (default: the first row
	// with text) or the cell range of its table, headers included.
	Sheet     string `toml:"sheet"`
	HeaderRow int    `toml:"header_row"`
	Range     string `toml:"range"`

	Columns []ColumnSpec `toml:"columns"`
}

// ColumnSpec declares one column of a dataset.
type ColumnSpec struct {
	Name     string    `toml:"name"`
	Type     string    `toml:"type"`
	Unit     i18n.Text `toml:"unit"`
	Required bool      `toml:"required"`
	Values   []string  `toml:"values"` // allowed values of a category column
	// ValueLabels translates values for readers of another language:
	// value_labels = { "Nueva inversión" = { en = "New investment" } }.
	ValueLabels map[string]i18n.Text `toml:"value_labels"`
	Label       i18n.Text            `toml:"label"`
	// Decimals fixes how many decimals are shown; by default every decimal
	// written in the CSV is kept.
	Decimals *int `toml:"decimals"`

	// Qualifier, on a numeric column, names the category column saying
	// how the source gives each figure (approximate, more than, a range…);
	// Upper names the numeric column holding a range's upper bound. See
	// schema_qualifier.go.
	Qualifier string `toml:"qualifier"`
	Upper     string `toml:"upper"`
	// Kinds, on a qualifier column that uses its own words, maps each of
	// them to one of Tablero's kinds: kinds = { "más de" = "more than" }.
	Kinds map[string]string `toml:"kinds"`
}

// Numeric reports whether the column holds numbers.
func (c *ColumnSpec) Numeric() bool {
	switch c.Type {
	case TypeInteger, TypeNumber, TypePercent, TypeYear:
		return true
	}
	return false
}

// Title returns the column's label in lang, or its name.
func (c *ColumnSpec) Title(lang string) string {
	if s := c.Label.In(lang); s != "" {
		return s
	}
	return c.Name
}

// Date is a calendar date, written in TOML as 2023-01-31 or "2023-01-31".
type Date struct{ time.Time }

// UnmarshalTOML implements toml.Unmarshaler.
func (d *Date) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case time.Time:
		d.Time = time.Date(v.Year(), v.Month(), v.Day(), 0, 0, 0, 0, time.UTC)
		return nil
	case string:
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			return i18n.Errorf("%q no es una fecha escrita AAAA-MM-DD", "%q is not a date written YYYY-MM-DD", v)
		}
		d.Time = t
		return nil
	}
	return i18n.Errorf("se espera una fecha como 2023-01-31", "expected a date such as 2023-01-31")
}

// String returns the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// ValueLabel returns how value v of the column is shown in lang: its
// translation when the schema gives one, else v itself.
func (c *ColumnSpec) ValueLabel(v, lang string) string {
	// Only the language asked for: a value labelled for English readers
	// stays as written for Spanish ones.
	if t, ok := c.ValueLabels[v]; ok {
		switch {
		case lang == "en" && t.EN != "":
			return t.EN
		case lang == "es" && t.ES != "":
			return t.ES
		}
	}
	return v
}
