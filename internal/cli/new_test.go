package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/tablero/tablero/internal/build"
	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/sitetest"
)

// newSite writes a small site (a home page and one sector) with a copy of
// the repository's default theme.
func newSite(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"site.toml":                    "title = \"Prueba\"\nlanguages = [\"es\", \"en\"]\n",
		"content/index.md":             "+++\ntitle = \"Inicio\"\nkind = \"home\"\norder = 1\n+++\n\nHola.\n",
		"content/sectores/comercio.md": "+++\ntitle = \"Comercio\"\nkind = \"sector\"\norder = 3\n+++\n\nComercio.\n",
	}
	for name, text := range files {
		writeFile(t, filepath.Join(dir, name), text)
	}
	sitetest.CopyTree(t, "../../themes/default", filepath.Join(dir, "themes", "default"))
	return dir
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// run runs the command and returns its exit code and output.
func run(args ...string) (int, string, string) {
	var out, errs bytes.Buffer
	code := Run(args, &out, &errs)
	return code, out.String(), errs.String()
}

func parsePage(t *testing.T, dir, rel string) *content.Page {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, rel))
	if err != nil {
		t.Fatal(err)
	}
	p, l := content.Parse(rel, b, "es")
	if len(l) > 0 {
		t.Fatalf("%s: %s", rel, l.Format("en"))
	}
	return p
}

func TestNewBoard(t *testing.T) {
	dir := newSite(t)
	code, out, errs := run("new", "board", "sectores/turismo", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "content/sectores/turismo.md") || !strings.Contains(out, "Siguiente") {
		t.Errorf("output does not say what was written and what next:\n%s", out)
	}
	p := parsePage(t, dir, "content/sectores/turismo.md")
	if p.Meta.Title != "Turismo" || p.Meta.Kind != "sector" || p.Meta.Order != 4 {
		t.Errorf("front matter = %+v, want Turismo, sector, order 4 (after comercio's 3)", p.Meta)
	}
	if len(p.Blocks) != 0 {
		t.Errorf("the example chart should be commented out, found %d blocks", len(p.Blocks))
	}
	text, _ := os.ReadFile(filepath.Join(dir, "content/sectores/turismo.md"))
	if !bytes.Contains(text, []byte("```chart\ntype = \"bar\"")) || !bytes.Contains(text, []byte("<!--")) {
		t.Errorf("no commented example chart:\n%s", text)
	}

	code, _, errs = run("new", "board", "acerca-de-datos", "--source", dir, "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if p := parsePage(t, dir, "content/acerca-de-datos.md"); p.Meta.Title != "Acerca de datos" || p.Meta.Kind != "page" || p.Meta.Order != 1 {
		t.Errorf("front matter = %+v", p.Meta)
	}

	// Never overwrite.
	writeFile(t, filepath.Join(dir, "content/sectores/turismo.md"), "mine")
	code, _, errs = run("new", "board", "sectores/turismo", "--source", dir)
	if code != 1 || !strings.Contains(errs, "ya existe") {
		t.Errorf("second run: exit %d, %q", code, errs)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "content/sectores/turismo.md")); string(b) != "mine" {
		t.Error("the existing page was overwritten")
	}
	writeFile(t, filepath.Join(dir, "content/sectores/turismo.md"), string(text))

	for _, bad := range []struct{ arg, hint string }{
		{"Sectores/Turismo Médico", `"sectores/turismo-medico"`},
		{"../fuera", ""},
		{"en/turismo", "reservada"},
		{"turismo.en", ""},
		{"404", "404.html es la página de las direcciones que no existen"},
		{"", "guiones\n"}, // ends there: no example made of nothing (it said p. ej. "")
	} {
		code, _, errs := run("new", "board", bad.arg, "--source", dir)
		if code != 2 || !strings.Contains(errs, bad.hint) {
			t.Errorf("new board %q: exit %d, %q", bad.arg, code, errs)
		}
	}
	// A folder named after a language is reserved only when the site
	// publishes that language there, as the build says: this site is es
	// and en, so es/ (the default, at the root) is free, and fr/ too.
	for _, free := range []string{"es/mapa", "fr/mapa"} {
		if code, _, errs := run("new", "board", free, "--source", dir); code != 0 {
			t.Errorf("new board %q: exit %d, %q", free, code, errs)
		}
	}
	if code, _, errs := run("new", "board", "x", "--source", t.TempDir()); code != 1 || !strings.Contains(errs, "site.toml") {
		t.Errorf("outside a site: exit %d, %q", code, errs)
	}

	// The site still builds, and the comment does not show.
	res := build.Build(os.DirFS(dir))
	if !res.OK() {
		t.Fatalf("the site with the new boards does not build:\n%s", res.Diagnostics.Format("en"))
	}
	for _, f := range res.Files {
		if f.Path == "sectores/turismo.html" && bytes.Contains(f.Data, []byte("type = ")) {
			t.Error("the commented chart shows on the page")
		}
	}
}

