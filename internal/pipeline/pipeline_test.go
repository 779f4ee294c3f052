package pipeline

import (
	"errors"
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

type stage struct {
	name string
	seen *[]string
	err  error
}

func (s stage) Name() string { return s.name }
func (s stage) Annotate(r *report.Report, d *nlp.Doc) error {
	*s.seen = append(*s.seen, s.name)
	if len(r.Sentences) == 0 || d.Text != r.Text {
		return errors.New("stage ran before sentences were set")
	}
	return s.err
}

func TestRunOrderAndErrors(t *testing.T) {
	var seen []string
	p := New(stage{name: "a", seen: &seen}, stage{name: "b", seen: &seen, err: errors.New("boom")}, stage{name: "c", seen: &seen})
	r := &report.Report{Text: "T\n\nOne. Two."}
	_, err := p.Run(r)
	if err == nil || err.Error() != "b: boom" {
		t.Fatalf("err %v", err)
	}
	if len(seen) != 2 || seen[0] != "a" || seen[1] != "b" {
		t.Fatalf("order %v", seen)
	}
	if r.ID != report.HashText(r.Text) || len(r.Sentences) != 3 || r.Byline == nil || r.Removed == nil {
		t.Fatalf("report not filled: %+v", r)
	}
}
