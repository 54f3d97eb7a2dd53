package cli

import (
	"fmt"
	"io"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tablero serve: not implemented yet")
	return 2
}

func runNew(args []string, stdout, stderr io.Writer) int {
	fmt.Fprintln(stderr, "tablero new: not implemented yet")
	return 2
}
