package dataset

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"strings"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/par"
)

// Load reads the CSV at csvPath (a slash path in fsys, e.g.
// "data/ied_history.csv") and its schema beside it ("data/ied_history.toml"),
// checks every cell and returns the table. Every problem found is reported,
// up to 50 per file; when there is any, the table is nil.
func Load(fsys fs.FS, csvPath string) (*Table, diag.List) {
	t, l := Open(fsys, csvPath)
	if len(l) > 0 {
		return nil, l
	}
	if l := t.ReadCells(fsys); len(l) > 0 {
		return nil, l
	}
	return t, nil
}

// Open reads and checks the schema of the dataset at csvPath and returns
// its table without cells: ReadCells reads them. A build reads every
// schema first, since menus, search and the data index need only those,
// and each CSV when a page draws it.
func Open(fsys fs.FS, csvPath string) (*Table, diag.List) {
	s, l := ReadSchema(fsys, csvPath)
	if len(l) > 0 {
		return nil, l
	}
	return &Table{Name: NameOf(csvPath), File: csvPath, Schema: s, read: make(chan struct{})}, nil
}

// ReadCells reads and checks the cells of a table from Open. When it
// reports problems the table has no cells and Broken is true. It must be
// called once, and nothing may read the cells until it returns (Years and
// SourceRows wait for it).
func (t *Table) ReadCells(fsys fs.FS) diag.List {
	defer close(t.read)
	l := t.readCells(fsys)
	if len(l) > 0 {
		t.Cols, t.Lines, t.Raw, t.Workbook = nil, nil, nil, nil
		t.broken = true
	}
	return l
}

func (t *Table) readCells(fsys fs.FS) diag.List {
	prev := t.prev
	t.prev = nil // the previous version goes once this one is read
	// The plan is made again rather than kept from Open: at 10,000
	// datasets, plans waiting for their pages were 7 MB of the heap.
	csvPath, s := t.File, t.Schema
	p, l := compile(s, nil)
	if len(l) > 0 {
		return l
	}
	var (
		raw, book []byte
		wb        *workbook
	)
	if IsWorkbook(csvPath) {
		var buf bytes.Buffer
		if wb, l = openWorkbook(fsys, csvPath, s, true); len(l) > 0 {
			return l
		}
		defer wb.Close()
		if l = wb.writeCSV(&buf, s); len(l) > 0 {
			return l
		}
		raw = buf.Bytes()
		book = wb.data
	} else {
		data, err := fs.ReadFile(fsys, csvPath)
		if err != nil {
			return diag.List{diag.ReadError(csvPath, err)}
		}
		raw = bytes.TrimPrefix(data, bom)
	}
	t.Raw, t.Workbook = raw, book
	if wb == nil && t.reread(prev, raw, p) {
		return nil
	}
	// Room for the rows, up to a point: a file of blank lines must not
	// reserve a slot per line in each column; beyond it, appends grow.
	add := t.newColumns(p, min(bytes.Count(raw, []byte{'\n'})+1, 1<<16))
	l = scan(csvPath, bytes.NewReader(raw), byteSpan(raw), raw[:min(len(raw), headSize)], p, add)
	if len(l) > 0 && wb != nil {
		l = wb.cells(l, s, raw)
	}
	return l
}

// newColumns gives t empty columns for the plan's, with room for rows
// rows, and returns the function that appends a row scan hands over.
func (t *Table) newColumns(p *plan, rows int) func(*Row) error {
	t.Lines = make([]int, 0, rows)
	t.Cols = make([]*Column, len(p.cols))
	pool := make([]*interner, len(p.cols))
	for j := range p.cols {
		c := &Column{Spec: p.cols[j].spec}
		switch k := p.cols[j].kind; {
		case k.numeric():
			c.Num = make([]float64, 0, rows)
		default:
			c.Str = make([]string, 0, rows)
			if k == kText || k == kDate || k == kURL {
				pool[j] = &interner{m: make(map[string]string)}
			}
		}
		t.Cols[j] = c
	}
	return func(r *Row) error {
		t.Lines = append(t.Lines, r.Line)
		for j, c := range t.Cols {
			if c.Num != nil {
				c.Num = append(c.Num, r.num[j])
			} else if pool[j] != nil {
				c.Str = append(c.Str, pool[j].get(r.str[j]))
			} else {
				c.Str = append(c.Str, r.str[j])
			}
		}
		return nil
	}
}

