package cli

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
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

// slugify suggests a valid name for s: lower case, accents removed, runs
// of other characters turned into sep.
func slugify(s string, sep rune) string {
	var b strings.Builder
	pending := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if pending && b.Len() > 0 {
				b.WriteRune(sep)
			}
			pending = false
			b.WriteRune(r)
		default:
			pending = true
		}
	}
	return b.String()
}

// siteFS checks that dir is a site and returns its default language.
func siteDefaultLang(dir, lang string) (string, error) {
	if _, err := os.Stat(filepath.Join(dir, site.File)); err != nil {
		return "", errors.New(pick(lang,
			fmt.Sprintf("%s no tiene %s: indique la carpeta del sitio con --source", dir, site.File),
			fmt.Sprintf("%s has no %s: give the site folder with --source", dir, site.File)))
	}
	cfg, _ := site.Load(os.DirFS(dir))
	if len(cfg.Languages) > 0 {
		return cfg.Languages[0], nil
	}
	return "es", nil
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
		fmt.Fprint(stderr, pick(lang, "tablero new board: indique el nombre del tablero, p. ej. sectores/turismo\n",
			"tablero new board: give the board's name, e.g. sectores/turismo\n"))
		return 2
	}
	slug, err := boardSlug(pos[0], lang)
	if err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 2
	}
	defLang, err := siteDefaultLang(c.source, lang)
	if err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 1
	}
	rel := "content/" + slug + ".md"
	file := filepath.Join(c.source, filepath.FromSlash(rel))
	if exists(file) {
		fmt.Fprintln(stderr, pick(lang, fmt.Sprintf("tablero new board: %s ya existe; no se ha tocado", rel),
			fmt.Sprintf("tablero new board: %s already exists; it was left as it is", rel)))
		return 1
	}
	kind := content.KindPage
	if strings.HasPrefix(slug, "sectores/") {
		kind = content.KindSector
	}
	fsys := os.DirFS(c.source)
	order := lastOrder(fsys, kind, defLang) + 1
	title := titleFromSlug(slug)
	ex := exampleChart(fsys)
	text := boardText(lang, title, kind, order, ex)
	if err := createFile(file, []byte(text)); err != nil {
		fmt.Fprintf(stderr, "tablero new board: %v\n", err)
		return 1
	}
	page := slug + ".html"
	fmt.Fprint(stdout, pick(lang,
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
				if x := slugify(p, '-'); x != "" {
					sug = append(sug, x)
				}
			}
			hint := ""
			if len(sug) > 0 {
				hint = strings.Join(sug, "/")
			}
			return "", errors.New(pick(lang,
				fmt.Sprintf("%q no es un nombre válido: use minúsculas sin tildes, cifras y guiones, p. ej. %q", s, hint),
				fmt.Sprintf("%q is not a valid name: use lower-case letters without accents, digits and hyphens, e.g. %q", s, hint)))
		}
	}
	if len(parts) > 1 && slices.Contains([]string{"en", "es", "assets", "data"}, parts[0]) {
		return "", errors.New(pick(lang,
			fmt.Sprintf("la carpeta %q está reservada para el sitio publicado; elija otro nombre", parts[0]),
			fmt.Sprintf("the folder %q is reserved for the published site; choose another name", parts[0])))
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
	data, x, y string
}

// exampleChart picks a dataset of the site for the example chart: the
// first one with a column to put on the x axis and a numeric one.
func exampleChart(fsys fs.FS) chartExample {
	csvs, _ := fs.Glob(fsys, "data/*.csv")
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
			return chartExample{data: strings.TrimSuffix(path.Base(p), ".csv"), x: x, y: y}
		}
	}
	return chartExample{data: "nombre_del_dataset", x: "year", y: "value"}
}

