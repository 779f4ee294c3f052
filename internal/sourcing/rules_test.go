package sourcing

import (
	"strings"
	"testing"
)

// TestAttributionRules checks source|cue pairs found in one-line articles,
// one rule or pitfall per case.
func TestAttributionRules(t *testing.T) {
	st := newStage(t)
	cases := map[string]string{
		"The Britain-based Syrian Observatory for Human Rights said at least 15 people had been killed.":                        "Britain-based Syrian Observatory for Human Rights|said",
		"Elsewhere in Syria the Observatory reported at least 12 people killed in air strikes.":                                 "Observatory|reported",
		"The coroner released the autopsy reports late Wednesday, but the names were redacted.":                                 "",
		"In fact, the coroner claims that he still has to finalize the report.":                                                 "coroner|claims",
		"Clashes continued between regime forces and rebels in Daraa.":                                                          "",
		"The army continued to push the militants back, SANA said.":                                                             "SANA|said",
		"World powers have pointed the finger at the government.":                                                               "",
		"Rami Abdel Rahman pointed out that the toll could rise.":                                                               "Rami Abdel Rahman|pointed",
		"Western media reports accuse Qatar of arming the rebels.":                                                              "",
		"CRIF, which said that the omission was a cover up, protested.":                                                         "CRIF|said",
		"Khweis said he regretted his actions and said his decision was a drunken one.":                                         "Khweis|said Khweis|said",
		"The United States is backing moderate rebels, officials in Washington said.":                                           "officials in Washington|said",
		"The bombers hit the towns of Jibrin and Al-Humeiri state television said.":                                             "state television|said",
		"Three bombers killed 2 people in Damascus in an attack claimed by the Islamic State group.":                            "",
		"Article posted with permission from Pamela Geller":                                                                     "",
		"Records Support Claims That The Senator Married Her Brother":                                                           "",
		"A monitor said 11 children died. \"Fifteen civilians were killed in the attack\" in southern Aleppo the monitor said.": "monitor|said monitor|said",
	}
	for text, want := range cases {
		r := annotate(t, st, "Title\n\n"+text)
		var got []string
		for _, a := range r.Attributions {
			src := "-"
			if a.Source != nil {
				src = a.Source.Text
			}
			got = append(got, src+"|"+a.Cue.Text)
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%q:\n got %q\nwant %q", text, g, want)
		}
	}
}
