// Package synth writes synthetic Tablero sites for benchmarks: N boards of
// three charts and a table each, every board over its own dataset of R rows,
// plus optionally one "big" board fed by a single dataset of a million rows.
//
// The output is deterministic: the same Options give the same bytes (the
// theme is copied from the repository, so it changes when the theme does).
package synth

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/tablero/tablero/internal/dataset"
)

// Options says what site to write.
type Options struct {
	Boards int // number of boards (content/board-NNNN.md over data/ds-NNNN.csv)
	Rows   int // rows of each board's dataset; 50 when zero

	// Big adds content/big.md: one aggregated chart over data/big.csv,
	// a dataset of BigRows rows (1,000,000 when zero, about 40 MB).
	Big     bool
	BigRows int

	// Pages adds the plain-page workload of issue 15: Pages pages of kind
	// "page" in the folder content/paginas/ (page-NNNNN.md over
	// data/pg-NNNNN.csv), each with three charts and a table over its own
	// dataset of Rows rows. A site with pages has one language (es), as a
	// new user's first site would.
	Pages int

	// NoFilters gives no board or page a filter. Without it, every fourth
	// one lets the reader filter by category, and each of the category's
	// eight values is one more version of each of its charts. Issue 15
	// states its workload without filters; the benchmark's plain pages
	// have them, and time the pages without as well.
	NoFilters bool

	// Generated adds the generated-pages workload of issue 15:
	// content/lugares/lugar.md, a template ([generate]) writing one page
	// per value of the place column of data/lugares.csv, a dataset of
	// GenRows rows (50,000 when zero) over GenValues places (1,000 when
	// zero); each page has three charts and a table of its place's rows.
	// Like Pages, it makes the site one-language.
	Generated          bool
	GenRows, GenValues int

	// Seed changes the figures; zero means the fixed default seed.
	Seed uint64

	// Theme is the theme folder to copy (themes/default of the
	// repository when empty, found by walking up from the working
	// directory to this module's go.mod). Its assets/vendor/build folder,
	// the vendoring scripts and their node_modules, is skipped.
	Theme string
}

// PagesFolder is the content folder of the plain-page workload.
const PagesFolder = "paginas"

// DefaultRows is the number of rows of a board's dataset.
const DefaultRows = 50

// DefaultBigRows is the number of rows of the big dataset.
const DefaultBigRows = 1_000_000

const defaultSeed = 0x7AB1E20

// Categories are the values of the category column, the sectors of DatACI.
var Categories = []string{
	"Agronegocios", "Ciencias de la vida", "Comercio", "Industrias creativas",
	"Infraestructura y logística", "Manufactura", "Servicios de tecnología", "Tercerización de servicios",
}

// Countries are the ISO 3166-1 alpha-2 codes the country column uses.
var Countries = []string{
	"US", "FR", "CA", "ES", "DE", "MX", "BR", "CN", "JP", "GB",
	"NL", "CH", "KR", "PE", "CL", "AR", "IT", "SE", "IN", "PA",
}

// FirstYear and LastYear bound the year column.
const FirstYear, LastYear = 2010, 2024

// Write writes the site described by opts into dir, which is created if
// needed. Files already in dir with other names are left alone.
func Write(dir string, opts Options) error {
	if opts.Boards < 0 || opts.Rows < 0 || opts.BigRows < 0 || opts.Pages < 0 {
		return errors.New("synth: negative size")
	}
	if opts.Rows == 0 {
		opts.Rows = DefaultRows
	}
	if opts.BigRows == 0 {
		opts.BigRows = DefaultBigRows
	}
	if opts.Seed == 0 {
		opts.Seed = defaultSeed
	}
	theme := opts.Theme
	if theme == "" {
		root, err := RepoRoot()
		if err != nil {
			return err
		}
		theme = filepath.Join(root, "themes", "default")
	}
	for _, d := range []string{"content", dataset.Dir, "themes", filepath.Join("content", PagesFolder)} {
		if opts.Pages == 0 && d != "content" && strings.HasPrefix(d, "content") {
			continue
		}
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	site := siteTOML
	if opts.Pages > 0 || opts.Generated {
		site = strings.Replace(site, `languages = ["es", "en"]`, `languages = ["es"]`, 1)
	}
	if err := writeFile(filepath.Join(dir, "site.toml"), []byte(site)); err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dir, "content", "index.md"), homePage(opts)); err != nil {
		return err
	}
	for i := 1; i <= opts.Boards; i++ {
		// One generator per board, so a board's bytes do not depend on
		// how many boards come before it.
		rng := rand.New(rand.NewPCG(opts.Seed, uint64(i)))
		name := fmt.Sprintf("ds-%04d", i)
		if err := writeFile(dataFile(dir, name, ".toml"), schema(fmt.Sprintf("Conjunto sintético %d", i))); err != nil {
			return err
		}
		if err := writeCSV(dataFile(dir, name, ".csv"), opts.Rows, rng); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "content", fmt.Sprintf("board-%04d.md", i)), board(i, name, "sector", "Tablero", !opts.NoFilters, rng)); err != nil {
			return err
		}
	}
	for i := 1; i <= opts.Pages; i++ {
		// Seeds apart from the boards', so a site with both has
		// different figures on board i and page i.
		rng := rand.New(rand.NewPCG(opts.Seed, 1<<32+uint64(i)))
		name := fmt.Sprintf("pg-%05d", i)
		if err := writeFile(dataFile(dir, name, ".toml"), schema(fmt.Sprintf("Conjunto de página %d", i))); err != nil {
			return err
		}
		if err := writeCSV(dataFile(dir, name, ".csv"), opts.Rows, rng); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "content", PagesFolder, fmt.Sprintf("page-%05d.md", i)), board(i, name, "page", "Página", !opts.NoFilters, rng)); err != nil {
			return err
		}
	}
	if opts.Generated {
		if err := writeGenerated(dir, opts); err != nil {
			return err
		}
	}
	if opts.Big {
		rng := rand.New(rand.NewPCG(opts.Seed, 0))
		if err := writeFile(dataFile(dir, "big", ".toml"), schema("Conjunto sintético grande")); err != nil {
			return err
		}
		if err := writeCSV(dataFile(dir, "big", ".csv"), opts.BigRows, rng); err != nil {
			return err
		}
		if err := writeFile(filepath.Join(dir, "content", "big.md"), []byte(bigPage)); err != nil {
			return err
		}
	}
	return copyTheme(theme, filepath.Join(dir, "themes", "default"))
}

