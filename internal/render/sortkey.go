package render

import "strings"

// sortKey writes a cell's data-sort attribute, the key tablero.js sorts
// the cell by, unless tablero.js derives the same key from the cell's text
// (its sortText): a number written as the page's language writes it
// ("305.796,63" is 305796.63 in Spanish), or text that is its own key.
// Most cells of a table are such, and the attribute was a third of a
// table's bytes.
func (w blockWriter) sortKey(text, key string) {
	if sortText(text, w.lang) == key {
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
func sortText(s, lang string) string {
	group, point := ".", ","
	if lang == "en" {
		group, point = ",", "."
	}
	sign, body := "", s
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		sign, body = "-", rest
	}
	whole, frac, hasFrac := strings.Cut(body, point)
	if hasFrac && (frac == "" || !digits(frac)) {
		return s
	}
	groups := strings.Split(whole, group)
	if len(groups[0]) < 1 || len(groups[0]) > 3 || !digits(groups[0]) {
		return s
	}
	for _, g := range groups[1:] {
		if len(g) != 3 || !digits(g) {
			return s
		}
	}
	key := sign + strings.Join(groups, "")
	if hasFrac {
		key += "." + frac
	}
	return key
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
