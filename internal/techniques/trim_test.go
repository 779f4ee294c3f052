package techniques

import (
	"testing"

	"github.com/sift-project/sift/internal/nlp"
)

func TestTrimFound(t *testing.T) {
	d := nlp.NewDoc("They are evil, corrupt liars. Really? \u201cTraitors!\u201d")
	tok := func(w string) int { return tokIndex(t, d, w, 0) }
	cases := []struct {
		in   Found
		want string
	}{
		{Found{First: tok("evil"), Last: tok("evil") + 2}, "evil"},                        // "evil ,"
		{Found{First: tok("corrupt"), Last: tok("liars") + 2}, "corrupt liars"},           // full stop dropped
		{Found{First: tok("Really"), Last: tok("Really") + 2}, "Really?"},                 // '?' kept
		{Found{First: tok("Traitors") - 1, Last: len(d.Tokens)}, "\u201cTraitors!\u201d"}, // quotes and '!' kept
		{Found{First: tok(","), Last: tok(",") + 1}, ","},                                 // punctuation alone kept
	}
	for _, c := range cases {
		got := trimFound(d, []Found{c.in})[0]
		if s := d.SpanTokens(got.First, got.Last).Text; s != c.want {
			t.Errorf("%q: got %q, want %q", d.SpanTokens(c.in.First, c.in.Last).Text, s, c.want)
		}
	}
}
