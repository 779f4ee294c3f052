package techniques

import (
	"log/slog"
	"os"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

func TestDebugCalib(t *testing.T) {
	if os.Getenv("SIFT_DEBUG") == "" {
		t.Skip()
	}
	arts, _ := ptc.LoadDir(ptc.TrainDir())
	calibLog = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := DefaultTrainOptions()
	Train(arts[:250], o)
}
