package dataset

import (
	"path"
	"strings"
)

// Dir is the folder of the datasets, both in the site's source (data/ied.csv
// beside its schema data/ied.toml) and in the published site (data/ied.csv,
// the download). Every path of a dataset is built here.
const Dir = "data"

// Path returns the path of dataset name's file with extension ext:
// Path("ied", ".toml") is "data/ied.toml".
func Path(name, ext string) string { return Dir + "/" + name + ext }

// CSVPath returns where dataset name's CSV is read from and published to,
// relative to the site's root: "data/ied.csv".
func CSVPath(name string) string { return Path(name, ".csv") }

// WorkbookPath returns where the workbook file (a source path, e.g.
// "data/inversiones.xlsx") is published, beside its dataset's CSV.
func WorkbookPath(file string) string { return Dir + "/" + path.Base(file) }

// NameOf returns the dataset name of a data file: "data/ied.csv" and
// "data/ied.xlsx" are both "ied".
func NameOf(p string) string { return strings.TrimSuffix(path.Base(p), path.Ext(p)) }

// IsWorkbook reports whether p names an Excel workbook.
func IsWorkbook(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".xlsx", ".xlsm":
		return true
	}
	return false
}

// isOldWorkbook reports whether p names a workbook of the format before
// 2007, which Tablero does not read.
func isOldWorkbook(p string) bool { return strings.EqualFold(path.Ext(p), ".xls") }
