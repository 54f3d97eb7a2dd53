package build

import (
	"bytes"
	"cmp"
	"io/fs"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/site"
)

// siteModel is what every page of one build shares.
type siteModel struct {
	cfg         site.Config
	theme       *render.Theme
	fsys        fs.FS
	tables      []*dataset.Table
	defaultLang string
	slugs       []string                          // every page slug, in menu order
	sectors     int                               // how many sector boards
	menuSlugs   []string                          // slugs, with the sector boards after the first left out
	bySlug      map[string]map[string]*chart.Page // slug → lang → page
	search      map[string]string                 // lang → published path of its search index
	countries   map[string]string                 // lang → published path of its country names
	searchFiles []render.File                     // search indexes and country names
	read        map[*chart.Page]*readEntry        // the pages' search entries, where their reading made them
	searchMemo  map[string]*searchIndex           // by language, kept by the Builder between builds; nil for none
	sums        map[string][32]byte               // CSV file → SHA-256 of the bytes read, for streamed datasets
	// writing: the build writes files as it makes them (BuildInto), so
	// the datasets' downloads were written as they were read
	// (Builder.publishDownloads), not with the other files, and large
	// files are encoded as they are written.
	writing bool

	sections     map[string]*section   // top-level folder → its pages (sections.go)
	sectionJobs  map[string]sectionJob // slug of a section index page → what it lists
	sectionSlugs []string              // those slugs, in order
	diags        diag.List             // errors found while laying out the site
	catSlug      string                // slug of the data catalogue page; see catalogueSlug
	// countryPages maps an ISO code to the page generated for it from a
	// country column (the first in menu order, should two templates make
	// one), from a language's root: render.Page.CountryPages.
	countryPages map[string]string
}

// job is one page in one language.
type job struct {
	slug, lang string
}

func newSiteModel(cfg site.Config, pages []*chart.Page, tables []*dataset.Table, theme *render.Theme, fsys fs.FS, searchMemo map[string]*searchIndex, read map[*chart.Page]*readEntry) *siteModel {
	s := &siteModel{cfg: cfg, theme: theme, tables: tables, fsys: fsys, defaultLang: cfg.Languages[0], searchMemo: searchMemo, read: read,
		bySlug: map[string]map[string]*chart.Page{}, search: map[string]string{}, countries: map[string]string{}}
	for _, p := range pages {
		if s.bySlug[p.Slug] == nil {
			s.bySlug[p.Slug] = map[string]*chart.Page{}
		}
		s.bySlug[p.Slug][p.Lang] = p
	}
	for slug, m := range s.bySlug {
		if m[s.defaultLang] != nil {
			s.slugs = append(s.slugs, slug)
		}
	}
	// The pages in menu order: by kind, order and slug. The keys are
	// looked up once per page, not at each of the sort's n log n
	// comparisons (at 10,000 pages those lookups were a sixth of this
	// serial stage).
	kindRank := map[string]int{content.KindHome: 0, content.KindSector: 1, content.KindHistory: 2, content.KindCatalogue: 3, content.KindPage: 4}
	type ranked struct {
		slug        string
		kind, order int
	}
	rs := make([]ranked, len(s.slugs))
	for i, slug := range s.slugs {
		m := s.bySlug[slug][s.defaultLang].Meta
		rs[i] = ranked{slug, kindRank[m.Kind], m.Order}
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		return cmp.Or(cmp.Compare(a.kind, b.kind), cmp.Compare(a.order, b.order), cmp.Compare(a.slug, b.slug))
	})
	for i := range rs {
		s.slugs[i] = rs[i].slug
	}
	for _, slug := range s.slugs {
		if iso := s.bySlug[slug][s.defaultLang].Country; iso != "" {
			if s.countryPages == nil {
				s.countryPages = map[string]string{}
			}
			if _, ok := s.countryPages[iso]; !ok {
				s.countryPages[iso] = slug + ".html"
			}
		}
	}
	s.diags = append(s.reservedNames(), s.buildSections()...)
	seen := map[string]bool{}
	for _, slug := range s.slugs {
		if s.bySlug[slug][s.defaultLang].Meta.Kind == content.KindSector {
			s.sectors++
			if s.sectors > 1 {
				continue
			}
		}
		// A section stands in the menu once, however many pages it has.
		if folder := sectionOf(slug); s.sections[folder] != nil {
			if seen[folder] {
				continue
			}
			seen[folder] = true
		}
		s.menuSlugs = append(s.menuSlugs, slug)
	}
	s.catalogueSlug()
	for _, lang := range cfg.Languages {
		s.buildSearch(lang)
		s.buildCountries(lang)
	}
	s.read = nil // in the indexes now
	return s
}