// boardText is a new page: front matter, a paragraph to replace and a
// commented example chart. The comment is an HTML block, which the build
// leaves out of the page, chart included.
func boardText(lang, title, kind string, order int, ex chartExample) string {
	var b strings.Builder
	fmt.Fprintf(&b, "+++\ntitle = %s\nkind = %q  # home | sector | history | catalogue | page\norder = %d  # %s\n",
		tomlString(title), kind, order, pick(lang, "posición en los menús y en la página de inicio", "position in menus and on the home page"))
	fmt.Fprintf(&b, "summary = \"\"  # TODO: %s\n", pick(lang,
		"una frase para la tarjeta de la página de inicio y los resultados de búsqueda",
		"one sentence for the home page card and search results"))
	fmt.Fprintf(&b, "# filters = [\"country\"]  # %s\n+++\n\n", pick(lang,
		"opcional: columnas por las que el lector puede filtrar los gráficos",
		"optional: columns a reader can filter the charts by"))
	b.WriteString(pick(lang,
		"TODO: escriba aquí, en pocas frases, qué muestra este tablero y de dónde vienen las cifras.\n\n",
		"TODO: write here, in a few sentences, what this board shows and where the figures come from.\n\n"))
	b.WriteString("<!--\n")
	b.WriteString(pick(lang,
		"Ejemplo de gráfico. Para usarlo, borre la línea de arriba y la de abajo de este\n"+
			"comentario, y apunte data, x e y a un conjunto de datos de la carpeta data/.\n"+
			"Tipos: bar, hbar, line, area, pie, donut, treemap, map. Vea docs/authoring.md.\n",
		"Example chart. To use it, delete the line above and the line below this comment,\n"+
			"and point data, x and y at a dataset of the data/ folder.\n"+
			"Types: bar, hbar, line, area, pie, donut, treemap, map. See docs/authoring.md.\n"))
	fmt.Fprintf(&b, "\n```chart\ntype = \"bar\"\ndata = %q\nx = %q\ny = %q\ntitle = %s\nsubtitle = \"\"\n```\n-->\n",
		ex.data, ex.x, ex.y, tomlString(pick(lang, "Título del gráfico", "Chart title")))
	return b.String()
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
		fmt.Fprintln(stderr, "tablero new dataset: "+pick(lang, es, en))
		return code
	}
	if len(pos) != 1 {
		return fail(2, "indique el nombre del conjunto de datos, p. ej. ied_historia", "give the dataset's name, e.g. ied_history")
	}
	name := strings.TrimPrefix(filepath.ToSlash(pos[0]), "data/")
	name = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(name, ".csv"), ".toml"), ".xlsx")
	if !slugPart.MatchString(name) {
		sug := slugify(name, '_')
		return fail(2, fmt.Sprintf("%q no es un nombre válido: use minúsculas sin tildes, cifras, _ y -, p. ej. %q", pos[0], sug),
			fmt.Sprintf("%q is not a valid name: use lower-case letters without accents, digits, _ and -, e.g. %q", pos[0], sug))
	}
	if _, err := siteDefaultLang(c.source, lang); err != nil {
		fmt.Fprintf(stderr, "tablero new dataset: %v\n", err)
		return 1
	}
	ext := ".csv"
	if dataset.IsWorkbook(*from) {
		ext = strings.ToLower(filepath.Ext(*from))
	}
	csvRel, tomlRel := "data/"+name+ext, "data/"+name+".toml"
	csvFile := filepath.Join(c.source, "data", name+ext)
	tomlFile := filepath.Join(c.source, "data", name+".toml")
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
	var inf *inference
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
				if inf, l = inferCSV(filepath.ToSlash(src), csv); inf != nil {
					inf.ext, inf.sheet, inf.headerRow = ext, sheetName, headerRow
				}
			}
		} else {
			inf, l = inferCSV(filepath.ToSlash(src), data)
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
		fmt.Fprintln(stdout, pick(lang, fmt.Sprintf("tablero: copié %s en %s", src, csvRel), fmt.Sprintf("tablero: copied %s to %s", src, csvRel)))
	}
	if inf == nil {
		fmt.Fprint(stdout, pick(lang,
			fmt.Sprintf("tablero: escribí %s, una plantilla\nSiguiente:\n  1. Guarde el CSV como %s (en Excel: Guardar como → CSV UTF-8).\n  2. Borre %s y vuelva a ejecutar `tablero new dataset %s`: las columnas se deducen del CSV.\n     O complete la plantilla a mano: una sección [[columns]] por columna.\n", tomlRel, csvRel, tomlRel, name),
			fmt.Sprintf("tablero: wrote %s, a template\nNext:\n  1. Save the CSV as %s (in Excel: Save As → CSV UTF-8).\n  2. Delete %s and run `tablero new dataset %s` again: the columns are inferred from the CSV.\n     Or fill in the template by hand: one [[columns]] section per column.\n", tomlRel, csvRel, tomlRel, name)))
		return 0
	}
	fmt.Fprint(stdout, pick(lang,
		fmt.Sprintf("tablero: escribí %s: %d columnas y %d filas leídas\n", tomlRel, len(inf.cols), inf.rows),
		fmt.Sprintf("tablero: wrote %s: %d columns and %d rows read\n", tomlRel, len(inf.cols), inf.rows)))
	for _, col := range inf.cols {
		fmt.Fprintf(stdout, "  %-24s %s\n", col.name, col.typ)
	}
	fmt.Fprint(stdout, pick(lang,
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

// templateSchema is the schema written when there is no CSV to read yet.
func templateSchema(lang, name string) string {
	var b strings.Builder
	b.WriteString(pick(lang,
		"# Esquema de data/"+name+".csv: describe el archivo y cada una de sus columnas.\n# Complete lo marcado TODO y compruébelo con `tablero check`. Formato: docs/authoring.md.\n\n",
		"# Schema of data/"+name+".csv: describes the file and each of its columns.\n# Fill in what is marked TODO and verify with `tablero check`. Format: docs/authoring.md.\n\n"))
	writeHeader(&b, lang, name)
	b.WriteString(`delimiter = ","  # "," ";" or "\t"` + "\n")
	b.WriteString(`decimal = "."    # "." or ","` + "\n")
	b.WriteString(`thousands = ""   # "", ".", "," or " "` + "\n\n")
	b.WriteString(pick(lang, "# TODO: una sección [[columns]] por columna del CSV, en su orden, p. ej.:\n",
		"# TODO: one [[columns]] section per column of the CSV, in order, e.g.:\n"))
	b.WriteString("[[columns]]\nname = \"year\"  # " + pick(lang, "el encabezado de la columna en el CSV", "the column's header in the CSV") + "\n")
	b.WriteString("type = \"year\"  # text integer number percent date year category country url\n")
	b.WriteString("label = { es = \"Año\", en = \"Year\" }\nrequired = true\n")
	return b.String()
}

// writeHeader writes the dataset's descriptive keys, with TODO comments.
func writeHeader(b *strings.Builder, lang, name string) {
	todo := func(es, en string) string { return "  # TODO: " + pick(lang, es, en) + "\n" }
	title := titleFromSlug(name)
	fmt.Fprintf(b, "title = { es = %s, en = %s }%s", tomlString(title), tomlString(title),
		todo("el título en español y en inglés", "the title in Spanish and English"))
	b.WriteString(`description = { es = "", en = "" }` + todo("qué es cada fila y qué cubren las cifras", "what a row is and what the figures cover"))
	b.WriteString(`source = ""` + todo("quién publicó las cifras, p. ej. \"ACI Medellín, Informe de gestión 2022\"", "who published the figures, e.g. \"ACI Medellín, Informe de gestión 2022\""))
	b.WriteString(`source_url = ""` + todo("dónde se pueden comprobar (https://…); puede quedar vacío", "where they can be checked (https://…); may stay empty"))
	b.WriteString(`# updated = 2024-01-31` + todo("fecha de la fuente (AAAA-MM-DD): quite el # del principio", "date of the source (YYYY-MM-DD): remove the leading #"))
	b.WriteString(`license = ""` + todo("p. ej. \"CC BY 4.0\"", "e.g. \"CC BY 4.0\""))
}

// ---- schema inference ----

// inference is what the rows of a CSV say about its schema.
type inference struct {
	delim     rune
	dec, thou string
	rows      int
	cols      []colGuess
	// Set for a workbook: its file's extension, sheet and header row.
	ext, sheet string
	headerRow  int
}

// colGuess is the inferred declaration of one column.
type colGuess struct {
	name     string
	typ      string
	required bool
	empty    int      // rows without a value
	values   []string // category: every value, in order of appearance
	unique   bool     // every row has a value, each different
}

// maxCategories is the most values a column may have to be inferred as a
// category.
const maxCategories = 12

var utf8BOM = []byte("\xEF\xBB\xBF")

// inferCSV reads a CSV file as Excel writes it (UTF-8 with or without BOM,
// CRLF or LF, quoted values) and infers its delimiter, number format and
// the type of each column. file names it in diagnostics.
func inferCSV(file string, data []byte) (*inference, diag.List) {
	data = bytes.TrimPrefix(data, utf8BOM)
	if d, ok := checkUTF8(file, data); !ok {
		return nil, diag.List{d}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, diag.List{diag.Errorf(file, 0, 0, "el archivo está vacío", "the file is empty").
			WithHint("la primera línea debe tener los nombres de las columnas", "the first line must hold the columns' names")}
	}
	inf := &inference{delim: sniffDelimiter(data)}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = inf.delim
	r.FieldsPerRecord = -1
	var header []string
	var cells [][]string // per column, the trimmed values of every row
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, col := 0, 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line, col, err = pe.Line, pe.Column, pe.Err
			}
			return nil, diag.List{diag.Errorf(file, line, col, "no se puede leer el CSV: %v", "cannot read the CSV: %v", err).
				WithHint(`revise las comillas: un valor entre comillas debe cerrarlas, y una comilla dentro de un valor se escribe doble ("")`,
					`check the quotes: a quoted value must close them, and a quote inside a value is written twice ("")`)}
		}
		if header == nil {
			var l diag.List
			header, l = readHeader(file, r, rec)
			if len(l) > 0 {
				return nil, l
			}
			cells = make([][]string, len(header))
			continue
		}
		blank := true
		for _, v := range rec {
			if strings.TrimSpace(v) != "" {
				blank = false
				break
			}
		}
		if blank {
			continue // blank rows, or ";;;" rows Excel leaves at the end
		}
		inf.rows++
		for j := range header {
			v := ""
			if j < len(rec) {
				v = strings.TrimSpace(rec[j])
			}
			cells[j] = append(cells[j], v)
		}
	}
	inf.dec = guessDecimal(cells, inf.delim)
	other := "."
	if inf.dec == "." {
		other = ","
	}
	for j, name := range header {
		g, usesThousands := guessColumn(name, cells[j], inf.dec[0], other)
		if usesThousands {
			inf.thou = other
		}
		inf.cols = append(inf.cols, g)
	}
	return inf, nil
}

