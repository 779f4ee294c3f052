// Package analyze wires sift's default pipeline: the one place that knows
// which annotation stages exist and in what order they run.
package analyze

import (
	"errors"
	"fmt"

	"github.com/sift-project/sift/internal/clean"
	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/events"
	"github.com/sift-project/sift/internal/pipeline"
	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
	"github.com/sift-project/sift/internal/score"
	"github.com/sift-project/sift/internal/sourcing"
	"github.com/sift-project/sift/internal/techniques"
)

// Options select optional parts of the pipeline.
type Options struct{}

// NewPipeline returns the default annotation pipeline, stages in the order
// entities → sourcing → techniques → events → scores. Each stage package
// registers its line here when it lands.
func NewPipeline(opts Options) (*pipeline.Pipeline, error) {
	var stages []pipeline.Stage
	ents, err := entities.New()
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	src, err := sourcing.New()
	if err != nil {
		return nil, fmt.Errorf("sourcing: %w", err)
	}
	tech, err := techniques.NewStage()
	if err != nil {
		return nil, fmt.Errorf("techniques: %w", err)
	}
	stages = append(stages, ents, src, tech, events.New(), score.NewStage()) // scores: always last
	return pipeline.New(stages...), nil
}

// MaxTextBytes bounds the cleaned text of one article: the stages keep
// several arrays per token and the report keeps every span, so memory
// grows with an article's length (about 60 bytes per byte of text); a
// longer "article" (a dump of many, binary junk read as text) is refused
// as an item error instead. The longest news articles are well under it.
const MaxTextBytes = 2 << 20

// ErrTooLong is wrapped by the error for an article over MaxTextBytes.
var ErrTooLong = errors.New("article text too long")

// Analyzer turns raw items into finished reports.
type Analyzer struct {
	Pipeline *pipeline.Pipeline
}

// New returns an analyzer over the default pipeline.
func New(opts Options) (*Analyzer, error) {
	p, err := NewPipeline(opts)
	if err != nil {
		return nil, err
	}
	return &Analyzer{Pipeline: p}, nil
}

// Item cleans and analyses one raw item. Items with Err set return it.
func (a *Analyzer) Item(it read.Item) (*report.Report, error) {
	if it.Err != nil {
		return nil, it.Err
	}
	r, err := clean.Article(it)
	if err != nil {
		return nil, fmt.Errorf("clean: %w", err)
	}
	if err := a.Annotate(r); err != nil {
		return nil, err
	}
	return r, nil
}

// Annotate runs the pipeline's stages on a cleaned report (what Item does
// after cleaning), refusing an article over MaxTextBytes with ErrTooLong.
func (a *Analyzer) Annotate(r *report.Report) error {
	if len(r.Text) > MaxTextBytes {
		return fmt.Errorf("%w: %.1f MiB after cleaning, over the %d MiB limit for one article (split it into articles)",
			ErrTooLong, float64(len(r.Text))/(1<<20), MaxTextBytes>>20)
	}
	_, err := a.Pipeline.Run(r)
	return err
}

// Text analyses a text given directly (an API request): the first line is
// the title unless title is given.
func (a *Analyzer) Text(text string, src report.Source, title string) (*report.Report, error) {
	return a.Item(read.Item{Source: src, Kind: read.Text, Body: text, Title: title})
}
