package read

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func collect(t *testing.T, paths []string, opts Options) []Item {
	t.Helper()
	var out []Item
	for it := range Items(paths, opts) {
		out = append(out, it)
	}
	return out
}

func write(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBadInputsGiveOneErrorEachAndTheBatchGoesOn(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "a-empty.txt", nil)
	write(t, dir, "b-binary.txt", []byte("\x00\x01\x02PK\x03\x04 binary junk \x00\xff"))
	gz := &bytes.Buffer{}
	zw := gzip.NewWriter(gz)
	zw.Write([]byte(strings.Repeat("truncated gzip ", 200)))
	zw.Close()
	write(t, dir, "c-truncated.txt", gz.Bytes()[:gz.Len()/2])
	write(t, dir, "d-good.txt", []byte("A title\n\nA body line that is fine.\n"))
	write(t, dir, "e-latin1.txt", []byte("Caf\xe9 title\n\nFran\xe7ois said \x93no\x94.\n"))
	write(t, dir, "f-big.txt", bytes.Repeat([]byte("word "), 3000))
	write(t, dir, "g-rows.csv", []byte("id,title,text\n1,T1,Body one.\n2,T2\n3,T3,Body three.\n"))
	write(t, dir, "sub/h-nested.html", []byte("<html><body><p>Hello</p></body></html>"))
	write(t, dir, "sub/article123.task-si.labels", []byte("123\t1\t2\n"))
	write(t, dir, ".hidden.txt", []byte("hidden"))
	if err := os.Symlink(filepath.Join(dir, "missing"), filepath.Join(dir, "i-dangling.txt")); err != nil {
		t.Fatal(err)
	}

	items := collect(t, []string{dir, filepath.Join(dir, "nope.txt")}, Options{MaxBytes: 10000})
	var names, errs []string
	for _, it := range items {
		names = append(names, filepath.Base(it.Source.Path))
		if it.Err != nil {
			errs = append(errs, filepath.Base(it.Name())+": "+it.Err.Error())
		} else if !utf8.ValidString(it.Body) {
			t.Errorf("%s: body is not valid UTF-8", it.Name())
		}
	}
	want := "a-empty.txt b-binary.txt c-truncated.txt d-good.txt e-latin1.txt f-big.txt g-rows.csv g-rows.csv g-rows.csv i-dangling.txt h-nested.html nope.txt"
	if got := strings.Join(names, " "); got != want {
		t.Fatalf("items in order:\n got %s\nwant %s", got, want)
	}
	wantErrs := []string{
		"a-empty.txt: empty input",
		"b-binary.txt: binary data",
		"c-truncated.txt: binary data",
		"f-big.txt: file is 15000 bytes, over the 10000-byte limit",
		"g-rows.csv: record 1: line 3: row has 2 fields, the text column \"text\" is missing",
		"i-dangling.txt: no such file or directory",
		"nope.txt: no such file or directory",
	}
	if len(errs) != len(wantErrs) {
		t.Fatalf("errors:\n%s", strings.Join(errs, "\n"))
	}
	for i, e := range errs {
		if !strings.HasPrefix(e, wantErrs[i]) {
			t.Errorf("error %d: %q, want prefix %q", i, e, wantErrs[i])
		}
	}
	for _, it := range items {
		if filepath.Base(it.Source.Path) == "e-latin1.txt" {
			if !strings.Contains(it.Body, "Café") || !strings.Contains(it.Body, "François said \u201cno\u201d") {
				t.Errorf("Windows-1252 bytes not decoded: %q", it.Body)
			}
		}
		if filepath.Base(it.Source.Path) == "h-nested.html" && it.Kind != HTML {
			t.Errorf("nested html kind %v", it.Kind)
		}
	}
}

