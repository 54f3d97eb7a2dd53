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
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
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
	Other  map[string]string
	Charts []chartSpec // in page order
	KPIs   []kpiSpec   // in page order
}

// common holds the block keys this suite reads; the others are ignored.
type common struct {
	Data  string         `toml:"data"`
	Where map[string]any `toml:"where"`
	Title string         `toml:"title"`
	Empty string         `toml:"empty"`
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
	Value string `toml:"value"`
	Line  int    `toml:"-"`
	File  string `toml:"-"`
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
	if err != nil {
		return nil, fmt.Errorf("page %s: cannot read its source: %v", rel, err)
	}
	cp, l := content.Parse(src, b, s.Langs[0])
	if len(l) > 0 || cp == nil {
		return nil, fmt.Errorf("page %s: %s", rel, l.Format("en"))
	}
	p.Source, p.Kind = src, cp.Meta.Kind
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
		}
	}
	return p, nil
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
