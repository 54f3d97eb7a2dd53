package build

import (
	"bytes"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/render"
)

// A section is a top-level folder of content/ (content/paginas/…). The
// main menu holds one entry per section instead of one per page, so a
// page's HTML does not grow with the number of pages in the site: the
// section's index lists them, a page at a time, and each page links its
// section and its two neighbours.
//
// Folders whose pages are all sector boards are not sections: the home
// page lists the boards (DatACI's design, with each board's headline
// figure), the menu's "Sectors" entry points there, and a board links the
// others while they are few (maxSectorNav).
type section struct {
	name  string   // folder, e.g. "paginas"
	slugs []string // its pages, in menu order (kind, order, slug)
	pos   map[string]int
	// own is the slug of the folder's own index page (content/paginas/
	// index.md), which names the section and is the first page of its
	// index: its text, then the cards.
	own string
}

// SectionPageSize is the number of cards on one page of a section index.
const SectionPageSize = 50

// sectionOf returns the top-level folder of slug, or "".
func sectionOf(slug string) string {
	folder, _, ok := strings.Cut(slug, "/")
	if !ok {
		return ""
	}
	return folder
}

// indexSlug is the slug of page n (from 1) of the section index of folder:
// paginas/index, paginas/index-2, …
func indexSlug(folder string, n int) string {
	if n <= 1 {
		return folder + "/index"
	}
	return folder + "/index-" + strconv.Itoa(n)
}

// isIndexSlug reports whether slug is the name of a page of its folder's
// section index (see indexSlug), whatever the number of its pages.
func isIndexSlug(slug string) bool {
	folder := sectionOf(slug)
	if folder == "" {
		return false
	}
	name := strings.TrimPrefix(slug, folder+"/")
	if name == "index" {
		return true
	}
	n, ok := strings.CutPrefix(name, "index-")
	i, err := strconv.Atoi(n)
	return ok && err == nil && i >= 2 && strconv.Itoa(i) == n
}

// buildSections groups the pages in s.slugs by folder and records the
// index pages to write. It returns an error for a content page whose slug
// is one the build needs for a page of a section index.
func (s *siteModel) buildSections() diag.List {
	s.sections = map[string]*section{}
	s.sectionJobs = map[string]sectionJob{}
	var order []string
	for _, slug := range s.slugs {
		folder := sectionOf(slug)
		if folder == "" {
			continue
		}
		sec := s.sections[folder]
		if sec == nil {
			sec = &section{name: folder, pos: map[string]int{}}
			s.sections[folder] = sec
			order = append(order, folder)
		}
		if slug == folder+"/index" {
			sec.own = slug
			continue
		}
		sec.pos[slug] = len(sec.slugs)
		sec.slugs = append(sec.slugs, slug)
	}
	var l diag.List
	for _, folder := range order {
		sec := s.sections[folder]
		allSectors := true
		for _, slug := range sec.slugs {
			if s.bySlug[slug][s.defaultLang].Meta.Kind != content.KindSector {
				allSectors = false
			}
		}
		if allSectors && sec.own == "" {
			delete(s.sections, folder)
			continue
		}
		n := s.sectionPages(sec)
		for i := 1; i <= n; i++ {
			if i == 1 && sec.own != "" {
				continue // the folder's own index.md is the first page
			}
			slug := indexSlug(folder, i)
			if m := s.bySlug[slug]; m != nil {
				p := m[s.defaultLang]
				l.Add(diag.Errorf(p.File, 1, 1, "la página %s.html choca con la página %d del índice de la sección %q", "page %s.html clashes with page %d of the index of section %q", slug, i, folder).
					WithHint("cambie el nombre del archivo", "rename the file"))
				continue
			}
			s.sectionJobs[slug] = sectionJob{folder: folder, n: i}
			s.sectionSlugs = append(s.sectionSlugs, slug)
		}
	}
	return l
}

// sectionJob is one page of a section index.
type sectionJob struct {
	folder string
	n      int // page number, from 1
}

func (s *siteModel) sectionPages(sec *section) int {
	return max(1, (len(sec.slugs)+SectionPageSize-1)/SectionPageSize)
}

// sectionTitle is the name of a section in the menu: its own index page's
// menu title or title, else the folder's name with a capital.
func (s *siteModel) sectionTitle(sec *section, lang string) string {
	if sec.own != "" {
		p, _ := s.page(sec.own, lang)
		if p.Meta.Menu != "" {
			return p.Meta.Menu
		}
		return p.Meta.Title
	}
	name := strings.ReplaceAll(sec.name, "-", " ")
	r, n := utf8.DecodeRuneInString(name)
	return string(unicode.ToUpper(r)) + name[n:]
}

