package build

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"hash/fnv"
	"io"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/tablero/tablero/internal/chart"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/par"
	"github.com/tablero/tablero/internal/render"
	"github.com/tablero/tablero/internal/tomlx"
)

// Builder builds one site again and again, as the preview server does,
// and redoes only what changed since its previous build: a dataset or a
// page is read again only when its file changed, and a page is rendered
// again only when something it shows changed. Its output is always the
// same as a fresh Build's.
type Builder struct {
	fsys fs.FS

	mu     sync.Mutex
	theme  *themeEntry
	pages  map[string]*pageEntry  // by file
	tables map[string]*tableEntry // by CSV file
	out    map[job]*outEntry
	byName map[string]*tableEntry // tables by dataset name

	instances map[instanceKey]*chart.Page // generated pages, kept while their template is unchanged
	gen       map[*chart.Page]generated   // what each generated page of this build was made from
	search    map[string]*searchIndex     // the search indexes of the last build, by language

	// stream, when set, is given every output file as soon as it is made,
	// and the Result and the cache keep only the files' paths, so the site
	// is never held in memory whole. Only BuildInto sets it, on a Builder
	// of its own: a cache without the files' bytes cannot be reused.
	stream func(render.File)
}

type stamp struct{ size, mod int64 }

type themeEntry struct {
	name  string
	stamp uint64
	theme *render.Theme
	diags diag.List
}

type pageEntry struct {
	stamp     stamp
	page      *chart.Page
	imageLine int // the front matter's line with image
	// generateLine is the front matter's line with [generate]'s "by".
	generateLine int
	datasets     []string   // the datasets its blocks name
	search       *readEntry // its search entry, on sites whose index is sharded
	diags        diag.List
}

// searchEntries are the search entries made as the pages were read, by page.
func (b *Builder) searchEntries() map[*chart.Page]*readEntry {
	read := map[*chart.Page]*readEntry{}
	for _, e := range b.pages {
		if e.search != nil {
			read[e.page] = e.search
		}
	}
	return read
}

type tableEntry struct {
	stamp  stamp // of the CSV and its schema together
	schema stamp // of the schema alone
	needs  string
	table  *dataset.Table
	cells  sync.Once // reads the table's cells (see readCells)
	sum    [32]byte  // of the bytes read, for a streamed (big) CSV
	diags  diag.List
	// published are the downloads publishDownloads wrote, without data.
	published []render.File
}

type outEntry struct {
	key    [32]byte
	files  []render.File
	charts int
}

// NewBuilder returns a Builder for the site whose source is fsys.
func NewBuilder(fsys fs.FS) *Builder {
	return &Builder{fsys: fsys, pages: map[string]*pageEntry{}, tables: map[string]*tableEntry{}, out: map[job]*outEntry{}}
}

// stampOf identifies a file's version by its size and modification time;
// where the file system gives no time, by a hash of its content.
func stampOf(fsys fs.FS, name string) stamp {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return stamp{-1, 0}
	}
	if t := info.ModTime(); !t.IsZero() {
		return stamp{info.Size(), t.UnixNano()}
	}
	h := fnv.New64a()
	if f, err := fsys.Open(name); err == nil {
		io.Copy(h, f)
		f.Close()
	}
	return stamp{info.Size(), int64(h.Sum64())}
}

// loadTheme reads the theme again when one of its files changed.
func (b *Builder) loadTheme(name string) (*render.Theme, diag.List) {
	h := fnv.New64a()
	fs.WalkDir(b.fsys, "themes/"+name, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			st := stampOf(b.fsys, p)
			io.WriteString(h, p)
			binary.Write(h, binary.LittleEndian, st)
		}
		return nil
	})
	sum := h.Sum64()
	if e := b.theme; e != nil && e.name == name && e.stamp == sum {
		return e.theme, e.diags
	}
	th, l := render.LoadTheme(b.fsys, name)
	b.theme = &themeEntry{name: name, stamp: sum, theme: th, diags: l}
	return th, l
}

