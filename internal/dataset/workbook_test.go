package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const workbookSchema = `title = "Inversiones"
source = "ACI"
%s
[[columns]]
name = "code"
type = "text"
[[columns]]
name = "company"
type = "text"
[[columns]]
name = "amount"
type = "number"
[[columns]]
name = "date"
type = "date"
[[columns]]
name = "double"
type = "number"
`

// writeWorkbook saves a workbook built by fill as data/inv.xlsx of a new
// site folder, with the schema given extra keys, and returns the folder.
func writeWorkbook(t *testing.T, extra string, fill func(f *excelize.File)) string {
	t.Helper()
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	f := excelize.NewFile()
	fill(f)
	if err := f.SaveAs(filepath.Join(dir, "data", "inv.xlsx")); err != nil {
		t.Fatal(err)
	}
	schema := strings.Replace(workbookSchema, "%s", extra, 1)
	if err := os.WriteFile(filepath.Join(dir, "data", "inv.toml"), []byte(schema), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// goodSheet writes a table as the knowledge team would: a title above the
// headers, numbers shown the Spanish way, a date, a code with a leading
// zero kept as text, and a formula.
func goodSheet(f *excelize.File) {
	sh := "Sheet1"
	f.SetSheetName(sh, "Hoja1")
	sh = "Hoja1"
	f.SetCellValue(sh, "A1", "Inversiones 2022 (borrador)")
	for i, h := range []string{"code", "company", "amount", "date", "double"} {
		cell, _ := excelize.CoordinatesToCellName(i+1, 3)
		f.SetCellValue(sh, cell, h)
	}
	spanish, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("#.##0,00")})
	dateStyle, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellStr(sh, "A4", "010")
	f.SetCellValue(sh, "B4", "Hotel, \"York\"")
	f.SetCellValue(sh, "C4", 1234.5)
	f.SetCellStyle(sh, "C4", "C4", spanish)
	f.SetCellValue(sh, "D4", 44926) // 2022-12-31
	f.SetCellStyle(sh, "D4", "D4", dateStyle)
	f.SetCellValue(sh, "E4", 2469)
	f.SetCellFormula(sh, "E4", "C4*2")
	f.SetCellStr(sh, "A5", "011")
	f.SetCellValue(sh, "B5", "Línea uno\nlínea dos")
	f.SetCellValue(sh, "C5", 0.001)
}

func ptr[T any](v T) *T { return &v }

func TestWorkbookIsReadByStoredType(t *testing.T) {
	dir := writeWorkbook(t, "", goodSheet)
	tb, l := Load(os.DirFS(dir), "data/inv.xlsx")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if tb.Name != "inv" || tb.Len() != 2 {
		t.Fatalf("name %q, %d rows", tb.Name, tb.Len())
	}
	for _, tc := range []struct {
		col  string
		row  int
		want string
	}{
		{"code", 0, "010"}, {"code", 1, "011"},
		{"company", 0, `Hotel, "York"`}, {"company", 1, "Línea uno\nlínea dos"},
		{"date", 0, "2022-12-31"},
	} {
		if got := tb.Col(tc.col).Str[tc.row]; got != tc.want {
			t.Errorf("%s[%d] = %q, want %q", tc.col, tc.row, got, tc.want)
		}
	}
	if got := tb.Col("amount").Num; got[0] != 1234.5 || got[1] != 0.001 {
		t.Errorf("amount = %v, want [1234.5 0.001]", got)
	}
	if got := tb.Col("double").Num[0]; got != 2469 {
		t.Errorf("formula = %v, want its cached value 2469", got)
	}
	if !strings.HasPrefix(string(tb.Raw), "code,company,amount,date,double\n010,") {
		t.Errorf("the CSV for download starts %q", tb.Raw[:min(60, len(tb.Raw))])
	}
	// Scan streams the same rows.
	n := 0
	if l := Scan(os.DirFS(dir), "data/inv.xlsx", nil, func(r *Row) error { n++; return nil }); len(l) > 0 || n != 2 {
		t.Fatalf("Scan: %d rows, %s", n, l.Format("en"))
	}
}

