package dataset

import (
	"bytes"
	"errors"
	"io/fs"
	"path"
	"strings"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/tomlx"
)

// SchemaPath returns the path of the schema of the CSV at csvPath: the same
// path with the extension .toml ("data/ied.csv" → "data/ied.toml").
func SchemaPath(csvPath string) string {
	return strings.TrimSuffix(csvPath, path.Ext(csvPath)) + ".toml"
}

// ReadSchema reads and checks the schema of the dataset at csvPath. When
// the schema is missing, the diagnostic points at the CSV. On any error the
// schema is nil.
func ReadSchema(fsys fs.FS, csvPath string) (*Schema, diag.List) {
	if d, ok := checkPath(fsys, csvPath); !ok {
		return nil, diag.List{d}
	}
	file := SchemaPath(csvPath)
	if d, ok := checkPath(fsys, file); !ok {
		return nil, diag.List{d}
	}
	text, err := fs.ReadFile(fsys, file)
	if errors.Is(err, fs.ErrNotExist) {
		name := NameOf(csvPath)
		return nil, diag.List{diag.Errorf(csvPath, 0, 0,
			"falta el esquema %s que describe las columnas de este CSV",
			"missing schema %s describing the columns of this CSV", file).
			WithHint("créelo con `tablero new dataset %s` y revise los tipos de cada columna",
				"create it with `tablero new dataset %s` and check each column's type", name)}
	}
	if err != nil {
		return nil, diag.List{diag.ReadError(file, err)}
	}
	s, l := ParseSchema(file, text)
	if s != nil && !IsWorkbook(csvPath) && (s.Sheet != "" || s.HeaderRow != 0 || s.Range != "") {
		return nil, diag.List{diag.Errorf(file, 0, 0, "sheet, header_row y range solo valen para libros de Excel (.xlsx)",
			"sheet, header_row and range only apply to Excel workbooks (.xlsx)").
			WithHint("bórrelos: %s es un CSV", "remove them: %s is a CSV file", csvPath)}
	}
	if s != nil && s.HeaderRow < 0 {
		return nil, diag.List{diag.Errorf(file, 0, 0, "header_row = %d: las filas empiezan en 1", "header_row = %d: rows start at 1", s.HeaderRow)}
	}
	if s != nil && IsWorkbook(csvPath) {
		s.workbookSeparators()
	}
	return s, l
}

// ParseSchema decodes and checks the text of a schema read from file (used
// in diagnostics). On any error the schema is nil.
func ParseSchema(file string, text []byte) (*Schema, diag.List) {
	text = bytes.TrimPrefix(text, bom)
	if d, ok := diag.CheckUTF8(file, 1, text, diag.Text{ES: "el esquema no está guardado", EN: "the schema is not saved"}); !ok {
		return nil, diag.List{d}
	}
	s := &Schema{}
	str := string(text)
	if l := tomlx.Decode(file, 1, str, s); len(l) > 0 {
		return nil, l
	}
	s.File = file
	if _, l := compile(s, newTOMLPos(str)); len(l) > 0 {
		return nil, l
	}
	tomlx.Detach(s) // a schema lives as long as the build; its file need not
	return s, nil
}

// ColumnIndex returns the index in Columns of the column called name, or -1.
func (s *Schema) ColumnIndex(name string) int {
	for i := range s.Columns {
		if s.Columns[i].Name == name {
			return i
		}
	}
	return -1
}