// readPages parses the pages whose files changed and reuses the others.
func (b *Builder) readPages(defaultLang string) ([]*chart.Page, diag.List) {
	// Pages follow the rule of data/: a symbolic link leading out of the
	// site would publish a file from elsewhere. WalkDir does not enter
	// linked folders, so only content itself and linked entries are
	// checked.
	var files []string
	var refused diag.List
	if d, ok := dataset.InsideSite(b.fsys, "content"); !ok {
		return nil, diag.List{d}
	}
	err := fs.WalkDir(b.fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			if bad, ok := dataset.InsideSite(b.fsys, p); !ok {
				refused.Add(bad)
				return nil
			}
		}
		if !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, diag.List{diag.Errorf("content", 0, 0, "no se pudo leer la carpeta content: %v", "cannot read the content folder: %v", err)}
	}
	entries := make([]*pageEntry, len(files))
	par.Each(len(files), func(i int) {
		st := stampOf(b.fsys, files[i])
		if e := b.pages[files[i]]; e != nil && e.stamp == st {
			entries[i] = e
			return
		}
		e := &pageEntry{stamp: st}
		if d, ok := content.CheckSize(files[i], st.size); !ok {
			e.diags = diag.List{d}
			entries[i] = e
			return
		}
		src, err := fs.ReadFile(b.fsys, files[i])
		if err != nil {
			e.diags = diag.List{diag.ReadError(files[i], err)}
		} else {
			var p *content.Page
			p, e.diags = content.Parse(files[i], src, defaultLang)
			if p != nil {
				if p.Meta.Image != "" {
					e.imageLine = content.FrontMatterLine(src, "image")
				}
				e.page = chart.Decode(p)
				e.datasets = chart.DatasetsOf(e.page)
				if len(files) >= SearchShardMin {
					e.search = entryOf(e.page)
					if p.Meta.Generate == nil {
						// Its text is in the entry; a template's makes
						// its pages' text.
						e.page.Text = ""
					}
				}
				if g := p.Meta.Generate; g != nil {
					e.generateLine = content.FrontMatterLine(src, "generate.by")
					for _, name := range g.Data {
						if !slices.Contains(e.datasets, name) {
							e.datasets = append(e.datasets, name)
						}
					}
				}
			}
		}
		entries[i] = e
	})
	b.pages = make(map[string]*pageEntry, len(files))
	var pages []*chart.Page
	made := map[[2]string]string{} // slug and language → the file
	all := refused
	for i, e := range entries {
		b.pages[files[i]] = e
		all = append(all, e.diags...)
		if e.page == nil {
			continue
		}
		if !slices.Contains(langs, e.page.Lang) {
			all.Add(diag.Errorf(files[i], 0, 0, "idioma %q desconocido en el nombre del archivo", "unknown language %q in the file name", e.page.Lang).
				WithHint("las traducciones se llaman pagina.en.md", "translations are named page.en.md"))
			continue
		}
		// content/x.md and content/x.es.md (the default language named)
		// are one page: the site model would keep one and drop the other.
		k := [2]string{e.page.Slug, e.page.Lang}
		if first, ok := made[k]; ok {
			all.Add(diag.Errorf(files[i], 1, 1, "este archivo y %s son la misma página (%s.html, en %q)", "this file and %s are the same page (%s.html, in %q)", first, e.page.Slug, e.page.Lang).
				WithHint("deje uno de los dos", "keep one of the two").
				WithNote(first, 1, 1, "el otro archivo", "the other file"))
			continue
		}
		made[k] = files[i]
		pages = append(pages, e.page)
	}
	return pages, all
}

