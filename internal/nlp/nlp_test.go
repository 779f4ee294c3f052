package nlp

import (
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

func tokens(d *Doc) []string {
	var out []string
	for i := range d.Tokens {
		out = append(out, d.TokenText(i))
	}
	return out
}

func TestTokenize(t *testing.T) {
	cases := map[string]string{
		"A US-supplied missile, according to RT.":                          "A|US-supplied|missile|,|according|to|RT|.",
		"The U.S. said 1,000.5 people didn't flee...":                      "The|U.S.|said|1,000.5|people|didn't|flee|...",
		"They call them \u2018rebels\u2019 \u2014 \u201cterrorists\u201d!": "They|call|them|\u2018|rebels|\u2019|\u2014|\u201c|terrorists|\u201d|!",
		"Assad\u2019s al-Nusra (HTS) \U0001F600 ok":                        "Assad\u2019s|al-Nusra|(|HTS|)|\U0001F600|ok",
		"end.Next 3.5km": "end|.|Next|3.5km",
	}
	for in, want := range cases {
		d := NewDoc(in)
		if got := strings.Join(tokens(d), "|"); got != want {
			t.Errorf("%q:\n got %s\nwant %s", in, got, want)
		}
		for _, tk := range d.Tokens {
			if d.Index.Slice(tk.RStart, tk.REnd) != in[tk.Start:tk.End] {
				t.Errorf("%q: rune offsets of %q disagree", in, in[tk.Start:tk.End])
			}
		}
	}
}

func TestSentences(t *testing.T) {
	in := "Title line here\n\nMr. Smith went to Washington. He said \u201cno.\u201d Then the U.S. Army left! Gen. Petraeus (ret.) agreed? Yes.\nA new line without a dot\nAnd 3 more. 4 dead."
	want := []string{
		"Title line here",
		"Mr. Smith went to Washington.",
		"He said \u201cno.\u201d",
		"Then the U.S. Army left!",
		"Gen. Petraeus (ret.) agreed?",
		"Yes.",
		"A new line without a dot",
		"And 3 more.",
		"4 dead.",
	}
	d := NewDoc(in)
	spans := d.SentenceSpans()
	if len(spans) != len(want) {
		for _, s := range spans {
			t.Logf("%q", s.Text)
		}
		t.Fatalf("got %d sentences, want %d", len(spans), len(want))
	}
	for i, s := range spans {
		if s.Text != want[i] {
			t.Errorf("sentence %d: %q want %q", i, s.Text, want[i])
		}
		if d.Index.Slice(s.Start, s.End) != s.Text {
			t.Errorf("sentence %d offsets wrong", i)
		}
	}
	if d.Sentences[0].Para != 0 || d.Sentences[1].Para != 1 {
		t.Errorf("paragraphs: %d %d", d.Sentences[0].Para, d.Sentences[1].Para)
	}
	for i := range d.Tokens {
		s := d.SentenceOf(i)
		if s < 0 || i < d.Sentences[s].First || i >= d.Sentences[s].Last {
			t.Fatalf("SentenceOf(%d)=%d", i, s)
		}
	}
}

// On PTC articles every line is one NLTK sentence; our splitter should
// agree on almost all lines.
func TestSentencesAgreeWithPTCLines(t *testing.T) {
	texts, err := ptc.TrainTexts(100)
	if err != nil {
		t.Fatal(err)
	}
	if len(texts) == 0 {
		t.Skip("PTC data not available")
	}
	lines, agree := 0, 0
	for _, text := range texts {
		d := NewDoc(text)
		got := map[string]bool{}
		for _, s := range d.SentenceSpans() {
			got[s.Text] = true
		}
		for _, l := range strings.Split(text, "\n") {
			if l = strings.TrimSpace(l); l == "" {
				continue
			}
			lines++
			if got[l] {
				agree++
			}
		}
	}
	rate := float64(agree) / float64(lines)
	t.Logf("%d/%d PTC lines are exactly one sentence (%.3f)", agree, lines, rate)
	if rate < 0.85 {
		t.Fatalf("agreement %.3f < 0.85", rate)
	}
}

func FuzzNewDoc(f *testing.F) {
	f.Add("He said \u201chello.\u201d Mr. X left. U.S. \xff")
	f.Fuzz(func(t *testing.T, s string) {
		d := NewDoc(s)
		prev := 0
		for _, tk := range d.Tokens {
			if tk.Start < prev || tk.End <= tk.Start || tk.End > len(s) {
				t.Fatalf("bad token %+v", tk)
			}
			prev = tk.End
		}
		for _, se := range d.Sentences {
			if se.First >= se.Last || se.Start > se.End {
				t.Fatalf("bad sentence %+v", se)
			}
		}
	})
}

func BenchmarkNewDocPTC(b *testing.B) {
	texts, err := ptc.TrainTexts(0)
	if err != nil {
		b.Fatal(err)
	}
	if len(texts) == 0 {
		b.Skip("PTC data not available")
	}
	size := 0
	for _, s := range texts {
		size += len(s)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range texts {
			NewDoc(s)
		}
	}
	b.ReportMetric(float64(len(texts)*b.N)/b.Elapsed().Seconds(), "articles/s")
}
