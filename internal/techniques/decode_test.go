package techniques

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
)

// A hand-set model: emissions per token, transitions that penalise
// B→B.
func TestViterbiHandModel(t *testing.T) {
	var trans [numTags + 1][numTags]float32
	trans[tagB][tagB] = -5
	// Token scores (O, B, I).
	e := []float32{
		2, 0, 0, // O
		0, 3, 1, // B
		0, 2, 2.5, // I: B then B would pay -5
		1, 0, 0.5, // O alone would win (1 vs 0.5), but I here
		0, 0, 4, // lets this I (4) follow: I,I = 4.5 beats O,O = 1
	}
	n := 5
	back := make([]int8, n*numTags)
	tags := make([]int8, n)
	viterbi(e, &trans, 0, back, tags)
	want := []int8{tagO, tagB, tagI, tagI, tagI}
	if !slices.Equal(tags, want) {
		t.Fatalf("tags %v want %v", tags, want)
	}
	// Sequence score check by brute force over all legal sequences.
	best, bestSeq := float32(math.Inf(-1)), []int8(nil)
	seq := make([]int8, n)
	var walk func(i int)
	walk = func(i int) {
		if i == n {
			s := float32(0)
			prev := numTags
			for k, y := range seq {
				if y == tagI && (prev == numTags || prev == tagO) {
					return
				}
				s += trans[prev][y] + e[k*numTags+int(y)]
				prev = int(y)
			}
			if s > best {
				best, bestSeq = s, slices.Clone(seq)
			}
			return
		}
		for y := int8(0); y < numTags; y++ {
			seq[i] = y
			walk(i + 1)
		}
	}
	walk(0)
	if !slices.Equal(bestSeq, tags) {
		t.Fatalf("brute force %v, viterbi %v", bestSeq, tags)
	}
	// A bias large enough turns every token into span tags.
	viterbi(e, &trans, 10, back, tags)
	for i, y := range tags {
		if y == tagO {
			t.Fatalf("bias 10: token %d still O (%v)", i, tags)
		}
	}
	if tags[0] != tagB {
		t.Fatalf("a span must start with B: %v", tags)
	}
}

func TestAppendSpans(t *testing.T) {
	tags := []int8{tagO, tagB, tagI, tagB, tagO, tagB}
	e := make([]float32, len(tags)*numTags)
	got := appendSpans(nil, tags, e, 0, 1, 10)
	want := [][2]int{{11, 13}, {13, 14}, {15, 16}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i, w := range want {
		if got[i].First != w[0] || got[i].Last != w[1] || got[i].Score != 0.5 {
			t.Errorf("span %d: %+v want %v score 0.5", i, got[i], w)
		}
	}
}

func TestSaveLoadRoundTrip(t *testing.T) {
	m := newModel(9)
	for k := 0; k < 2; k++ {
		tg := newTagger(10, k, 5*k)
		for i := range tg.W {
			tg.W[i] = float32((i+k)%7) - 3
		}
		tg.Trans[numTags][tagB] = 1.5
		tg.Bias = float32(2 + k)
		tg.Scale = 0.5
		m.Taggers = append(m.Taggers, tg)
	}
	m.TC[5] = 0.25
	m.TC[len(m.TC)-1] = -1.5
	m.SentBits = 8
	m.Sent = make([]float32, 1<<8)
	m.Sent[3], m.Sent[255] = 0.75, -2
	m.Info.Seed = 7
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	got, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	m.Quantize()
	if len(got.Taggers) != 2 || !slices.Equal(got.TC, m.TC) || got.SentBits != 8 || !slices.Equal(got.Sent, m.Sent) || got.Info.Seed != 7 {
		t.Fatal("round trip changed the model")
	}
	for k, tg := range got.Taggers {
		w := m.Taggers[k]
		if !slices.Equal(tg.W, w.W) || tg.Trans != w.Trans || tg.Bias != w.Bias || tg.Scale != w.Scale || tg.MinLen != w.MinLen || tg.MaxLen != w.MaxLen {
			t.Fatalf("tagger %d changed", k)
		}
	}
	if math.Abs(float64(got.TC[5]-0.25)) > 1e-4 {
		t.Fatalf("quantisation too coarse: %v", got.TC[5])
	}
	for _, bad := range [][]byte{nil, []byte("SIFTTECH2\nnot gzip"), buf.Bytes()[:buf.Len()/2]} {
		if _, err := Load(bytes.NewReader(bad)); err == nil {
			t.Errorf("Load accepted %d bad bytes", len(bad))
		}
	}
	// A model of other feature hashes is refused by name.
	old := append([]byte("SIFTTECH1\n"), buf.Bytes()[len(magic):]...)
	if _, err := Load(bytes.NewReader(old)); err == nil || !strings.Contains(err.Error(), "retrain") {
		t.Errorf("Load of a version-1 model: %v, want a feature-version error", err)
	}
}

func FuzzLoad(f *testing.F) {
	m := newModel(8)
	m.Taggers = []*Tagger{newTagger(8, 0, 0)}
	m.Taggers[0].W[3] = 1
	var buf bytes.Buffer
	m.Save(&buf)
	f.Add(buf.Bytes())
	f.Add([]byte(magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(m.TC) != (1<<m.TCBits)*len(ptc.Techniques) || len(m.Taggers) == 0 {
			t.Fatal("inconsistent model accepted")
		}
		for _, tg := range m.Taggers {
			if len(tg.W) != (1<<tg.Bits)*numTags {
				t.Fatal("inconsistent tagger accepted")
			}
		}
	})
}

func TestLexiconFilesLowerCase(t *testing.T) {
	for _, c := range LexClasses {
		data, err := lexiconFS.ReadFile("lexicon/" + c + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(data), "\n") {
			if line != strings.ToLower(line) || line != strings.TrimSpace(line) {
				t.Errorf("%s.txt:%d: %q not lower case and trimmed", c, i+1, line)
			}
		}
	}
}
