package ptc

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadWriteLabels(t *testing.T) {
	in := "111\tLoaded_Language\t3\t9\n\n222\t10\t20\r\n333\t?\tx\t5\t7\n"
	spans, err := ReadLabels(strings.NewReader(in), "x.labels")
	if err != nil {
		t.Fatal(err)
	}
	want := []Span{{"111", "Loaded_Language", 3, 9}, {"222", "", 10, 20}, {"333", "?", 5, 7}}
	if len(spans) != 3 {
		t.Fatalf("%v", spans)
	}
	for i := range want {
		if spans[i] != want[i] {
			t.Fatalf("span %d: %v want %v", i, spans[i], want[i])
		}
	}
	var b bytes.Buffer
	WriteTC(&b, spans[:1])
	WriteSI(&b, spans[1:2])
	if b.String() != "111\tLoaded_Language\t3\t9\n222\t10\t20\n" {
		t.Fatalf("write: %q", b.String())
	}
	for _, bad := range []string{"1\t2\n", "1\tx\t5\n", "1\t9\t5\n", "\t1\t2\n", "1\t-1\t2\n"} {
		_, err := ReadLabels(strings.NewReader("1\t0\t1\n"+bad), "f.labels")
		if err == nil || !strings.Contains(err.Error(), "f.labels:2") {
			t.Errorf("%q: error %v, want one naming f.labels:2", bad, err)
		}
	}
}

func TestLoadArticleCodePoints(t *testing.T) {
	dir := t.TempDir()
	text := "Tïtle\n\nThe “evil” régime lies.\n"
	os.WriteFile(filepath.Join(dir, "article42.txt"), []byte(text), 0o644)
	os.WriteFile(filepath.Join(dir, "article42.task-si.labels"), []byte("42\t11\t17\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "article42.task-flc-tc.labels"), []byte("42\tLoaded_Language\t12\t16\n"), 0o644)
	arts, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	a := arts[0]
	if a.ID != "42" || len(a.SI) != 1 || len(a.TC) != 1 {
		t.Fatalf("%+v", a)
	}
	r := []rune(a.Text)
	if got := string(r[a.TC[0].Start:a.TC[0].End]); got != "evil" {
		t.Fatalf("TC span text %q", got)
	}
	if got := string(r[a.SI[0].Start:a.SI[0].End]); got != "“evil”" {
		t.Fatalf("SI span text %q", got)
	}
	os.WriteFile(filepath.Join(dir, "article42.task-si.labels"), []byte("42\t11\t99\n"), 0o644)
	if _, err := LoadDir(dir); err == nil || !strings.Contains(err.Error(), "beyond") {
		t.Fatalf("want out-of-range error, got %v", err)
	}
}

func TestLoadTrainSplit(t *testing.T) {
	dir := TrainDir()
	if dir == "" {
		t.Skip("PTC data absent")
	}
	arts, err := LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	si, tc := 0, 0
	for _, a := range arts {
		si += len(a.SI)
		tc += len(a.TC)
		for _, s := range a.TC {
			if TechniqueIndex(s.Technique) < 0 {
				t.Fatalf("unknown technique %q", s.Technique)
			}
		}
	}
	if len(arts) != 371 || si != 5468 || tc != 6128 {
		t.Fatalf("articles %d si %d tc %d", len(arts), si, tc)
	}
}

func FuzzReadLabels(f *testing.F) {
	f.Add("111\tLoaded_Language\t3\t9\n222\t10\t20\n")
	f.Add("1\t\t\t\n")
	f.Fuzz(func(t *testing.T, in string) {
		spans, err := ReadLabels(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, s := range spans {
			if s.Start < 0 || s.End < s.Start || s.Article == "" {
				t.Fatalf("bad span accepted: %+v", s)
			}
		}
	})
}

func TestTrainTexts(t *testing.T) {
	dir := t.TempDir()
	for id, text := range map[string]string{"3": "third", "1": "first", "2": "second"} {
		if err := os.WriteFile(filepath.Join(dir, "article"+id+".txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, "article1.task-si.labels"), []byte("1\t0\t3\n"), 0o644)
	t.Setenv("SIFT_PTC", dir)
	all, err := TrainTexts(0)
	if err != nil || strings.Join(all, ",") != "first,second,third" {
		t.Fatalf("TrainTexts(0) = %q, %v; want the three texts in name order", all, err)
	}
	two, err := TrainTexts(2)
	if err != nil || strings.Join(two, ",") != "first,second" {
		t.Fatalf("TrainTexts(2) = %q, %v", two, err)
	}
	// An article that cannot be read (here a directory) is an error.
	os.Remove(filepath.Join(dir, "article2.txt"))
	os.Mkdir(filepath.Join(dir, "article2.txt"), 0o755)
	if _, err := TrainTexts(0); err == nil {
		t.Error("an unreadable article gave no error")
	}
}
