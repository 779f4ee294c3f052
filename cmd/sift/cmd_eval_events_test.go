package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunEvalEvents(t *testing.T) {
	dir := t.TempDir()
	csv := "unit_id,article_title,article_content,source,date,location,actor,cause_of_death,nb_children,nb_civilians,nb_noncivilians,nb_women,label\r\n" +
		"1,Air strikes kill 12 in Idlib,\"Sun 16 Apr 2017 Russian air strikes killed at least 12 civilians including three children in Saraqeb on Saturday.\",sana,4/16/17,idlib,syrian government or russian troops,shelling,3,12,0,0,1\r\n" +
		"2,Car bomb kills 20 in Manbij,\"A car bomb killed 20 people in Manbij on Monday.\",trt,1/3/17,aleppo,unknown,explosion,0,20,0,0,1\r\n" +
		"3,Clashes,\"Ten soldiers were killed in clashes with IS in Palmyra.\",ahram,1/3/17,homs,the organization of the islamic state in iraq and the levant - isis,shooting,0,0,10,0,1\r\n"
	path := filepath.Join(dir, "f.csv")
	if err := os.WriteFile(path, []byte(csv), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := runEvalEvents(evalEventsOptions{errors: 5}, path, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	// metric → its "all" column.
	all := map[string]string{}
	for _, line := range strings.Split(s, "\n") {
		f := strings.Fields(line)
		if len(f) >= 5 {
			all[strings.Join(f[:len(f)-4], " ")] = f[len(f)-4]
		}
	}
	for metric, want := range map[string]string{"governorate accuracy": "1.000", "actor category accuracy": "1.000",
		"cause accuracy": "0.667", "civilians exact": "1.000", "noncivilians exact": "1.000", "children MAE": "0.000"} {
		if all[metric] != want {
			t.Errorf("%s = %q, want %s:\n%s", metric, all[metric], want, s)
		}
	}
	if !strings.Contains(s, "row 2 (line 4) cause: got unknown want shooting") {
		t.Errorf("--errors does not list row 2:\n%s", s)
	}
	if err := runEvalEvents(evalEventsOptions{}, filepath.Join(dir, "missing.csv"), &out); err == nil {
		t.Error("no error for a missing file")
	}
	os.WriteFile(path, []byte("a,b\n1,2\n"), 0o644)
	if err := runEvalEvents(evalEventsOptions{}, path, &out); err == nil || !strings.Contains(err.Error(), "f.csv") {
		t.Errorf("error %v, want one naming the file", err)
	}
}
