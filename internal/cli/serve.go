package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/tablero/tablero/internal/i18n"
	"github.com/tablero/tablero/internal/serve"
)

// runServe is `tablero serve`: the preview with live reload.
func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var c common
	c.register(fs)
	port := fs.Int("port", 8080, "port to listen on; 0 picks a free one")
	host := fs.String("host", "127.0.0.1", "address to listen on")
	verbose := fs.Bool("verbose", false, "list the changed files of each rebuild")
	rest, ok := parseInterspersed(fs, args)
	if !ok {
		return 2
	}
	lang := c.messageLang()
	if len(rest) > 0 {
		fmt.Fprintln(stderr, i18n.Pick(lang, fmt.Sprintf("tablero serve: argumento de más %q", rest[0]),
			fmt.Sprintf("tablero serve: unexpected argument %q", rest[0])))
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintln(stderr, i18n.Pick(lang, "tablero serve: --port va de 0 a 65535", "tablero serve: --port goes from 0 to 65535"))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Options{
		Source: c.source, Host: *host, Port: *port, Lang: lang,
		Log: stdout, Verbose: *verbose,
	})
	if err != nil {
		fmt.Fprintf(stderr, "tablero serve: %v\n", err)
		return 1
	}
	return 0
}

// parseInterspersed parses fs allowing flags after positional arguments
// (tablero new board x --source site), and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, bool) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}
