package entities

import (
	"sync"
	"time"

	"github.com/sift-project/sift/internal/nlp"
)

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

var weekdayAbbr = map[string]time.Weekday{
	"sun": 0, "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6,
}

var dayParts = map[string]bool{"morning": true, "night": true, "evening": true, "afternoon": true, "dawn": true, "noon": true}

// dateMatch is a date expression over tokens [first, last).
type dateMatch struct {
	first, last int
	// abs is set for a full calendar date; year-month for "August 2013".
	abs       time.Time
	hasAbs    bool
	monthOnly bool
	// rel: a weekday (0-6), or relYesterday / relToday, when relative.
	rel     int
	weekday bool
	// dayMonth: a day and month without a year ("16 April").
	dayMonth   bool
	day, month int
}

const (
	relNone = iota
	relToday
	relYesterday
)

// dateWord says what a lower-case word (dots and apostrophes removed) can
// be in a date: a weekday abbreviation, a weekday, or a weekday with a
// plural "s" removed (weekdays[strings.TrimSuffix(w, "s")]).
type dateWord struct {
	abbr, weekday, trimmed bool
	// wd is the weekday of the trimmed form.
	wd time.Weekday
}

// dateWords merges weekdayAbbr, weekdays and the trimmed weekdays into one
// lookup per token.
var dateWords = func() map[string]dateWord {
	m := map[string]dateWord{}
	for k := range weekdayAbbr {
		e := m[k]
		e.abbr = true
		m[k] = e
	}
	for k, wd := range weekdays {
		for _, w := range []string{k, k + "s"} {
			e := m[w]
			if w == k {
				e.weekday = true
			}
			e.trimmed, e.wd = true, wd
			m[w] = e
		}
	}
	return m
}()

