// Package tomlx decodes TOML into Go structs strictly and turns every
// problem (syntax, wrong type, unknown or miscased key) into a diagnostic
// that points at the file, line and column.
package tomlx

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/BurntSushi/toml"

	"github.com/tablero/tablero/internal/diag"
	"github.com/tablero/tablero/internal/i18n"
)

// maxUnknown bounds the unknown keys reported for one text, as a CSV file
// reports at most 50 problems.
const maxUnknown = 50

// Decode decodes text into v. text starts at line firstLine (1-based) of
// file, so positions are reported against the whole file, as for a front
// matter block or a chart block inside a Markdown page. Text over MaxSize
// or nested deeper than MaxDepth is refused before it is parsed.
func Decode(file string, firstLine int, text string, v any) diag.List {
	var l diag.List
	if d, ok := checkLimits(file, firstLine, text); !ok {
		l.Add(d)
		return l
	}
	md, err := toml.Decode(text, v)
	if err != nil {
		l.Add(decodeError(file, firstLine, text, v, err))
		return l
	}
	var doc *Doc // parsed only when a problem is found
	index := func() *Doc {
		if doc == nil {
			doc = Parse(text)
		}
		return doc
	}
	t := reflect.TypeOf(v)
	reported := map[string]bool{}
	more := 0
	for _, k := range md.Keys() {
		// The first name along k that its table does not know: for
		// [column.value_labels] it is "column", not "value_labels".
		for i := 1; i <= len(k); i++ {
			parent, ok := structAt(t, k[:i-1])
			if !ok {
				break // inside a value with its own decoder (e.g. a map)
			}
			name := k[i-1]
			known := fieldNames(parent)
			if slices.Contains(known, name) {
				if i == len(k) {
					// The library leaves a map field alone, silently, when
					// the value is not a table (value_labels = 3).
					if got, ok := notATable(md, k, parent, name); ok {
						line, _, _ := index().Key(k.String())
						l.Add(typeMismatch(file, firstLine, index(), line, k.String(), got, "map"))
					}
				}
				continue
			}
			if key := k[:i].String(); !reported[key] {
				reported[key] = true
				if len(reported) > maxUnknown {
					more++
					break
				}
				line, col, ok := index().Key(k[:i].String())
				if !ok {
					line = 1
				}
				d := diag.Errorf(file, firstLine+line-1, col, "clave desconocida %q", "unknown key %q", diag.Short(key))
				if near := diag.Nearest(name, known); near != "" {
					d = d.WithHint("¿quiso decir %q?", "did you mean %q?", near)
				} else {
					d = d.WithHint("claves válidas: %s", "valid keys: %s", strings.Join(known, ", "))
				}
				l.Add(d)
			}
			break
		}
	}
	if more > 0 {
		l.Add(diag.Errorf(file, firstLine, 0, "… y %d claves desconocidas más", "… and %d more unknown keys", more).
			WithHint("corrija las anteriores y vuelva a intentarlo", "fix the ones above and try again"))
	}
	return l
}

// notATable reports the TOML type of the value of key k when field name of
// parent is a map and that value is not a table.
func notATable(md toml.MetaData, k toml.Key, parent reflect.Type, name string) (string, bool) {
	if !isMapField(parent, name) {
		return "", false
	}
	switch typ := md.Type(k...); typ {
	case "Hash", "":
		return "", false
	case "Integer":
		return "int64", true
	case "Float":
		return "float64", true
	case "String":
		return "string", true
	case "Bool":
		return "bool", true
	case "Array", "ArrayHash":
		return "[]any", true
	default:
		return "time.Time", true
	}
}