// excelCSV is what Excel in Spanish writes: BOM, CRLF, ";" delimiter,
// decimal comma with "." thousands, quoted values with the delimiter, a
// quote and a line break, and a trailing row of delimiters.
const excelCSV = "\xEF\xBB\xBFanio;fecha;empresa;pais;tipo;monto_usd;empleos;participacion;fuente;nota;codigo_dane\r\n" +
	"2021;2021-03-15;\"Acme; S.A.\";US;Nueva inversión;1.234,5;120;12,5%;https://example.org/a;;05001\r\n" +
	"2021;2021-07-01;\"Beta \"\"B\"\" Ltda\";CA;Reinversión;15,75;8;7%;https://example.org/b;\"dos\r\nlíneas\";05002\r\n" +
	"2022;2022-01-31;Gamma;US;Nueva inversión;2.000;1.500;30,25%;https://example.org/c;x;05003\r\n" +
	"2022;2022-12-31;Delta;CO;Reinversión;0,5;3;50%;https://example.org/d;;05004\r\n" +
	";;;;;;;;;;\r\n"

func TestNewDatasetFrom(t *testing.T) {
	dir := newSite(t)
	src := filepath.Join(t.TempDir(), "Inversiones 2022.csv")
	writeFile(t, src, excelCSV)
	code, out, errs := run("new", "dataset", "inversiones", "--from", src, "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "data/inversiones.toml") || !strings.Contains(out, "data/inversiones.csv") {
		t.Errorf("output:\n%s", out)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "data/inversiones.csv")); string(b) != excelCSV {
		t.Error("the CSV was not copied as it is")
	}
	fsys := os.DirFS(dir)
	s, l := dataset.ReadSchema(fsys, "data/inversiones.csv")
	if len(l) > 0 {
		t.Fatalf("the inferred schema is refused:\n%s", l.Format("en"))
	}
	if s.Delimiter != ";" || s.Decimal != "," || s.Thousands != "." {
		t.Errorf("format: delimiter %q decimal %q thousands %q", s.Delimiter, s.Decimal, s.Thousands)
	}
	want := map[string]string{
		"anio": "year", "fecha": "date", "empresa": "text", "pais": "country", "tipo": "category",
		"monto_usd": "number", "empleos": "integer", "participacion": "percent", "fuente": "url",
		"nota": "text", "codigo_dane": "text",
	}
	for _, c := range s.Columns {
		if want[c.Name] != c.Type {
			t.Errorf("column %s: type %s, want %s", c.Name, c.Type, want[c.Name])
		}
		if c.Required != (c.Name != "nota") {
			t.Errorf("column %s: required = %v", c.Name, c.Required)
		}
		if c.Name == "tipo" && !slices.Equal(c.Values, []string{"Nueva inversión", "Reinversión"}) {
			t.Errorf("category values %q", c.Values)
		}
	}
	if len(s.Columns) != len(want) {
		t.Errorf("%d columns, want %d", len(s.Columns), len(want))
	}
	table, l := dataset.Load(fsys, "data/inversiones.csv")
	if len(l) > 0 {
		t.Fatalf("dataset.Load with the inferred schema:\n%s", l.Format("en"))
	}
	if table.Len() != 4 || table.Col("monto_usd").Num[0] != 1234.5 || table.Col("empleos").Num[2] != 1500 {
		t.Errorf("rows %d, monto %v, empleos %v", table.Len(), table.Col("monto_usd").Num, table.Col("empleos").Num)
	}
	text, _ := os.ReadFile(filepath.Join(dir, "data/inversiones.toml"))
	for _, todo := range []string{"source = \"\"  # TODO", "# updated = ", "# key = [\"codigo_dane\"]"} {
		if !bytes.Contains(text, []byte(todo)) {
			t.Errorf("schema lacks %q:\n%s", todo, text)
		}
	}

	// Never overwrite, and write nothing when refusing.
	code, _, errs = run("new", "dataset", "inversiones", "--from", src, "--source", dir, "--lang", "en")
	if code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("second run: exit %d, %q", code, errs)
	}
	os.Remove(filepath.Join(dir, "data/inversiones.toml"))
	code, _, errs = run("new", "dataset", "inversiones", "--from", src, "--source", dir, "--lang", "en")
	if code != 1 || !strings.Contains(errs, "data/inversiones.csv already exists") {
		t.Errorf("CSV in the way: exit %d, %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "data/inversiones.toml")); err == nil {
		t.Error("a schema was written although the CSV was refused")
	}
	// --from the CSV already in place, and no --from at all, describe it.
	for _, args := range [][]string{
		{"new", "dataset", "inversiones", "--from", filepath.Join(dir, "data/inversiones.csv"), "--source", dir},
		{"new", "dataset", "inversiones", "--source", dir},
	} {
		os.Remove(filepath.Join(dir, "data/inversiones.toml"))
		if code, _, errs := run(args...); code != 0 {
			t.Fatalf("%v: exit %d, %s", args, code, errs)
		}
		if _, l := dataset.Load(fsys, "data/inversiones.csv"); len(l) > 0 {
			t.Fatalf("%v:\n%s", args, l.Format("en"))
		}
	}

	// A board made now gets an example chart on the new dataset, and the
	// whole site builds.
	if code, _, errs := run("new", "board", "sectores/inversion", "--source", dir); code != 0 {
		t.Fatal(errs)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "content/sectores/inversion.md"))
	if !bytes.Contains(page, []byte("data = \"inversiones\"\nx = \"anio\"\ny = \"monto_usd\"")) {
		t.Errorf("example chart:\n%s", page)
	}
	if res := build.Build(fsys); !res.OK() {
		t.Fatalf("the site does not build:\n%s", res.Diagnostics.Format("en"))
	}
}

