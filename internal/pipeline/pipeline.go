// Package pipeline runs the annotation stages over a cleaned article.
//
// Data flows one way: the cleaner fills the report's metadata and text,
// Run tokenizes the text into an nlp.Doc, fills id and sentences, then
// calls each Stage in order. A stage reads the report sections written
// before it and adds its own; it never changes what an earlier stage wrote.
package pipeline

import (
	"fmt"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// Stage is one annotation stage (entities, sourcing, techniques, events,
// scores).
type Stage interface {
	// Name names the stage in errors and benchmarks.
	Name() string
	// Annotate adds the stage's sections to r. d is r.Text tokenized.
	Annotate(r *report.Report, d *nlp.Doc) error
}

// Pipeline is an ordered list of stages. It is safe for concurrent use
// when its stages are.
type Pipeline struct {
	Stages []Stage
}

// New returns a pipeline running stages in order.
func New(stages ...Stage) *Pipeline { return &Pipeline{Stages: stages} }

// Run annotates r in place: r.Text must be set (the cleaned article).
// It returns the tokenized document for callers that render from it.
func (p *Pipeline) Run(r *report.Report) (*nlp.Doc, error) {
	d := nlp.NewDoc(r.Text)
	r.ID = report.HashText(r.Text)
	r.Sentences = d.SentenceSpans()
	if r.Byline == nil {
		r.Byline = []string{}
	}
	if r.Removed == nil {
		r.Removed = []report.Removed{}
	}
	for _, s := range p.Stages {
		if err := s.Annotate(r, d); err != nil {
			return d, fmt.Errorf("%s: %w", s.Name(), err)
		}
	}
	return d, nil
}
