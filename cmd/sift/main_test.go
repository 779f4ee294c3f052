package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sift-project/sift/internal/report"
)

func TestAnalyzeBatchGoesOnPastBadItems(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("First title\n\nBody of the first article. It is short.\nShare this:\nFacebook\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "b.txt"), nil, 0o644)
	os.WriteFile(filepath.Join(dir, "c.csv"), []byte("title,text\nT1,Body one.\nT2\nT3,Body three.\n"), 0o644)
	var out, errb bytes.Buffer
	err := runAnalyze(context.Background(), analyzeOptions{format: "json"}, []string{dir}, nil, &out, &errb)
	if !errors.Is(err, errSomeFailed) {
		t.Fatalf("err = %v, want errSomeFailed", err)
	}
	var titles []string
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r report.Report
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatalf("stdout is not JSON Lines: %v", err)
		}
		titles = append(titles, r.Title)
		if r.ID != report.HashText(r.Text) {
			t.Errorf("id is not sha256(text)")
		}
	}
	if strings.Join(titles, "|") != "First title|T1|T3" {
		t.Fatalf("titles %q", titles)
	}
	msgs := errb.String()
	for _, want := range []string{"b.txt: empty input", "c.csv: record 1: line 3: row has 1 fields"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("stderr lacks %q:\n%s", want, msgs)
		}
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	os.WriteFile(good, []byte("Title\n\nBody."), 0o644)
	bad := filepath.Join(dir, "bad.txt")
	os.WriteFile(bad, []byte{0, 1, 2, 3}, 0o644)
	// Silence the commands' output.
	stdout, stderr := os.Stdout, os.Stderr
	devnull, _ := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	os.Stdout, os.Stderr = devnull, devnull
	defer func() { os.Stdout, os.Stderr = stdout, stderr }()
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"analyze", good}, exitOK},
		{[]string{"analyze", "--format", "json", good, bad}, exitSomeFail},
		{[]string{"analyze", "--format", "yaml", good}, exitUsage},
		{[]string{"analyze", "--no-such-flag", good}, exitUsage},
		{[]string{"analyze"}, exitUsage},
		{[]string{"no-such-command"}, exitUsage},
	}
	for _, c := range cases {
		if got := run(c.args); got != c.code {
			t.Errorf("sift %s: exit %d, want %d", strings.Join(c.args, " "), got, c.code)
		}
	}
}

func TestAnalyzeStdinTextFormat(t *testing.T) {
	var out, errb bytes.Buffer
	in := strings.NewReader("Jet downed over Idlib\n\nBy Jane Doe\n\nA jet was downed, according to RT.\nLeave a Reply\nName *\n")
	if err := runAnalyze(context.Background(), analyzeOptions{format: "text"}, []string{"-"}, in, &out, &errb); err != nil {
		t.Fatal(err, errb.String())
	}
	s := out.String()
	for _, want := range []string{"Jet downed over Idlib", "byline:    Jane Doe", "[comment form] \"Leave a Reply\"", "A jet was downed, according to RT."} {
		if !strings.Contains(s, want) {
			t.Errorf("text report lacks %q:\n%s", want, s)
		}
	}
}

func TestAnalyzePTCFormatKeepsOffsets(t *testing.T) {
	dir := t.TempDir()
	text := "T \u201cquoted\u201d\n\nBody.\n"
	os.WriteFile(filepath.Join(dir, "article42.txt"), []byte(text), 0o644)
	var out, errb bytes.Buffer
	if err := runAnalyze(context.Background(), analyzeOptions{format: "json"}, []string{dir}, nil, &out, &errb); err != nil {
		t.Fatal(err)
	}
	var r report.Report
	json.Unmarshal(out.Bytes(), &r)
	if r.Text != text || r.Source.ID != "42" {
		t.Fatalf("PTC article altered: %q id %q", r.Text, r.Source.ID)
	}
}
