package main

import "github.com/spf13/cobra"

func init() { register(newEvalCommand) }

// evalCommands holds `sift eval X` constructors; each cmd_eval_*.go adds its own.
var evalCommands []func() *cobra.Command

func registerEval(c func() *cobra.Command) { evalCommands = append(evalCommands, c) }

func newEvalCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "eval",
		Short: "Measure sift's accuracy on labelled data (cross-validated)",
	}
	for _, c := range evalCommands {
		cmd.AddCommand(c())
	}
	return cmd
}
