package techniques

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// embeddedModel is the model trained on the PTC training split; see
// model/MODEL.md for how it was made.
//
//go:embed model/techniques.model
var embeddedModel []byte

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loaded once, for tagging only: it
// keeps the compact weight tables and cannot be saved (Load the embedded
// bytes for a full copy).
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		defaultModel, defaultErr = Load(bytes.NewReader(embeddedModel))
		if defaultErr != nil {
			defaultErr = fmt.Errorf("embedded technique model: %w", defaultErr)
			return
		}
		defaultModel.dropPlain()
	})
	return defaultModel, defaultErr
}

// Stage is the pipeline stage "techniques": it fills report.Techniques.
// It is safe for concurrent use.
type Stage struct {
	Model *Model
}

// NewStage returns the stage over the embedded model.
func NewStage() (*Stage, error) {
	m, err := Default()
	if err != nil {
		return nil, err
	}
	return &Stage{Model: m}, nil
}

// Name implements pipeline.Stage.
func (s *Stage) Name() string { return "techniques" }

// Annotate implements pipeline.Stage: it sets r.Techniques (a non-nil
// list, empty when nothing is found).
func (s *Stage) Annotate(r *report.Report, d *nlp.Doc) error {
	r.Techniques = s.Model.Tag(d)
	return nil
}
