// Command sift reads partisan war reporting the way a trained analyst
// does: it cleans scraped articles, marks propaganda techniques, sources,
// hedges, entities and events, and scores them with reasons.
package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
)

// Exit codes, documented in `sift --help`.
const (
	exitOK       = 0 // everything succeeded
	exitSomeFail = 1 // the run finished but some items failed (each named on stderr)
	exitUsage    = 2 // bad arguments or flags
	exitFatal    = 3 // the run could not proceed (an unreadable model, store or output)
)

const exitCodesHelp = `Exit codes:
  0  success
  1  finished, but some items failed (each is named on stderr with its file and row)
  2  usage error: bad arguments or flags
  3  fatal error: the run could not go on (store, model or output unusable)`

// commands holds the subcommand constructors; each cmd_*.go file adds its
// own in init, as restic does.
var commands []func() *cobra.Command

func register(c func() *cobra.Command) { commands = append(commands, c) }

// errSomeFailed reports that a batch finished with failed items.
var errSomeFailed = errors.New("some items failed")

// usageError marks an error as a usage error (exit code 2).
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func newRootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "sift",
		Short: "Analyse war reporting for propaganda, sourcing and facts",
		Long: `sift reads news articles (text, HTML, CSV/JSONL dumps, PTC files) and reports
their propaganda techniques, who is cited for what, hedges and vague sources,
the entities and conflict events they claim, and scores with reasons.

` + exitCodesHelp,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	for _, c := range commands {
		root.AddCommand(c())
	}
	return root
}

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	root := newRootCommand()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	if errors.Is(err, errSomeFailed) {
		fmt.Fprintln(os.Stderr, "sift:", err)
		return exitSomeFail
	}
	fmt.Fprintln(os.Stderr, "sift:", err)
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		return exitUsage
	}
	return exitFatal
}

// isCobraUsage recognises cobra's own argument errors.
func isCobraUsage(err error) bool {
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "invalid argument"} {
		if strings.Contains(msg, p) {
			return true
		}
	}
	return false
}