// findDates appends the date expressions of d to out, in order, from the
// types of its tokens (toks).
func findDates(d *nlp.Doc, toks []tokInfo, out []dateMatch) []dateMatch {
	n := len(d.Tokens)
	isComma := func(i int) bool { return i < n && toks[i].has(tComma) }
	dayNum := func(i int) (int, bool) {
		if i >= n {
			return 0, false
		}
		v := toks[i].day()
		return v, v != 0
	}
	yearNum := func(i int) (int, bool) {
		if i >= n {
			return 0, false
		}
		v := toks[i].year()
		return v, v != 0
	}
	month := func(i int) (time.Month, bool) {
		if i >= n {
			return 0, false
		}
		m := toks[i].month()
		return m, m != 0
	}
	for i := 0; i < n; i++ {
		wt := &toks[i]
		if !wt.has(tDateStart) {
			continue // no date starts here
		}
		start := i
		j := i
		if wt.has(tAbbr) && j+1 < n {
			j++
			if j < n && toks[j].has(tDot) {
				j++
			}
		} else if wt.has(tWeekday) && j+1 < n {
			if _, dok := dayNum(j + 1 + b2i(isComma(j+1))); dok {
				j += 1 + b2i(isComma(j+1))
			}
		}
		// Day Month [Year]
		if dd, ok := dayNum(j); ok {
			if m, mok := month(j + 1); mok {
				k := j + 2
				k += b2i(isComma(k))
				if y, yok := yearNum(k); yok {
					out = append(out, dateMatch{first: start, last: k + 1, abs: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), hasAbs: true})
					i = k
					continue
				}
				out = append(out, dateMatch{first: start, last: j + 2, dayMonth: true, day: dd, month: int(m)})
				i = j + 1
				continue
			}
		}
		// Month Day [Year] | Month Year
		if m, ok := month(j); ok {
			if dd, dok := dayNum(j + 1); dok {
				k := j + 2
				k += b2i(isComma(k))
				if y, yok := yearNum(k); yok {
					out = append(out, dateMatch{first: start, last: k + 1, abs: time.Date(y, m, dd, 0, 0, 0, 0, time.UTC), hasAbs: true})
					i = k
					continue
				}
				if _, isYear := yearNum(j + 1); !isYear {
					out = append(out, dateMatch{first: start, last: j + 2, dayMonth: true, day: dd, month: int(m)})
					i = j + 1
					continue
				}
			}
			if y, yok := yearNum(j + 1); yok {
				out = append(out, dateMatch{first: start, last: j + 2, abs: time.Date(y, m, 1, 0, 0, 0, 0, time.UTC), hasAbs: true, monthOnly: true})
				i = j + 1
				continue
			}
		}
		// ISO 2017-04-16
		if wt.has(tISODate) {
			if t, err := time.Parse("2006-01-02", d.TokenText(i)); err == nil {
				out = append(out, dateMatch{first: i, last: i + 1, abs: t, hasAbs: true})
				continue
			}
		}
		if wt.has(tTrimmed) && wt.has(tCapASCII) {
			last := i + 1
			if last < n && toks[last].has(tDayPart) {
				last++
			}
			out = append(out, dateMatch{first: i, last: last, rel: int(wt.weekday()), weekday: true})
			i = last - 1
			continue
		}
		switch {
		case wt.has(tYesterday):
			out = append(out, dateMatch{first: i, last: i + 1, rel: relYesterday})
		case wt.has(tToday):
			out = append(out, dateMatch{first: i, last: i + 1, rel: relToday})
		case wt.has(tLast):
			if i+1 < n && toks[i+1].has(tNight) {
				out = append(out, dateMatch{first: i, last: i + 2, rel: relYesterday})
				i++
			}
		}
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// resolve returns the date m names, YYYY-MM-DD (YYYY-MM for a month),
// relative expressions resolved against ref (zero ref: unresolved, "").
// A weekday is the latest such day on or before ref: news reports the
// past ("on Monday" in a Wednesday article is two days before).
func (m dateMatch) resolve(ref time.Time) string {
	switch {
	case m.hasAbs && m.monthOnly:
		return m.abs.Format("2006-01")
	case m.hasAbs:
		return m.abs.Format("2006-01-02")
	case ref.IsZero():
		return ""
	case m.dayMonth:
		t := time.Date(ref.Year(), time.Month(m.month), m.day, 0, 0, 0, 0, time.UTC)
		if t.After(ref.AddDate(0, 0, 7)) {
			t = t.AddDate(-1, 0, 0)
		}
		return t.Format("2006-01-02")
	case m.weekday:
		back := (int(ref.Weekday()) - m.rel + 7) % 7
		return ref.AddDate(0, 0, -back).Format("2006-01-02")
	case m.rel == relYesterday:
		return ref.AddDate(0, 0, -1).Format("2006-01-02")
	case m.rel == relToday:
		return ref.Format("2006-01-02")
	}
	return ""
}

// referenceDate is the date relative expressions are resolved against:
// the article's published date when known, else the first full date the
// text states (FA-KES and wire copy open with their dateline).
func referenceDate(published string, dates []dateMatch) time.Time {
	if len(published) >= 10 {
		if t, err := time.Parse("2006-01-02", published[:10]); err == nil {
			return t
		}
	}
	for _, m := range dates {
		if m.hasAbs && !m.monthOnly {
			return m.abs
		}
	}
	return time.Time{}
}

// dateCaches holds type caches without a gazetteer for ParseDate.
var dateCaches = sync.Pool{New: func() any { return newTypeCache(nil) }}

// ParseDate finds the first date expression in text and resolves it
// against ref ("on Monday", "yesterday", "Sun 16 Apr 2017", "12 February
// 2015"): YYYY-MM-DD, or YYYY-MM for a month and year.
func ParseDate(text string, ref time.Time) (string, bool) {
	d := nlp.NewDoc(text)
	c := dateCaches.Get().(*typeCache)
	c.fill(d)
	ms := findDates(d, c.w.tok, nil)
	dateCaches.Put(c)
	if len(ms) == 0 {
		return "", false
	}
	v := ms[0].resolve(ref)
	return v, v != ""
}
