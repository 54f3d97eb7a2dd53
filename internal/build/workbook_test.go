package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWorkbookDataset builds a site whose dataset is an Excel workbook,
// held and streamed: the chart draws its figures, the download is CSV,
// and the catalogue also offers the workbook.
func TestWorkbookDataset(t *testing.T) {
	for _, streamed := range []bool{false, true} {
		name := map[bool]string{false: "held", true: "streamed"}[streamed]
		t.Run(name, func(t *testing.T) {
			if streamed {
				defer func(old int64) { bigFile = old }(bigFile)
				bigFile = 10
			}
			dir := copySite(t, "testdata/big")
			os.RemoveAll(filepath.Join(dir, "data"))
			os.MkdirAll(filepath.Join(dir, "data"), 0o755)
			f := excelize.NewFile()
			f.SetSheetRow("Sheet1", "A1", &[]any{"anio", "valor"})
			f.SetSheetRow("Sheet1", "A2", &[]any{2021, 1234.5})
			f.SetSheetRow("Sheet1", "A3", &[]any{2022, 2000})
			if err := f.SaveAs(filepath.Join(dir, "data", "ventas.xlsx")); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "data", "ventas.toml"), []byte(`title = "Ventas"
source = "Prueba"
decimal = ","
[[columns]]
name = "anio"
type = "year"
[[columns]]
name = "valor"
type = "number"
`), 0o644)
			os.RemoveAll(filepath.Join(dir, "content"))
			os.MkdirAll(filepath.Join(dir, "content"), 0o755)
			os.WriteFile(filepath.Join(dir, "content", "index.md"), []byte("+++\ntitle = \"Inicio\"\nkind = \"home\"\n+++\n\n```chart\ntype = \"bar\"\ndata = \"ventas\"\nx = \"anio\"\ny = \"valor\"\naggregate = \"sum\"\ntitle = \"Ventas\"\n```\n"), 0o644)
			os.WriteFile(filepath.Join(dir, "content", "datos.md"), []byte("+++\ntitle = \"Datos\"\nkind = \"catalogue\"\n+++\n"), 0o644)
			res := Build(os.DirFS(dir))
			if !res.OK() {
				t.Fatal(res.Diagnostics.Format("en"))
			}
			files := map[string]string{}
			for _, f := range res.Files {
				data := f.Data
				if f.Open != nil {
					rc, err := f.Open()
					if err != nil {
						t.Fatal(err)
					}
					var b strings.Builder
					buf := make([]byte, 4096)
					for {
						n, err := rc.Read(buf)
						b.Write(buf[:n])
						if err != nil {
							break
						}
					}
					rc.Close()
					data = []byte(b.String())
				}
				files[f.Path] = string(data)
			}
			if got := files["data/ventas.csv"]; got != "anio,valor\n2021,1234.5\n2022,2000\n" {
				t.Errorf("data/ventas.csv = %q", got)
			}
			if !strings.HasPrefix(files["data/ventas.xlsx"], "PK") {
				t.Error("the workbook is not published")
			}
			if !strings.Contains(files["datos.html"], `href="data/ventas.xlsx" download`) {
				t.Error("the catalogue does not offer the workbook")
			}
			if !strings.Contains(files["index.html"], "1234.5") {
				t.Error("the chart lacks the workbook's figure")
			}
		})
	}
}
