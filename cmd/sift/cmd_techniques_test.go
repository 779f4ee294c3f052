package main

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/ptc"
	"github.com/sift-project/sift/internal/techniques"
)

func TestRunLabel(t *testing.T) {
	dir := t.TempDir()
	art, err := os.ReadFile("../../internal/techniques/testdata/article900000001.txt")
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "article900000001.txt"), art, 0o644)
	spans := filepath.Join(dir, "spans.txt")
	in := "900000001\t?\t52\t59\n900000001\t?\t52\t59\n900000001\tx\t710\t727\n"
	os.WriteFile(spans, []byte(in), 0o644)
	var out, errb bytes.Buffer
	if err := runLabel(spans, dir, &out, &errb); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 3 {
		t.Fatalf("output:\n%s", out.String())
	}
	var got []string
	for i, l := range lines {
		f := strings.Split(l, "\t")
		inf := strings.Split(strings.Split(in, "\n")[i], "\t")
		if len(f) != 4 || f[0] != inf[0] || f[2] != inf[2] || f[3] != inf[3] || ptc.TechniqueIndex(f[1]) < 0 {
			t.Fatalf("line %d: %q", i, l)
		}
		got = append(got, f[1])
	}
	if got[0] == got[1] {
		t.Errorf("a span given twice got the same technique twice: %v", got)
	}
	// A span naming a missing article fails that article only.
	os.WriteFile(spans, []byte(in+"123\t?\t0\t4\n"), 0o644)
	out.Reset()
	errb.Reset()
	if err := runLabel(spans, dir, &out, &errb); !errors.Is(err, errSomeFailed) || !strings.Contains(errb.String(), "article123.txt") {
		t.Fatalf("missing article: err %v, stderr %q", err, errb.String())
	}
	if strings.Count(out.String(), "\n") != 3 {
		t.Fatalf("the other spans must still be labelled:\n%s", out.String())
	}
	if err := runLabel("", dir, &out, &errb); !errors.As(err, &usageError{}) {
		t.Fatalf("no --spans: %v", err)
	}
}

// smallPTC copies a few PTC training articles with their labels.
func smallPTC(t *testing.T, n int) string {
	t.Helper()
	src := ptc.TrainDir()
	if src == "" {
		t.Skip("PTC data absent")
	}
	arts, err := ptc.LoadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, a := range arts[:n] {
		for _, suf := range []string{".txt", ".task-si.labels", ".task-flc-tc.labels"} {
			data, err := os.ReadFile(strings.TrimSuffix(a.Path, ".txt") + suf)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, "article"+a.ID+suf), data, 0o644)
		}
	}
	return dir
}

func TestRunTrainAndEvalSmall(t *testing.T) {
	dir := smallPTC(t, 12)
	model := filepath.Join(t.TempDir(), "m.model")
	var errb bytes.Buffer
	if err := runTrainTechniques(trainTechniquesOptions{ptcDir: dir, out: model, seed: 2}, &errb); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	m, err := techniques.Load(f)
	f.Close()
	if err != nil || m.Info.Seed != 2 || m.Info.Articles != 12 || !strings.Contains(m.Info.Command, "--seed 2") {
		t.Fatalf("model %+v, %v", m, err)
	}
	var out bytes.Buffer
	opts := evalPTCOptions{folds: 3, seed: 1}
	if err := runEvalPTC(opts, dir, &out, &errb); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	for _, want := range []string{"SI  P", "TC  micro-F1", "Loaded_Language", "micro"} {
		if !strings.Contains(out.String(), want) {
			t.Fatalf("eval output lacks %q:\n%s", want, out.String())
		}
	}
	opts.folds = 1
	if err := runEvalPTC(opts, dir, &out, &errb); !errors.As(err, &usageError{}) {
		t.Fatalf("1 fold: %v", err)
	}
}

func TestRunTrainClustersSmall(t *testing.T) {
	dir := smallPTC(t, 12)
	out := filepath.Join(t.TempDir(), "clusters.txt")
	co := techniques.DefaultClusterOptions()
	co.Fine, co.Coarse, co.Dims, co.Contexts, co.Iters = 40, 8, 32, 200, 4
	opts := trainClustersOptions{ptcDir: dir, out: out, seed: 1, co: co}
	var errb bytes.Buffer
	if err := runTrainClusters(opts, &errb); err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	c, err := techniques.ReadClusters(f)
	f.Close()
	if err != nil || c.Len() < 100 {
		t.Fatalf("clusters of %d words, %v", c.Len(), err)
	}
	first, _ := os.ReadFile(out)
	if err := runTrainClusters(opts, &errb); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(out); !bytes.Equal(first, again) {
		t.Error("the same command wrote different clusters")
	}
	bad := opts
	bad.co.Coarse = 100
	if err := runTrainClusters(bad, &errb); !errors.As(err, &usageError{}) {
		t.Errorf("coarse > fine: %v", err)
	}
	bad = opts
	bad.fakes = filepath.Join(dir, "missing.csv")
	if err := runTrainClusters(bad, &errb); err == nil || !strings.Contains(err.Error(), "missing.csv") {
		t.Errorf("missing FA-KES file: %v", err)
	}
}