// checkUTF8 reports the first byte of data that is not UTF-8.
func checkUTF8(file string, data []byte) (diag.Diagnostic, bool) {
	if utf8.Valid(data) {
		return diag.Diagnostic{}, true
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return diag.Errorf(file, line, col, "el archivo no está en UTF-8 (byte 0x%02X)", "the file is not UTF-8 (byte 0x%02X)", data[i]).
				WithHint(`parece Latin-1 (Windows-1252), lo que Excel guarda como "CSV (delimitado por comas)": en Excel use Guardar como → "CSV UTF-8 (delimitado por comas)"`,
					`it looks like Latin-1 (Windows-1252), which Excel writes as "CSV (Comma delimited)": in Excel use Save As → "CSV UTF-8 (Comma delimited)"`), false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return diag.Diagnostic{}, true
}

// sniffDelimiter picks the delimiter the header line uses most, outside
// quotes: ",", ";" or tab; "," when it has none.
func sniffDelimiter(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range string(data) {
		if c == '"' {
			quoted = !quoted
		}
		if quoted {
			continue
		}
		if c == '\n' {
			break
		}
		counts[c]++
	}
	best := ','
	for _, d := range []rune{';', '\t'} {
		if counts[d] > counts[best] {
			best = d
		}
	}
	return best
}

// readHeader checks the column names of the first record.
func readHeader(file string, r *csv.Reader, rec []string) ([]string, diag.List) {
	var l diag.List
	seen := map[string]bool{}
	header := make([]string, len(rec))
	for i, v := range rec {
		line, col := r.FieldPos(i)
		name := strings.TrimSpace(v)
		switch {
		case name == "":
			l.Add(diag.Errorf(file, line, col, "la columna %d no tiene nombre en la primera línea", "column %d has no name in the first line", i+1).
				WithHint("escriba un nombre corto, p. ej. anio o monto_usd, o borre la columna si está vacía",
					"write a short name, e.g. year or amount_usd, or delete the column if it is empty"))
		case seen[name]:
			l.Add(diag.Errorf(file, line, col, "la columna %q aparece dos veces en la primera línea", "column %q appears twice in the first line", name).
				WithHint("cada columna necesita un nombre distinto", "each column needs a different name"))
		}
		seen[name] = true
		header[i] = name
	}
	return header, l
}

// numberLike matches a cell that is a figure in some format: digits with
// "." or "," and an optional sign and percent sign.
var numberLike = regexp.MustCompile(`^[+-]?[0-9][0-9.,]*%?$`)

// guessDecimal decides the decimal mark from every figure-like cell: a
// figure with both marks or a mark followed by other than three digits
// tells; "1,234" does not. When nothing tells, files delimited by ";"
// (Excel in Spanish) use the comma.
func guessDecimal(cells [][]string, delim rune) string {
	comma, point := 0, 0
	for _, col := range cells {
		for _, v := range col {
			if !numberLike.MatchString(v) {
				continue
			}
			s := strings.TrimRight(strings.TrimLeft(v, "+-"), "%")
			lc, lp := strings.LastIndexByte(s, ','), strings.LastIndexByte(s, '.')
			switch {
			case lc >= 0 && lp >= 0:
				if lc > lp {
					comma++
				} else {
					point++
				}
			case lc >= 0 && strings.Count(s, ",") > 1:
				point++ // 1,234,567: thousands
			case lc >= 0 && len(s)-lc-1 != 3:
				comma++
			case lp >= 0 && strings.Count(s, ".") > 1:
				comma++
			case lp >= 0 && len(s)-lp-1 != 3:
				point++
			}
		}
	}
	switch {
	case comma > point:
		return ","
	case point > comma:
		return "."
	case delim == ';':
		return ","
	}
	return "."
}

// guessColumn infers the type of the column called name from its cells,
// and reports whether its figures use the thousands separator thou.
func guessColumn(name string, cells []string, dec byte, thou string) (colGuess, bool) {
	g := colGuess{name: name, typ: dataset.TypeText}
	var vals []string
	for _, v := range cells {
		if v == "" {
			g.empty++
		} else {
			vals = append(vals, v)
		}
	}
	g.required = len(vals) > 0 && g.empty == 0
	if len(vals) == 0 {
		return g, false
	}
	distinct := map[string]bool{}
	var order []string
	for _, v := range vals {
		if !distinct[v] {
			distinct[v] = true
			order = append(order, v)
		}
	}
	g.unique = g.required && len(distinct) == len(vals)

	all := func(ok func(string) bool) bool {
		for _, v := range vals {
			if !ok(v) {
				return false
			}
		}
		return true
	}
	usesThou := false
	number := func(v string, integer bool) bool {
		ok, grouped := parseFigure(v, dec, thou, integer)
		usesThou = usesThou || grouped
		return ok
	}
	lower := strings.ToLower(name)
	percentName := strings.Contains(lower, "pct") || strings.Contains(lower, "percent") ||
		strings.Contains(lower, "porcentaje") || strings.Contains(lower, "%")
	isPercent := func(v string) bool {
		return strings.HasSuffix(v, "%") && number(strings.TrimSpace(strings.TrimSuffix(v, "%")), false)
	}
	isInteger := func(v string) bool { return number(v, true) }
	isNumber := func(v string) bool { return number(v, false) }
	switch {
	case all(isYear):
		g.typ = dataset.TypeYear
	case all(isPercent):
		g.typ = dataset.TypePercent
		return g, usesThou
	case all(isInteger):
		g.typ = dataset.TypeInteger
	case all(isNumber):
		g.typ = dataset.TypeNumber
	case all(isDate):
		g.typ = dataset.TypeDate
	case all(isWebURL):
		g.typ = dataset.TypeURL
	case all(isCountry):
		g.typ = dataset.TypeCountry
	case len(distinct) <= maxCategories && len(vals) >= 2*len(distinct) && all(func(v string) bool { return utf8.RuneCountInString(v) <= 80 }):
		g.typ = dataset.TypeCategory
		g.values = order
	}
	if percentName && (g.typ == dataset.TypeNumber || g.typ == dataset.TypeInteger) {
		g.typ = dataset.TypePercent
	}
	if g.typ == dataset.TypeYear || g.typ == dataset.TypeInteger || g.typ == dataset.TypeNumber || g.typ == dataset.TypePercent {
		return g, usesThou
	}
	return g, false
}

// parseFigure reports whether s is a number written with the decimal mark
// dec and, optionally, the thousands separator thou, by the rules the
// dataset reader applies; and whether it used thou. Leading zeros ("05001")
// are refused: such cells are codes, not quantities.
func parseFigure(s string, dec byte, thou string, integer bool) (ok, grouped bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		s = s[1:]
	}
	intPart, frac, hasDec := s, "", false
	if i := strings.IndexByte(s, dec); i >= 0 {
		intPart, frac, hasDec = s[:i], s[i+1:], true
	}
	if intPart == "" || (hasDec && (integer || !allDigits(frac))) {
		return false, false
	}
	if strings.Contains(intPart, thou) {
		for i, g := range strings.Split(intPart, thou) {
			if !allDigits(g) || (i == 0 && (len(g) > 3 || g[0] == '0')) || (i > 0 && len(g) != 3) {
				return false, false
			}
		}
		return true, true
	}
	if !allDigits(intPart) || (len(intPart) > 1 && intPart[0] == '0') || len(intPart) > 15 {
		return false, false
	}
	return true, false
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// isYear accepts four digits between 1800 and 2100.
func isYear(v string) bool {
	if len(v) != 4 || !allDigits(v) {
		return false
	}
	y := (int(v[0]-'0')*10+int(v[1]-'0'))*100 + int(v[2]-'0')*10 + int(v[3]-'0')
	return y >= 1800 && y <= 2100
}

// isDate accepts a date written YYYY-MM-DD that exists.
func isDate(v string) bool {
	_, err := time.Parse(time.DateOnly, v)
	return err == nil
}

// isWebURL accepts an absolute http or https address.
func isWebURL(v string) bool {
	l := strings.ToLower(v)
	if !strings.HasPrefix(l, "https://") && !strings.HasPrefix(l, "http://") {
		return false
	}
	if strings.ContainsFunc(v, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
		return false
	}
	u, err := url.Parse(v)
	return err == nil && u.Host != ""
}

// isCountry accepts an ISO 3166-1 alpha-2 code in capitals.
func isCountry(v string) bool {
	if len(v) != 2 || v[0] < 'A' || v[0] > 'Z' || v[1] < 'A' || v[1] > 'Z' {
		return false
	}
	_, ok := country.Lookup(v)
	return ok
}

// schema writes the inferred schema in the format of docs/authoring.md,
// with TODO comments where the author must complete it.
func (inf *inference) schema(lang, name, from string) string {
	var b strings.Builder
	b.WriteString(pick(lang,
		fmt.Sprintf("# Esquema de data/%s%s, escrito por `tablero new dataset` a partir de %s (%d filas).\n", name, cmp.Or(inf.ext, ".csv"), from, inf.rows)+
			"# Complete lo marcado TODO, revise el tipo de cada columna y compruébelo con `tablero check`.\n# Formato: docs/authoring.md.\n\n",
		fmt.Sprintf("# Schema of data/%s%s, written by `tablero new dataset` from %s (%d rows).\n", name, cmp.Or(inf.ext, ".csv"), from, inf.rows)+
			"# Fill in what is marked TODO, check each column's type and verify with `tablero check`.\n# Format: docs/authoring.md.\n\n"))
	writeHeader(&b, lang, name)
	delim := string(inf.delim)
	if inf.delim == '\t' {
		delim = `\t`
	}
	if inf.sheet != "" {
		// A workbook stores numbers as numbers: no separators to declare.
		fmt.Fprintf(&b, "sheet = %s\nheader_row = %d\n", tomlString(inf.sheet), inf.headerRow)
	} else {
		fmt.Fprintf(&b, "delimiter = \"%s\"\ndecimal = %q\nthousands = %q\n", delim, inf.dec, inf.thou)
	}
	if key := inf.keyColumn(); key != "" {
		fmt.Fprintf(&b, "# key = [%s]  # %s\n", tomlString(key), pick(lang,
			"cada fila tiene un valor distinto: quite el # para que el sitio compruebe que siga así",
			"every row has a different value: remove the # to have the site check it stays so"))
	}
	b.WriteString(pick(lang,
		"\n# TODO: revise el tipo de cada columna y escriba su etiqueta en los dos idiomas:\n# label = { es = \"…\", en = \"…\" }\n",
		"\n# TODO: check each column's type and write its label in both languages:\n# label = { es = \"…\", en = \"…\" }\n"))
	for _, c := range inf.cols {
		fmt.Fprintf(&b, "\n[[columns]]\nname = %s\n", tomlString(c.name))
		typeNote := ""
		if c.required || c.empty > 0 {
			if c.empty == inf.rows {
				typeNote = "  # TODO: " + pick(lang, "la columna está vacía: elija el tipo", "the column is empty: choose its type")
			}
		}
		fmt.Fprintf(&b, "type = %q%s\n", c.typ, typeNote)
		fmt.Fprintf(&b, "label = %s\n", tomlString(titleFromSlug(c.name)))
		if c.required {
			b.WriteString("required = true\n")
		} else if c.empty > 0 {
			fmt.Fprintf(&b, "required = false  # %s\n", pick(lang,
				fmt.Sprintf("%d de %d filas sin valor", c.empty, inf.rows),
				fmt.Sprintf("%d of %d rows have no value", c.empty, inf.rows)))
		}
		if len(c.values) > 0 {
			q := make([]string, len(c.values))
			for i, v := range c.values {
				q[i] = tomlString(v)
			}
			fmt.Fprintf(&b, "values = [%s]\n", strings.Join(q, ", "))
		}
	}
	return b.String()
}

// keyColumn suggests a column whose values identify the rows: one named
// like an identifier, else the first text or integer column with a
// different value in every row; "" when there is none.
func (inf *inference) keyColumn() string {
	first := ""
	for _, c := range inf.cols {
		if !c.unique || (c.typ != dataset.TypeText && c.typ != dataset.TypeInteger) {
			continue
		}
		n := strings.ToLower(c.name)
		if n == "id" || strings.HasSuffix(n, "_id") || strings.HasPrefix(n, "id_") || strings.Contains(n, "codigo") || strings.Contains(n, "code") {
			return c.name
		}
		if first == "" {
			first = c.name
		}
	}
	return first
}