// loadData reads the schemas of the datasets whose files changed and
// reuses the others; their cells are read by the first page that draws
// them (readCells). A CSV larger than bigFile is read now, streamed and
// reduced to what the pages use. The datasets' problems are reported by
// dataDiags, once every cell was read.
func (b *Builder) loadData(pages []*chart.Page) (chart.Tables, []*dataset.Table, diag.List) {
	csvs, l, err := dataset.Files(b.fsys, dataset.Dir)
	if err != nil {
		l.Add(diag.Errorf(dataset.Dir, 0, 0, "no se pudo leer la carpeta data: %v", "cannot read the data folder: %v", err))
	}
	stamps := make([]stamp, len(csvs))
	var needs map[string]*chart.Needs
	for i, csv := range csvs {
		// A dataset's download would be written over by the catalogue
		// (or the other way round): both are data/index.csv.
		if name := dataset.NameOf(csv); IsCatalogueName(name) {
			l.Add(diag.Errorf(csv, 0, 0, "un conjunto de datos no puede llamarse %q: %s es el catálogo de los datos, que Tablero escribe", "a dataset cannot be named %q: %s is the catalogue of the data, which Tablero writes", name, CatalogueFile).
				WithHint("cambie el nombre del archivo y el de su esquema", "rename the file and its schema"))
		}
		stamps[i] = stampOf(b.fsys, csv)
		if isBig(csv, stamps[i].size) && needs == nil {
			needs = chart.DatasetNeeds(pages) // only big datasets are reduced to what pages use
		}
	}
	loaded := make([]*tableEntry, len(csvs))
	par.Each(len(csvs), func(i int) {
		csv := csvs[i]
		name := dataset.NameOf(csv)
		cs, ts := stamps[i], stampOf(b.fsys, dataset.SchemaPath(csv))
		st := stamp{cs.size ^ ts.size<<32, cs.mod ^ ts.mod*31}
		big := isBig(csv, cs.size)
		need := ""
		if big {
			need = needsKey(needs[name])
		}
		if e := b.tables[csv]; e != nil && e.stamp == st && e.needs == need {
			loaded[i] = e
			return
		}
		e := &tableEntry{stamp: st, schema: ts, needs: need}
		if d, ok := tomlx.CheckSize(dataset.SchemaPath(csv), 1, ts.size); !ok {
			e.diags = diag.List{d}
			loaded[i] = e
			return
		}
		if big {
			e.table, e.sum, e.diags = reduce(b.fsys, csv, needs[name])
			e.cells.Do(func() {})
			if b.stream != nil && e.table != nil {
				b.publishDownloads(e)
			}
		} else {
			e.table, e.diags = dataset.Open(b.fsys, csv)
			if prev := b.tables[csv]; prev != nil && e.table != nil {
				e.table.ReuseRows(prev.table)
			}
		}
		loaded[i] = e
	})
	b.tables = make(map[string]*tableEntry, len(csvs))
	b.byName = make(map[string]*tableEntry, len(csvs))
	ts := chart.Tables{}
	var tables []*dataset.Table
	for i, e := range loaded {
		b.tables[csvs[i]] = e
		name := dataset.NameOf(csvs[i])
		b.byName[name] = e // the table the pages draw, as ts below
		ts[name] = e.table // nil for a dataset whose schema has errors
		if e.table != nil {
			tables = append(tables, e.table)
		}
	}
	return ts, tables, l
}

// publishDownloads writes a dataset's downloads as soon as it is read, in
// a build that writes as it goes, and lets go of the bytes they hold: at
// 10,000 datasets those were a tenth of the heap the collector walks
// while the pages are rendered.
func (b *Builder) publishDownloads(e *tableEntry) {
	files := downloadsOf(b.fsys, e.table, e.sum)
	for i, f := range files {
		b.stream(f)
		files[i] = render.File{Path: f.Path}
	}
	e.published = files
	e.table.Raw, e.table.Workbook = nil, nil
}

func needsKey(n *chart.Needs) string {
	if n == nil {
		return "-"
	}
	return strings.Join(n.Keys, ",") + "|" + strings.Join(n.Values, ",") + "|" + map[bool]string{true: "all"}[n.AllRows]
}

