package build

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/content"
	"github.com/tablero/tablero/internal/country"
	"github.com/tablero/tablero/internal/dataset"
	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/synth"
)

// repo is the DatACI site at the root of this repository.
var repo = os.DirFS("../..")

func buildRepo(t *testing.T) (*Result, map[string][]byte) {
	t.Helper()
	res := Build(repo)
	if !res.OK() {
		t.Fatalf("the DatACI site does not build:\n%s", res.Diagnostics.Format("en"))
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return res, files
}

// TestDatACIPages checks that every page exists in both languages with its
// language, title and menu, and that every link inside the site resolves.
func TestDatACIPages(t *testing.T) {
	res, files := buildRepo(t)
	if res.Pages < 2*12 {
		t.Errorf("pages = %d, want every board, home, catalogue and about page in 2 languages", res.Pages)
	}
	href := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for p, b := range files {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		lang := "es"
		if strings.HasPrefix(p, "en/") {
			lang = "en"
		}
		if p != "404.html" && !bytes.Contains(b, []byte(`<html lang="`+lang+`">`)) {
			t.Errorf("%s: missing <html lang=%q>", p, lang)
		}
		for _, m := range href.FindAllSubmatch(b, -1) {
			u := string(m[1])
			if strings.HasPrefix(u, "https://") || strings.HasPrefix(u, "http://") {
				if !bytes.Contains(m[0], []byte("href")) {
					t.Errorf("%s: loads from another host: %s", p, u)
				}
				continue
			}
			if strings.HasPrefix(u, "mailto:") || strings.HasPrefix(u, "#") || p == "404.html" {
				continue
			}
			target, _, _ := strings.Cut(u, "#")
			target = filepath.ToSlash(filepath.Join(filepath.Dir(p), target))
			if _, ok := files[target]; !ok {
				t.Errorf("%s: broken link %q", p, u)
			}
		}
	}
}

// block is a chart or KPI block read independently of the chart package.
type block struct {
	Type, Data, X, Aggregate string
	Y                        any
	Value                    string
	Where                    map[string]any
	NotEmpty                 []string `toml:"not_empty"`
	Empty                    string
}

// TestDatACIFigures recomputes every chart and KPI of the site straight
// from the CSV files and compares it with what the pages carry.
func TestDatACIFigures(t *testing.T) {
	_, files := buildRepo(t)
	tables := map[string]*dataset.Table{}
	island := regexp.MustCompile(`(?s)<script type="application/json" id="([^"]+)-data">(.*?)</script>`)
	kpiValue := regexp.MustCompile(`<data value="([^"]+)">`)
	checked, generated := 0, 0
	load := func(name string) *dataset.Table {
		tb := tables[name]
		if tb == nil {
			var l diag.List
			tb, l = dataset.Load(repo, "data/"+name+".csv")
			if tb == nil {
				t.Fatalf("dataset %s: %v", name, l)
			}
			tables[name] = tb
		}
		return tb
	}
	// check compares the figures of page, published at slug, with its
	// datasets'.
	check := func(p string, page *content.Page, slug string) {
		out := slug + ".html"
		if page.Lang != "es" {
			out = page.Lang + "/" + out
		}
		html, ok := files[out]
		if !ok {
			t.Errorf("%s: %s was not built", p, out)
			return
		}
		islands := map[string]string{}
		for _, m := range island.FindAllStringSubmatch(string(html), -1) {
			islands[m[1]] = m[2]
		}
		kpis := kpiValue.FindAllStringSubmatch(string(html), -1)
		k := 0
		for i, b := range page.Blocks {
			var spec block
			if _, err := toml.Decode(b.Body, &spec); err != nil {
				t.Fatalf("%s:%d: %v", p, b.Line, err)
			}
			if b.Kind == "table" {
				continue
			}
			tb := load(spec.Data)
			rows := matching(tb, spec.Where, spec.NotEmpty)
			where := fmt.Sprintf("%s:%d", p, b.Line)
			switch b.Kind {
			case "kpi":
				if len(rows) == 0 && spec.Empty != "" {
					continue
				}
				if k >= len(kpis) {
					t.Errorf("%s: KPI missing from %s", where, out)
					continue
				}
				got, _ := strconv.ParseFloat(kpis[k][1], 64)
				var want float64
				switch spec.Aggregate {
				case "count":
					want = float64(len(rows))
				case "sum":
					for _, r := range rows {
						if v := tb.Col(spec.Value).Num[r]; !math.IsNaN(v) {
							want += v
						}
					}
					want, _ = strconv.ParseFloat(strconv.FormatFloat(want, 'f', 6, 64), 64)
				case "distinct":
					seen := map[string]bool{}
					for _, r := range rows {
						if c := tb.Col(spec.Value); !c.IsNull(r) {
							seen[c.Text(r)] = true
						}
					}
					want = float64(len(seen))
				default:
					if len(rows) == 1 {
						want = tb.Col(spec.Value).Num[rows[0]]
					}
				}
				if spec.Aggregate == "" && len(rows) != 1 || math.Abs(got-want) > 1e-9 {
					t.Errorf("%s: KPI shows %v, dataset row has %v (%d rows match)", where, got, want, len(rows))
				}
				k++
				checked++
			case "chart":
				id := "c-" + strings.Trim(idUnsafe.ReplaceAllString(slug, "-"), "-") + "-" + strconv.Itoa(i+1)
				raw, ok := islands[id]
				if !ok {
					if spec.Empty == "" || len(rows) > 0 {
						t.Errorf("%s: chart %s missing from %s (%d rows match)", where, id, out, len(rows))
					}
					continue
				}
				checkChart(t, where, raw, tb, rows, spec)
				checked++
			}
		}
	}
	fs.WalkDir(repo, "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".md") {
			return err
		}
		src, _ := fs.ReadFile(repo, p)
		page, l := content.Parse(p, src, "es")
		if len(l) > 0 {
			t.Fatal(l)
		}
		g := page.Meta.Generate
		if g == nil {
			check(p, page, page.Slug)
			return nil
		}
		// A template: every value of its columns in its datasets makes a
		// page, whose blocks are the template's with the value in them.
		values := map[string]bool{}
		for _, name := range g.Data {
			tb := load(name)
			for _, by := range g.By {
				if c := tb.Col(by); c != nil {
					for r := range tb.Len() {
						if !c.IsNull(r) {
							values[c.Text(r)] = true
						}
					}
				}
			}
		}
		for v := range values {
			inst := *page
			inst.Blocks = slices.Clone(page.Blocks)
			for i := range inst.Blocks {
				inst.Blocks[i].Body = strings.ReplaceAll(inst.Blocks[i].Body, ValuePlaceholder, v)
			}
			check(p, &inst, path.Join(path.Dir(page.Slug), content.Slug(v)))
			generated++
		}
		return nil
	})
	if checked < 30 {
		t.Errorf("only %d charts and KPIs checked", checked)
	}
	if generated < 2*20 { // DatACI's country pages, in two languages
		t.Errorf("only %d generated pages checked", generated)
	}
}

