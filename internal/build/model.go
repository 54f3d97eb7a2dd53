package build

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/opendata"
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
	sums        map[string][32]byte               // CSV file → SHA-256 of the bytes read, for streamed datasets

	sections     map[string]*section   // top-level folder → its pages (sections.go)
	sectionJobs  map[string]sectionJob // slug of a section index page → what it lists
	sectionSlugs []string              // those slugs, in order
	diags        diag.List             // errors found while laying out the site
	catSlug      string                // slug of the data catalogue page; see catalogueSlug
}

// job is one page in one language.
type job struct {
	slug, lang string
}

func newSiteModel(cfg site.Config, pages []*chart.Page, tables []*dataset.Table, theme *render.Theme, fsys fs.FS) *siteModel {
	s := &siteModel{cfg: cfg, theme: theme, tables: tables, fsys: fsys, defaultLang: cfg.Languages[0],
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
	kindRank := map[string]int{content.KindHome: 0, content.KindSector: 1, content.KindHistory: 2, content.KindCatalogue: 3, content.KindPage: 4}
	slices.SortFunc(s.slugs, func(a, b string) int {
		pa, pb := s.bySlug[a][s.defaultLang].Meta, s.bySlug[b][s.defaultLang].Meta
		return cmp.Or(cmp.Compare(kindRank[pa.Kind], kindRank[pb.Kind]), cmp.Compare(pa.Order, pb.Order), cmp.Compare(a, b))
	})
	s.diags = s.buildSections()
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

func (s *siteModel) renderPage(j job, ts chart.Tables) ([]render.File, int, diag.List) {
	if sj, ok := s.sectionJobs[j.slug]; ok {
		files, l := s.renderSection(j, sj, ts)
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
	blocks, l := chart.BuildPage(p, ts, j.lang, idPrefix)
	if len(l) > 0 {
		return nil, 0, l
	}
	rp := &render.Page{
		Site: s.renderSite(j.lang),
		Lang: j.lang, ContentLang: p.Lang, LangPrefix: prefix, Root: root,
		Title: p.Meta.Title, Summary: p.Meta.Summary, Kind: p.Meta.Kind,
		Untranslated: untranslated,
		HTML:         p.HTML, Blocks: blocks,
		SearchIndex: root + s.search[j.lang],
		Countries:   root + s.countries[j.lang],
	}
	if s.cfg.BaseURL != "" {
		rp.Canonical = s.cfg.BaseURL + url
		// A board's own image, else the theme's default card.
		rp.Image = s.cfg.BaseURL + "assets/social.png"
		if p.Meta.Image != "" {
			rp.Image = s.cfg.BaseURL + strings.TrimPrefix(p.Meta.Image, "/")
		}
	}
	for _, lang := range s.cfg.Languages {
		u := pageURL(lang, s.defaultLang, j.slug)
		// hreflang must be absolute: without a base URL only the
		// language switch links the translation.
		a := render.Alternate{Lang: lang, URL: root + u}
		if s.cfg.BaseURL != "" {
			a.Href = s.cfg.BaseURL + u
		}
		rp.Alternates = append(rp.Alternates, a)
	}
	rp.Filters, l = s.filters(p, blocks, ts, j.lang)
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
		s.sectionCards(rp, sec, 1, j.lang, root, prefix, ts)
	}
	if p.Meta.Kind == content.KindSector {
		rp.Crumb = &render.Link{Title: s.theme.T(j.lang, "all_sectors"), URL: root + prefix + s.theme.Link("index.html", "sectors")}
	}
	if p.Meta.Kind == content.KindCatalogue {
		rp.Datasets = s.catalogue(j.lang, root)
		rp.JSONLD = s.jsonLD(j.lang)
	}
	b, err := s.theme.Render(rp)
	if err != nil {
		return nil, 0, diag.List{diag.Errorf(p.File, 0, 0, "no se pudo generar la página: %v", "cannot render the page: %v", err)}
	}
	charts := 0
	for _, b := range blocks {
		if b.Chart != nil && b.Chart.Empty == "" {
			charts++
		}
	}
	embeds, err := s.embedPages(rp, blocks, url)
	if err != nil {
		return nil, 0, diag.List{diag.Errorf(p.File, 0, 0, "no se pudo generar la página para incrustar: %v", "cannot render the embed page: %v", err)}
	}
	return append([]render.File{{Path: url, Data: b}}, embeds...), charts, nil
}

// menus returns the main menu and, when withBoards, the list of boards.
func (s *siteModel) menus(j job, root, prefix string, withBoards bool) (nav, boards []render.Link) {
	link := func(slug string) render.Link {
		p, _ := s.page(slug, j.lang)
		return render.Link{Title: p.Meta.Title, URL: root + prefix + slug + ".html", Summary: p.Meta.Summary,
			Kind: p.Meta.Kind, Current: slug == j.slug, Slug: slug}
	}
	// Menus use a page's short title; lists of boards its full one.
	short := func(l render.Link, slug string) render.Link {
		if p, _ := s.page(slug, j.lang); p.Meta.Menu != "" {
			l.Title = p.Meta.Menu
		}
		return l
	}
	// Without the list of boards, only the first sector board matters (it
	// adds the "Sectors" entry): menuSlugs spares every page a walk over
	// every board.
	slugs := s.menuSlugs
	if withBoards {
		slugs = s.slugs
	}
	sectorsAdded := false
	sections := map[string]bool{}
	for _, slug := range slugs {
		kind := s.bySlug[slug][s.defaultLang].Meta.Kind
		if kind == content.KindSector && !withBoards && sectorsAdded {
			continue
		}
		if sec := s.sections[sectionOf(slug)]; sec != nil && kind != content.KindSector && kind != content.KindHome {
			if kind == content.KindHistory && withBoards {
				boards = append(boards, link(slug))
			}
			if !sections[sec.name] {
				sections[sec.name] = true
				nav = append(nav, render.Link{Title: s.sectionTitle(sec, j.lang), URL: root + prefix + s.sectionURL(sec, ""),
					Current: sectionOf(j.slug) == sec.name, Kind: render.KindSection, Slug: sec.name})
			}
			continue
		}
		l := link(slug)
		switch l.Kind {
		case content.KindHome:
			l.Title = s.theme.T(j.lang, "home")
			nav = append(nav, l)
		case content.KindSector:
			boards = append(boards, l)
			if !sectorsAdded {
				sectorsAdded = true
				cur := false
				if p, _ := s.page(j.slug, j.lang); p != nil && p.Meta.Kind == content.KindSector {
					cur = true
				}
				nav = append(nav, render.Link{Title: s.theme.T(j.lang, "sectors"), URL: root + prefix + s.theme.Link("index.html", "sectors"), Current: cur})
			}
		case content.KindHistory:
			boards = append(boards, l)
			nav = append(nav, short(l, slug))
		default:
			nav = append(nav, short(l, slug))
		}
	}
	return nav, boards
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

// maxSearchText bounds the text of a page kept in the search index.
const maxSearchText = 2000

// searchDoc is one entry of the search index.
type searchDoc struct {
	Title string `json:"t"`
	URL   string `json:"u"` // relative to the output root
	Kind  string `json:"k"`
	Text  string `json:"x"`
}

var tags = regexp.MustCompile(`<[^>]*>`)

// buildSearch writes the search index of lang as a script (not JSON to
// fetch: fetch() is refused on file://).
func (s *siteModel) buildSearch(lang string) {
	var docs []searchDoc
	prefix := ""
	if lang != s.defaultLang {
		prefix = lang + "/"
	}
	for _, slug := range s.slugs {
		p, _ := s.page(slug, lang)
		text := html.UnescapeString(tags.ReplaceAllString(p.HTML, " "))
		text = strings.Join(strings.Fields(text), " ")
		if len(text) > maxSearchText {
			text = text[:strings.LastIndexByte(text[:maxSearchText], ' ')+1]
		}
		docs = append(docs, searchDoc{Title: p.Meta.Title, URL: prefix + slug + ".html", Kind: p.Meta.Kind, Text: p.Meta.Summary + " " + text})
	}
	catalogue := prefix + s.catalogueSlug() + ".html#"
	for _, t := range s.tables {
		docs = append(docs, searchDoc{Title: t.Schema.Title.In(lang), URL: catalogue + t.Name, Kind: "dataset",
			Text: t.Schema.Description.In(lang) + " " + t.Name})
	}
	if len(docs) >= SearchShardMin {
		s.search[lang] = s.shardSearch(lang, docs)
		return
	}
	s.search[lang] = s.script("search-"+lang, "TABLERO_SEARCH", docs)
}

// buildCountries writes the country names of lang as a script, which map
// pages load with the world map instead of carrying the names in every
// chart.
func (s *siteModel) buildCountries(lang string) {
	names := map[string]string{}
	for _, code := range country.Codes() {
		names[code] = country.Name(code, lang)
	}
	s.countries[lang] = s.script("countries-"+lang, "TABLERO_COUNTRIES", names)
}

// script publishes v as a script that sets window.global, under a
// content-hashed name (assets/NAME.HASH.js), which pages load with a plain
// <script src>: fetch() is refused on file://. It returns the path.
func (s *siteModel) script(name, global string, v any) string {
	b, _ := json.Marshal(v)
	data := []byte("window." + global + "=" + string(b) + ";\n")
	sum := sha256.Sum256(data)
	p := fmt.Sprintf("assets/%s.%s.js", name, hex.EncodeToString(sum[:5]))
	s.searchFiles = append(s.searchFiles, render.File{Path: p, Data: data})
	return p
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

// extraFiles are the dataset downloads, the search indexes and what hosts
// and crawlers expect.
func (s *siteModel) extraFiles() []render.File {
	files := append([]render.File(nil), s.searchFiles...)
	for _, t := range s.tables {
		f := render.File{Path: dataset.CSVPath(t.Name), Data: t.Download()}
		if t.Raw == nil {
			f.Open = dataset.NeutralizeOpen(copyFrom(s.fsys, t.File, s.sums[t.File]), t.Delimiter())
			if dataset.IsWorkbook(t.File) {
				f.Open = dataset.NeutralizeOpen(csvFrom(s.fsys, t.File, s.sums[t.File]), t.Delimiter())
			}
		}
		files = append(files, f)
		if dataset.IsWorkbook(t.File) {
			// The team's own workbook, beside the CSV every reader can
			// open: the bytes that were read (held) or checked (streamed).
			wb := render.File{Path: dataset.WorkbookPath(t.File), Data: t.Workbook}
			if t.Workbook == nil {
				wb.Open = copyFrom(s.fsys, t.File, s.sums[t.File])
			}
			files = append(files, wb)
		}
	}
	var robots strings.Builder
	robots.WriteString("User-agent: *\nAllow: /\n")
	if base := s.cfg.BaseURL; base != "" {
		for _, lang := range s.cfg.Languages {
			var sm strings.Builder
			sm.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
			sm.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
			for _, slug := range slices.Concat(s.slugs, s.sectionSlugs) {
				fmt.Fprintf(&sm, "  <url><loc>%s</loc>", html.EscapeString(base+pageURL(lang, s.defaultLang, slug)))
				for _, other := range s.cfg.Languages {
					fmt.Fprintf(&sm, `<xhtml:link rel="alternate" hreflang="%s" href="%s"/>`, other, html.EscapeString(base+pageURL(other, s.defaultLang, slug)))
				}
				sm.WriteString("</url>\n")
			}
			sm.WriteString("</urlset>\n")
			name := "sitemap-" + lang + ".xml"
			files = append(files, render.File{Path: name, Data: []byte(sm.String())})
			fmt.Fprintf(&robots, "Sitemap: %s%s\n", base, name)
		}
	}
	files = append(files, render.File{Path: "robots.txt", Data: []byte(robots.String())})
	files = append(files, s.openDataFiles()...)
	if f, err := s.notFound(); err == nil {
		files = append(files, f)
	}
	if f, err := s.catalogueCSV(); err == nil && len(s.tables) > 0 {
		files = append(files, f)
	}
	return files
}

// notFound renders 404.html. Hosts serve it at any depth, so its links are
// absolute when the site has a base URL and relative to the root otherwise.
func (s *siteModel) notFound() (render.File, error) {
	lang := s.defaultLang
	rp := &render.Page{
		Site: s.renderSite(lang),
		Lang: lang, ContentLang: lang, Root: s.cfg.BaseURL, Kind: "404",
		Title: s.theme.T(lang, "not_found"),
		HTML: `<p>` + html.EscapeString(s.theme.T(lang, "not_found_lead")) + ` <a href="` + html.EscapeString(s.cfg.BaseURL) + `index.html">` +
			html.EscapeString(s.theme.T(lang, "back_home")) + `</a>.</p>`,
		SearchIndex: s.cfg.BaseURL + s.search[lang],
	}
	rp.Nav, _ = s.menus(job{slug: "", lang: lang}, s.cfg.BaseURL, "", false)
	b, err := s.theme.Render(rp)
	return render.File{Path: "404.html", Data: b}, err
}

// filters builds the page's filter controls: each filter column with the
// values it takes in the rows the page draws, so that no choice empties
// every chart.
func (s *siteModel) filters(p *chart.Page, blocks []chart.Block, ts chart.Tables, lang string) ([]render.Filter, diag.List) {
	var out []render.Filter
	for _, col := range p.Meta.Filters {
		f := render.Filter{Column: col}
		var spec *dataset.ColumnSpec
		values := map[string]bool{}
		for _, b := range blocks {
			var name string
			switch {
			case b.Chart != nil:
				name = b.Chart.Dataset
				for _, v := range b.Chart.Variants {
					if len(v.Select) == 1 && v.Select[col] != "" {
						values[v.Select[col]] = true
					}
				}
			case b.Table != nil:
				name = b.Table.Dataset
				for _, q := range b.Table.RowFilters {
					if v, err := url.ParseQuery(q); err == nil && v.Get(col) != "" {
						values[v.Get(col)] = true
					}
				}
			}
			if t := ts[name]; t != nil && spec == nil {
				if c := t.Col(col); c != nil {
					spec = c.Spec
				}
			}
		}
		if spec == nil {
			return nil, diag.List{diag.Errorf(p.File, 2, 1, "el filtro %q no corresponde a ninguna columna de los datos de esta página", "filter %q matches no column of this page's data", col).
				WithHint("use el nombre de una columna de un conjunto que la página grafique", "use the name of a column of a dataset the page charts")}
		}
		f.Label = spec.Title(lang)
		for v := range values {
			label := spec.ValueLabel(v, lang)
			if spec.Type == dataset.TypeCountry {
				label = country.Name(v, lang)
			}
			f.Options = append(f.Options, render.Option{Value: v, Label: label})
		}
		slices.SortFunc(f.Options, func(a, b render.Option) int {
			return cmp.Or(strings.Compare(a.Label, b.Label), strings.Compare(a.Value, b.Value))
		})
		out = append(out, f)
	}
	return out, nil
}