func TestKindsBySniffing(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]struct {
		data string
		kind Kind
	}{
		"page":            {"<!DOCTYPE html><html><body><p>x</p></body></html>", HTML},
		"frag.txt":        {"  <div class=a><p>Hello</p></div>", HTML},
		"dump":            {"{\"title\":\"T\",\"text\":\"Body.\"}\n", Record},
		"article42.txt":   {"Title\n\nBody.\n", PTC},
		"scraped.txt":     {"Title\nBody <b> is text.\n", Text},
		"notes.md.txt":    {"# heading\ntext", Text},
		"article42x.txt":  {"Title\n\nBody.\n", Text},
		"with-bom.txt":    {"\ufeffTitle\nBody.", Text},
		"utf16.txt":       {"\xff\xfeT\x00i\x00t\x00l\x00e\x00\n\x00B\x00o\x00d\x00y\x00", Text},
		"crlf.txt":        {"Title\r\nBody.\r\n", Text},
		"page.htm":        {"no tags at all but named htm", HTML},
		"list.jsonl.json": {"", Text},
	}
	for name, c := range cases {
		if c.data == "" {
			continue
		}
		p := write(t, dir, name, []byte(c.data))
		items := collect(t, []string{p}, Options{})
		if len(items) != 1 || items[0].Err != nil {
			t.Fatalf("%s: %+v", name, items)
		}
		if items[0].Kind != c.kind {
			t.Errorf("%s: kind %v want %v", name, items[0].Kind, c.kind)
		}
		if strings.ContainsAny(items[0].Body, "\r\ufeff") {
			t.Errorf("%s: CR or BOM left in %q", name, items[0].Body)
		}
		if name == "utf16.txt" && items[0].Body != "Title\nBody" {
			t.Errorf("utf16: %q", items[0].Body)
		}
	}
}

func TestCSVFakesShape(t *testing.T) {
	data := "unit_id,article_title,article_content,source,date,location\r\n" +
		"7,T\xe9,\"Body with \"\"quotes\"\" and caf\xe9\",sana,4/5/17,idlib\r\n" +
		"7,Second,\"Multi\r\nline body\",nna,1/2/16,aleppo\r\n"
	items := collect(t, []string{write(t, t.TempDir(), "f.csv", []byte(data))}, Options{})
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	a := items[0]
	if a.Err != nil || a.Title != "Té" || a.Body != `Body with "quotes" and café` || a.Source.Outlet != "sana" || a.Published != "4/5/17" || a.Source.ID != "7" || *a.Source.Record != 0 {
		t.Fatalf("row 0: %+v", a)
	}
	if b := items[1]; b.Body != "Multi\nline body" || *b.Source.Record != 1 {
		t.Fatalf("row 1: %+v", b)
	}
}

func TestCSVWithoutTextColumn(t *testing.T) {
	items := collect(t, []string{write(t, t.TempDir(), "x.csv", []byte("a,b\n1,2\n"))}, Options{})
	if len(items) != 1 || items[0].Err == nil || !strings.Contains(items[0].Err.Error(), "no text column") {
		t.Fatalf("%+v", items)
	}
}

func TestJSONLRecordLimit(t *testing.T) {
	long := `{"text":"` + strings.Repeat("x", 5000) + `"}`
	data := `{"text":"one"}` + "\n" + long + "\n" + `{"text":"three","title":"T3","url":"https://x.org/a","outlet":"X"}` + "\n"
	items := collect(t, []string{write(t, t.TempDir(), "d.jsonl", []byte(data))}, Options{MaxRecordBytes: 1000})
	if len(items) != 3 || items[0].Body != "one" || items[1].Err == nil || items[2].Body != "three" || items[2].Source.URL != "https://x.org/a" {
		t.Fatalf("%+v", items)
	}
}

func TestStdin(t *testing.T) {
	items := collect(t, []string{"-"}, Options{Stdin: strings.NewReader("Title\nBody.")})
	if len(items) != 1 || items[0].Source.Path != "-" || items[0].Body != "Title\nBody." {
		t.Fatalf("%+v", items)
	}
}

func TestDecodeMixed(t *testing.T) {
	// Valid UTF-8 stays; stray bytes are read as Windows-1252.
	got := Decode([]byte("\u201cok\u201d caf\xe9 \x96 done"), "")
	if got != "\u201cok\u201d café \u2013 done" {
		t.Fatalf("%q", got)
	}
	if got := Decode([]byte("caf\xe9"), "iso-8859-1"); got != "café" {
		t.Fatalf("charset: %q", got)
	}
}

func FuzzFileBytes(f *testing.F) {
	f.Add([]byte("Title\n\nBody."), ".txt")
	f.Add([]byte("id,text\n1,\"a\"\"b\"\n2"), ".csv")
	f.Add([]byte("{\"text\":\"x\"}\n{bad"), ".jsonl")
	f.Add([]byte("<html><p>x"), ".html")
	f.Add([]byte("\xff\xfe\x00\x00"), "")
	f.Fuzz(func(t *testing.T, data []byte, ext string) {
		n := 0
		bytesItem(data, "fuzz"+ext, ext, Options{MaxRecordBytes: 4096}, func(it Item) bool {
			n++
			if it.Err == nil && !utf8.ValidString(it.Body) {
				t.Fatalf("invalid UTF-8 body")
			}
			return n < 10000
		})
		if n == 0 {
			t.Fatal("no item and no error")
		}
	})
}
