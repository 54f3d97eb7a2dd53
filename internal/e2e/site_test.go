package e2e

// site_test.go builds the DatACI site once and works out, from the site's
// own Markdown and datasets, what every page must show: which charts and KPI
// cards, the dataset behind each one and the rows they select. The browser
// checks compare what Chromium shows against this model.

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/site"
)

// builtSite is the DatACI site written to a temporary folder, with what its
// sources say each page holds.
type builtSite struct {
	Root   string // the repository root, where content/ and data/ are
	Out    string // the folder the site was written to
	Langs  []string
	Pages  []*pageModel // every HTML page written, sorted by path
	Tables map[string]*dataset.Table
	Search map[string][]searchDoc // lang → the search index the build wrote
}

// pageModel is one written page and the blocks its Markdown declares.
type pageModel struct {
	Path   string // slash path in the output, e.g. "en/sectores/comercio.html"
	Slug   string // "sectores/comercio"
	Lang   string
	Kind   string
	Source string // the Markdown file the page was built from
	// Generated is set on a page written from a template ([generate]);
	// Source is then the template.
	Generated bool
	Other     map[string]string
	Charts    []chartSpec // in page order
	KPIs      []kpiSpec   // in page order
	Tables    []tableSpec // in page order
	// Headline is the page's [headline] card, which the home page shows
	// on the board's card; nil without one.
	Headline *kpiSpec
}

// common holds the block keys this suite reads; the others are ignored.
type common struct {
	Data     string         `toml:"data"`
	Where    map[string]any `toml:"where"`
	NotEmpty []string       `toml:"not_empty"`
	Title    string         `toml:"title"`
	Empty    string         `toml:"empty"`
}

type chartSpec struct {
	common
	Type      string  `toml:"type"`
	X         string  `toml:"x"`
	Y         columns `toml:"y"`
	Series    string  `toml:"series"`
	Aggregate string  `toml:"aggregate"`
	Sort      string  `toml:"sort"`
	Line      int     `toml:"-"` // where the block is, for messages
	File      string  `toml:"-"`
}

type kpiSpec struct {
	common
	Value     string `toml:"value"`
	Aggregate string `toml:"aggregate"`
	Line      int    `toml:"-"`
	File      string `toml:"-"`
}

type tableSpec struct {
	common
	Columns []string `toml:"columns"`
	Line    int      `toml:"-"`
	File    string   `toml:"-"`
}

// columns is a column name or a list of them.
type columns []string

func (c *columns) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		*c = columns{v}
	case []any:
		for _, x := range v {
			s, ok := x.(string)
			if !ok {
				return fmt.Errorf("y lists a %T", x)
			}
			*c = append(*c, s)
		}
	default:
		return fmt.Errorf("y is a %T", v)
	}
	return nil
}

// searchDoc is one entry of the search index (see internal/build).
type searchDoc struct {
	Title string `json:"t"`
	URL   string `json:"u"`
	Kind  string `json:"k"`
	Text  string `json:"x"`
}

// repoRoot finds the repository root from the package folder.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil && strings.Contains(string(b), "module github.com/tablero/tablero\n") {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", errors.New("cannot find the repository root (go.mod of github.com/tablero/tablero)")
		}
		dir = up
	}
}

// buildSite builds the site at root into out, exactly as `tablero build`
// does, and reads its model.
func buildSite(root, out string) (*builtSite, error) {
	fsys := os.DirFS(root)
	res := build.Build(fsys)
	if !res.OK() {
		return nil, fmt.Errorf("the site does not build:\n%s", res.Diagnostics.Format("en"))
	}
	if err := build.Write(out, res.Files); err != nil {
		return nil, err
	}
	return readSite(root, out)
}

