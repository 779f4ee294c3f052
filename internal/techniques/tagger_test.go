package techniques

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/sift-project/sift/internal/goldenfile"
	"github.com/sift-project/sift/internal/nlp"
	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/report"
)

func loadTrain(t testing.TB, n int) []*ptc.Article {
	t.Helper()
	dir := ptc.TrainDir()
	if dir == "" {
		t.Skip("PTC data absent")
	}
	arts, err := ptc.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if n > 0 && n < len(arts) {
		arts = arts[:n]
	}
	return arts
}

func TestGoldTags(t *testing.T) {
	d := nlp.NewDoc("T\n\nThey are evil thugs and liars.\nNext line here.\n")
	// "evil thugs" [11,21) and an overlapping "thugs and" [16,25) merge;
	// a span across the line break restarts with B on the new line.
	tags := goldTags(d, []ptc.Span{{Start: 12, End: 22}, {Start: 17, End: 26}, {Start: 34, End: 43}})
	var got []string
	for i, y := range tags {
		got = append(got, fmt.Sprintf("%s/%c", d.TokenText(i), "OBI"[y]))
	}
	want := "T/O They/O are/O evil/B thugs/I and/I liars/O ./O Next/B line/I here/O ./O"
	if strings.Join(got, " ") != want {
		t.Fatalf("got  %s\nwant %s", strings.Join(got, " "), want)
	}
}

