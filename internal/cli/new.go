package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/osfile"
	"github.com/tablero/tablero/internal/site"
)

const newUsage = `Usage:
  tablero new board <slug> [--source DIR]
  tablero new dataset <name> [--from file.csv] [--source DIR]
`

// runNew is `tablero new board|dataset`: it writes a starting point the
// author then edits, and never overwrites a file.
func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, newUsage)
		return 2
	}
	switch args[0] {
	case "board":
		return runNewBoard(args[1:], stdout, stderr)
	case "dataset":
		return runNewDataset(args[1:], stdout, stderr)
	case "-h", "--help", "help":
		fmt.Fprint(stdout, newUsage)
		return 0
	}
	fmt.Fprintf(stderr, "tablero new: unknown kind %q (board or dataset)\n\n%s", args[0], newUsage)
	return 2
}

// slugPart is one folder or file name of a page or dataset name.
var slugPart = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// siteLanguages checks that dir is a site and returns its languages, the
// default first.
func siteLanguages(dir, lang string) ([]string, error) {
	if _, err := os.Stat(filepath.Join(dir, site.File)); err != nil {
		return nil, errors.New(i18n.Pick(lang,
			fmt.Sprintf("%s no tiene %s: indique la carpeta del sitio con --source", dir, site.File),
			fmt.Sprintf("%s has no %s: give the site folder with --source", dir, site.File)))
	}
	cfg, _ := site.Load(osfile.Dir(dir))
	if len(cfg.Languages) > 0 {
		return cfg.Languages, nil
	}
	return []string{"es"}, nil
}

// createFile writes data to a new file, creating its folder; it fails if
// the file exists.
func createFile(name string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		os.Remove(name)
		return err
	}
	return f.Close()
}

func exists(name string) bool {
	_, err := os.Lstat(name)
	return err == nil
}

// ---- tablero new board ----

func runNewBoard(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new board", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	lang := c.messageLang()
	if len(pos) != 1 {
		fmt.Fprint(stderr, i18n.Pick(lang, "tablero new board: indique el nombre del tablero, p. ej. sectores/turismo\n",
			"tablero new board: give the board's name, e.g. sectores/turismo\n"))
		return 2
	}
	slug, err := boardSlug(pos[0], lang)
	if err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 2
	}
	langs, err := siteLanguages(c.source, lang)
	if err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 1
	}
	defLang := langs[0]
	if folder, _, nested := strings.Cut(slug, "/"); nested && build.LanguageFolder(folder, langs) {
		fmt.Fprintf(stderr, "tablero new board: %v\n", reservedFolder(folder, lang))
		return 2
	}
	rel := "content/" + slug + ".md"
	file := filepath.Join(c.source, filepath.FromSlash(rel))
	if exists(file) {
		fmt.Fprintln(stderr, i18n.Pick(lang, fmt.Sprintf("tablero new board: %s ya existe; no se ha tocado", rel),
			fmt.Sprintf("tablero new board: %s already exists; it was left as it is", rel)))
		return 1
	}
	kind := content.KindPage
	if strings.HasPrefix(slug, "sectores/") {
		kind = content.KindSector
	}
	fsys := osfile.Dir(c.source)
	order := lastOrder(fsys, kind, defLang) + 1
	title := titleFromSlug(slug)
	ex := exampleChart(fsys)
	text := boardText(lang, title, kind, order, ex)
	if err := createFile(file, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 1
	}
	page := slug + ".html"
	fmt.Fprint(stdout, i18n.Pick(lang,
		fmt.Sprintf(`tablero: escribí %s (título %q, kind = %q, order = %d)
Siguiente:
  1. Abra %s: corrija el título si hace falta, escriba el resumen (summary) y el texto donde dice TODO.
  2. Para un gráfico, saque el ejemplo del comentario (borre las líneas <!-- y -->) y apunte data, x e y a un conjunto de datos de data/.
  3. Véalo con la vista previa (make serve): http://127.0.0.1:8080/%s
`, rel, title, kind, order, rel, page),
		fmt.Sprintf(`tablero: wrote %s (title %q, kind = %q, order = %d)
Next:
  1. Open %s: fix the title if needed, write the summary and the text where it says TODO.
  2. For a chart, take the example out of its comment (delete the <!-- and --> lines) and point data, x and y at a dataset of data/.
  3. See it in the preview (make serve): http://127.0.0.1:8080/%s
`, rel, title, kind, order, rel, page)))
	return 0
}

