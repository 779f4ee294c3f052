package clean

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sift-project/sift/internal/read"
)

func TestParseDate(t *testing.T) {
	cases := map[string]string{
		"2017-03-22T10:15:00+02:00":   "2017-03-22",
		"Published: 2016-09-14":       "2016-09-14",
		"Wed 05 Apr 2017":             "2017-04-05",
		"12 February 2015 Casualties": "2015-02-12",
		"Friday, April 13, 2018":      "2018-04-13",
		"Nov. 3, 2026 at 10:15 GMT":   "2026-11-03",
		"4/5/17":                      "2017-04-05",
		"12/31/2016":                  "2016-12-31",
		"3rd of March 2016":           "2016-03-03",
		"22.03.2017":                  "2017-03-22",
		"31 February 2017":            "",
		"no date here":                "",
		"13/13/17":                    "",
		"the year 2017 was hard":      "",
	}
	for in, want := range cases {
		if got := ParseDate(in); got != want {
			t.Errorf("ParseDate(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsDateLine(t *testing.T) {
	for _, l := range []string{"November 3, 2026", "Published: Friday, April 13, 2018 10:15 GMT", "Posted on 2016-09-14", "Updated 12 Feb 2015 | 09:14"} {
		if !isDateLine(l) {
			t.Errorf("%q should be a date line", l)
		}
	}
	for _, l := range []string{"On 3 November 2026 the army entered Aleppo", "Share", "2026 was a bad year for Aleppo residents"} {
		if isDateLine(l) {
			t.Errorf("%q is not a date line", l)
		}
	}
}

func TestDomainAndOutlet(t *testing.T) {
	cases := map[string]string{
		"https://www.reuters.com/world/x": "reuters.com",
		"english.ahram.org.eg":            "ahram.org.eg",
		"http://m.bbc.co.uk/news":         "bbc.co.uk",
		"Reuters":                         "",
		"not a url at all":                "",
	}
	for in, want := range cases {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q)=%q want %q", in, got, want)
		}
	}
	for in, want := range map[string]string{"manar": "Al-Manar", "the Jordan Times": "The Jordan Times", "https://sputniknews.com/x": "Sputnik", "RT": "RT", "TASS.": "TASS"} {
		if o, ok := LookupOutlet(in); !ok || o.Name != want {
			t.Errorf("LookupOutlet(%q)=%v,%v want %s", in, o, ok, want)
		}
	}
	if _, ok := LookupOutlet("Levant Frontline Monitor"); ok {
		t.Error("unknown outlet found")
	}
}

func TestParseByline(t *testing.T) {
	cases := map[string]string{
		"By Karim Haddad and Elena Petrova": "Karim Haddad|Elena Petrova",
		"By Daniel Crane | Senior Editor":   "Daniel Crane",
		"Written by: Abu Bakr al-Baghdadi":  "Abu Bakr al-Baghdadi",
		"By Jane Doe, staff reporter":       "Jane Doe",
		"By the time the army arrived":      "",
		"By all accounts it was a massacre": "",
	}
	for in, want := range cases {
		if got := strings.Join(parseByline(in), "|"); got != want {
			t.Errorf("parseByline(%q)=%q want %q", in, got, want)
		}
	}
}

// Prose lines that look a little like boilerplate must stay.
func TestProseIsKept(t *testing.T) {
	in := "Title of the piece\n\nShare prices fell sharply in Damascus after the army announced new conscription rules on Monday.\n\nComments made by the minister were widely criticised.\n\nVideo of the migrants was captured in various reports.\n\nRelated to this, the council met again."
	c := Text(in, Hints{})
	if len(c.Removed) != 0 {
		t.Fatalf("removed prose: %+v", c.Removed)
	}
	if len(c.Paragraphs) != 4 {
		t.Fatalf("paragraphs: %q", c.Paragraphs)
	}
}

func TestCommentSectionMidArticleIsNotAFooter(t *testing.T) {
	in := "T\n\nFirst paragraph of a fairly short article.\n\nComments\n\n" +
		strings.Repeat("A long paragraph of real article prose that goes on and on about the war in Syria and its victims. ", 5) +
		"\n\n" + strings.Repeat("Another paragraph of the same article, with more detail about who said what and when. ", 5)
	c := Text(in, Hints{})
	if len(c.Paragraphs) != 3 {
		t.Fatalf("got %d paragraphs: %q", len(c.Paragraphs), c.Paragraphs)
	}
}

func TestPTCIsVerbatim(t *testing.T) {
	body := "Title  with  spaces\n\nShare this:\nFacebook\n\n\"Quote.\"\n"
	r, err := Article(read.Item{Kind: read.PTC, Body: body})
	if err != nil || r.Text != body || r.Title != "Title  with  spaces" || len(r.Removed) != 0 {
		t.Fatalf("%+v %v", r, err)
	}
}

func TestHTMLWithoutContent(t *testing.T) {
	_, err := Article(read.Item{Kind: read.HTML, Body: "<html><body><script>var x=1</script></body></html>"})
	if err == nil {
		t.Fatal("want an error for a page without content")
	}
}

func FuzzText(f *testing.F) {
	f.Add("Title\nBy A B\nNovember 3, 2026\nBody text here.\nShare this:\nFacebook\nLeave a Reply\nName *")
	f.Add("Wed 05 Apr 2017 T. Body --Reuters")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		c := Text(s, Hints{})
		for _, p := range c.Paragraphs {
			if strings.Contains(p, "\n") || p == "" {
				t.Fatalf("bad paragraph %q", p)
			}
			if !utf8.ValidString(p) {
				t.Fatalf("invalid UTF-8 paragraph")
			}
		}
	})
}

func FuzzExtractHTML(f *testing.F) {
	f.Add("<html><body><article><p>Some text here that is long enough.</p></article></body></html>")
	f.Add("<div><p>unclosed <b>bold<p>next")
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ExtractHTML(s, "")
		if err == nil && strings.TrimSpace(p.Text) == "" {
			t.Fatal("no error but no text")
		}
	})
}
