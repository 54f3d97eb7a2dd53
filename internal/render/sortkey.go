package render

import "strings"

// sortKey writes a cell's data-sort attribute, the key tablero.js sorts
// the cell by, unless tablero.js derives the same key from the cell's text
// (its sortText): a number written as the page's language writes it
// ("305.796,63" is 305796.63 in Spanish), or text that is its own key.
// Most cells of a table are such, and the attribute was a third of a
// table's bytes.
func (w blockWriter) sortKey(text, key string) {
	var buf [64]byte // the key is compared, not kept: written on the stack
	if string(appendSortText(buf[:0], text, w.lang)) == key {
		return
	}
	w.raw(` data-sort="`)
	w.esc(key)
	w.raw(`"`)
}

// sortText is the key tablero.js's sortText gives a cell without
// data-sort: a number in the language's notation (groups of three digits
// apart by "." in Spanish, "," in English; the other mark before the
// decimals) as Go and JavaScript write it ("-305796.63"); any other text as
// it is. The two functions must agree; TestSortText and the browser
// suite's sort check hold them to it.
func sortText(s, lang string) string { return string(appendSortText(nil, s, lang)) }

// appendSortText appends sortText(s, lang) to dst.
func appendSortText(dst []byte, s, lang string) []byte {
	group, point := byte('.'), ","
	if lang == "en" {
		group, point = ',', "."
	}
	body := strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(body, point)
	if hasFrac && (frac == "" || !digits(frac)) {
		return append(dst, s...)
	}
	// One to three digits, then groups of a mark and three digits.
	first := strings.IndexByte(whole, group)
	if first < 0 {
		first = len(whole)
	}
	groups := whole[first:]
	if first < 1 || first > 3 || !digits(whole[:first]) || len(groups)%4 != 0 {
		return append(dst, s...)
	}
	for i := 0; i < len(groups); i += 4 {
		if groups[i] != group || !digits(groups[i+1:i+4]) {
			return append(dst, s...)
		}
	}
	if groups == "" && !hasFrac {
		return append(dst, s...) // digits alone are their own key
	}
	dst = append(dst, s[:len(s)-len(body)]...) // the sign
	dst = append(dst, whole[:first]...)
	for i := 0; i < len(groups); i += 4 {
		dst = append(dst, groups[i+1:i+4]...)
	}
	if hasFrac {
		dst = append(dst, '.')
		dst = append(dst, frac...)
	}
	return dst
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