func TestNewDatasetRefusesBadFiles(t *testing.T) {
	dir := newSite(t)
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		// The messages are the loader's: inference reads the file as the build does.
		{"latin1", "ciudad,valor\nMedell\xedn,1.5\n", []string{"latin1.csv:2:7:", "not saved as UTF-8", "Latin-1", "CSV UTF-8"}},
		{"quotes", "a,b\n1,\"open\n2,3\n", []string{"quotes.csv:2:3:", "quote", "never closed"}},
		{"header", "a,,a\n1,2,3\n", []string{"header.csv:2:3: value \"2\" is in a column with no name", "header.csv:1:4: column \"a\" appears twice"}},
		{"empty", "\xEF\xBB\xBF\r\n", []string{"empty.csv:1:1: the file is empty"}},
		{"unnamed", " , \n1,2\n", []string{"unnamed.csv:1:1: no column has a name"}},
	} {
		src := filepath.Join(t.TempDir(), c.name+".csv")
		writeFile(t, src, c.text)
		code, _, errs := run("new", "dataset", c.name, "--from", src, "--source", dir, "--lang", "en")
		if code != 1 {
			t.Errorf("%s: exit %d", c.name, code)
		}
		for _, w := range c.want {
			if !strings.Contains(errs, w) {
				t.Errorf("%s: %q lacks %q", c.name, errs, w)
			}
		}
		if _, err := os.Stat(filepath.Join(dir, "data", c.name+".csv")); err == nil {
			t.Errorf("%s: the bad CSV was copied", c.name)
		}
	}
	if code, _, errs := run("new", "dataset", "Inversión 2022", "--source", dir); code != 2 || !strings.Contains(errs, `"inversion_2022"`) {
		t.Errorf("bad name: exit %d, %q", code, errs)
	}
	// data/index.csv is the catalogue; an empty name gets no empty example.
	for name, want := range map[string]string{"index": "data/index.csv es el catálogo de los datos", "": "_ y -\n"} {
		if code, _, errs := run("new", "dataset", name, "--source", dir); code != 2 || !strings.Contains(errs, want) {
			t.Errorf("new dataset %q: exit %d, %q", name, code, errs)
		}
	}
}