func (s *siteModel) jobs() []job {
	var jobs []job
	for _, lang := range s.cfg.Languages {
		for _, slug := range s.slugs {
			jobs = append(jobs, job{slug, lang})
		}
		for _, slug := range s.sectionSlugs {
			jobs = append(jobs, job{slug, lang})
		}
	}
	return jobs
}

// jobsPerPage counts the jobs that render each page: a page's own
// language, and the languages it stands in for untranslated.
func (s *siteModel) jobsPerPage(jobs []job) map[*chart.Page]*atomic.Int32 {
	left := map[*chart.Page]*atomic.Int32{}
	for _, j := range jobs {
		if _, ok := s.sectionJobs[j.slug]; ok {
			continue
		}
		p, _ := s.page(j.slug, j.lang)
		if left[p] == nil {
			left[p] = new(atomic.Int32)
		}
		left[p].Add(1)
	}
	return left
}

// forget lets go of what only the page's own rendering reads (its text,
// its blocks and their specs) once its last job is done, in a build that
// writes as it goes: at 10,000 pages they were a fifth of the heap the
// collector walks. Its front matter and headline stay: menus, section
// indexes and neighbours show them.
func forget(p *chart.Page) {
	p.HTML, p.Text = "", ""
	p.Blocks, p.Specs = nil, nil
}

// page returns the page for slug in lang, falling back to the default
// language.
func (s *siteModel) page(slug, lang string) (*chart.Page, bool) {
	if p := s.bySlug[slug][lang]; p != nil {
		return p, false
	}
	return s.bySlug[slug][s.defaultLang], lang != s.defaultLang
}

const maxSectorNav = 24

var idUnsafe = regexp.MustCompile(`[^a-z0-9]+`)

// renderSite is what every page of lang knows of the site.
func (s *siteModel) renderSite(lang string) render.Site {
	return render.Site{
		Title:        s.cfg.Title.In(lang),
		Description:  s.cfg.Description.In(lang),
		Organization: s.cfg.Organization,
		ReportErrors: s.cfg.ReportErrors.In(lang),
		ReportURL:    s.cfg.ReportURL,
	}
}

