package dataset

import (
	"strconv"
	"strings"
	"time"
)

// Cell names and Excel's dates, the three things excelize gave the
// reader besides the sheet. They are written here because importing
// excelize cost every run of tablero, workbook or not, about 5 ms before
// main (its package initialisation builds a table of all 16,384 column
// names) and 2 MB of binary; the tests check them against excelize.

// cellCoords returns the column and row of a cell named as Excel does:
// "C7" is 3, 7. Letters may be lower case, and "$" (an absolute
// reference, "$C$7") is ignored.
func cellCoords(name string) (col, row int, ok bool) {
	s := strings.ReplaceAll(name, "$", "")
	i := 0
	for ; i < len(s); i++ {
		c := s[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		if col = col*26 + int(c-'a'+1); col > maxSheetCols {
			return 0, 0, false
		}
	}
	if i == 0 || i == len(s) || s[i] < '0' || s[i] > '9' {
		return 0, 0, false
	}
	row, err := strconv.Atoi(s[i:])
	if err != nil || row < 1 || row > maxSheetRows {
		return 0, 0, false
	}
	return col, row, true
}

// cellName names the cell at col and row as Excel does: 3, 7 is "C7".
func cellName(col, row int) string {
	var b [8]byte
	i := len(b)
	for ; col > 0; col = (col - 1) / 26 {
		i--
		b[i] = byte('A' + (col-1)%26)
	}
	return string(b[i:]) + strconv.Itoa(row)
}

// excelDay returns the day of an Excel date serial number: whole days
// since the workbook's epoch, and a time of day as a fraction. Excel
// counts 1900 as a leap year, so in the 1900 system serial 60 is a 29
// February that never was (taken, as excelize does, as the 28th), and
// days from 61 on are counted from 30 December 1899. A time of day within
// half a second of midnight is the next day, as Excel shows it.
func excelDay(serial float64, date1904 bool) time.Time {
	days := int(serial)
	var d time.Time
	switch {
	case date1904:
		d = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	case days < 60:
		return time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	case days < 61:
		return time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC)
	default:
		d = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, days)
	}
	d = d.Add(time.Duration(float64(24*time.Hour) * (serial - float64(days) + 1e-9)))
	if d.Nanosecond()/1e6 > 500 { // whole milliseconds, as excelize rounds
		d = d.Round(time.Second)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
}
