package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/techniques"
)

func init() { registerTrain(newTrainTechniquesCommand) }

type trainTechniquesOptions struct {
	ptcDir string
	out    string
	seed   uint64
}

func newTrainTechniquesCommand() *cobra.Command {
	var opts trainTechniquesOptions
	cmd := &cobra.Command{
		Use:   "techniques --ptc DIR --out FILE",
		Short: "Train the propaganda-technique tagger on the PTC",
		Long: `Train the propaganda-technique tagger on a PTC-layout directory (article<ID>.txt
with .task-si.labels and .task-flc-tc.labels) and write the model to FILE.

Training is deterministic for a given --seed. The model shipped with sift is
internal/techniques/model/techniques.model, made by this command (see
MODEL.md beside it).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrainTechniques(opts, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ptcDir, "ptc", "", "PTC training directory (required)")
	f.StringVar(&opts.out, "out", "", "model file to write (required)")
	f.Uint64Var(&opts.seed, "seed", 1, "training seed")
	return cmd
}

func runTrainTechniques(opts trainTechniquesOptions, stderr io.Writer) error {
	if opts.ptcDir == "" || opts.out == "" {
		return usageError{fmt.Errorf("--ptc and --out are required")}
	}
	arts, err := ptc.LoadDir(opts.ptcDir)
	if err != nil {
		return fmt.Errorf("load PTC: %w", err)
	}
	to := techniques.DefaultTrainOptions()
	to.Seed = opts.seed
	to.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	start := time.Now()
	m, err := techniques.Train(arts, to)
	if err != nil {
		return err
	}
	// Only base names are recorded, so that the same command run from
	// anywhere writes a byte-identical model.
	m.Info.Command = fmt.Sprintf("sift train techniques --ptc %s --out %s --seed %d", filepath.Base(filepath.Clean(opts.ptcDir)), filepath.Base(opts.out), opts.seed)
	tmp := opts.out + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	if err := m.Save(f); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("write model: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write model: %w", err)
	}
	if err := os.Rename(tmp, opts.out); err != nil {
		return fmt.Errorf("write model: %w", err)
	}
	st, _ := os.Stat(opts.out)
	fmt.Fprintf(stderr, "trained on %d articles in %s; wrote %s (%d bytes)\n", len(arts), time.Since(start).Round(time.Second), opts.out, st.Size())
	return nil
}
