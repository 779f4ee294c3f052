package entities

import (
	"testing"
	"time"

	"github.com/sift-project/sift/internal/nlp"
)

func parseDoc(s string) *nlp.Doc { return nlp.NewDoc(s) }

func TestParseDate(t *testing.T) {
	wed := time.Date(2017, 4, 5, 0, 0, 0, 0, time.UTC) // a Wednesday
	cases := []struct {
		in   string
		ref  time.Time
		want string
	}{
		{"Sun 16 Apr 2017 Death toll rises", time.Time{}, "2017-04-16"},
		{"12 February 2015 Casualties mount", time.Time{}, "2015-02-12"},
		{"Published October 12 2016 Activists say", time.Time{}, "2016-10-12"},
		{"February 12, 2015: talks", time.Time{}, "2015-02-12"},
		{"in August 2013 hundreds died", time.Time{}, "2013-08"},
		{"dated 2017-04-16 here", time.Time{}, "2017-04-16"},
		{"the WHO said on Wednesday", wed, "2017-04-05"},
		{"the strike on Monday", wed, "2017-04-03"},
		{"on Thursday night", wed, "2017-03-30"},
		{"Saturdays blast", wed, "2017-04-01"},
		{"it happened yesterday", wed, "2017-04-04"},
		{"today the council met", wed, "2017-04-05"},
		{"last night the town", wed, "2017-04-04"},
		{"on 3 April they", wed, "2017-04-03"},
		{"on 30 December they", wed, "2016-12-30"},
	}
	for _, c := range cases {
		got, ok := ParseDate(c.in, c.ref)
		if !ok || got != c.want {
			t.Errorf("ParseDate(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	for _, in := range []string{"you may go", "they march on", "on Monday"} {
		if got, ok := ParseDate(in, time.Time{}); ok {
			t.Errorf("ParseDate(%q) = %q, want nothing without a reference", in, got)
		}
	}
}

func TestRelativeDateFromText(t *testing.T) {
	s, err := New()
	if err != nil {
		t.Fatal(err)
	}
	// The dateline anchors "on Saturday"; a published date overrides it.
	text := "Sun 16 Apr 2017 The blast on Saturday killed 112."
	for _, c := range []struct{ published, want string }{{"", "2017-04-15"}, {"2017-04-20", "2017-04-15"}, {"2017-04-24", "2017-04-22"}} {
		var got string
		for _, e := range s.Find(parseDoc(text), c.published) {
			if e.Type == "date" && e.Text == "Saturday" {
				got = e.Name
			}
		}
		if got != c.want {
			t.Errorf("published %q: Saturday = %q, want %q", c.published, got, c.want)
		}
	}
}