// fieldByTag finds the field of struct t that TOML calls name.
func fieldByTag(t reflect.Type, name string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("toml") == "" && f.Type.Kind() == reflect.Struct {
			if g, ok := fieldByTag(f.Type, name); ok {
				return g, true
			}
			continue
		}
		if tagName(f) == name {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// decodeError turns the TOML library's error into a diagnostic.
func decodeError(file string, firstLine int, text string, v any, err error) diag.Diagnostic {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		col := max(pe.Position.Col, 1)
		line := firstLine + max(pe.Position.Line, 1) - 1
		if t, ok := i18n.SplitError(pe.Message); ok {
			// An UnmarshalTOML method refused the value, in both languages.
			key := diag.Short(pe.LastKey)
			where := entryOf(Parse(text), pe.Position.Line, pe.LastKey)
			return diag.Diagnostic{File: file, Line: line, Col: col, Msg: diag.Text{
				ES: where.ES + key + ": " + t.ES, EN: where.EN + key + ": " + t.EN}}.
				WithHint("vea docs/authoring.md", "see docs/authoring.md")
		}
		return diag.Errorf(file, line, col, "TOML no válido: %s", "invalid TOML: %s", pe.Message).
			WithHint("revise comillas, signos = y corchetes en esa línea", "check quotes, = signs and brackets on that line")
	}
	doc := Parse(text)
	if p, ok := firstTypeProblem(v, text, doc); ok {
		line, _, _ := doc.Key(p.path)
		return typeMismatch(file, firstLine, doc, line, p.key, p.got, p.dst)
	}
	// What is left is a destination the library cannot fill (a Go type it
	// does not support): no position to give.
	msg := strings.TrimPrefix(err.Error(), "toml: ")
	return diag.Errorf(file, firstLine, 0, "valor de tipo equivocado: %s", "value of the wrong type: %s", msg)
}

type typePath struct {
	t    reflect.Type
	n    int // names in path
	path [maxCachedDepth]string
}

// maxCachedDepth is the deepest path structs keeps: deeper ones are
// walked each time (no schema, header or block nests so deep).
const maxCachedDepth = 4

// structs caches structAt, like knownFields, whatever the answer: Decode
// asks only about paths whose every name is a field of the struct before
// it (it stops at the first name that is not), so the paths, and the
// cache, are bounded by the Go types, never by the user's keys. The
// misses matter as much as the hits: every label = { es, en } of a schema
// is a path that ends in a type with its own decoder.
//
// A path is kept as an array of names, not joined, in a map under a lock
// rather than a sync.Map: either would have made two allocations for
// each key of every TOML text of the site.
var (
	structsMu sync.RWMutex
	structs   = map[typePath]structAnswer{}
)

type structAnswer struct {
	t  reflect.Type
	ok bool
}

// structAt walks t along path and returns the struct type found there.
func structAt(t reflect.Type, path toml.Key) (reflect.Type, bool) {
	if len(path) > maxCachedDepth {
		return walkStruct(t, path)
	}
	k := typePath{t: t, n: len(path)}
	copy(k.path[:], path)
	structsMu.RLock()
	a, ok := structs[k]
	structsMu.RUnlock()
	if ok {
		return a.t, a.ok
	}
	st, found := walkStruct(t, path)
	for i := range k.n {
		k.path[i] = strings.Clone(k.path[i]) // not the text's own
	}
	structsMu.Lock()
	structs[k] = structAnswer{st, found}
	structsMu.Unlock()
	return st, found
}

func walkStruct(t reflect.Type, path toml.Key) (reflect.Type, bool) {
	for {
		switch t.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array:
			t = t.Elem()
			continue
		}
		break
	}
	if t.Kind() != reflect.Struct || isUnmarshaler(t) {
		return nil, false
	}
	if len(path) == 0 {
		return t, true
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("toml") == "" {
			if st, ok := walkStruct(f.Type, path); ok {
				return st, true
			}
			continue
		}
		if tagName(f) == path[0] {
			return walkStruct(f.Type, path[1:])
		}
	}
	return nil, false
}

var unmarshalerType = reflect.TypeFor[toml.Unmarshaler]()

func isUnmarshaler(t reflect.Type) bool {
	return reflect.PointerTo(t).Implements(unmarshalerType)
}

// knownFields caches fieldNames: every block of every page is decoded into
// the same few types, and walking them by reflection for each key was a
// tenth of a large build.
var knownFields sync.Map // reflect.Type → []string

func fieldNames(t reflect.Type) []string {
	if names, ok := knownFields.Load(t); ok {
		return names.([]string)
	}
	names := collectFieldNames(t)
	knownFields.Store(t, names)
	return names
}

// mapFields caches, for each struct type, the TOML names of its map
// fields: notATable asks about every key of every file.
var mapFields sync.Map // reflect.Type → map[string]bool

func isMapField(t reflect.Type, name string) bool {
	set, ok := mapFields.Load(t)
	if !ok {
		maps := map[string]bool{}
		for _, n := range fieldNames(t) {
			if f, _ := fieldByTag(t, n); f.Type.Kind() == reflect.Map {
				maps[n] = true
			}
		}
		set, _ = mapFields.LoadOrStore(t, maps)
	}
	return set.(map[string]bool)[name]
}

func collectFieldNames(t reflect.Type) []string {
	var names []string
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Anonymous && f.Tag.Get("toml") == "" && f.Type.Kind() == reflect.Struct {
			names = append(names, collectFieldNames(f.Type)...)
			continue
		}
		if n := tagName(f); n != "" && n != "-" {
			names = append(names, n)
		}
	}
	return names
}

func tagName(f reflect.StructField) string {
	if !f.IsExported() {
		return ""
	}
	name, _, _ := strings.Cut(f.Tag.Get("toml"), ",")
	if name == "" {
		name = f.Name
	}
	return name
}
