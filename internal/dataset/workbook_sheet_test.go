package dataset

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// xlsxOf builds a workbook of one sheet, "Hoja1", from the XML of its
// <sheetData> (and what follows it), its shared strings (the <si>
// elements) and its cell styles (the <numFmts> and <cellXfs> elements).
func xlsxOf(t testing.TB, sheetData, sst, styles string) []byte {
	t.Helper()
	if styles == "" {
		styles = `<cellXfs count="1"><xf numFmtId="0"/></cellXfs>`
	}
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Hoja1" sheetId="1" r:id="rId1"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`},
		{"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1"/><sheetData>` + sheetData + `</worksheet>`},
		{"xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`},
		{"xl/styles.xml", `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + styles + `</styleSheet>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		w, err := zw.Create(p.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p.body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// ourRows reads the first sheet of a workbook with the streaming reader.
func ourRows(data []byte) ([][]string, *book, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, nil, err
	}
	bk, err := readBook(zr)
	if err != nil {
		return nil, nil, err
	}
	if len(bk.sheets) == 0 {
		return nil, bk, fmt.Errorf("no sheets")
	}
	rows, err := sheetRows(bk, bk.sheets[0].part)
	return rows, bk, err
}

// excelizeRows reads every sheet as excelize does, the reference.
func excelizeRows(t *testing.T, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		out[sh] = rows
	}
	return out
}

// sameRows compares rows, an empty row and a nil one being the same.
func sameRows(a, b [][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if len(a[i]) == 0 && len(b[i]) == 0 {
			continue
		}
		if !reflect.DeepEqual(a[i], b[i]) {
			return false
		}
	}
	return true
}

// TestSheetReaderMatchesExcelize reads workbooks written by excelize (as
// the tests and make bench write them), and any under testdata, with
// both readers: every sheet must give the same cells.
func TestSheetReaderMatchesExcelize(t *testing.T) {
	books := map[string][]byte{}
	save := func(name string, f *excelize.File) {
		var buf bytes.Buffer
		if err := f.Write(&buf); err != nil {
			t.Fatal(err)
		}
		books[name] = buf.Bytes()
	}
	f := excelize.NewFile()
	goodSheet(f)
	f.SetCellStr("Hoja1", "H9", "lejos, tras un hueco")
	f.SetCellBool("Hoja1", "B7", true)
	f.SetCellFormula("Hoja1", "C7", "1/0")
	f.SetCellRichText("Hoja1", "A8", []excelize.RichTextRun{{Text: "rico "}, {Text: "texto", Font: &excelize.Font{Bold: true}}})
	f.SetCellStr("Hoja1", "D8", "  espacios  ")
	f.SetCellStr("Hoja1", "E8", "a\r\nb_x000D_")
	f.NewSheet("Otra")
	f.SetSheetRow("Otra", "B2", &[]any{1.5e20, 0.001, -3, "=no formula"})
	save("good", f)
	f.Close()

	f = excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	for r := 1; r <= 300; r++ {
		cell, _ := excelize.CoordinatesToCellName(1, r*2)
		sw.SetRow(cell, []any{r, fmt.Sprintf("fila %d & <%d>", r, r), float64(r) / 7, r%3 == 0})
	}
	sw.Flush()
	save("stream", f)
	f.Close()

	files, _ := filepath.Glob("testdata/*.xlsx")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		books[p] = data
	}
	for name, data := range books {
		t.Run(name, func(t *testing.T) {
			want := excelizeRows(t, data)
			zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
			if err != nil {
				t.Fatal(err)
			}
			bk, err := readBook(zr)
			if err != nil {
				t.Fatal(err)
			}
			if len(bk.sheets) != len(want) {
				t.Fatalf("%d sheets, excelize has %d", len(bk.sheets), len(want))
			}
			for _, s := range bk.sheets {
				got, err := sheetRows(bk, s.part)
				if err != nil {
					t.Fatalf("%s: %v", s.name, err)
				}
				if !sameRows(got, want[s.name]) {
					t.Errorf("sheet %s:\n got %q\nwant %q", s.name, got, want[s.name])
				}
			}
		})
	}
}