// RepoRoot finds the root of this repository: the closest folder above the
// working directory whose go.mod declares this module.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module github.com/tablero/tablero\n")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("synth: cannot find the tablero repository above the working directory; set Options.Theme")
		}
		dir = parent
	}
}

func writeFile(name string, b []byte) error { return os.WriteFile(name, b, 0o644) }

const siteTOML = `title = { es = "Sitio sintético", en = "Synthetic site" }
description = { es = "Sitio generado para medir la velocidad de Tablero.", en = "Site generated to measure Tablero's speed." }
base_url = ""
languages = ["es", "en"]
theme = "default"
organization = "Tablero"
report_errors = "mailto:datos@example.org"
`

func homePage(opts Options) []byte {
	var b bytes.Buffer
	b.WriteString("+++\ntitle = \"Inicio\"\nkind = \"home\"\norder = 0\n")
	b.WriteString("summary = \"Sitio sintético para medir la velocidad de la construcción.\"\n+++\n\n")
	fmt.Fprintf(&b, "Este sitio tiene %d tableros de tres gráficos y una tabla, cada uno sobre un conjunto de %d filas", opts.Boards, opts.Rows)
	if opts.Pages > 0 {
		fmt.Fprintf(&b, ", y %d páginas de tres gráficos y una tabla en la carpeta %s", opts.Pages, PagesFolder)
	}
	if opts.Big {
		fmt.Fprintf(&b, ", y un tablero con un gráfico agregado sobre %d filas", opts.BigRows)
	}
	b.WriteString(".\n\nLos datos son inventados: **no** describen ninguna inversión real.\n")
	return b.Bytes()
}

// schema is the TOML of a synthetic dataset.
func schema(title string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "title = %q\n", title)
	b.WriteString(`description = { es = "Cifras inventadas para medir la velocidad de Tablero.", en = "Made-up figures to measure Tablero's speed." }
source = "Tablero, generador sintético"
source_url = ""
updated = 2024-12-31
license = "CC0"
delimiter = ","
decimal = "."
thousands = ""
`)
	requiredColumn(&b, "year", "year", "Año", "Year")
	requiredColumn(&b, "category", "category", "Sector", "Sector")
	b.WriteString("values = [")
	for i, c := range Categories {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", c)
	}
	b.WriteString("]\n")
	requiredColumn(&b, "country", "country", "País", "Country")
	b.WriteString(`
[[columns]]
name = "value"
type = "number"
unit = { es = "millones de USD", en = "USD millions" }
label = { es = "Monto", en = "Amount" }
`)
	return b.Bytes()
}

// requiredColumn writes a [[columns]] table of a required column.
func requiredColumn(b *bytes.Buffer, name, typ, es, en string) {
	fmt.Fprintf(b, "\n[[columns]]\nname = %q\ntype = %q\nlabel = { es = %q, en = %q }\nrequired = true\n", name, typ, es, en)
}

