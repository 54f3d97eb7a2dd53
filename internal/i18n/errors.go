package i18n

import (
	"fmt"
	"strings"
)

// errorMark starts the text of an error made by Errorf. A TOML decoder
// keeps only the text of the errors an UnmarshalTOML method returns, so
// both languages travel in it and SplitError finds them again.
const errorMark = "\x00i18n\x00"

// Errorf returns an error in both languages, for UnmarshalTOML methods: the
// strict TOML reader (internal/tomlx) shows it in the reader's language at
// the key's line.
func Errorf(es, en string, args ...any) error {
	return fmt.Errorf("%s%s\x00%s", errorMark, fmt.Sprintf(es, args...), fmt.Sprintf(en, args...))
}

// SplitError returns the two languages of a message made by Errorf.
func SplitError(msg string) (Text, bool) {
	rest, ok := strings.CutPrefix(msg, errorMark)
	if !ok {
		return Text{}, false
	}
	es, en, _ := strings.Cut(rest, "\x00")
	return Text{ES: es, EN: en}, true
}