// TestSheetXML reads the forms a sheet's XML takes, as Excel, LibreOffice
// and libraries write it; excelize must read the same cells.
func TestSheetXML(t *testing.T) {
	const styles = `<numFmts count="5"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.00&quot; m&quot;"/><numFmt numFmtId="166" formatCode="[h]:mm"/><numFmt numFmtId="167" formatCode="[Red]0.00"/><numFmt numFmtId="168" formatCode="0.0E+00"/></numFmts>` +
		`<cellXfs count="7"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="167"/><xf numFmtId="168"/></cellXfs>`
	for _, tc := range []struct {
		name, data, sst string
		want            [][]string
		dates           []bool // of the first row's cells, when given
	}{
		{"inline string", `<row r="1"><c r="A1" t="inlineStr"><is><t>hola</t></is></c></row></sheetData>`, "",
			[][]string{{"hola"}}, nil},
		{"inline rich text runs", `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b/></rPr><t>ho</t></r><r><t>la</t></r></is></c></row></sheetData>`, "",
			[][]string{{"hola"}}, nil},
		{"shared rich text without the phonetic guide", `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row></sheetData>`,
			`<si><r><t>Bo</t></r><r><rPr><i/></rPr><t>gotá</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si>`,
			[][]string{{"Bogotá", "東京"}}, nil},
		{"xml:space preserve", `<row r="1"><c r="A1" t="inlineStr"><is><t xml:space="preserve">  a b  </t></is></c></row></sheetData>`, "",
			[][]string{{"  a b  "}}, nil},
		{"entities and character references", `<row r="1"><c r="A1" t="str"><v>&lt;&amp;&gt;&quot;&apos;&#233;&#xE9;</v></c></row></sheetData>`, "",
			[][]string{{`<&>"'éé`}}, nil},
		{"CDATA and line ends", "<row r=\"1\"><c r=\"A1\" t=\"str\"><v><![CDATA[a<b]]></v></c><c r=\"B1\" t=\"inlineStr\"><is><t>x\r\ny&#13;</t></is></c></row></sheetData>", "",
			[][]string{{"a<b", "x\ny\r"}}, nil},
		{"escaped characters in strings", `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>`, `<si><t>a_x000D_b_x005F_x0041_</t></si>`,
			[][]string{{"a\rb_x0041_"}}, nil},
		{"missing r attributes", `<row><c><v>1</v></c><c><v>2</v></c></row><row><c t="inlineStr"><is><t>x</t></is></c></row></sheetData>`, "",
			[][]string{{"1", "2"}, {"x"}}, nil},
		{"gaps between rows and cells", `<row r="2"><c r="C2"><v>5</v></c><c r="E2"><v>6</v></c></row><row r="5"><c r="A5"><v>7</v></c></row></sheetData>`, "",
			[][]string{nil, {"", "", "5", "", "6"}, nil, nil, {"7"}}, nil},
		{"empty cells and rows", `<row r="1"><c r="A1" s="1"/><c r="B1"><v>1</v></c><c r="C1" s="1"/></row><row r="2"/><row r="3"><c r="A3"><v></v></c></row></sheetData>`, "",
			[][]string{{"", "1"}}, nil},
		{"shared formulas by their cached values", `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c></row><row r="2"><c r="A2"><v>2</v></c><c r="B2"><f t="shared" si="0"/><v>4</v></c></row></sheetData>`, "",
			[][]string{{"1", "2"}, {"2", "4"}}, nil},
		{"a formula without a cached value", `<row r="1"><c r="A1"><v>1</v></c><c r="B1"><f>1/0</f></c></row></sheetData>`, "",
			[][]string{{"1", ""}}, nil},
		{"booleans, errors and formula text", `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="b"><v>0</v></c><c r="C1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="D1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row></sheetData>`, "",
			[][]string{{"1", "0", "#DIV/0!", "ab"}}, nil},
		{"namespace prefixes", `<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>p</x:t></x:is></x:c><x:c r="B1"><x:v>3</x:v></x:c></x:row></sheetData>`, "",
			[][]string{{"p", "3"}}, nil},
		{"comments and a processing instruction", `<!-- a <row> --><row r="1"><?pi x?><c r="A1"><v>1</v><!-- ' --></c></row></sheetData>`, "",
			[][]string{{"1"}}, nil},
		{"dates by number format", `<row r="1"><c r="A1"><v>44926</v></c><c r="B1" s="1"><v>44926</v></c><c r="C1" s="2"><v>44926</v></c><c r="D1" s="3"><v>44926</v></c><c r="E1" s="4"><v>1.5</v></c><c r="F1" s="5"><v>2</v></c><c r="G1" s="6"><v>3</v></c><c r="H1" s="2" t="inlineStr"><is><t>t</t></is></c></row></sheetData>`, "",
			[][]string{{"44926", "44926", "44926", "44926", "1.5", "2", "3", "t"}},
			[]bool{false, true, true, false, true, false, false, false}},
		{"merged cells after the data", `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>`, "",
			[][]string{{"1"}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := xlsxOf(t, tc.data, tc.sst, styles)
			got, bk, err := ourRows(data)
			if err != nil {
				t.Fatal(err)
			}
			if !sameRows(got, tc.want) {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
			if ex := excelizeRows(t, data)["Hoja1"]; !sameRows(got, ex) {
				t.Errorf("got %q\nexcelize reads %q", got, ex)
			}
			if tc.dates != nil {
				r, _ := bk.openSheet(bk.sheets[0].part)
				defer r.Close()
				if ok, err := r.next(); !ok || err != nil {
					t.Fatal(ok, err)
				}
				if !reflect.DeepEqual(r.dates, tc.dates) {
					t.Errorf("dates %v, want %v", r.dates, tc.dates)
				}
			}
		})
	}
}

func TestIsDateFormat(t *testing.T) {
	for code, want := range map[string]bool{
		"dd/mm/yyyy": true, "d-mmm-yy": true, "[$-240A]d \"de\" mmmm \"de\" yyyy": true, "h:mm AM/PM": true,
		"[h]:mm:ss": true, "yyyy-mm-dd;@": true, "General": false, "0.00": false, "#,##0.00 \"m\"": false,
		"[Red]0.00": false, "0.0E+00": false, `0\m`: false, "_-* #,##0_-": false, "#.##0,00": false,
	} {
		if got := isDateFormat(code); got != want {
			t.Errorf("isDateFormat(%q) = %v, want %v", code, got, want)
		}
	}
}

// TestSheetLimits: a sheet that would make a CSV over the limits of
// limits.go stops there, naming the cell, however small its zip.
func TestSheetLimits(t *testing.T) {
	wide := `<row r="1">`
	for c := 1; c <= MaxColumns+1; c++ {
		wide += fmt.Sprintf(`<c t="inlineStr"><is><t>h%d</t></is></c>`, c)
	}
	wide += `</row></sheetData>`
	long := strings.Repeat("a", MaxCell+10)
	for _, tc := range []struct{ name, data, sst, want string }{
		{"a huge inline value", `<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>` + long + `</t></is></c></row></sheetData>`, "",
			"data/x.xlsx › Hoja1!A2: the value starting here is over 64 KiB"},
		{"a huge shared text", `<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c></row><row r="2"><c r="A2" t="s"><v>0</v></c></row></sheetData>`, "<si><t>" + long + "</t></si>",
			"data/x.xlsx › Hoja1!A2: the value starting here is over 64 KiB"},
		{"too many columns", wide, "", "data/x.xlsx › Hoja1!ALM1: the row has more than 1000 columns"},
		{"a row past Excel's last", `<row r="1"><c t="inlineStr"><is><t>h</t></is></c></row><row r="1048577"><c><v>1</v></c></row></sheetData>`, "",
			"row 1048577 is out of order or past 1048576"},
		{"a shared text that does not exist", `<row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData>`, "",
			"data/x.xlsx › Hoja1!A1: the cell points at shared text \"7\", which does not exist"},
		{"damaged XML", `<row r="1"><c r="A1"><v>1</v></c></row><!DOCTYPE x [<!ENTITY a "b">]>`, "", "the sheet's XML is damaged"},
		{"a sheet cut short", `<row r="1"><c r="A1"><v>1</v>`, "", "data/x.xlsx › Hoja1!1:1: the sheet ends in the middle of a row"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := xlsxOf(t, tc.data, tc.sst, "")
			_, _, _, l := SheetCSV(data, "data/x.xlsx", "")
			if got := l.Format("en"); !strings.Contains(got, tc.want) {
				t.Errorf("got %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestWorkbookDateStyles: without a schema (inferring one), a number Excel
// shows as a date is written as a date.
func TestWorkbookDateStyles(t *testing.T) {
	data := xlsxOf(t, `<row r="1"><c r="A1" t="inlineStr"><is><t>fecha</t></is></c><c r="B1" t="inlineStr"><is><t>n</t></is></c></row><row r="2"><c r="A2" s="1"><v>44926</v></c><c r="B2"><v>44926</v></c></row></sheetData>`,
		"", `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>`)
	csv, _, _, l := SheetCSV(data, "data/x.xlsx", "")
	if len(l) > 0 {
		t.Fatal(l.Format("en"))
	}
	if string(csv) != "fecha,n\n2022-12-31,44926\n" {
		t.Errorf("csv %q", csv)
	}
}

// FuzzSheetXML: no sheet, however damaged, makes the reader panic or
// loop; the rows it reads are written as CSV within the limits.
func FuzzSheetXML(f *testing.F) {
	for _, s := range []string{
		`<row r="1"><c r="A1" t="inlineStr"><is><t>h</t></is></c><c r="B1"><v>1</v></c></row></sheetData>`,
		`<row><c t="s"><v>0</v></c><c t="b"><v>1</v></c><c t="e"><v>#N/A</v></c></row><row r="9"><c r="C9"><f>1</f></c></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells>`,
		`<x:row r="1"><x:c r="A1"><x:v><![CDATA[1]]></x:v></x:c></x:row></sheetData>`,
		`<row r="1" hidden="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r><rPh><t>b</t></rPh></is></c></row></sheetData>`,
		`<row r="1"><c r="A1" t="str"><v>&amp;&#xD800;&#13;&bogus;</v></c></row><!-- x --></sheetData>`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, sheet string) {
		data := xlsxOf(t, sheet, `<si><t>s0</t></si>`, `<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>`)
		if _, _, err := ourRows(data); err != nil {
			var se *sheetError
			if !errors.As(err, &se) {
				t.Fatalf("an error that is not a sheet error: %v", err)
			}
		}
		csv, _, _, l := SheetCSV(data, "data/x.xlsx", "")
		if len(l) == 0 && bytes.Count(csv, []byte{'\n'}) > 0 {
			for _, line := range bytes.Split(csv, []byte{'\n'}) {
				if len(line) > MaxRow+2 {
					t.Fatalf("a CSV line of %d bytes", len(line))
				}
			}
		}
	})
}
