package render

import (
	"strconv"
	"strings"
)

// DataIndex is what the catalogue page lists: the site's own datasets and
// the rows of its datasets of references (external databases), each placed
// in a dimension and a category, with the controls that filter them.
type DataIndex struct {
	Own      []IndexEntry // the site's datasets, with their downloads
	External []IndexEntry // the rows of datasets of references
	Facets   []Facet      // dimension, category, geography, publisher
}

// Status writes pattern ("{n} de {m} mostrados") for the index with
// nothing filtered out: what the page says before the reader filters.
func (d *DataIndex) Status(pattern string) string {
	m := strconv.Itoa(len(d.Own) + len(d.External))
	return strings.NewReplacer("{n}", m, "{m}", m).Replace(pattern)
}

// IndexEntry is one dataset or one external database of the index.
type IndexEntry struct {
	ID, Name, Description string
	URL                   string       // the landing page of an external database
	Publisher             string       // who publishes it, as the list shows it
	Dimension, Category   string       // labels in the page's language
	Geography, Frequency  string       // external databases only
	Facets                []FacetValue // the entry's value of each facet, for the filters
	FacetQuery            string       // the same as a query string (dimension=…&category=…), for the browser
	Dataset               *DatasetInfo // the site's own dataset: source, rows, download…
}

// FacetValue is an entry's value of one facet: the key it is filtered by
// (a slug, kept in the URL) and the label shown.
type FacetValue struct{ Key, Value, Label string }

// Facet is one filter of the index: a select over the values entries take.
type Facet struct {
	Key, Label string
	Options    []FacetOption
}

// FacetOption is one value of a facet, with how many entries have it.
type FacetOption struct {
	Value, Label string
	Count        int
}