// Training on a few articles is deterministic for a seed and learns
// something.
func TestTrainSmoke(t *testing.T) {
	arts := loadTrain(t, 30)
	opt := TrainOptions{Seed: 3, SIEpochs: 4, TCEpochs: 2, SIBits: 16, TCBits: 14, Holdout: 0.3}
	save := func() []byte {
		m, err := Train(arts, opt)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := save(), save()
	if !bytes.Equal(a, b) {
		t.Fatal("training is not deterministic")
	}
	m, err := Load(bytes.NewReader(a))
	if err != nil {
		t.Fatal(err)
	}
	// In-sample, the tagger must find spans that overlap the gold.
	var pred, gold []ptc.Span
	for _, art := range arts {
		gold = append(gold, art.SI...)
		for _, x := range m.Tag(nlp.NewDoc(art.Text)) {
			pred = append(pred, ptc.Span{Article: art.ID, Start: x.Start, End: x.End})
		}
	}
	if s := ptc.ScoreSI(pred, gold); s.F1 < 0.2 {
		t.Fatalf("in-sample SI %+v", s)
	}
	if _, err := Train(nil, opt); err == nil {
		t.Fatal("training on nothing succeeded")
	}
}

var (
	fullOnce  sync.Once
	fullModel *Model
	fullErr   error
)

// embedded returns a full copy of the embedded model (with the plain
// weight tables Default drops), loaded once.
func embedded(t testing.TB) *Model {
	t.Helper()
	fullOnce.Do(func() { fullModel, fullErr = Load(bytes.NewReader(embeddedModel)) })
	if fullErr != nil {
		t.Fatal(fullErr)
	}
	return fullModel
}

func TestDefaultDropsPlainTables(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	full := embedded(t)
	for _, tg := range d.Taggers {
		if tg.W != nil {
			t.Fatal("the default model kept a plain span table")
		}
	}
	if d.TC != nil || full.TC == nil {
		t.Fatal("plain classifier table: default kept it or the full copy lacks it")
	}
	if err := d.Save(io.Discard); err == nil {
		t.Fatal("saving a tagging-only model did not fail")
	}
	// Tagging reads only the compact tables: both copies agree.
	docs := testDocs(t)
	for i, doc := range docs[:min(len(docs), 40)] {
		if a, b := d.Tag(doc), full.Tag(doc); !reflect.DeepEqual(a, b) {
			t.Fatalf("doc %d: the default model tags differently from a full copy", i)
		}
	}
}

func checkSpans(t *testing.T, text string, ts []report.Technique) {
	t.Helper()
	r := []rune(text)
	for _, x := range ts {
		if x.Start < 0 || x.End > len(r) || x.Start >= x.End || string(r[x.Start:x.End]) != x.Text {
			t.Fatalf("bad span %+v", x)
		}
		if ptc.TechniqueIndex(x.Technique) < 0 {
			t.Fatalf("unknown technique %q", x.Technique)
		}
		if x.Score <= 0 || x.Score > 1 {
			t.Fatalf("score %v", x.Score)
		}
	}
}

// The embedded model finds obvious loaded language and name calling.
func TestEmbeddedFindsObviousTechniques(t *testing.T) {
	text := "Regime Lies\n\nThe evil, corrupt regime of bloodthirsty thugs massacred innocent children again.\nThese cowardly traitors and their lying puppet media are a disgrace.\n"
	ts := embedded(t).Tag(nlp.NewDoc(text))
	checkSpans(t, text, ts)
	found := map[string]bool{}
	for _, x := range ts {
		if x.Technique == "Loaded_Language" || x.Technique == "Name_Calling,Labeling" {
			for _, w := range []string{"evil", "bloodthirsty", "thugs", "cowardly", "traitors", "massacred", "disgrace"} {
				if strings.Contains(x.Text, w) {
					found[w] = true
				}
			}
		}
	}
	if len(found) < 3 {
		t.Fatalf("found only %v in %+v", found, ts)
	}
	// A plain factual text gets few or no spans.
	plain := "Weather\n\nThe temperature was 12 degrees on Tuesday.\nThe meeting will be held at the town hall at noon.\n"
	if ts := embedded(t).Tag(nlp.NewDoc(plain)); len(ts) > 1 {
		t.Fatalf("plain text: %+v", ts)
	}
}

// TestGolden checks the embedded model's spans on an article in testdata
// (written for sift in the PTC layout) against the expected spans beside
// it. Run with -update after retraining and check the diff by eye.
func TestGolden(t *testing.T) {
	path := filepath.Join("testdata", "article900000001.txt")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	ts := embedded(t).Tag(nlp.NewDoc(text))
	checkSpans(t, text, ts)
	var b strings.Builder
	for _, x := range ts {
		fmt.Fprintf(&b, "900000001\t%s\t%d\t%d\t%q\n", x.Technique, x.Start, x.End, x.Text)
	}
	goldenfile.Check(t, filepath.Join("testdata", "article900000001.golden"), []byte(b.String()))
}

// TestLabelSpansDuplicates: a span given twice gets two different
// techniques.
func TestLabelSpansDuplicates(t *testing.T) {
	text := "T\n\nThe evil regime lies.\n"
	d := nlp.NewDoc(text)
	got := embedded(t).LabelSpans(d, [][2]int{{7, 11}, {7, 11}, {3, 24}})
	if len(got) != 3 || got[0] == got[1] {
		t.Fatalf("labels %v", got)
	}
}

// FuzzTag: any text yields valid spans (code-point offsets, text equal
// to the slice, known techniques, scores in (0, 1]).
func FuzzTag(f *testing.F) {
	f.Add("Title\n\nThe evil regime lies! \u201cExperts\u201d say so.\n")
	f.Add("\u00e9\u00e9\xff\n\n\"\"\"\n")
	f.Add("")
	m := embedded(f)
	f.Fuzz(func(t *testing.T, text string) {
		text = strings.ToValidUTF8(text, "\uFFFD")
		checkSpans(t, text, m.Tag(nlp.NewDoc(text)))
	})
}

// The long-span tagger trains for LongEpochs epochs, the short one for
// SIEpochs, and the model records both.
func TestTrainLongEpochs(t *testing.T) {
	arts := loadTrain(t, 8)
	var logs bytes.Buffer
	opt := TrainOptions{Seed: 3, SIEpochs: 2, LongEpochs: 3, TCEpochs: 1, SIBits: 14, TCBits: 12, CalFolds: -1, Holdout: 0.3, Mix: -1,
		Log: slog.New(slog.NewTextHandler(&logs, nil))}
	m, err := Train(arts, opt)
	if err != nil {
		t.Fatal(err)
	}
	if m.Info.SIEpochs != 2 || m.Info.LongEpochs != 3 {
		t.Errorf("Info records %d and %d epochs, want 2 and 3", m.Info.SIEpochs, m.Info.LongEpochs)
	}
	// The final taggers are the last two trained: their epoch lines end the
	// span-tagger log.
	var last [2]int
	for _, line := range strings.Split(logs.String(), "\n") {
		for k := range last {
			if strings.Contains(line, "span tagger epoch") && strings.Contains(line, fmt.Sprintf("tagger=%d ", k)) {
				if _, err := fmt.Sscanf(line[strings.Index(line, "epoch=")+len("epoch="):], "%d", &last[k]); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if last != [2]int{2, 3} {
		t.Errorf("epochs run by the short and long taggers: %v, want [2 3]", last)
	}
}
