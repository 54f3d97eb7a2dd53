package chart

import (
	"slices"
)

// Needs says which columns of a dataset the pages use: the ones rows are
// grouped or selected by (Keys) and the ones added up (Values). A dataset
// too large to hold is reduced to one row per combination of its Keys.
type Needs struct {
	Keys, Values []string
	// AllRows is set when a block shows the rows themselves (a table, a
	// KPI of one row): such a dataset cannot be reduced.
	AllRows bool
}

// DatasetNeeds collects, per dataset name, what the pages' blocks use.
// Blocks that do not decode are skipped: the build reports them later.
func DatasetNeeds(pages []*Page) map[string]*Needs {
	out := map[string]*Needs{}
	for _, p := range pages {
		for _, sp := range append(p.Specs, p.Headline) {
			c := sp.common()
			if c == nil || c.Data == "" {
				continue
			}
			n := out[c.Data]
			if n == nil {
				n = &Needs{}
				out[c.Data] = n
			}
			for k := range c.Where {
				n.key(k)
			}
			n.key(c.NotEmpty...)
			n.key(p.Meta.Filters...)
			sp.spec.needs(n)
		}
	}
	for _, n := range out {
		slices.Sort(n.Keys)
		slices.Sort(n.Values)
	}
	return out
}

// key adds columns rows are grouped or selected by.
func (n *Needs) key(cols ...string) { n.Keys = addNew(n.Keys, cols) }

// value adds columns whose figures are added up.
func (n *Needs) value(cols ...string) { n.Values = addNew(n.Values, cols) }

// addNew appends to list the non-empty names of cols it lacks.
func addNew(list, cols []string) []string {
	for _, c := range cols {
		if c != "" && !slices.Contains(list, c) {
			list = append(list, c)
		}
	}
	return list
}

// DatasetsOf lists the datasets a page's blocks name, sorted.
func DatasetsOf(p *Page) []string {
	var names []string
	for _, sp := range append(p.Specs, p.Headline) {
		if d := sp.Data(); d != "" && !slices.Contains(names, d) {
			names = append(names, d)
		}
	}
	slices.Sort(names)
	return names
}