// checkChart compares a chart's island with the dataset rows it draws: the
// total of every series equals the total of the rows (or their count), and
// without aggregation every row's figure stands at its own category.
func checkChart(t *testing.T, where, raw string, tb *dataset.Table, rows []int, spec block) {
	var is struct {
		X      []string `json:"x"`
		Series []struct {
			Values []*float64 `json:"values"`
		} `json:"series"`
		Option map[string]any `json:"option"`
	}
	if err := json.Unmarshal([]byte(raw), &is); err != nil {
		t.Errorf("%s: island is not JSON: %v", where, err)
		return
	}
	if len(is.Option["series"].([]any)) == 0 {
		t.Errorf("%s: option has no series", where)
	}
	var ys []string
	switch y := spec.Y.(type) {
	case string:
		ys = []string{y}
	case []any:
		for _, v := range y {
			ys = append(ys, v.(string))
		}
	}
	got, want := 0.0, 0.0
	for _, s := range is.Series {
		for _, v := range s.Values {
			if v != nil {
				got += *v
			}
		}
	}
	xc := tb.Col(spec.X)
	for _, r := range rows {
		if xc.IsNull(r) {
			continue
		}
		if spec.Aggregate == "count" {
			want++
			continue
		}
		for _, y := range ys {
			if v := tb.Col(y).Num[r]; !math.IsNaN(v) {
				want += v
			}
		}
	}
	if math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		t.Errorf("%s: chart plots a total of %v, the dataset rows add up to %v", where, got, want)
	}
}

