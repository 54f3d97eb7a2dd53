package chart

import (
	"bytes"
	"encoding/json"
	"math"
	"unicode/utf16"
)

// Layout is how a chart sits on a page at a wide screen's width and at a
// phone's. Its kind decides it; tablero.js applies it without knowing
// the kind: it sizes the box and, on a phone, merges Phone into the
// option (objects key by key, arrays item by item, as ECharts merges
// components).
type Layout struct {
	// Height is the box's height in px on a wide screen and on a phone,
	// before the rows a long legend adds at the page's actual width.
	Height [2]int
	// Phone is what of the option changes on a phone, as JSON; nil when
	// nothing does.
	Phone json.RawMessage
}

// layoutOf gives the layout of a chart of kind k over frame f.
func layoutOf(k *kind, s *ChartSpec, f *Frame) Layout {
	l := Layout{Height: [2]int{360, 280}, Phone: k.phoneJSON}
	if k.height != nil {
		l.Height = k.height(s, f)
	}
	return l
}

// addOption merges more into the option o built by go-echarts, for what
// its types cannot write (an axis label's width, a treemap's breadcrumb).
// Each key more names is decoded from go-echarts' JSON and merged as the
// browser merges Phone.
func addOption(o, more map[string]any) error {
	for key, add := range more {
		b, err := json.Marshal(o[key])
		if err != nil {
			return err
		}
		d := json.NewDecoder(bytes.NewReader(b))
		d.UseNumber() // figures keep the text go-echarts wrote
		var v any
		if err := d.Decode(&v); err != nil {
			return err
		}
		o[key] = merge(v, add)
	}
	return nil
}

// merge returns base with patch applied: objects key by key, arrays item
// by item (an object where the patch has an array is its first item),
// anything else replaced.
func merge(base, patch any) any {
	switch p := patch.(type) {
	case map[string]any:
		b, ok := base.(map[string]any)
		if !ok {
			return p
		}
		for k, v := range p {
			b[k] = merge(b[k], v)
		}
		return b
	case []any:
		var b []any
		switch x := base.(type) {
		case []any:
			b = x
		case nil:
		default:
			b = []any{x}
		}
		for i, v := range p {
			if i < len(b) {
				b[i] = merge(b[i], v)
			} else {
				b = append(b, v)
			}
		}
		return b
	}
	return patch
}

// textWidth is the length of s as JavaScript counts it (UTF-16 units),
// which the browser's label estimates were made with.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
	}
	return n
}

// ceil rounds a height in px up to a whole pixel.
func ceil(px float64) int { return int(math.Ceil(px)) }