func (s *siteModel) renderPage(j job, ts chart.Tables, out *bytes.Buffer) ([]render.File, int, diag.List) {
	if sj, ok := s.sectionJobs[j.slug]; ok {
		files, l := s.renderSection(j, sj, ts, out)
		return files, 0, l
	}
	p, untranslated := s.page(j.slug, j.lang)
	url := pageURL(j.lang, s.defaultLang, j.slug)
	root := rel(url)
	prefix := ""
	if j.lang != s.defaultLang {
		prefix = j.lang + "/"
	}
	idPrefix := "c-" + strings.Trim(idUnsafe.ReplaceAllString(j.slug, "-"), "-")
	blocks, l := chart.BuildPage(p, ts, s.theme.Words(), j.lang, idPrefix)
	if len(l) > 0 {
		return nil, 0, l
	}
	rp := &render.Page{
		Site: s.renderSite(j.lang),
		Lang: j.lang, ContentLang: p.Lang, LangPrefix: prefix, Root: root,
		Title: p.Meta.Title, Summary: p.Meta.Summary, Kind: p.Meta.Kind,
		Untranslated: untranslated,
		HTML:         p.HTML, Blocks: blocks,
		SearchIndex:  root + s.search[j.lang],
		Countries:    root + s.countries[j.lang],
		CountryPages: s.countryPages,
	}
	if s.cfg.BaseURL != "" {
		rp.Canonical = s.cfg.BaseURL + url
		// A board's own image, else the theme's default card.
		rp.Image = s.cfg.BaseURL + "assets/social.png"
		if p.Meta.Image != "" {
			rp.Image = s.cfg.BaseURL + strings.TrimPrefix(p.Meta.Image, "/")
		}
	}
	rp.Alternates = s.alternates(j.slug, root)
	rp.Filters, l = s.filters(p, blocks, ts, j.lang, root+prefix)
	if len(l) > 0 {
		return nil, 0, l
	}
	if p.Meta.Kind == content.KindCatalogue {
		rp.Index = s.dataIndex(j.lang, root)
	}
	// Every sector board lists the others while they are few enough to
	// read; a site with hundreds leaves that to the home page's list.
	rp.SectorNav = s.sectors <= maxSectorNav
	withBoards := p.Meta.Kind == content.KindHome || p.Meta.Kind == content.KindSector && rp.SectorNav
	rp.Nav, rp.Boards = s.menus(j, root, prefix, withBoards)
	if p.Meta.Kind == content.KindHome {
		s.headlines(rp.Boards, j.lang, ts)
	}
	s.neighbours(rp, j.slug, j.lang, root, prefix)
	if sec := s.sections[sectionOf(j.slug)]; sec != nil && sec.own == j.slug {
		// The cards are the section's pages, not the boards menus found.
		rp.Boards = nil
		s.sectionCards(rp, sec, 1, j.lang, root, prefix, ts)
	}
	if p.Meta.Kind == content.KindSector {
		rp.Crumb = &render.Link{Title: s.theme.T(j.lang, "all_sectors"), URL: root + prefix + s.theme.Link("index.html", "sectors")}
	}
	if p.Meta.Kind == content.KindCatalogue {
		rp.Datasets = s.catalogue(j.lang, root)
		rp.JSONLD = s.jsonLD(j.lang)
	}
	b, err := s.render(out, rp)
	if err != nil {
		return nil, 0, diag.List{diag.Errorf(p.File, 0, 0, "no se pudo generar la página: %v", "cannot render the page: %v", err)}
	}
	charts := 0
	for _, b := range blocks {
		if b.Content == nil {
			continue
		}
		if _, drawn := b.Content.Scripts(); drawn {
			charts++
		}
	}
	return []render.File{{Path: url, Data: b}}, charts, nil
}

// render writes rp into out, or into a buffer of its own when out is nil;
// the bytes are out's until it is reset.
func (s *siteModel) render(out *bytes.Buffer, rp *render.Page) ([]byte, error) {
	if out == nil {
		return s.theme.Render(rp)
	}
	if err := s.theme.RenderTo(out, rp); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// alternates lists the page slug in every language of the site, for the
// language switch (relative to root) and hreflang (absolute: without a
// base URL only the language switch links the translation).
func (s *siteModel) alternates(slug, root string) []render.Alternate {
	var as []render.Alternate
	for _, lang := range s.cfg.Languages {
		u := pageURL(lang, s.defaultLang, slug)
		a := render.Alternate{Lang: lang, URL: root + u}
		if s.cfg.BaseURL != "" {
			a.Href = s.cfg.BaseURL + u
		}
		as = append(as, a)
	}
	return as
}

// LanguageFolder reports whether content/folder/ would be published where
// the pages of one of the site's languages go: a language other than the
// first (the default), whose pages are published under its code.
func LanguageFolder(folder string, languages []string) bool {
	return len(languages) > 0 && folder != languages[0] && slices.Contains(languages, folder)
}

// reservedNames reports the pages whose file the build writes for
// something else: 404.html, the page for addresses that do not exist, and
// the folder of another language's pages (content/en/x.md would be
// published as en/x.html, where the English x.md goes). Either page used
// to vanish without a word, the other file written over it.
func (s *siteModel) reservedNames() diag.List {
	var l diag.List
	for _, slug := range s.slugs {
		file := s.bySlug[slug][s.defaultLang].File
		folder, _, nested := strings.Cut(slug, "/")
		switch {
		case slug == NotFoundSlug:
			l.Add(diag.Errorf(file, 1, 1, "la página %s.html es la de las direcciones que no existen, que Tablero escribe", "page %s.html is the page for addresses that do not exist, which Tablero writes", slug).
				WithHint("cambie el nombre del archivo", "rename the file"))
		case nested && LanguageFolder(folder, s.cfg.Languages):
			l.Add(diag.Errorf(file, 1, 1, "la carpeta content/%s/ choca con las páginas en %q, que se publican en %s/", "folder content/%s/ clashes with the pages in %q, which are published under %s/", folder, folder, folder).
				WithHint("cambie el nombre de la carpeta", "rename the folder"))
		}
	}
	return l
}