func matching(tb *dataset.Table, where map[string]any, notEmpty []string) []int {
	var rows []int
	for i := range tb.Len() {
		ok := true
		for _, c := range notEmpty {
			ok = ok && !tb.Col(c).IsNull(i)
		}
		for k, v := range where {
			vals, isList := v.([]any)
			if !isList {
				vals = []any{v}
			}
			cell := tb.Col(k).Text(i)
			hit := false
			for _, x := range vals {
				if fmt.Sprint(x) == cell {
					hit = true
				}
			}
			ok = ok && hit
		}
		if ok {
			rows = append(rows, i)
		}
	}
	return rows
}

// TestReproducible builds twice and compares every byte.
func TestReproducible(t *testing.T) {
	sameFiles(t, Build(repo), Build(repo))
}

// TestParallelBuildIsSerialBuild builds DatACI and a synthetic site of 40
// boards (filters, several chart types) on one worker and on eight: the
// stages run in parallel, and the order they finish in must not show in
// the output.
func TestParallelBuildIsSerialBuild(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Options{Boards: 40}); err != nil {
		t.Fatal(err)
	}
	for name, fsys := range map[string]fs.FS{"DatACI": repo, "synthetic": os.DirFS(dir)} {
		t.Run(name, func(t *testing.T) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			serial := Build(fsys)
			runtime.GOMAXPROCS(8)
			parallel := Build(fsys)
			if !serial.OK() {
				t.Fatal(serial.Diagnostics.Format("en"))
			}
			sameFiles(t, serial, parallel)
		})
	}
}

func sameFiles(t *testing.T, a, b *Result) {
	t.Helper()
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files, then %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two builds", a.Files[i].Path)
		}
	}
}

