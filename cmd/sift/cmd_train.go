package main

import "github.com/spf13/cobra"

func init() { register(newTrainCommand) }

// trainCommands holds `sift train X` constructors; each cmd_train_*.go adds its own.
var trainCommands []func() *cobra.Command

func registerTrain(c func() *cobra.Command) { trainCommands = append(trainCommands, c) }

func newTrainCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "train",
		Short: "Train sift's models from labelled data",
	}
	for _, c := range trainCommands {
		cmd.AddCommand(c())
	}
	return cmd
}
