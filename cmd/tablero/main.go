// Command tablero builds static data-dashboard sites from CSV and Markdown.
package main

import (
	"os"

	"github.com/tablero/tablero/internal/cli"
	"github.com/tablero/tablero/internal/hugeheap"
)

func main() {
	if cli.Builds(os.Args[1:]) {
		hugeheap.Prepare() // a build without huge pages is slower, not wrong
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
