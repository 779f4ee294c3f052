package events

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestReadFakes(t *testing.T) {
	in := "unit_id,article_title,article_content,source,date,location,actor,cause_of_death,nb_children,nb_civilians,nb_noncivilians,nb_women,label\r\n" +
		"1,T,\"Body, with \"\"quotes\"\" and caf\xe9\",sana,4/5/17,idlib,unknown,shelling,1,2,3,0,1\r\n"
	rows, err := ReadFakes(strings.NewReader(in))
	if err != nil || len(rows) != 1 {
		t.Fatalf("rows %v err %v", rows, err)
	}
	r := rows[0]
	if r.Published != "2017-04-05" || r.Governorate != "idlib" || r.Children != 1 || r.Civilians != 2 || r.NonCivilians != 3 || !strings.Contains(r.Text, "café") || r.Line != 2 {
		t.Errorf("row %+v", r)
	}
	bad := strings.Replace(in, ",1,2,3,0,1", ",1,x,3,0,1", 1)
	if _, err := ReadFakes(strings.NewReader(bad)); err == nil || !strings.Contains(err.Error(), "line 2") {
		t.Errorf("bad count: err %v, want one naming line 2", err)
	}
	if _, err := ReadFakes(strings.NewReader("a,b\r\n1,2\r\n")); err == nil {
		t.Error("no error for a file without the FA-KES columns")
	}
}

func FuzzReadFakes(f *testing.F) {
	f.Add([]byte("article_content,location,actor,cause_of_death,nb_children,nb_civilians,nb_noncivilians,nb_women,date\nx,aleppo,unknown,shelling,0,1,2,3,1/2/15\n"))
	f.Add([]byte("article_content,location\n\"unterminated"))
	f.Add([]byte{0xff, 0xfe, 0, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		rows, _ := ReadFakes(bytes.NewReader(b))
		for _, r := range rows {
			if r.Line <= 0 {
				t.Errorf("row without a line: %+v", r)
			}
		}
	})
}

// FuzzAnnotate runs both stages on arbitrary text: no panic, evidence
// spans are slices of the text, the main event indexes the events.
func FuzzAnnotate(f *testing.F) {
	f.Add("Air strikes kill 12 civilians in Idlib\n\nAt least 12 people including three children were killed on Monday.")
	f.Add("Two dozen fighters were killed; more than 1,000 fled. Sun 16 Apr 2017 yesterday")
	f.Add("a an one hundred and -- killed including among Daesh-held \u2019s")
	p := newPipeline(f)
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("the pipeline's input is decoded text")
		}
		r := run(t, p, text, "")
		if r.MainEvent != nil && (*r.MainEvent < 0 || *r.MainEvent >= len(r.Events)) {
			t.Errorf("main event %d of %d", *r.MainEvent, len(r.Events))
		}
	})
}
