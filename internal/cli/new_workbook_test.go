package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tablero/tablero/internal/dataset"
	"github.com/xuri/excelize/v2"
)

// TestNewDatasetFromWorkbook infers a schema from a sheet with a title
// above its table, and the dataset it writes loads: the same grammar reads
// the workbook for inference and for the build.
func TestNewDatasetFromWorkbook(t *testing.T) {
	dir := newSite(t)
	src := filepath.Join(t.TempDir(), "Exportaciones.xlsx")
	f := excelize.NewFile()
	f.NewSheet("Datos")
	f.SetCellValue("Datos", "A1", "Exportaciones (borrador)")
	f.SetSheetRow("Datos", "A3", &[]any{"anio", "codigo", "valor", "pais"})
	f.SetSheetRow("Datos", "A4", &[]any{2021, "010", 1234.5, "CO"})
	f.SetSheetRow("Datos", "A5", &[]any{2022, "011", 99, "US"})
	if err := f.SaveAs(src); err != nil {
		t.Fatal(err)
	}
	code, out, errs := run("new", "dataset", "exportaciones", "--from", src, "--sheet", "Datos", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "data/exportaciones.xlsx") {
		t.Errorf("output:\n%s", out)
	}
	schema, _ := os.ReadFile(filepath.Join(dir, "data", "exportaciones.toml"))
	for _, w := range []string{`sheet = "Datos"`, "header_row = 3"} {
		if !strings.Contains(string(schema), w) {
			t.Errorf("schema lacks %s:\n%s", w, schema)
		}
	}
	s, l := dataset.ReadSchema(os.DirFS(dir), "data/exportaciones.xlsx")
	if len(l) > 0 {
		t.Fatalf("the inferred schema is refused:\n%s", l.Format("en"))
	}
	want := map[string]string{"anio": "year", "codigo": "text", "valor": "number", "pais": "country"}
	for _, c := range s.Columns {
		if want[c.Name] != c.Type {
			t.Errorf("column %s: type %s, want %s", c.Name, c.Type, want[c.Name])
		}
	}
	tb, l := dataset.Load(os.DirFS(dir), "data/exportaciones.xlsx")
	if len(l) > 0 {
		t.Fatalf("the dataset does not load:\n%s", l.Format("en"))
	}
	if tb.Col("codigo").Str[0] != "010" || tb.Col("valor").Num[0] != 1234.5 {
		t.Errorf("codigo %q valor %v", tb.Col("codigo").Str[0], tb.Col("valor").Num[0])
	}
	// A sheet that does not exist is named with the ones that do.
	code, _, errs = run("new", "dataset", "otra", "--from", src, "--sheet", "Dato", "--source", dir)
	if code == 0 || !strings.Contains(errs, `"Datos"`) {
		t.Errorf("missing sheet: exit %d, %s", code, errs)
	}
}
