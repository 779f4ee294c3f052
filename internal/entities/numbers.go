package entities

import (
	"strconv"
	"strings"
)

var smallNumbers = map[string]int{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	"a": 1, "an": 1, "single": 1, "both": 2, "couple": 2, "dozen": 12,
}

var multipliers = map[string]int{"hundred": 100, "thousand": 1000, "million": 1000000}

// VagueNumbers are the documented values sift gives to plural number
// words: "dozens" is two dozen (the least it can mean), "scores" two score,
// "hundreds" two hundred, "thousands" two thousand, "tens" (the Arabic
// calque "tens of people") two tens.
var VagueNumbers = map[string]int{
	"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "tens": 20,
}

// NumberWord returns the value of one word or digit string ("seven",
// "twenty-five", "1,000", "70", "dozens"); vague reports a plural word of
// VagueNumbers.
func NumberWord(w string) (n int, vague, ok bool) {
	lw := strings.ToLower(w)
	if v, ok := VagueNumbers[lw]; ok {
		return v, true, true
	}
	if v, ok := smallNumbers[lw]; ok && lw != "a" && lw != "an" && lw != "single" && lw != "both" && lw != "couple" {
		return v, false, true
	}
	if v, ok := multipliers[lw]; ok {
		return v, false, true
	}
	if i := strings.IndexByte(lw, '-'); i > 0 {
		a, aok := smallNumbers[lw[:i]]
		b, bok := smallNumbers[lw[i+1:]]
		if aok && bok && a >= 20 && a%10 == 0 && b > 0 && b < 10 {
			return a + b, false, true
		}
		return 0, false, false
	}
	if lw != "" && lw[0] >= '0' && lw[0] <= '9' {
		d := strings.ReplaceAll(lw, ",", "")
		if v, err := strconv.Atoi(d); err == nil {
			return v, false, true
		}
		if f, err := strconv.ParseFloat(d, 64); err == nil && f < 1e9 {
			return int(f), false, true
		}
	}
	return 0, false, false
}

// ParseNumber reads a number from the start of words: digits ("1,000",
// "2.5 million"), number words ("seventy", "twenty-five", "twenty five",
// "three hundred and twelve", "a dozen", "two dozen", "a hundred") and the
// vague plurals of VagueNumbers ("dozens", "hundreds of"). It returns the
// value and how many words it used; used == 0 when words do not start
// with a number.
func ParseNumber(words []string) (n, used int, vague bool) {
	if len(words) == 0 {
		return 0, 0, false
	}
	w0 := strings.ToLower(words[0])
	if v, ok := VagueNumbers[w0]; ok {
		return v, 1, true
	}
	total, cur, i := 0, 0, 0
	started := false
	for i < len(words) {
		w := strings.ToLower(words[i])
		if w == "and" && started && i+1 < len(words) {
			if _, vg, ok := NumberWord(words[i+1]); ok && !vg && (cur >= 100 || total >= 1000) {
				i++
				continue
			}
			break
		}
		if (w == "a" || w == "an") && !started && i+1 < len(words) {
			nx := strings.ToLower(words[i+1])
			if _, ok := multipliers[nx]; ok || nx == "dozen" {
				cur = 1
				started = true
				i++
				continue
			}
			return 0, 0, false
		}
		if w == "dozen" && started {
			cur *= 12
			i++
			continue
		}
		if m, ok := multipliers[w]; ok {
			if !started {
				return 0, 0, false
			}
			if cur == 0 {
				cur = 1
			}
			if m >= 1000 {
				total += cur * m
				cur = 0
			} else {
				cur *= m
			}
			i++
			continue
		}
		v, vg, ok := NumberWord(words[i])
		if !ok || vg {
			break
		}
		if started && cur == 0 && total > 0 && !isDigits(words[i]) {
			// "two thousand five hundred"
			cur = v
			i++
			continue
		}
		if started {
			// "twenty five" combines; "2 3" does not.
			if cur%100 >= 20 && cur%10 == 0 && v > 0 && v < 10 && !isDigits(words[i]) && !isDigits(words[i-1]) {
				cur += v
				i++
				continue
			}
			if cur%100 == 0 && cur > 0 && v < 100 && !isDigits(words[i]) {
				cur += v
				i++
				continue
			}
			break
		}
		if isDigits(words[i]) && strings.Contains(words[i], ".") {
			// 2.5 million
			if i+1 < len(words) {
				if m, ok := multipliers[strings.ToLower(words[i+1])]; ok {
					f, _ := strconv.ParseFloat(strings.ReplaceAll(words[i], ",", ""), 64)
					return int(f * float64(m)), i + 2, false
				}
			}
		}
		cur = v
		started = true
		i++
	}
	if !started {
		return 0, 0, false
	}
	// Trailing "and" is not part of the number.
	for i > 0 && strings.EqualFold(words[i-1], "and") {
		i--
	}
	return total + cur, i, false
}

func isDigits(w string) bool { return w != "" && w[0] >= '0' && w[0] <= '9' }
