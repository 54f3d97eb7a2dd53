package dataset

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// benchFS holds a generated dataset of rows rows, in the shape of an Excel
// export: ";", decimal comma, thousands point, CRLF.
func benchFS(rows int) fstest.MapFS {
	sectors := []string{"Servicios", "Manufactura", "Tecnología", "Energía", "Comercio"}
	countries := []string{"CA", "US", "ES", "MX", "DE", "FR", "CO", "BR"}
	var b strings.Builder
	b.WriteString("\xEF\xBB\xBFid;pais;anio;monto;empleos;part;sector;fecha;nota\r\n")
	for i := range rows {
		fmt.Fprintf(&b, "%d;%s;%d;%d.%03d,%d;%d;%d,%d%%;%s;20%02d-%02d-%02d;Proyecto %d de inversión\r\n",
			i, countries[i%len(countries)], 2000+i%25, i%999+1, i%1000, i%10, i%5000, i%100, i%10,
			sectors[i%len(sectors)], i%25, i%12+1, i%28+1, i)
	}
	schema := `delimiter = ";"
decimal = ","
thousands = "."
key = ["id"]
[[columns]]
name = "id"
type = "integer"
[[columns]]
name = "pais"
type = "country"
[[columns]]
name = "anio"
type = "year"
[[columns]]
name = "monto"
type = "number"
[[columns]]
name = "empleos"
type = "integer"
[[columns]]
name = "part"
type = "percent"
[[columns]]
name = "sector"
type = "category"
values = ["Servicios", "Manufactura", "Tecnología", "Energía", "Comercio"]
[[columns]]
name = "fecha"
type = "date"
[[columns]]
name = "nota"
type = "text"
`
	return fstest.MapFS{
		"data/big.csv":  {Data: []byte(b.String())},
		"data/big.toml": {Data: []byte(schema)},
	}
}

func BenchmarkLoad(b *testing.B) {
	fsys := benchFS(100_000)
	b.SetBytes(int64(len(fsys["data/big.csv"].Data)))
	b.ReportAllocs()
	for b.Loop() {
		tb, l := Load(fsys, "data/big.csv")
		if len(l) > 0 {
			b.Fatal(l.Format("en"))
		}
		if tb.Len() != 100_000 {
			b.Fatalf("%d rows", tb.Len())
		}
	}
}

func BenchmarkScan(b *testing.B) {
	fsys := benchFS(100_000)
	b.SetBytes(int64(len(fsys["data/big.csv"].Data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		l := Scan(fsys, "data/big.csv", nil, func(*Row) error { n++; return nil })
		if len(l) > 0 || n != 100_000 {
			b.Fatalf("%d rows\n%s", n, l.Format("en"))
		}
	}
}
