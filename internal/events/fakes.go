package events

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sift-project/sift/internal/read"
	"github.com/sift-project/sift/internal/report"
)

// FakesRow is one FA-KES article with its crowd-extracted event.
type FakesRow struct {
	Line                      int // line of the row in the file
	Title, Text, Source       string
	Published                 string // YYYY-MM-DD, from the M/D/YY date column
	Governorate, Actor, Cause string
	Children, Civilians       int
	NonCivilians, Women       int
}

// ReadFakes reads FA-KES rows (a CSV with header: article_title,
// article_content, date, location, actor, cause_of_death, nb_children,
// nb_civilians, nb_noncivilians, nb_women). Text is decoded like any sift
// input (stray Latin-1 bytes included). A row with a bad count names its
// line.
func ReadFakes(r io.Reader) ([]FakesRow, error) {
	cr := csv.NewReader(r)
	cr.LazyQuotes = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.TrimSpace(strings.TrimPrefix(strings.ToLower(h), "\ufeff"))] = i
	}
	need := []string{"article_content", "location", "actor", "cause_of_death", "nb_children", "nb_civilians", "nb_noncivilians", "nb_women"}
	for _, n := range need {
		if _, ok := col[n]; !ok {
			return nil, fmt.Errorf("header has no %q column", n)
		}
	}
	var rows []FakesRow
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return rows, fmt.Errorf("line %d: %w", line, err)
		}
		get := func(name string) string {
			i, ok := col[name]
			if !ok || i >= len(rec) {
				return ""
			}
			return strings.TrimSpace(read.Decode([]byte(rec[i]), ""))
		}
		row := FakesRow{Line: line, Title: get("article_title"), Text: get("article_content"), Source: get("source"),
			Published: fakesDate(get("date")), Governorate: strings.ToLower(get("location")),
			Actor: strings.ToLower(get("actor")), Cause: strings.ToLower(get("cause_of_death"))}
		for _, f := range []struct {
			name string
			p    *int
		}{{"nb_children", &row.Children}, {"nb_civilians", &row.Civilians}, {"nb_noncivilians", &row.NonCivilians}, {"nb_women", &row.Women}} {
			v := get(f.name)
			if v == "" {
				continue
			}
			n, err := strconv.Atoi(v)
			if err != nil {
				return rows, fmt.Errorf("line %d: %s: %w", line, f.name, err)
			}
			*f.p = n
		}
		rows = append(rows, row)
	}
}

// fakesDate turns FA-KES's M/D/YY into YYYY-MM-DD ("" when it is not one).
func fakesDate(s string) string {
	p := strings.Split(s, "/")
	if len(p) != 3 {
		return ""
	}
	m, err1 := strconv.Atoi(p[0])
	d, err2 := strconv.Atoi(p[1])
	y, err3 := strconv.Atoi(p[2])
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return ""
	}
	if y < 100 {
		y += 2000
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

// Prediction is the main event of a report in FA-KES terms.
type Prediction struct {
	Governorate, Actor, Cause string
	Children, Civilians       int
	NonCivilians, Women       int
}

// Predict reads a report's main event as FA-KES fields: no main event, no
// actor or no place read as unknown (or empty); absent counts are 0.
func Predict(r *report.Report) Prediction {
	p := Prediction{Actor: Unknown, Cause: Unknown}
	if r.MainEvent == nil || *r.MainEvent < 0 || *r.MainEvent >= len(r.Events) {
		return p
	}
	ev := r.Events[*r.MainEvent]
	if ev.Location != nil {
		p.Governorate = ev.Location.Governorate
	}
	if ev.Actor != nil && ev.Actor.Category != "" {
		p.Actor = ev.Actor.Category
	}
	if ev.Cause != "" {
		p.Cause = ev.Cause
	}
	if c := ev.Casualties; c != nil {
		val := func(x *int) int {
			if x == nil {
				return 0
			}
			return *x
		}
		p.Children, p.Civilians, p.NonCivilians, p.Women = val(c.Children), val(c.Civilians), val(c.Combatants), val(c.Women)
	}
	return p
}

// Score accumulates the agreement of predictions with FA-KES rows.
type Score struct {
	N                         int
	Governorate, Actor, Cause int
	Exact                     [4]int     // children, civilians, noncivilians, women
	AbsErr                    [4]float64 // summed absolute errors
}

// CountNames name Score.Exact's columns.
var CountNames = [4]string{"children", "civilians", "noncivilians", "women"}

// Add scores one prediction against its row.
func (s *Score) Add(p Prediction, row FakesRow) {
	s.N++
	if p.Governorate == row.Governorate {
		s.Governorate++
	}
	if p.Actor == row.Actor {
		s.Actor++
	}
	if p.Cause == row.Cause {
		s.Cause++
	}
	got := [4]int{p.Children, p.Civilians, p.NonCivilians, p.Women}
	want := [4]int{row.Children, row.Civilians, row.NonCivilians, row.Women}
	for i := range got {
		if got[i] == want[i] {
			s.Exact[i]++
		}
		s.AbsErr[i] += float64(abs(got[i] - want[i]))
	}
}

// Rate returns k/N (0 when empty).
func (s *Score) Rate(k int) float64 {
	if s.N == 0 {
		return 0
	}
	return float64(k) / float64(s.N)
}

// MAE returns the mean absolute error of count column i.
func (s *Score) MAE(i int) float64 {
	if s.N == 0 {
		return 0
	}
	return s.AbsErr[i] / float64(s.N)
}