// TestDatACICorrections pins the corrections of the published pages' review
// (issue 14): English pages show translated cells, not the Spanish ones, and
// the data says what the report says about the companies it left unclear.
func TestDatACICorrections(t *testing.T) {
	_, files := buildRepo(t)
	pages := []struct {
		page       string
		want, deny []string
	}{
		{"en/historia-cooperacion.html",
			[]string{"agreement signed", "being supported", "USD 693,123 (written “USD 693.123”)", "Barcelona City Council (Ayuntamiento de Barcelona)", "Presented Medellín's urban planning model", "Five of the nine 2022 actions were about the ACI model", "Only three mentions include an amount", "ACI Medellín (acimedellin.org, English news item)"},
			[]string{">convenio firmado<", ">en apoyo (", "Se dieron a conocer", "Almost all the 2022 actions", "Only two mentions", "Since 2021 the figure includes national cooperation"}},
		{"historia-cooperacion.html",
			[]string{"no encajan entre sí", "desde 2020", "Cinco de las nueve acciones", "Solo tres menciones traen monto", "Festival Internacional de Tango"},
			[]string{"Casi todas las acciones", "Solo dos menciones", "Desde 2021 la cifra incluye cooperación nacional"}},
		{"historia-ied.html",
			[]string{"no siempre son coherentes entre sí", "836,61"},
			[]string{"son coherentes entre sí, pero"}},
		{"acerca.html",
			[]string{"creciente año a año", "Acumulados que no cuadran entre sí"}, nil},
		{"en/acerca.html",
			[]string{"year after year", "Cumulative totals that do not add up"}, nil},
		{"index.html",
			[]string{"La economía de Antioquia", "Índice Departamental de Competitividad"}, nil},
		{"en/index.html",
			[]string{"Antioquia's economy"}, nil},
	}
	for _, p := range pages {
		// Apostrophes may be written as they are or as &#39;.
		html := strings.ReplaceAll(string(files[p.page]), "&#39;", "'")
		if html == "" {
			t.Errorf("%s: not built", p.page)
			continue
		}
		for _, w := range p.want {
			if !strings.Contains(html, w) {
				t.Errorf("%s: missing %q", p.page, w)
			}
		}
		for _, d := range p.deny {
			if strings.Contains(html, d) {
				t.Errorf("%s: still shows %q", p.page, d)
			}
		}
	}

	load := func(name string) *dataset.Table {
		tb, l := dataset.Load(repo, "data/"+name+".csv")
		if tb == nil {
			t.Fatalf("%s: %v", name, l)
		}
		return tb
	}
	cell := func(tb *dataset.Table, key, keyCol, col string) string {
		k := tb.Col(keyCol)
		for i := 0; i < tb.Len(); i++ {
			if k.Text(i) == key {
				return tb.Col(col).Text(i)
			}
		}
		t.Fatalf("no row %s", key)
		return ""
	}
	checks := []struct{ data, key, keyCol, col, want string }{
		{"investments", "INV24", "investment_id", "sector_board", "Infraestructura y logística"}, // Poma builds Metrocables
		{"investments", "INV13", "investment_id", "year", ""},                                    // PIK POK: year not given
		{"investment_pipeline", "LEAD16", "lead_id", "sector_board", "Manufactura"},              // BUNDY Refrigerator
		{"investment_pipeline", "LEAD26", "lead_id", "sector_board", "Servicios de tecnología"},  // Huawei Latam
		{"project_bank", "12", "project_no", "sector_basis", "movilidad sostenible; transporte limpio, eléctrico"},
		{"project_bank", "13", "project_no", "sector_basis", "infraestructura para una cuarta línea del Metro (estudios técnicos, legales y financieros)"},
	}
	for _, c := range checks {
		if got := cell(load(c.data), c.key, c.keyCol, c.col); got != c.want {
			t.Errorf("%s %s %s = %q, want %q", c.data, c.key, c.col, got, c.want)
		}
	}
	// Every editorial assignment and every project-bank phrase is recorded in
	// sector_mapping, so the mapping table explains each board on the site.
	mapping := load("sector_mapping")
	labels := map[string]bool{}
	for i := 0; i < mapping.Len(); i++ {
		labels[mapping.Col("label").Text(i)] = true
	}
	pb := load("project_bank")
	for i := 0; i < pb.Len(); i++ {
		if b := pb.Col("sector_basis").Text(i); !labels[b] {
			t.Errorf("project_bank %s: sector_basis %q is not a sector_mapping label", pb.Col("project_no").Text(i), b)
		}
	}
	// The three ProColombia BPO rows say what each counts.
	ctx := load("context_indicators")
	seen := map[string]string{}
	for _, id := range []string{"CTX42", "CTX43", "CTX44"} {
		en := cell(ctx, id, "indicator_id", "indicator_en")
		if prev, ok := seen[en]; ok {
			t.Errorf("%s and %s share the English label %q", prev, id, en)
		}
		seen[en] = id
	}
}

// TestDatACICountryLinks checks that the world maps and the tables link a
// country to its generated page, relatively (the site works from disk).
func TestDatACICountryLinks(t *testing.T) {
	_, files := buildRepo(t)
	for _, tc := range []struct{ file, want string }{
		{"historia-ied.html", `data-links="{&#34;Canadá&#34;:&#34;paises/ca.html&#34;`},
		{"historia-ied.html", `<a href="paises/us.html">Estados Unidos</a>`},
		{"en/historia-ied.html", `<a href="../en/paises/us.html">United States</a>`},
		{"historia-cooperacion.html", `<a href="paises/br.html">Brasil</a>`},
		{"paises/index.html", `<th scope="row"><a href="../paises/us.html">Estados Unidos</a></th>`},
		{"paises/es.html", `<h1>España en DatACI</h1>`},
		{"en/paises/es.html", `<h1>Spain in DatACI</h1>`},
	} {
		if !strings.Contains(string(files[tc.file]), tc.want) {
			t.Errorf("%s: missing %s", tc.file, tc.want)
		}
	}
	// Only countries have pages, never an organisation: every page of
	// paises/ is named after an ISO country code.
	for p := range files {
		name, ok := strings.CutPrefix(p, "paises/")
		if !ok || name == "index.html" {
			continue
		}
		if _, known := country.Lookup(strings.ToUpper(strings.TrimSuffix(name, ".html"))); !known {
			t.Errorf("%s is not a country's page", p)
		}
	}
}