// readSite reads the model of a site built from root into out.
func readSite(root, out string) (*builtSite, error) {
	fsys := os.DirFS(root)
	cfg, l := site.Load(fsys)
	if len(l) > 0 {
		return nil, fmt.Errorf("site.toml: %s", l.Format("en"))
	}
	tables, l := dataset.LoadDir(fsys, "data")
	if len(l) > 0 {
		return nil, fmt.Errorf("datasets: %s", l.Format("en"))
	}
	s := &builtSite{Root: root, Out: out, Langs: cfg.Languages, Tables: map[string]*dataset.Table{}, Search: map[string][]searchDoc{}}
	for _, t := range tables {
		s.Tables[t.Name] = t
	}
	var htmlFiles []string
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(p, out+string(filepath.Separator)))
		if d.IsDir() && (rel == "assets" || rel == "data") {
			return fs.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(rel, ".html") {
			htmlFiles = append(htmlFiles, rel)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(htmlFiles)
	for _, rel := range htmlFiles {
		p, err := s.pageModel(rel)
		if err != nil {
			return nil, err
		}
		s.Pages = append(s.Pages, p)
	}
	for _, lang := range s.Langs {
		m, _ := filepath.Glob(filepath.Join(out, "assets", "search-"+lang+".*.js"))
		if len(m) != 1 {
			return nil, fmt.Errorf("expected one search index for %q, found %v", lang, m)
		}
		b, err := os.ReadFile(m[0])
		if err != nil {
			return nil, err
		}
		js := strings.TrimSpace(string(b))
		js = strings.TrimSuffix(strings.TrimPrefix(js, "window.TABLERO_SEARCH="), ";")
		var docs []searchDoc
		if err := json.Unmarshal([]byte(js), &docs); err != nil {
			return nil, fmt.Errorf("search index %s: %v", m[0], err)
		}
		s.Search[lang] = docs
	}
	return s, nil
}

// pageModel reads the Markdown a written page comes from: its translation
// when there is one, else the default language's page.
func (s *builtSite) pageModel(rel string) (*pageModel, error) {
	p := &pageModel{Path: rel, Lang: s.Langs[0], Other: map[string]string{}}
	if rel == "404.html" {
		// The build writes it without a Markdown source, in the default
		// language only; it has no blocks and no other language.
		p.Slug, p.Kind = "404", "404"
		return p, nil
	}
	slug := strings.TrimSuffix(rel, ".html")
	if first, rest, ok := strings.Cut(slug, "/"); ok && slices.Contains(s.Langs[1:], first) {
		p.Lang, slug = first, rest
	}
	p.Slug = slug
	for _, l := range s.Langs {
		if l == s.Langs[0] {
			p.Other[l] = slug + ".html"
		} else {
			p.Other[l] = l + "/" + slug + ".html"
		}
	}
	src := "content/" + slug + ".md"
	if p.Lang != s.Langs[0] {
		if _, err := os.Stat(filepath.Join(s.Root, "content", slug+"."+p.Lang+".md")); err == nil {
			src = "content/" + slug + "." + p.Lang + ".md"
		}
	}
	b, err := os.ReadFile(filepath.Join(s.Root, filepath.FromSlash(src)))
	var cp *content.Page
	if errors.Is(err, fs.ErrNotExist) {
		// A page generated from data: its template's blocks, with the value.
		src, cp, err = s.generated(slug, p.Lang)
		p.Generated = true
	} else if err == nil {
		var l diag.List
		if cp, l = content.Parse(src, b, s.Langs[0]); len(l) > 0 || cp == nil {
			err = errors.New(l.Format("en"))
		}
	}
	if err != nil {
		return nil, fmt.Errorf("page %s: cannot read its source: %v", rel, err)
	}
	p.Source, p.Kind = src, cp.Meta.Kind
	if b := cp.Headline; b != nil {
		k := kpiSpec{Line: b.Line, File: b.File}
		if _, err := toml.Decode(b.Body, &k); err != nil {
			return nil, fmt.Errorf("%s:%d: %v", b.File, b.Line, err)
		}
		p.Headline = &k
	}
	for _, b := range cp.Blocks {
		switch b.Kind {
		case "chart":
			c := chartSpec{Line: b.Line, File: b.File}
			if _, err := toml.Decode(b.Body, &c); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", b.File, b.Line, err)
			}
			p.Charts = append(p.Charts, c)
		case "kpi":
			k := kpiSpec{Line: b.Line, File: b.File}
			if _, err := toml.Decode(b.Body, &k); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", b.File, b.Line, err)
			}
			p.KPIs = append(p.KPIs, k)
		case "table":
			tb := tableSpec{Line: b.Line, File: b.File}
			if _, err := toml.Decode(b.Body, &tb); err != nil {
				return nil, fmt.Errorf("%s:%d: %v", b.File, b.Line, err)
			}
			p.Tables = append(p.Tables, tb)
		}
	}
	return p, nil
}