// boardSlug checks a board's name: folders and a file name in lower case,
// without accents, e.g. sectores/turismo. A leading content/ and a
// trailing .md are accepted.
func boardSlug(s, lang string) (string, error) {
	slug := strings.Trim(filepath.ToSlash(s), "/")
	slug = strings.TrimPrefix(slug, "content/")
	slug = strings.TrimSuffix(slug, ".md")
	parts := strings.Split(slug, "/")
	for _, p := range parts {
		if !slugPart.MatchString(p) {
			var sug []string
			for _, p := range parts {
				if x := content.Slug(p); x != "" {
					sug = append(sug, x)
				}
			}
			es, en := invalidName(s, "cifras y guiones", "digits and hyphens", strings.Join(sug, "/"))
			return "", errors.New(i18n.Pick(lang, es, en))
		}
	}
	if slug == build.NotFoundSlug {
		return "", errors.New(i18n.Pick(lang,
			fmt.Sprintf("%s.html es la página de las direcciones que no existen, que Tablero escribe; elija otro nombre", slug),
			fmt.Sprintf("%s.html is the page for addresses that do not exist, which Tablero writes; choose another name", slug)))
	}
	// A language's folder is reserved only in a site with that language:
	// runNewBoard checks it once the site is read.
	if len(parts) > 1 && slices.Contains([]string{"assets", dataset.Dir}, parts[0]) {
		return "", reservedFolder(parts[0], lang)
	}
	return slug, nil
}

// titleFromSlug makes a first title from the page's file name:
// "economia-creativa" → "Economia creativa".
func titleFromSlug(slug string) string {
	t := strings.NewReplacer("-", " ", "_", " ").Replace(path.Base(slug))
	r, n := utf8.DecodeRuneInString(t)
	return string(unicode.ToUpper(r)) + t[n:]
}

// lastOrder returns the highest order among the pages of kind, or 0.
func lastOrder(fsys fs.FS, kind, defLang string) int {
	last := 0
	fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return nil
		}
		pg, _ := content.Parse(p, b, defLang)
		if pg != nil && pg.Meta.Kind == kind && pg.Meta.Order > last {
			last = pg.Meta.Order
		}
		return nil
	})
	return last
}

// chartExample is the dataset and columns the example chart points at.
type chartExample struct {
	Data, X, Y string
}