// renderKey identifies everything a page's output depends on: the site as
// a whole (configuration, theme, menus, search index) and the files of the
// page and of the datasets it draws. It also returns the datasets whose
// cells rendering the page reads (see readCells).
func (b *Builder) renderKey(global []byte, s *siteModel, j job) (key [32]byte, draws []string) {
	h := sha256.New()
	h.Write(global)
	io.WriteString(h, j.slug+"\x00"+j.lang+"\x00")
	if sj, ok := s.sectionJobs[j.slug]; ok {
		names := b.sectionKey(h, s, s.sections[sj.folder], sj.n, j.lang)
		b.writeTables(h, names)
		h.Sum(key[:0])
		return key, names
	}
	p, _ := s.page(j.slug, j.lang)
	var cards []string // the datasets of the cards of the section the page heads
	if sec := s.sections[sectionOf(j.slug)]; sec != nil && sec.own == j.slug {
		cards = b.sectionKey(h, s, sec, 1, j.lang)
		b.writeTables(h, cards)
	}
	for _, f := range []*chart.Page{p, s.bySlug[j.slug][s.defaultLang]} {
		if e := b.pages[f.File]; e != nil {
			binary.Write(h, binary.LittleEndian, e.stamp)
		}
	}
	var names []string
	if e := b.pages[p.File]; e != nil {
		names = e.datasets
	}
	// A page generated for one value, whose blocks show only that value's
	// rows, depends on those rows, not on the whole dataset: editing
	// another value's rows leaves it as it is.
	if g, ok := b.gen[p]; ok {
		for _, src := range g.from {
			if chart.OnlyRowsOf(p, src.data, src.by, g.value) && b.writeRows(h, src, g.value) {
				names = slices.DeleteFunc(slices.Clone(names), func(n string) bool { return n == src.data })
			}
		}
	}
	if p.Meta.Kind == content.KindCatalogue {
		// The data index shows every dataset's rows and years, so any of
		// them changes it; it renders once every dataset was read
		// (readAllCells), and draws only what its blocks name.
		all := make([]string, 0, len(b.tables))
		for csv := range b.tables {
			all = append(all, dataset.NameOf(csv))
		}
		slices.Sort(all)
		b.writeTables(h, all)
	}
	if p.Meta.Kind == content.KindHome {
		names = b.headlineKey(h, s, j.lang, names)
	}
	b.writeTables(h, names)
	h.Sum(key[:0])
	return key, append(slices.Clip(names), cards...)
}

// writeTables adds to h the state of the datasets called names.
func (b *Builder) writeTables(h hash.Hash, names []string) {
	for _, name := range names {
		io.WriteString(h, name)
		if e := b.tableNamed(name); e != nil {
			binary.Write(h, binary.LittleEndian, e.stamp)
			io.WriteString(h, e.needs)
		}
	}
}

// globalKey fingerprints what every page shows of the whole site.
func globalKey(siteTOML []byte, themeStamp uint64, s *siteModel) []byte {
	h := sha256.New()
	h.Write(siteTOML)
	binary.Write(h, binary.LittleEndian, themeStamp)
	for _, slug := range s.slugs {
		for _, lang := range s.cfg.Languages {
			if p := s.bySlug[slug][lang]; p != nil {
				m := p.Meta
				// Country: maps and tables link countries to their pages.
				io.WriteString(h, strings.Join([]string{slug, lang, m.Title, m.Menu, m.Kind, m.Summary, p.Country}, "\x00"))
				binary.Write(h, binary.LittleEndian, int64(m.Order))
			}
		}
	}
	for _, lang := range s.cfg.Languages {
		io.WriteString(h, s.search[lang])
	}
	return h.Sum(nil)
}

// tableNamed returns the entry of the dataset called name, whatever its
// file's extension (.csv or a workbook's).
func (b *Builder) tableNamed(name string) *tableEntry { return b.byName[name] }

// sectionKey adds to h what page n of the index of sec shows beyond titles
// and summaries (in the global key): its pages' headline figures. It
// returns the datasets those draw on.
func (b *Builder) sectionKey(h hash.Hash, s *siteModel, sec *section, n int, lang string) []string {
	return b.headlinesKey(h, s, sectionPage(sec, n), lang, nil)
}