func TestWorkbookErrorsNameTheCell(t *testing.T) {
	for _, tc := range []struct {
		name, extra string
		fill        func(f *excelize.File)
		file        string // default data/inv.xlsx
		want        []string
	}{
		{"text in a number column", "", func(f *excelize.File) {
			goodSheet(f)
			f.SetCellStr("Hoja1", "C5", "1.234,5")
		}, "", []string{`data/inv.xlsx › Hoja1!C5: column "amount": value "1.234,5" is not a number`, "retype it as a number in Excel"}},
		{"error on a line after a multi-line cell", "", func(f *excelize.File) {
			goodSheet(f)
			f.SetCellStr("Hoja1", "A6", "012")
			f.SetCellStr("Hoja1", "E6", "doble")
		}, "", []string{`data/inv.xlsx › Hoja1!E6: column "double"`}},
		{"merged cells", "", func(f *excelize.File) {
			goodSheet(f)
			f.MergeCell("Hoja1", "B4", "B5")
		}, "", []string{"data/inv.xlsx › Hoja1!B4: merged cells (B4:B5)", "unmerge them"}},
		{"hidden row", "", func(f *excelize.File) {
			goodSheet(f)
			f.SetRowVisible("Hoja1", 5, false)
		}, "", []string{"data/inv.xlsx › Hoja1!A5: row 5 is hidden"}},
		{"empty sheet", "", func(f *excelize.File) {}, "", []string{`data/inv.xlsx: sheet "Sheet1" is empty`}},
		{"missing sheet", `sheet = "Hoja 1"`, goodSheet, "", []string{`data/inv.toml: workbook data/inv.xlsx has no sheet "Hoja 1" (did you mean "Hoja1"?`}},
		{"bad range", `range = "C3"`, goodSheet, "", []string{`range = "C3" is not a cell range`}},
		{"unknown header", "", func(f *excelize.File) {
			goodSheet(f)
			f.SetCellValue("Hoja1", "C3", "amuont")
		}, "", []string{`data/inv.xlsx › Hoja1!C3:`, "amuont"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := writeWorkbook(t, tc.extra, tc.fill)
			_, l := Load(os.DirFS(dir), "data/inv.xlsx")
			got := l.Format("en")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("diagnostics lack %q:\n%s", w, got)
				}
			}
			// Streaming reports the same cells.
			sl := Scan(os.DirFS(dir), "data/inv.xlsx", nil, func(*Row) error { return nil })
			if sl.Format("en") != got {
				t.Errorf("Scan says\n%s\nLoad says\n%s", sl.Format("en"), got)
			}
		})
	}
}

func TestWorkbookRange(t *testing.T) {
	dir := writeWorkbook(t, `range = "A3:E4"`, func(f *excelize.File) {
		goodSheet(f)
		f.SetCellStr("Hoja1", "C5", "not in the range")
		f.SetCellStr("Hoja1", "F3", "notes outside the range")
	})
	tb, l := Load(os.DirFS(dir), "data/inv.xlsx")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if tb.Len() != 1 || tb.Col("code").Str[0] != "010" {
		t.Errorf("%d rows", tb.Len())
	}
}

func TestBrokenWorkbookFiles(t *testing.T) {
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "data"), 0o755)
	schema := strings.Replace(workbookSchema, "%s", "", 1)
	for name, data := range map[string][]byte{
		"corrupt":   []byte("PK\x03\x04 this is not a whole zip"),
		"encrypted": append(append([]byte(nil), oleMagic...), make([]byte, 512)...),
	} {
		os.WriteFile(filepath.Join(dir, "data", name+".xlsx"), data, 0o644)
		os.WriteFile(filepath.Join(dir, "data", name+".toml"), []byte(schema), 0o644)
	}
	os.WriteFile(filepath.Join(dir, "data", "old.xls"), oleMagic, 0o644)
	_, l := LoadDir(os.DirFS(dir), "data")
	got := l.Format("en")
	for _, w := range []string{
		"data/corrupt.xlsx: it is not a valid Excel workbook",
		"data/encrypted.xlsx: the workbook is password-protected",
		"data/old.xls: Excel 97-2003 workbooks (.xls) are not read",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("diagnostics lack %q:\n%s", w, got)
		}
	}
	// A CSV schema may not name a sheet.
	os.WriteFile(filepath.Join(dir, "data", "c.csv"), []byte("code\n1\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "data", "c.toml"), []byte("title = \"c\"\nsheet = \"Hoja1\"\n[[columns]]\nname = \"code\"\ntype = \"text\"\n"), 0o644)
	if _, l := Load(os.DirFS(dir), "data/c.csv"); !strings.Contains(l.Format("en"), "only apply to Excel workbooks") {
		t.Errorf("sheet on a CSV: %s", l.Format("en"))
	}
}
