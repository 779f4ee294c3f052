package events

import (
	"reflect"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/entities"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

// TestMatchesReference runs the stage and its reference (ref_test.go, the
// code before the speed work) on the PTC training articles, the FA-KES
// articles and variants of them that put the rules' words in other
// places (every sentence made a headline, lower-cased text), and wants
// the same events and main event.
func TestMatchesReference(t *testing.T) {
	s, err := entities.New()
	if err != nil {
		t.Fatal(err)
	}
	texts := benchTexts(t)
	pt, err := ptc.TrainTexts(0)
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, pt...)
	if testing.Short() && len(texts) > 200 {
		texts = texts[:200]
	}
	var variants []string
	for i, text := range texts {
		if i%4 == 0 {
			variants = append(variants, strings.ToLower(text), strings.ReplaceAll(text, ". ", ".\n\n"))
		}
	}
	texts = append(texts, variants...)
	ev, ref := New(), refNew()
	events := 0
	for _, text := range texts {
		d := nlp.NewDoc(text)
		r := &report.Report{Text: text}
		if err := s.Annotate(r, d); err != nil {
			t.Fatal(err)
		}
		want := *r
		if err := ref.Annotate(&want, d); err != nil {
			t.Fatal(err)
		}
		// Twice: the second run reuses the first's scratch.
		for k := 0; k < 2; k++ {
			got := *r
			if err := ev.Annotate(&got, d); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got.Events, want.Events) || !reflect.DeepEqual(got.MainEvent, want.MainEvent) {
				t.Fatalf("events differ from the reference on %.80q:\n got %+v %v\nwant %+v %v", text, got.Events, got.MainEvent, want.Events, want.MainEvent)
			}
		}
		events += len(want.Events)
	}
	if events < len(texts) {
		t.Fatalf("%d events in %d articles: the comparison tests too little", events, len(texts))
	}
	t.Logf("%d articles, %d events", len(texts), events)
}
