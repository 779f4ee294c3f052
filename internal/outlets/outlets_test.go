package outlets

import "testing"

func TestDomain(t *testing.T) {
	for in, want := range map[string]string{
		"sana":                        "sana.sy",
		"Reuters":                     "reuters.com",
		"https://www.reuters.com/x/y": "reuters.com",
		"www.Sputniknews.com":         "sputniknews.com",
		"english.ahram.org.eg":        "english.ahram.org.eg",
		"some outlet":                 "",
		"":                            "",
	} {
		if got := Domain(in); got != want {
			t.Errorf("Domain(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLookup(t *testing.T) {
	r := Lookup("reuters")
	if r.Quality == nil || *r.Quality < 0.9 {
		t.Fatalf("reuters quality = %v, want >= 0.9", r.Quality)
	}
	s := Lookup("sputnik")
	if s.Quality == nil || *s.Quality > 0.5 {
		t.Fatalf("sputnik quality = %v, want < 0.5", s.Quality)
	}
	if len(s.Tags) == 0 {
		t.Errorf("sputnik has no OpenSources tags")
	}
	// A subdomain inherits its parent's rating.
	if a := Lookup("english.ahram.org.eg"); a.Quality == nil {
		t.Errorf("subdomain did not inherit ahram.org.eg's rating")
	}
	if u := Lookup("no-such-outlet.invalid"); u.Rated() {
		t.Errorf("unknown domain rated: %+v", u)
	}
	// Every FA-KES outlet maps to a domain.
	for _, n := range []string{"ahram", "manar", "alalam", "alaraby", "dailysabah", "sana", "sputnik", "etilaf", "trt", "jordantimes", "reuters", "arabiya", "nna", "asharqalawsat", "tass"} {
		if Domain(n) == "" {
			t.Errorf("FA-KES outlet %q has no domain", n)
		}
	}
}
