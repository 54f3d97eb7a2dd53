package tomlx

import (
	"encoding"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// typeProblem is a value whose TOML type its destination cannot take.
type typeProblem struct {
	path     string // with array entries, as Doc names it: columns[2].required
	key      string // without, as the library names keys: columns.required
	got, dst string // the value's type and the destination's, for tomlType
}

var (
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	timeType            = reflect.TypeFor[time.Time]()
)

// typeProblems walks data, the text decoded without a destination, along
// t, the destination's type, and lists the values of the wrong type, with
// the rules the TOML library applies when it decodes. It replaces reading
// the library's error message: the key path it gives has the array
// entries, so Doc finds the line the author wrote.
func typeProblems(t reflect.Type, data any, path, key string, out *[]typeProblem) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if isUnmarshaler(t) || t == timeType {
		return // decodes itself; its errors carry their own position
	}
	bad := func(dst string) { *out = append(*out, typeProblem{path, key, goType(data), dst}) }
	if reflect.PointerTo(t).Implements(textUnmarshalerType) {
		switch data.(type) {
		case string, bool, int64, float64, time.Time:
		default:
			bad("primitive (string-like)")
		}
		return
	}
	switch t.Kind() {
	case reflect.String:
		if _, ok := data.(string); !ok {
			bad("string")
		}
	case reflect.Bool:
		if _, ok := data.(bool); !ok {
			bad("boolean")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if _, ok := data.(int64); !ok {
			bad("integer")
		}
	case reflect.Float32, reflect.Float64:
		switch data.(type) {
		case int64, float64:
		default:
			bad("float")
		}
	case reflect.Slice, reflect.Array:
		v := reflect.ValueOf(data)
		if v.Kind() != reflect.Slice {
			bad("slice")
			return
		}
		for i := range v.Len() {
			typeProblems(t.Elem(), v.Index(i).Interface(), path+"["+strconv.Itoa(i)+"]", key, out)
		}
	case reflect.Map:
		// The library leaves a map alone when the value is no table
		// (Decode reports it with notATable).
		if m, ok := data.(map[string]any); ok {
			for _, k := range slices.Sorted(maps.Keys(m)) {
				typeProblems(t.Elem(), m[k], path+"."+k, key+"."+k, out)
			}
		}
	case reflect.Struct:
		m, ok := data.(map[string]any)
		if !ok {
			bad("struct")
			return
		}
		for _, k := range slices.Sorted(maps.Keys(m)) {
			if f, ok := fieldFor(t, k); ok {
				p, q := k, k
				if path != "" {
					p, q = path+"."+k, key+"."+k
				}
				typeProblems(f.Type, m[k], p, q, out)
			}
		}
	}
}

// fieldFor finds the field of struct t that the library decodes key
// into: the one named so, else one named so in other case.
func fieldFor(t reflect.Type, key string) (reflect.StructField, bool) {
	if f, ok := fieldByTag(t, key); ok {
		return f, true
	}
	for _, name := range fieldNames(t) {
		if strings.EqualFold(name, key) {
			return fieldByTag(t, name)
		}
	}
	return reflect.StructField{}, false
}

// goType names the type of a decoded value as the library does.
func goType(v any) string {
	return strings.ReplaceAll(reflect.TypeOf(v).String(), "interface {}", "any")
}

// firstTypeProblem finds the value of the wrong type written first in doc.
func firstTypeProblem(v any, text string, doc *Doc) (typeProblem, bool) {
	var data map[string]any
	if _, err := toml.Decode(text, &data); err != nil {
		return typeProblem{}, false
	}
	var all []typeProblem
	typeProblems(reflect.TypeOf(v), data, "", "", &all)
	best, bestLine, bestCol := -1, 0, 0
	for i, p := range all {
		line, col, ok := doc.Key(p.path)
		if !ok {
			line, col = 1<<30, 0
		}
		if best < 0 || line < bestLine || line == bestLine && col < bestCol {
			best, bestLine, bestCol = i, line, col
		}
	}
	if best < 0 {
		return typeProblem{}, false
	}
	return all[best], true
}

// Strings reads a value that TOML lets a user write as one string or as an
// array of strings (a block's y, a template's data and by). ok is false
// when v is neither, or an array holds anything but strings; an empty array
// gives nil and ok. Each caller keeps its own message and its own rule on
// emptiness.
func Strings(v any) (s []string, ok bool) {
	switch v := v.(type) {
	case string:
		return []string{v}, true
	case []any:
		for _, x := range v {
			e, ok := x.(string)
			if !ok {
				return nil, false
			}
			s = append(s, e)
		}
		return s, true
	}
	return nil, false
}