// TestNewDatasetTemplate: with no CSV yet, a template the author fills in.
func TestNewDatasetTemplate(t *testing.T) {
	dir := newSite(t)
	code, out, errs := run("new", "dataset", "cooperacion", "--source", dir)
	if code != 0 || !strings.Contains(out, "data/cooperacion.csv") {
		t.Fatalf("exit %d: %s %s", code, out, errs)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "data/cooperacion.toml"))
	if _, l := dataset.ParseSchema("data/cooperacion.toml", b); len(l) > 0 {
		t.Fatalf("the template is not a valid schema:\n%s\n%s", l.Format("en"), b)
	}
}

func TestInferColumns(t *testing.T) {
	for _, c := range []struct {
		name      string
		csv       string
		delim     rune
		dec, thou string
		types     []string
	}{
		{"english", "country,year,amount,share_pct\nUS,2020,\"1,234.5\",0.5\nCA,2021,\"12,000\",1.25\nUS,2022,3,2\nCA,2023,4.75,0.1\n",
			',', ".", ",", []string{"country", "year", "number", "percent"}},
		{"tab", "a\tb\tc\n1\tx\t2024-02-29\n2\ty\t2023-02-28\n", '\t', ".", "", []string{"integer", "text", "date"}},
		{"spanish ambiguous", "x;y\n1,234;a\n2,5;b\n", ';', ",", "", []string{"number", "text"}},
		{"english ambiguous", "x,y\n\"1,234\",a\n2.5,b\n", ',', ".", ",", []string{"number", "text"}},
		{"codes and years", "dane;old;lower;big\n05001;1500;us;a\n05002;1600;co;b\n", ';', ",", "", []string{"text", "integer", "text", "text"}},
		{"categories", "c,many\n" + strings.Repeat("Sí,a\nNo,b\n", 3) + strings.Repeat("No,c\n", 7), ',', ".", "", []string{"category", "category"}},
		{"not categories", "c\n" + "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\na\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n", ',', ".", "", []string{"text"}},
		{"empty column", "a,b\n1,\n2,\n", ',', ".", "", []string{"integer", "text"}},
	} {
		in, l := dataset.Infer("x.csv", []byte(c.csv))
		if len(l) > 0 {
			t.Errorf("%s: %s", c.name, l.Format("en"))
			continue
		}
		var types []string
		for _, g := range in.Columns {
			types = append(types, g.Type)
		}
		if in.Delimiter != c.delim || in.Decimal != c.dec || in.Thousands != c.thou || !slices.Equal(types, c.types) {
			t.Errorf("%s: delim %q dec %q thou %q types %v, want %q %q %q %v", c.name, in.Delimiter, in.Decimal, in.Thousands, types, c.delim, c.dec, c.thou, c.types)
			continue
		}
		// The schema written loads the file it was inferred from.
		schema := (&inferred{Inference: in}).schema("en", "x", "x.csv")
		fsys := fstest.MapFS{
			"data/x.csv":  {Data: []byte(c.csv)},
			"data/x.toml": {Data: []byte(schema)},
		}
		if _, l := dataset.Load(fsys, "data/x.csv"); len(l) > 0 {
			t.Errorf("%s: the inferred schema does not load its CSV:\n%s\n%s", c.name, l.Format("en"), schema)
		}
	}
}

func TestServeMisuse(t *testing.T) {
	if code, _, errs := run("serve", "--port", "70000", "--source", newSite(t)); code != 2 || !strings.Contains(errs, "65535") {
		t.Errorf("bad port: exit %d, %q", code, errs)
	}
	if code, _, errs := run("serve", "--source", t.TempDir(), "--lang", "en"); code != 1 || !strings.Contains(errs, "has no site.toml") {
		t.Errorf("not a site: exit %d, %q", code, errs)
	}
	if code, _, errs := run("serve", "extra"); code != 2 || !strings.Contains(errs, "extra") {
		t.Errorf("extra argument: exit %d, %q", code, errs)
	}
}