// writeCSV writes rows random rows; about one value in fifty is missing.
func writeCSV(name string, rows int, rng *rand.Rand) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<16)
	w.WriteString("year,category,country,value\n")
	var line []byte
	for range rows {
		line = line[:0]
		line = strconv.AppendInt(line, int64(FirstYear+rng.IntN(LastYear-FirstYear+1)), 10)
		line = append(line, ',')
		line = append(line, Categories[rng.IntN(len(Categories))]...)
		line = append(line, ',')
		line = append(line, Countries[rng.IntN(len(Countries))]...)
		line = append(line, ',')
		if rng.IntN(50) != 0 {
			// Cents, written with two decimals: 0.01 … 99999.99.
			line = strconv.AppendFloat(line, float64(1+rng.IntN(9_999_999))/100, 'f', 2, 64)
		}
		line = append(line, '\n')
		w.Write(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// board is the Markdown of board i over dataset ds. The chart types vary
// from board to board (bar/hbar/area, line/area, pie/donut/treemap), and
// every fourth board lets the reader filter by category, when filters is
// true.
func board(i int, ds, kind, noun string, filters bool, rng *rand.Rand) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "+++\ntitle = \"%s %d\"\nkind = %q\norder = %d\n", noun, i, kind, i)
	adj := "sintético"
	if kind == "page" {
		adj = "sintética"
	}
	fmt.Fprintf(&b, "summary = \"%s %s número %d, con cifras inventadas.\"\n", noun, adj, i)
	if filters && i%4 == 0 {
		b.WriteString("filters = [\"category\"]\n")
	}
	b.WriteString("+++\n\n")
	fmt.Fprintf(&b, "Este tablero muestra el conjunto `%s`: %d cifras por año, sector y país de origen. ", ds, 10+rng.IntN(90))
	b.WriteString("Cada gráfico suma las filas que comparten su categoría; los vacíos son cifras que faltan, no ceros.\n\n")

	first := []string{"bar", "hbar", "bar"}[i%3]
	fmt.Fprintf(&b, "## Por sector\n\n```chart\ntype = %q\ndata = %q\nx = \"category\"\ny = \"value\"\naggregate = \"sum\"\nsort = \"-y\"\n", first, ds)
	fmt.Fprintf(&b, "title = \"Monto por sector, tablero %d\"\nsubtitle = \"Millones de USD, %d-%d\"\n```\n\n", i, FirstYear, LastYear)

	second := []string{"line", "line", "area"}[i%3]
	fmt.Fprintf(&b, "## A lo largo del tiempo\n\n```chart\ntype = %q\ndata = %q\nx = \"year\"\ny = \"value\"\n", second, ds)
	if i%2 == 0 {
		b.WriteString("series = \"category\"\n")
		if second == "area" {
			b.WriteString("stack = true\n")
		}
	}
	fmt.Fprintf(&b, "aggregate = \"sum\"\ntitle = \"Monto por año, tablero %d\"\nsubtitle = \"Millones de USD\"\n```\n\n", i)

	third := []string{"pie", "donut", "pie", "treemap"}[i%4]
	fmt.Fprintf(&b, "## Por país de origen\n\n```chart\ntype = %q\ndata = %q\nx = \"country\"\ny = \"value\"\naggregate = \"sum\"\nsort = \"-y\"\n", third, ds)
	fmt.Fprintf(&b, "title = \"Monto por país, tablero %d\"\nsubtitle = \"Millones de USD\"\n```\n\n", i)

	fmt.Fprintf(&b, "## Los datos\n\n```table\ndata = %q\nsort = \"-value\"\ntitle = \"Todas las filas del tablero %d\"\n```\n", ds, i)
	return b.Bytes()
}

const bigPage = `+++
title = "Un millón de filas"
kind = "sector"
order = 0
summary = "Un gráfico agregado sobre un conjunto grande."
+++

Un solo gráfico que suma todas las filas de ` + "`big`" + ` por sector.

` + "```chart" + `
type = "bar"
data = "big"
x = "category"
y = "value"
aggregate = "sum"
sort = "-y"
title = "Monto por sector"
subtitle = "Millones de USD, todas las filas"
` + "```" + `
`

// CopySite copies the site at src (site.toml, content/, data/, themes/) to
// dst, skipping every theme's assets/vendor/build folder, for benchmarks
// that edit a copy of a real site.
func CopySite(src, dst string) error {
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(filepath.Join(src, "site.toml"))
	if err != nil {
		return err
	}
	if err := writeFile(filepath.Join(dst, "site.toml"), b); err != nil {
		return err
	}
	for _, d := range []string{"content", dataset.Dir, "themes"} {
		if _, err := os.Stat(filepath.Join(src, d)); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := copyTree(filepath.Join(src, d), filepath.Join(dst, d)); err != nil {
			return err
		}
	}
	return nil
}

// copyTheme copies the theme folder src to dst, skipping assets/vendor/build.
func copyTheme(src, dst string) error { return copyTree(src, dst) }

// copyTree copies src to dst, skipping folders named node_modules and
// assets/vendor/build folders.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasSuffix("/"+filepath.ToSlash(rel), "/assets/vendor/build") || d.Name() == "node_modules" {
				return fs.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return writeFile(filepath.Join(dst, rel), b)
	})
}

// dataFile is the path of dataset name's file with extension ext in the
// site folder dir.
func dataFile(dir, name, ext string) string {
	return filepath.Join(dir, filepath.FromSlash(dataset.Path(name, ext)))
}