// generated finds the template (a page with [generate]) in slug's folder
// that writes slug in lang and returns it with the value of the page in its
// blocks, as the build writes them.
func (s *builtSite) generated(slug, lang string) (string, *content.Page, error) {
	dir := path.Join(s.Root, "content", path.Dir(slug))
	files, _ := filepath.Glob(filepath.Join(filepath.FromSlash(dir), "*.md"))
	for _, f := range files {
		name := filepath.Base(f)
		if strings.Count(name, ".") > 1 { // a translation: read with its page
			continue
		}
		src := path.Join("content", path.Dir(slug), name)
		if lang != s.Langs[0] {
			tr := strings.TrimSuffix(src, ".md") + "." + lang + ".md"
			if _, err := os.Stat(filepath.Join(s.Root, filepath.FromSlash(tr))); err == nil {
				src = tr
			}
		}
		b, err := os.ReadFile(filepath.Join(s.Root, filepath.FromSlash(src)))
		if err != nil {
			return "", nil, err
		}
		cp, l := content.Parse(src, b, s.Langs[0])
		if len(l) > 0 || cp == nil {
			return "", nil, errors.New(l.Format("en"))
		}
		g := cp.Meta.Generate
		if g == nil {
			continue
		}
		for _, name := range g.Data {
			tb := s.Tables[name]
			if tb == nil {
				return "", nil, fmt.Errorf("%s: no dataset %q", src, name)
			}
			for _, by := range g.By {
				c := tb.Col(by)
				if c == nil {
					continue
				}
				for r := range tb.Len() {
					v := c.Text(r)
					if c.IsNull(r) || content.Slug(v) != path.Base(slug) {
						continue
					}
					label := c.Spec.ValueLabel(v, cp.Lang)
					if c.Spec.Type == dataset.TypeCountry {
						label = country.Name(v, cp.Lang)
					}
					fill := strings.NewReplacer(build.ValuePlaceholder, v, build.LabelPlaceholder, label)
					for i := range cp.Blocks {
						cp.Blocks[i].Body = fill.Replace(cp.Blocks[i].Body)
					}
					if cp.Headline != nil {
						cp.Headline.Body = fill.Replace(cp.Headline.Body)
					}
					return src, cp, nil
				}
			}
		}
	}
	return "", nil, fmt.Errorf("no page and no template in %s writes %s", dir, slug)
}

// page returns the page written at rel, or nil.
func (s *builtSite) page(rel string) *pageModel {
	for _, p := range s.Pages {
		if p.Path == rel {
			return p
		}
	}
	return nil
}

// copyTo copies the written site to dir, for tests that break a copy.
func (s *builtSite) copyTo(dir string) (*builtSite, error) {
	err := filepath.WalkDir(s.Out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.Out, p)
		dst := filepath.Join(dir, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		return nil, err
	}
	c := *s
	c.Out = dir
	return &c, nil
}

// frameExpect is what a chart block must plot, worked out from the dataset
// by this suite (not by internal/chart).
type frameExpect struct {
	empty  bool
	table  *dataset.Table
	rows   []int
	label  func(r int) string // the category a row falls in, as shown
	series []string           // series names, in order of first appearance
	value  func(r, series int) (float64, bool)
	inSer  func(r, series int) bool
	qual   func(r, series int) dataset.Qualified // how the source gives a row's figure
	lang   string
}

