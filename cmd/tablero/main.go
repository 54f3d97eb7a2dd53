// Command tablero builds static data-dashboard sites from CSV and Markdown.
package main

import (
	"os"

	"github.com/tablero/tablero/internal/cli"
)

func main() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr)) }