// Scan reads the CSV at csvPath row by row without holding it in memory,
// for files too large for Load. Each row is checked as Load does and handed
// to fn, which is only called while no error has been found: when Scan
// returns diagnostics, whatever fn built must be thrown away. If fn returns
// ErrStop, Scan stops quietly; any other error stops it and is reported at
// the row's line (a diag.Diagnostic is reported as it is). When schema is
// nil, it is read with ReadSchema.
func Scan(fsys fs.FS, csvPath string, schema *Schema, fn func(r *Row) error) diag.List {
	var p *plan
	if schema == nil {
		var l diag.List
		if schema, p, l = readSchema(fsys, csvPath); len(l) > 0 {
			return l
		}
	} else {
		sc := *schema
		if sc.File == "" {
			sc.File = SchemaPath(csvPath)
		}
		if IsWorkbook(csvPath) {
			sc.workbookSeparators()
			schema = &sc
		}
		var l diag.List
		if p, l = compile(&sc, nil); len(l) > 0 {
			return l
		}
	}
	if d, ok := checkPath(fsys, csvPath); !ok {
		return diag.List{d}
	}
	if IsWorkbook(csvPath) {
		return scanWorkbook(fsys, csvPath, schema, p, fn)
	}
	f, err := fsys.Open(csvPath)
	if err != nil {
		return diag.List{diag.ReadError(csvPath, err)}
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, headSize)
	if b, _ := br.Peek(len(bom)); bytes.Equal(b, bom) {
		br.Discard(len(bom))
	}
	head, err := br.Peek(headSize)
	if err != nil && len(head) == 0 && !errors.Is(err, io.EOF) {
		return diag.List{diag.ReadError(csvPath, err)}
	}
	head = bytes.Clone(head)
	kr := &keepReader{r: br}
	return scan(csvPath, kr, kr, head, p, fn)
}

// readSchema is ReadSchema that also returns the plan.
func readSchema(fsys fs.FS, csvPath string) (*Schema, *plan, diag.List) {
	s, l := ReadSchema(fsys, csvPath)
	if len(l) > 0 {
		return nil, nil, l
	}
	p, l := compile(s, nil)
	return s, p, l
}

// Files lists the datasets of the folder dir: the paths of its *.csv files,
// in the folder's order, and an error for each schema without its CSV.
// Sub-folders and files whose name starts with "." or "~" (editor lock
// files) are ignored. A missing dir holds no datasets; err is a failure to
// read it.
func Files(fsys fs.FS, dir string) (csvs []string, orphans diag.List, err error) {
	entries, err := fs.ReadDir(fsys, dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	hasCSV := map[string]bool{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~") {
			continue
		}
		base := strings.TrimSuffix(name, path.Ext(name))
		switch {
		case strings.EqualFold(path.Ext(name), ".csv") || IsWorkbook(name):
			if hasCSV[base] {
				orphans.Add(diag.Errorf(path.Join(dir, name), 0, 0, "hay dos archivos de datos llamados %s", "there are two data files called %s", base).
					WithHint("deje solo el CSV o solo el libro de Excel", "keep only the CSV or only the Excel workbook"))
				continue
			}
			csvs = append(csvs, path.Join(dir, name))
			hasCSV[base] = true
		case isOldWorkbook(name):
			orphans.Add(diag.Errorf(path.Join(dir, name), 0, 0, "los libros de Excel 97-2003 (.xls) no se leen",
				"Excel 97-2003 workbooks (.xls) are not read").
				WithHint("ábralo en Excel y guárdelo como Libro de Excel (.xlsx) o como CSV UTF-8",
					"open it in Excel and save it as Excel Workbook (.xlsx) or as CSV UTF-8"))
		}
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasPrefix(name, ".") || path.Ext(name) != ".toml" {
			continue
		}
		if base := strings.TrimSuffix(name, ".toml"); !hasCSV[base] {
			orphans.Add(diag.Errorf(path.Join(dir, name), 0, 0, "el esquema no tiene su CSV %s",
				"the schema has no CSV file %s", path.Join(dir, base+".csv")).
				WithHint("añada el CSV con ese nombre o borre el esquema", "add the CSV with that name or delete the schema"))
		}
	}
	return csvs, orphans, nil
}

