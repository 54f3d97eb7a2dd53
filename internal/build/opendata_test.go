package build

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// buildDatACI builds a copy of the repository's site with extra lines
// appended to its site.toml and returns its files by path.
func buildDatACI(t *testing.T, siteExtra string) map[string][]byte {
	t.Helper()
	dir := copySite(t, "../..")
	if siteExtra != "" {
		cfg := filepath.Join(dir, "site.toml")
		b, err := os.ReadFile(cfg)
		if err != nil {
			t.Fatal(err)
		}
		// The site sets base_url = "" already; a key may appear once.
		b = regexp.MustCompile(`(?m)^base_url = .*$`).ReplaceAll(b, nil)
		if err := os.WriteFile(cfg, append(b, []byte("\n"+siteExtra+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := Build(os.DirFS(dir))
	if !res.OK() {
		t.Fatal(res.Diagnostics.Format("en"))
	}
	files := map[string][]byte{}
	for _, f := range res.Files {
		files[f.Path] = f.Data
	}
	return files
}

// TestDataPackageIsValid checks datapackage.json against the Tabular Data
// Package profile published by Frictionless (vendored in testdata with its
// licence), and that every resource it lists is published.
func TestDataPackageIsValid(t *testing.T) {
	files := buildDatACI(t, `base_url = "https://example.org/datos/"`)
	dp := files["datapackage.json"]
	if dp == nil {
		t.Fatal("no datapackage.json")
	}
	c := jsonschema.NewCompiler()
	sch, err := c.Compile("../opendata/testdata/frictionless/tabular-data-package.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(dp))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Fatalf("datapackage.json is not a valid Tabular Data Package:\n%v", err)
	}
	var pkg struct {
		Resources []struct {
			Name, Path string
			Schema     struct {
				Fields []struct{ Name, Type string }
			}
		}
	}
	if err := json.Unmarshal(dp, &pkg); err != nil {
		t.Fatal(err)
	}
	if len(pkg.Resources) < 10 {
		t.Fatalf("%d resources, want every DatACI dataset", len(pkg.Resources))
	}
	for _, r := range pkg.Resources {
		if files[r.Path] == nil {
			t.Errorf("resource %s: %s is not published", r.Name, r.Path)
		}
		header, _, _ := strings.Cut(strings.TrimPrefix(string(files[r.Path]), "\ufeff"), "\n")
		for _, f := range r.Schema.Fields {
			if !strings.Contains(header, f.Name) {
				t.Errorf("resource %s: field %s is not in the CSV header %q", r.Name, f.Name, header)
			}
		}
	}
	// A negative control: the validator rejects a broken descriptor, so the
	// check above can fail.
	bad, _ := jsonschema.UnmarshalJSON(strings.NewReader(`{"profile":"tabular-data-package","resources":[{"name":"Bad Name","path":"x.csv"}]}`))
	if sch.Validate(bad) == nil {
		t.Error("the validator accepted a resource without a schema and with an invalid name")
	}
}

var ldScript = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)

// TestHarvesterMetadata checks the schema.org records of the catalogue
// page, the DCAT catalogue and the citations, with and without base_url.
func TestHarvesterMetadata(t *testing.T) {
	for _, tc := range []struct {
		name, extra, wantURL string
	}{
		{"with base_url", `base_url = "https://example.org/datos/"`, "https://example.org/datos/data/ied_history.csv"},
		{"without base_url", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := buildDatACI(t, tc.extra)
			m := ldScript.FindSubmatch(files["datos.html"])
			if m == nil {
				t.Fatal("datos.html has no JSON-LD")
			}
			var g struct {
				Context string           `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal(m[1], &g); err != nil {
				t.Fatalf("JSON-LD does not parse: %v", err)
			}
			if g.Context != "https://schema.org" || len(g.Graph) < 10 {
				t.Fatalf("context %q, %d datasets", g.Context, len(g.Graph))
			}
			var ied map[string]any
			for _, d := range g.Graph {
				for _, k := range []string{"name", "description", "license", "creator", "distribution"} {
					if d[k] == nil {
						t.Errorf("%v lacks %s", d["name"], k)
					}
				}
				if d["name"] == "Inversión extranjera directa gestionada por la ACI, por año" || strings.Contains(string(mustJSON(d["distribution"])), "ied_history.csv") {
					ied = d
				}
			}
			if tc.wantURL == "" {
				if bytes.Contains(m[1], []byte(`"contentUrl"`)) || bytes.Contains(files["catalog.jsonld"], []byte("downloadURL")) {
					t.Error("relative URLs written without base_url")
				}
				if bytes.Contains(files["index.html"], []byte("hreflang=\"en\" href")) && bytes.Contains(files["index.html"], []byte(`<link rel="alternate"`)) {
					t.Error("index.html has a relative hreflang link")
				}
				return
			}
			if ied == nil {
				t.Fatal("no record for ied_history")
			}
			if !strings.Contains(string(mustJSON(ied)), tc.wantURL) {
				t.Errorf("ied_history record lacks %s: %s", tc.wantURL, mustJSON(ied))
			}
			if ied["temporalCoverage"] == nil || ied["spatialCoverage"] != "Medellín, Valle de Aburrá y Antioquia (Colombia)" {
				t.Errorf("coverage: %v / %v", ied["temporalCoverage"], ied["spatialCoverage"])
			}
			var cat map[string]any
			if err := json.Unmarshal(files["catalog.jsonld"], &cat); err != nil {
				t.Fatal(err)
			}
			if cat["@type"] != "dcat:Catalog" || !bytes.Contains(files["catalog.jsonld"], []byte(`"dcat:downloadURL": "`+tc.wantURL+`"`)) {
				t.Errorf("catalog.jsonld: %.400s", files["catalog.jsonld"])
			}
			if !bytes.Contains(files["index.html"], []byte(`<link rel="alternate" hreflang="en" href="https://example.org/datos/en/index.html">`)) {
				t.Error("hreflang is not absolute with base_url")
			}
			if !bytes.Contains(files["en/datos.html"], []byte("How to cite")) || !bytes.Contains(files["datos.html"], []byte("[conjunto de datos]")) {
				t.Error("no citation on the catalogue pages")
			}
		})
	}
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