// expectFrame selects the chart's rows and says how each row maps to a
// category and a series.
func expectFrame(s *builtSite, spec chartSpec, lang string) (*frameExpect, error) {
	t := s.Tables[spec.Data]
	if t == nil {
		return nil, fmt.Errorf("dataset %q does not exist", spec.Data)
	}
	rows, err := blockRows(t, spec.common)
	if err != nil {
		return nil, err
	}
	xc := t.Col(spec.X)
	if xc == nil {
		return nil, fmt.Errorf("dataset %q has no column %q", spec.Data, spec.X)
	}
	e := &frameExpect{table: t}
	e.label = func(r int) string {
		if xc.Spec.Type == dataset.TypeCountry && xc.Str[r] != "" {
			return country.Name(xc.Str[r], lang)
		}
		return valueLabel(xc, r, lang)
	}
	for _, r := range rows {
		if xc.Text(r) != "" {
			e.rows = append(e.rows, r)
		}
	}
	var ycols []*dataset.Column
	for _, y := range spec.Y {
		c := t.Col(y)
		if c == nil || c.Num == nil {
			return nil, fmt.Errorf("dataset %q has no numeric column %q", spec.Data, y)
		}
		ycols = append(ycols, c)
	}
	count := spec.Aggregate == "count"
	if !count && len(ycols) == 0 {
		return nil, fmt.Errorf("no y column")
	}
	var sc *dataset.Column
	if spec.Series != "" {
		if sc = t.Col(spec.Series); sc == nil {
			return nil, fmt.Errorf("dataset %q has no column %q", spec.Data, spec.Series)
		}
	}
	switch {
	case sc != nil:
		for _, r := range e.rows {
			if n := valueLabel(sc, r, lang); !slices.Contains(e.series, n) {
				e.series = append(e.series, n)
			}
		}
		e.inSer = func(r, j int) bool { return valueLabel(sc, r, lang) == e.series[j] }
	case count:
		e.series = []string{""}
		e.inSer = func(r, j int) bool { return true }
	default:
		for _, c := range ycols {
			e.series = append(e.series, c.Spec.Title(lang))
		}
		e.inSer = func(r, j int) bool { return true }
	}
	e.value = func(r, j int) (float64, bool) {
		if count {
			return 1, true
		}
		c := ycols[0]
		if sc == nil {
			c = ycols[j]
		}
		if c.IsNull(r) {
			return math.NaN(), false
		}
		return c.Num[r], true
	}
	e.qual = func(r, j int) dataset.Qualified {
		if count {
			return dataset.Qualified{Kind: dataset.QualExact}
		}
		c := ycols[0]
		if sc == nil {
			c = ycols[j]
		}
		return t.Qualifier(c, r)
	}
	e.lang = lang
	e.empty = len(e.rows) == 0
	return e, nil
}