// exampleChart picks a dataset of the site for the example chart: the
// first one with a column to put on the x axis and a numeric one.
func exampleChart(fsys fs.FS) chartExample {
	csvs, _ := fs.Glob(fsys, dataset.Path("*", ".csv"))
	for _, p := range csvs {
		s, l := dataset.ReadSchema(fsys, p)
		if len(l) > 0 {
			continue
		}
		var x, y string
		for _, c := range s.Columns {
			switch c.Type {
			case dataset.TypeYear, dataset.TypeCategory, dataset.TypeCountry, dataset.TypeDate:
				if x == "" {
					x = c.Name
				}
			case dataset.TypeNumber, dataset.TypeInteger, dataset.TypePercent:
				if y == "" {
					y = c.Name
				}
			}
		}
		if x != "" && y != "" {
			return chartExample{Data: dataset.NameOf(p), X: x, Y: y}
		}
	}
	return chartExample{Data: "nombre_del_dataset", X: "year", Y: "value"}
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, `\u%04X`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ---- tablero new dataset ----

func runNewDataset(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("new dataset", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	from := fs.String("from", "", "CSV file or Excel workbook (.xlsx) to copy into data/ and infer the schema from")
	sheet := fs.String("sheet", "", "the workbook's sheet (default: the first)")
	pos, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	lang := c.messageLang()
	fail := func(code int, es, en string) int {
		fmt.Fprintln(stderr, "tablero new dataset: "+i18n.Pick(lang, es, en))
		return code
	}
	if len(pos) != 1 {
		return fail(2, "indique el nombre del conjunto de datos, p. ej. ied_historia", "give the dataset's name, e.g. ied_history")
	}
	name := strings.TrimPrefix(filepath.ToSlash(pos[0]), dataset.Dir+"/")
	name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, ".csv"), ".toml"), ".xlsx")
	if !slugPart.MatchString(name) {
		sug := strings.ReplaceAll(content.Slug(name), "-", "_") // the same words, joined as dataset names are
		es, en := invalidName(pos[0], "cifras, _ y -", "digits, _ and -", sug)
		return fail(2, es, en)
	}
	if build.IsCatalogueName(name) {
		return fail(2, fmt.Sprintf("%s es el catálogo de los datos, que Tablero escribe; elija otro nombre", build.CatalogueFile),
			fmt.Sprintf("%s is the catalogue of the data, which Tablero writes; choose another name", build.CatalogueFile))
	}
	if _, err := siteLanguages(c.source, lang); err != nil {
		fmt.Fprintf(stderr, "tablero new dataset: %v\n", err)
		return 1
	}
	ext := ".csv"
	if dataset.IsWorkbook(*from) {
		ext = strings.ToLower(filepath.Ext(*from))
	}
	csvRel, tomlRel := dataset.Path(name, ext), dataset.Path(name, ".toml")
	csvFile := filepath.Join(c.source, filepath.FromSlash(csvRel))
	tomlFile := filepath.Join(c.source, filepath.FromSlash(tomlRel))
	if exists(tomlFile) {
		return fail(1, tomlRel+" ya existe; no se ha tocado", tomlRel+" already exists; it was left as it is")
	}
	src := *from
	copyCSV := src != ""
	if copyCSV && exists(csvFile) {
		if same(src, csvFile) {
			copyCSV = false // --from data/NAME.csv: the CSV is already in place
		} else {
			return fail(1, csvRel+" ya existe; no se ha tocado (quite --from para describir ese archivo)",
				csvRel+" already exists; it was left as it is (leave out --from to describe that file)")
		}
	}
	if src == "" && exists(csvFile) {
		src = csvFile // the build's hint for a CSV without schema leads here
	}

	var text string
	var inf *inferred
	if src == "" {
		text = templateSchema(lang, name)
	} else {
		data, err := os.ReadFile(src)
		if err != nil {
			return fail(1, fmt.Sprintf("no se pudo leer %s: %v", src, unwrapPath(err)), fmt.Sprintf("cannot read %s: %v", src, unwrapPath(err)))
		}
		var l diag.List
		if dataset.IsWorkbook(src) {
			// Inferred from the sheet written as CSV: one grammar for both.
			var csv []byte
			var sheetName string
			var headerRow int
			if csv, sheetName, headerRow, l = dataset.SheetCSV(data, filepath.ToSlash(src), *sheet); len(l) == 0 {
				var in *dataset.Inference
				if in, l = dataset.Infer(filepath.ToSlash(src), csv); in != nil {
					inf = &inferred{Inference: in, ext: ext, sheet: sheetName, headerRow: headerRow}
				}
			}
		} else {
			var in *dataset.Inference
			if in, l = dataset.Infer(filepath.ToSlash(src), data); in != nil {
				inf = &inferred{Inference: in}
			}
		}
		if len(l) > 0 {
			fmt.Fprint(stderr, l.Format(lang))
			return fail(1, "no se escribió nada", "nothing was written")
		}
		text = inf.schema(lang, name, filepath.Base(src))
		if copyCSV {
			if err := createFile(csvFile, data); err != nil {
				return fail(1, fmt.Sprintf("no se pudo escribir %s: %v", csvRel, err), fmt.Sprintf("cannot write %s: %v", csvRel, err))
			}
		}
	}
	if err := createFile(tomlFile, []byte(text)); err != nil {
		if copyCSV {
			os.Remove(csvFile)
		}
		return fail(1, fmt.Sprintf("no se pudo escribir %s: %v", tomlRel, err), fmt.Sprintf("cannot write %s: %v", tomlRel, err))
	}

	if copyCSV {
		fmt.Fprintln(stdout, i18n.Pick(lang, fmt.Sprintf("tablero: copié %s en %s", src, csvRel), fmt.Sprintf("tablero: copied %s to %s", src, csvRel)))
	}
	if inf == nil {
		fmt.Fprint(stdout, i18n.Pick(lang,
			fmt.Sprintf("tablero: escribí %s, una plantilla\nSiguiente:\n  1. Guarde el CSV como %s (en Excel: Guardar como → CSV UTF-8).\n  2. Borre %s y vuelva a ejecutar `tablero new dataset %s`: las columnas se deducen del CSV.\n     O complete la plantilla a mano: una sección [[columns]] por columna.\n", tomlRel, csvRel, tomlRel, name),
			fmt.Sprintf("tablero: wrote %s, a template\nNext:\n  1. Save the CSV as %s (in Excel: Save As → CSV UTF-8).\n  2. Delete %s and run `tablero new dataset %s` again: the columns are inferred from the CSV.\n     Or fill in the template by hand: one [[columns]] section per column.\n", tomlRel, csvRel, tomlRel, name)))
		return 0
	}
	fmt.Fprint(stdout, i18n.Pick(lang,
		fmt.Sprintf("tablero: escribí %s: %d columnas y %d filas leídas\n", tomlRel, len(inf.Columns), inf.Rows),
		fmt.Sprintf("tablero: wrote %s: %d columns and %d rows read\n", tomlRel, len(inf.Columns), inf.Rows)))
	for _, col := range inf.Columns {
		fmt.Fprintf(stdout, "  %-24s %s\n", col.Name, col.Type)
	}
	fmt.Fprint(stdout, i18n.Pick(lang,
		fmt.Sprintf("Siguiente:\n  1. Abra %s y complete lo marcado TODO: título, descripción, fuente, fecha, licencia y las etiquetas de las columnas.\n  2. Revise el tipo de cada columna (los tipos se deducen de las filas actuales).\n  3. Compruébelo con `tablero check`, o véalo en la vista previa (make serve).\n", tomlRel),
		fmt.Sprintf("Next:\n  1. Open %s and fill in what is marked TODO: title, description, source, date, licence and the columns' labels.\n  2. Check each column's type (types are inferred from the current rows).\n  3. Verify with `tablero check`, or look at it in the preview (make serve).\n", tomlRel)))
	return 0
}

func same(a, b string) bool {
	fa, err1 := os.Stat(a)
	fb, err2 := os.Stat(b)
	return err1 == nil && err2 == nil && os.SameFile(fa, fb)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reservedFolder is the error for a page in a folder the published site
// uses for something else.
func reservedFolder(folder, lang string) error {
	return errors.New(i18n.Pick(lang,
		fmt.Sprintf("la carpeta %q está reservada para el sitio publicado; elija otro nombre", folder),
		fmt.Sprintf("the folder %q is reserved for the published site; choose another name", folder)))
}

// invalidName is the message, in Spanish and English, for a name s that
// breaks the rule of lower-case letters without accents plus what else
// the rule allows, with sug as an example when there is one.
func invalidName(s, allowedES, allowedEN, sug string) (es, en string) {
	es = fmt.Sprintf("%q no es un nombre válido: use minúsculas sin tildes, %s", s, allowedES)
	en = fmt.Sprintf("%q is not a valid name: use lower-case letters without accents, %s", s, allowedEN)
	if sug != "" {
		es, en = es+fmt.Sprintf(", p. ej. %q", sug), en+fmt.Sprintf(", e.g. %q", sug)
	}
	return es, en
}
