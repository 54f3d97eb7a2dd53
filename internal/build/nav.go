package build

import (
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/render"
)

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
