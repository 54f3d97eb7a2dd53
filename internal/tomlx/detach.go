package tomlx

import (
	"reflect"
	"sync"
	"unsafe"
)

// Detach gives the strings reachable from v, a pointer, memory of their
// own: one block for all of them, which v alone holds. The TOML library
// slices the strings it decodes out of one copy of the whole text, so a
// value kept after decoding keeps every byte of its file: at 10,000
// datasets, their schemas kept 14 MB of TOML alive for the whole build,
// which the collector walked at every cycle. One block rather than a copy
// per string: a schema has some twenty strings, and at 10,000 datasets the
// tiny copies, spread among what reading left behind, kept that much more
// of the heap's spans in use. v holds what Decode fills: no cycles.
func Detach(v any) {
	rv := reflect.ValueOf(v)
	n := 0
	walkStrings(rv, false, func(s string) string { n += len(s); return s })
	if n == 0 {
		return
	}
	// block never grows past n, so no string made from it moves; were it
	// to, the strings already made would keep the old block alive as is.
	block := make([]byte, 0, n)
	walkStrings(rv, true, func(s string) string {
		start := len(block)
		block = append(block, s...)
		return unsafe.String(&block[start], len(s))
	})
}

// walkStrings calls fn on every non-empty string reachable from v and,
// when set is true, puts what fn returns in its place.
func walkStrings(v reflect.Value, set bool, fn func(string) string) {
	switch v.Kind() {
	case reflect.String:
		if v.Len() > 0 && (!set || v.CanSet()) {
			if s := fn(v.String()); set {
				v.SetString(s)
			}
		}
	case reflect.Pointer:
		if !v.IsNil() {
			walkStrings(v.Elem(), set, fn)
		}
	case reflect.Interface:
		// What an interface holds cannot be set in place either: it is
		// copied out, walked and stored again (a where = { k = "v" }).
		if v.IsNil() {
			return
		}
		if !set {
			walkStrings(v.Elem(), false, fn)
		} else if v.CanSet() {
			e := reflect.New(v.Elem().Type()).Elem()
			e.Set(v.Elem())
			walkStrings(e, true, fn)
			v.Set(e)
		}
	case reflect.Struct:
		for _, i := range stringFields(v.Type()) {
			walkStrings(v.Field(i), set, fn)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			walkStrings(v.Index(i), set, fn)
		}
	case reflect.Map:
		// A map's entries cannot be set in place: each is copied out,
		// walked and stored again under a walked copy of its key (storing
		// under an equal string key replaces the key too).
		for _, key := range v.MapKeys() {
			if !set {
				walkStrings(key, false, fn)
				walkStrings(v.MapIndex(key), false, fn)
				continue
			}
			k := reflect.New(key.Type()).Elem()
			k.Set(key)
			walkStrings(k, true, fn)
			e := reflect.New(v.Type().Elem()).Elem()
			e.Set(v.MapIndex(key))
			walkStrings(e, true, fn)
			v.SetMapIndex(k, e)
		}
	}
}

// fieldsWithStrings caches stringFields by type: a schema is walked twice
// per dataset, and listing its fields again each time was most of the walk.
var fieldsWithStrings sync.Map // reflect.Type → []int

// stringFields lists the exported fields of struct type t (TOML fills no
// other) whose values may hold a string.
func stringFields(t reflect.Type) []int {
	if f, ok := fieldsWithStrings.Load(t); ok {
		return f.([]int)
	}
	var f []int
	for i := range t.NumField() {
		if sf := t.Field(i); sf.IsExported() && mayHoldStrings(sf.Type, map[reflect.Type]bool{}) {
			f = append(f, i)
		}
	}
	fieldsWithStrings.Store(t, f)
	return f
}

// mayHoldStrings reports whether a value of type t can reach a string;
// seen stops at a type that refers to itself.
func mayHoldStrings(t reflect.Type, seen map[reflect.Type]bool) bool {
	if seen[t] {
		return false // walked where it was first met
	}
	seen[t] = true
	switch t.Kind() {
	case reflect.String, reflect.Interface:
		return true
	case reflect.Pointer, reflect.Slice, reflect.Array:
		return mayHoldStrings(t.Elem(), seen)
	case reflect.Map:
		return mayHoldStrings(t.Key(), seen) || mayHoldStrings(t.Elem(), seen)
	case reflect.Struct:
		for i := range t.NumField() {
			if sf := t.Field(i); sf.IsExported() && mayHoldStrings(sf.Type, seen) {
				return true
			}
		}
	}
	return false
}
