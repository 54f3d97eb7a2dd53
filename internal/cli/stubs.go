package cli

import (
	"fmt"
	"io"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tablero new: not implemented yet")
	return 2
}