// sectionURL is the path, from the language root, of the index page that
// lists slug (or of the section's first index page when slug is "").
func (s *siteModel) sectionURL(sec *section, slug string) string {
	n := 1
	if i, ok := sec.pos[slug]; ok {
		n = i/SectionPageSize + 1
	}
	return indexSlug(sec.name, n) + ".html"
}

// neighbours sets the page's crumb (its section's index page that lists
// it) and its previous and next pages in the section.
func (s *siteModel) neighbours(rp *render.Page, slug, lang, root, prefix string) {
	sec := s.sections[sectionOf(slug)]
	if sec == nil || slug == sec.own {
		return
	}
	rp.Crumb = &render.Link{Title: s.sectionTitle(sec, lang), URL: root + prefix + s.sectionURL(sec, slug)}
	i, ok := sec.pos[slug]
	if !ok {
		return
	}
	link := func(other string) *render.Link {
		p, _ := s.page(other, lang)
		return &render.Link{Title: p.Meta.Title, URL: root + prefix + other + ".html", Slug: other}
	}
	if i > 0 {
		rp.Prev = link(sec.slugs[i-1])
	}
	if i+1 < len(sec.slugs) {
		rp.Next = link(sec.slugs[i+1])
	}
}

// renderSection renders page n of a section index: a card for each of its
// pages (title, summary and headline figure), with links to the pages
// before and after.
func (s *siteModel) renderSection(j job, sj sectionJob, ts chart.Tables, out *bytes.Buffer) ([]render.File, diag.List) {
	sec := s.sections[sj.folder]
	url := pageURL(j.lang, s.defaultLang, j.slug)
	root := rel(url)
	prefix := ""
	if j.lang != s.defaultLang {
		prefix = j.lang + "/"
	}
	pages := s.sectionPages(sec)
	title := s.sectionTitle(sec, j.lang)
	rp := &render.Page{
		Site: s.renderSite(j.lang),
		Lang: j.lang, ContentLang: j.lang, LangPrefix: prefix, Root: root,
		Title: title, Kind: render.KindSection,
		SearchIndex: root + s.search[j.lang],
		Countries:   root + s.countries[j.lang],
	}
	if pages > 1 {
		rp.Title = title + " · " + s.theme.T(j.lang, "page") + " " + strconv.Itoa(sj.n) + " " + s.theme.T(j.lang, "of") + " " + strconv.Itoa(pages)
	}
	if s.cfg.BaseURL != "" {
		rp.Canonical = s.cfg.BaseURL + url
	}
	rp.Alternates = s.alternates(j.slug, root)
	rp.Nav, _ = s.menus(j, root, prefix, false)
	s.sectionCards(rp, sec, sj.n, j.lang, root, prefix, ts)
	b, err := s.render(out, rp)
	if err != nil {
		return nil, diag.List{diag.Errorf("content/"+sec.name, 0, 0, "no se pudo generar el índice de la sección: %v", "cannot render the section index: %v", err)}
	}
	return []render.File{{Path: url, Data: b}}, nil
}

// sectionCards puts on rp page n of the index of sec: its cards, its
// number and the links to the pages before and after.
func (s *siteModel) sectionCards(rp *render.Page, sec *section, n int, lang, root, prefix string, ts chart.Tables) {
	pages := s.sectionPages(sec)
	rp.SectionIndex, rp.PageN, rp.PageCount = true, n, pages
	if n > 1 {
		rp.Prev = &render.Link{Title: s.theme.T(lang, "prev"), URL: root + prefix + indexSlug(sec.name, n-1) + ".html"}
	}
	if n < pages {
		rp.Next = &render.Link{Title: s.theme.T(lang, "next"), URL: root + prefix + indexSlug(sec.name, n+1) + ".html"}
	}
	for _, slug := range sectionPage(sec, n) {
		p, _ := s.page(slug, lang)
		rp.Boards = append(rp.Boards, render.Link{Title: p.Meta.Title, URL: root + prefix + slug + ".html", Summary: p.Meta.Summary, Kind: p.Meta.Kind, Slug: slug})
	}
	s.headlines(rp.Boards, lang, ts)
}

// sectionPage is the slugs on page n of the index of sec.
func sectionPage(sec *section, n int) []string {
	lo := min((n-1)*SectionPageSize, len(sec.slugs))
	return sec.slugs[lo:min(lo+SectionPageSize, len(sec.slugs))]
}
