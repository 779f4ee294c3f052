package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/sift-project/sift/internal/events"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/techniques"
)

func init() { registerTrain(newTrainClustersCommand) }

type trainClustersOptions struct {
	ptcDir string
	fakes  string
	out    string
	seed   uint64
	co     techniques.ClusterOptions
}

func newTrainClustersCommand() *cobra.Command {
	var opts trainClustersOptions
	cmd := &cobra.Command{
		Use:   "clusters --ptc DIR --fakes FILE --out FILE",
		Short: "Learn the word clusters the technique tagger reads",
		Long: `Learn word clusters from the text of a PTC-layout directory and of the FA-KES
CSV (no labels are read) and write them to FILE, one "word fine coarse" line per
word. Deterministic for a given --seed. The clusters shipped with sift are
internal/techniques/model/clusters.txt, made by this command (see MODEL.md).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runTrainClusters(opts, cmd.ErrOrStderr())
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.ptcDir, "ptc", "", "PTC directory (required)")
	f.StringVar(&opts.fakes, "fakes", "", "FA-KES CSV (optional)")
	f.StringVar(&opts.out, "out", "", "clusters file to write (required)")
	f.Uint64Var(&opts.seed, "seed", 1, "seed of the projection and of k-means")
	d := techniques.DefaultClusterOptions()
	f.IntVar(&opts.co.MinCount, "min-count", d.MinCount, "fewest occurrences of a clustered word")
	f.IntVar(&opts.co.Contexts, "contexts", d.Contexts, "number of most frequent words used as contexts")
	f.IntVar(&opts.co.Dims, "dims", d.Dims, "dimensions of the projected context vectors")
	f.IntVar(&opts.co.Fine, "fine", d.Fine, "number of fine clusters")
	f.IntVar(&opts.co.Coarse, "coarse", d.Coarse, "number of coarse clusters (of the fine clusters' centroids)")
	f.IntVar(&opts.co.Iters, "iters", d.Iters, "k-means iterations")
	return cmd
}

func runTrainClusters(opts trainClustersOptions, stderr io.Writer) error {
	if opts.ptcDir == "" || opts.out == "" {
		return usageError{fmt.Errorf("--ptc and --out are required")}
	}
	if c := opts.co; c.MinCount < 1 || c.Contexts < 1 || c.Dims < 1 || c.Iters < 1 || c.Coarse < 1 || c.Fine < c.Coarse || c.Fine >= 0xffff {
		return usageError{fmt.Errorf("cluster options must be positive, with --coarse ≤ --fine < 65535")}
	}
	arts, err := ptc.LoadDir(opts.ptcDir)
	if err != nil {
		return fmt.Errorf("load PTC: %w", err)
	}
	var texts []string
	for _, a := range arts {
		texts = append(texts, a.Text)
	}
	if opts.fakes != "" {
		f, err := os.Open(opts.fakes)
		if err != nil {
			return fmt.Errorf("load FA-KES: %w", err)
		}
		rows, err := events.ReadFakes(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("load FA-KES %s: %w", opts.fakes, err)
		}
		for _, r := range rows {
			texts = append(texts, r.Text)
		}
	}
	co := opts.co
	co.Seed = opts.seed
	start := time.Now()
	c, err := techniques.LearnClusters(texts, co)
	if err != nil {
		return err
	}
	f, err := os.Create(opts.out)
	if err != nil {
		return fmt.Errorf("write clusters: %w", err)
	}
	if err := c.Write(f); err != nil {
		f.Close()
		return fmt.Errorf("write clusters: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write clusters: %w", err)
	}
	fmt.Fprintf(stderr, "learned clusters of %d words from %d texts in %s; wrote %s\n", c.Len(), len(texts), time.Since(start).Round(time.Second), opts.out)
	return nil
}
