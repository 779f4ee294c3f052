package sourcing

import (
	"testing"

	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/report"
)

// A quote whose speaker carries an apposition before the verb is still a
// direct quote of that speaker.
func TestDirectQuoteSpeakerWithApposition(t *testing.T) {
	st, err := New()
	if err != nil {
		t.Fatal(err)
	}
	text := "T\n\n\"This is a criminal act carried out with Western weapons,\" Fares Shehabi, a member of parliament from Aleppo, wrote on Twitter."
	r := &report.Report{Text: text}
	if err := st.Annotate(r, nlp.NewDoc(text)); err != nil {
		t.Fatal(err)
	}
	for _, a := range r.Attributions {
		if a.Content.Text == "This is a criminal act carried out with Western weapons" {
			if !a.Direct || a.SourceName != "Fares Shehabi" || a.Cue.Text != "wrote" {
				t.Fatalf("got %+v", a)
			}
			return
		}
	}
	t.Fatalf("quote not attributed: %+v", r.Attributions)
}