// LoadDir loads every dataset of the folder dir: each *.csv file with its
// schema, in parallel, returned sorted by file name. Sub-folders and files
// whose name starts with "." or "~" (editor lock files) are ignored. A
// schema without its CSV is an error. A missing dir holds no datasets. The
// tables of files with errors are left out.
func LoadDir(fsys fs.FS, dir string) ([]*Table, diag.List) {
	if d, ok := checkPath(fsys, dir); !ok {
		return nil, diag.List{d}
	}
	csvs, l, err := Files(fsys, dir)
	if err != nil {
		return nil, diag.List{diag.ReadError(dir, err)}
	}

	tables := make([]*Table, len(csvs))
	diags := make([]diag.List, len(csvs))
	par.Each(len(csvs), func(i int) { tables[i], diags[i] = Load(fsys, csvs[i]) })

	var out []*Table
	for i, t := range tables {
		l = append(l, diags[i]...)
		if t != nil {
			out = append(out, t)
		}
	}
	return out, l
}

// interner shares the strings of a column that repeat, and copies the
// others out of the row they were read in.
type interner struct{ m map[string]string }

// maxIntern bounds the strings an interner remembers per column.
const maxIntern = 4096

func (in *interner) get(s string) string {
	if v, ok := in.m[s]; ok {
		return v
	}
	c := strings.Clone(s)
	if len(in.m) < maxIntern {
		in.m[c] = c
	}
	return c
}

// checkPath rejects names that are not valid fs paths (absolute, with ".."
// or empty elements) and, when fsys can tell, symbolic links that lead out
// of it.
func checkPath(fsys fs.FS, name string) (diag.Diagnostic, bool) {
	bad := func() (diag.Diagnostic, bool) {
		return diag.Errorf(name, 0, 0, "la ruta %q sale de la carpeta del sitio", "path %q leads out of the site folder", name).
			WithHint("copie el archivo dentro del sitio en lugar de enlazarlo", "copy the file into the site instead of linking to it"), false
	}
	if !fs.ValidPath(name) {
		return bad()
	}
	if _, ok := fsys.(fs.ReadLinkFS); !ok || name == "." {
		return diag.Diagnostic{}, true
	}
	todo := strings.Split(name, "/")
	cur := "."
	for hops := 0; len(todo) > 0; {
		next := path.Join(cur, todo[0])
		todo = todo[1:]
		fi, err := fs.Lstat(fsys, next)
		if err != nil {
			return diag.Diagnostic{}, true // reading it will say what is wrong
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			cur = next
			continue
		}
		if hops++; hops > 40 {
			return bad()
		}
		target, err := fs.ReadLink(fsys, next)
		if err != nil {
			return bad()
		}
		target = strings.ReplaceAll(target, `\`, "/")
		if path.IsAbs(target) || (len(target) > 1 && target[1] == ':') {
			return bad()
		}
		t := path.Join(cur, target)
		if t == ".." || strings.HasPrefix(t, "../") {
			return bad()
		}
		if t != "." {
			todo = append(strings.Split(t, "/"), todo...)
		}
		cur = "."
	}
	return diag.Diagnostic{}, true
}