// compareIsland checks each number of the island against the dataset rows
// of its category and series, and that no row is left out.
func compareIsland(e *frameExpect, spec chartSpec, isl island) []string {
	var out []string
	if isl.Type != spec.Type {
		out = append(out, fmt.Sprintf("island type %q, the block says %q", isl.Type, spec.Type))
	}
	if isl.Title != spec.Title {
		out = append(out, fmt.Sprintf("island title %q, the block says %q", isl.Title, spec.Title))
	}
	var names []string
	for _, se := range isl.Series {
		names = append(names, se.Name)
	}
	if !slices.Equal(names, e.series) {
		return append(out, fmt.Sprintf("series %q, the dataset gives %q", names, e.series))
	}
	// The categories: every one the rows give must be drawn, and any other
	// the chart shows (a year without figure) must be a gap.
	labels := map[string]bool{}
	var missing, extra []string
	for _, r := range e.rows {
		l := e.label(r)
		if !labels[l] && !slices.Contains(isl.X, l) {
			missing = append(missing, l)
		}
		labels[l] = true
	}
	for i, x := range isl.X {
		if !labels[x] && slices.ContainsFunc(isl.Series, func(se islandSeries) bool { return i < len(se.Values) && se.Values[i] != nil }) {
			extra = append(extra, x)
		}
	}
	if len(missing) > 0 || len(extra) > 0 {
		out = append(out, fmt.Sprintf("%s gives the categories %q, which the chart lacks; the chart plots %q, which no row of %s gives", spec.Data, missing, extra, spec.Data))
	}
	for i, x := range isl.X {
		if slices.Contains(extra, x) {
			continue
		}
		for j, se := range isl.Series {
			if i >= len(se.Values) {
				out = append(out, fmt.Sprintf("series %q has %d values for %d categories", se.Name, len(se.Values), len(isl.X)))
				break
			}
			var match []int
			for _, r := range e.rows {
				if e.label(r) == x && e.inSer(r, j) {
					match = append(match, r)
				}
			}
			want, ok := math.NaN(), false
			switch spec.Aggregate {
			case "":
				if len(match) > 1 {
					out = append(out, fmt.Sprintf("%q/%q: %d rows of %s (lines %v) for one point", x, se.Name, len(match), spec.Data, lines(e.table, match)))
					continue
				}
				if len(match) == 1 {
					want, ok = e.value(match[0], j)
					if q := e.qual(match[0], j); ok && islandKind(se, i, e.lang) != q.Kind {
						out = append(out, fmt.Sprintf("%q/%q is not labelled as %s; %s line %d gives it so", x, se.Name, e.qual(match[0], j).Kind, spec.Data, e.table.Lines[match[0]]))
					}
				}
			case "sum", "count":
				sum := 0.0
				for _, r := range match {
					if v, vok := e.value(r, j); vok {
						sum, ok = sum+v, true
					}
				}
				if ok {
					want = sum
				}
			}
			got := se.Values[i]
			switch {
			case got == nil && ok:
				out = append(out, fmt.Sprintf("%q/%q is missing; %s lines %v give %v", x, se.Name, spec.Data, lines(e.table, match), want))
			case got != nil && !ok:
				out = append(out, fmt.Sprintf("%q/%q is %v; %s has no figure for it", x, se.Name, *got, spec.Data))
			case got != nil && !same(*got, want):
				out = append(out, fmt.Sprintf("%q/%q is %v; %s lines %v give %v", x, se.Name, *got, spec.Data, lines(e.table, match), want))
			}
		}
	}
	// The order the block asks for.
	total := func(i int) float64 {
		s := 0.0
		for _, se := range isl.Series {
			if v := se.Values[i]; v != nil {
				s += *v
			}
		}
		return s
	}
	for i := 1; i < len(isl.X); i++ {
		var c int
		switch strings.TrimPrefix(spec.Sort, "-") {
		case "y":
			c = cmpFloat(total(i-1), total(i))
		case "x":
			xc := e.table.Col(spec.X)
			if xc.Spec.Type == dataset.TypeCountry {
				continue
			}
			a, aerr := strconv.ParseFloat(isl.X[i-1], 64)
			b, berr := strconv.ParseFloat(isl.X[i], 64)
			if aerr == nil && berr == nil {
				c = cmpFloat(a, b)
			} else {
				c = strings.Compare(isl.X[i-1], isl.X[i])
			}
		default:
			continue
		}
		if strings.HasPrefix(spec.Sort, "-") {
			c = -c
		}
		if c > 0 {
			out = append(out, fmt.Sprintf("sort = %q, but %q comes before %q", spec.Sort, isl.X[i-1], isl.X[i]))
			break
		}
	}
	return out
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func lines(t *dataset.Table, rows []int) []int {
	var l []int
	for _, r := range rows {
		l = append(l, t.Lines[r])
	}
	return l
}

// blockRows returns the rows a block selects: those meeting where, with a
// value in every not_empty column.
func blockRows(t *dataset.Table, c common) ([]int, error) {
	rows, err := selectRows(t, c.Where)
	if err != nil {
		return nil, err
	}
	var cols []*dataset.Column
	for _, name := range c.NotEmpty {
		col := t.Col(name)
		if col == nil {
			return nil, fmt.Errorf("dataset %q has no column %q", t.Name, name)
		}
		cols = append(cols, col)
	}
	return slices.DeleteFunc(rows, func(r int) bool {
		return slices.ContainsFunc(cols, func(c *dataset.Column) bool { return c.IsNull(r) })
	}), nil
}

// selectRows returns the rows of t that meet every condition of where: a
// value, or a list of accepted values, per column.
func selectRows(t *dataset.Table, where map[string]any) ([]int, error) {
	type cond struct {
		col  *dataset.Column
		vals []any
	}
	var conds []cond
	for name, v := range where {
		c := t.Col(name)
		if c == nil {
			return nil, fmt.Errorf("dataset %q has no column %q", t.Name, name)
		}
		vals, ok := v.([]any)
		if !ok {
			vals = []any{v}
		}
		conds = append(conds, cond{c, vals})
	}
	var rows []int
	for i := range t.Len() {
		ok := true
		for _, cd := range conds {
			if !slices.ContainsFunc(cd.vals, func(v any) bool { return cellIs(cd.col, i, v) }) {
				ok = false
				break
			}
		}
		if ok {
			rows = append(rows, i)
		}
	}
	return rows, nil
}

// cellIs compares row i of c with a TOML value.
func cellIs(c *dataset.Column, i int, v any) bool {
	if c.Num != nil {
		var f float64
		switch v := v.(type) {
		case int64:
			f = float64(v)
		case float64:
			f = v
		case string:
			var err error
			if f, err = strconv.ParseFloat(v, 64); err != nil {
				return false
			}
		default:
			return false
		}
		return !c.IsNull(i) && c.Num[i] == f
	}
	return c.Str[i] == fmt.Sprint(v)
}

// kpiValue works out a card's figure from its dataset, and says where it
// comes from ("" when no row is selected and the card shows its empty text).
func kpiValue(t *dataset.Table, k kpiSpec) (float64, string, error) {
	rows, err := blockRows(t, k.common)
	if err != nil {
		return 0, "", err
	}
	if len(rows) == 0 && k.Empty != "" {
		return 0, "", nil
	}
	from := fmt.Sprintf("%s lines %v", t.Name, lines(t, rows))
	switch k.Aggregate {
	case "count":
		return float64(len(rows)), fmt.Sprintf("counting %s", from), nil
	case "sum":
		vc := t.Col(k.Value)
		if vc == nil || vc.Num == nil {
			return 0, "", fmt.Errorf("%s has no numeric column %q", t.Name, k.Value)
		}
		sum := 0.0
		for _, r := range rows {
			if !vc.IsNull(r) {
				sum += vc.Num[r]
			}
		}
		return sum, fmt.Sprintf("adding %s, column %s,", from, k.Value), nil
	case "distinct":
		vc := t.Col(k.Value)
		if vc == nil {
			return 0, "", fmt.Errorf("%s has no column %q", t.Name, k.Value)
		}
		seen := map[string]bool{}
		for _, r := range rows {
			if !vc.IsNull(r) {
				seen[vc.Text(r)] = true
			}
		}
		return float64(len(seen)), fmt.Sprintf("counting the values of %s, column %s,", from, k.Value), nil
	case "":
		vc := t.Col(k.Value)
		if len(rows) != 1 || vc == nil || vc.Num == nil || vc.IsNull(rows[0]) {
			return 0, "", fmt.Errorf("where selects %d rows of %s, or column %q has no figure there", len(rows), t.Name, k.Value)
		}
		return vc.Num[rows[0]], fmt.Sprintf("%s line %d, column %s,", t.Name, t.Lines[rows[0]], k.Value), nil
	}
	return 0, "", fmt.Errorf("unknown aggregate %q", k.Aggregate)
}

// valueLabel is how row r of c reads in lang: the schema's translation of
// the value for that language when it gives one, else the value as written.
// A translation for the other language never stands in.
func valueLabel(c *dataset.Column, r int, lang string) string {
	v := c.Text(r)
	if t, ok := c.Spec.ValueLabels[v]; ok {
		if lang == "en" && t.EN != "" {
			return t.EN
		}
		if lang != "en" && t.ES != "" {
			return t.ES
		}
	}
	return v
}
