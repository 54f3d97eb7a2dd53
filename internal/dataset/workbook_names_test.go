package dataset

import (
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestCellCoords(t *testing.T) {
	for _, tc := range []struct {
		name     string
		col, row int
		ok       bool
	}{
		{"A1", 1, 1, true},
		{"c7", 3, 7, true},
		{"$C$7", 3, 7, true},
		{"Z3", 26, 3, true},
		{"AA10", 27, 10, true},
		{"XFD1048576", 16384, 1 << 20, true},
		{"XFE1", 0, 0, false},     // past the last column
		{"A1048577", 0, 0, false}, // past the last row
		{"A0", 0, 0, false},       // rows start at 1
		{"A01", 1, 1, true},       // as excelize reads it
		{"A-1", 0, 0, false},
		{"7C", 0, 0, false},
		{"C", 0, 0, false},
		{"", 0, 0, false},
		{"C7x", 0, 0, false},
		{"Ñ7", 0, 0, false},
	} {
		col, row, ok := cellCoords(tc.name)
		if _, _, err := excelize.CellNameToCoordinates(tc.name); (err == nil) != tc.ok {
			t.Errorf("%q: excelize reads it: %v; the case says %v", tc.name, err == nil, tc.ok)
		}
		if col != tc.col || row != tc.row || ok != tc.ok {
			t.Errorf("cellCoords(%q) = %d, %d, %v; want %d, %d, %v", tc.name, col, row, ok, tc.col, tc.row, tc.ok)
		}
	}
}

// TestCellNamesAsExcelize checks every column, and rows at both ends,
// against excelize, which the reader used before.
func TestCellNamesAsExcelize(t *testing.T) {
	for col := 1; col <= maxSheetCols; col++ {
		for _, row := range []int{1, 9, 10, 1 << 20} {
			want, err := excelize.CoordinatesToCellName(col, row)
			if err != nil {
				t.Fatal(err)
			}
			if got := cellName(col, row); got != want {
				t.Fatalf("cellName(%d, %d) = %q, want %q", col, row, got, want)
			}
			c, r, ok := cellCoords(want)
			if !ok || c != col || r != row {
				t.Fatalf("cellCoords(%q) = %d, %d, %v", want, c, r, ok)
			}
		}
	}
}

// TestExcelDayAsExcelize checks the day of Excel serial numbers, in both
// date systems, against excelize: the first days of 1900 (where Excel
// counts a 29 February that never was) one by one, then every 997th day
// to 9999, with times of day around midnight.
func TestExcelDayAsExcelize(t *testing.T) {
	var serials []float64
	for s := 1; s <= 62; s++ {
		serials = append(serials, float64(s), float64(s)+0.25, float64(s)+0.5)
	}
	for s := 62; s < 2958466; s += 997 {
		for _, f := range []float64{0, 0.5, 0.999994, 0.999995, 0.9999999} {
			serials = append(serials, float64(s)+f)
		}
	}
	serials = append(serials, 2958465, 2958465.5)
	for _, date1904 := range []bool{false, true} {
		for _, s := range serials {
			want, err := excelize.ExcelDateToTime(s, date1904)
			if err != nil {
				t.Fatal(err)
			}
			if got := excelDay(s, date1904); got.Format(time.DateOnly) != want.Format(time.DateOnly) {
				t.Errorf("excelDay(%v, 1904: %v) = %s, want %s", s, date1904, got.Format(time.DateOnly), want.Format(time.DateOnly))
			}
		}
	}
}
