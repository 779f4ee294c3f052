package server

import (
	"math"
	"strconv"
	"strings"
	"time"
)

// The charts are server-rendered SVG: Go computes every coordinate and
// the template only writes numbers and escaped labels.

// barChart is a horizontal bar chart of an outlet's technique profile.
type barChart struct {
	Width, Height int
	LabelWidth    int
	Bars          []bar
}

type bar struct {
	Label, Class, Value string
	Y, W, TextY         int
}

func techniqueBars(tc []TechniqueCount) *barChart {
	if len(tc) == 0 {
		return nil
	}
	const rowH, labelW, barW = 22, 250, 330
	c := &barChart{Width: labelW + barW + 110, Height: rowH*len(tc) + 4, LabelWidth: labelW}
	top := 0.0
	for _, t := range tc {
		top = math.Max(top, t.PerArticle)
	}
	for i, t := range tc {
		w := 0
		if top > 0 {
			w = int(math.Round(float64(barW) * t.PerArticle / top))
		}
		c.Bars = append(c.Bars, bar{
			Label: techLabel(t.Technique), Class: techClass(t.Technique),
			Value: strconv.FormatFloat(t.PerArticle, 'f', 2, 64) + " / article",
			Y:     i*rowH + 2, W: max(w, 1), TextY: i*rowH + 16,
		})
	}
	return c
}

// lineChart is technique density over time.
type lineChart struct {
	Width, Height                  int
	Left, Right, Top, Bottom       int
	Points                         string
	Dots                           []dot
	XLabels                        []axisLabel
	YTicks                         []axisLabel
	PlotRight, PlotBottom, XLabelY int
}

type dot struct {
	X, Y  float64
	Title string
}

type axisLabel struct {
	X, Y  float64
	LineY float64
	Text  string
	// Anchor is the SVG text-anchor: start, middle or end.
	Anchor string
}

func densityChart(pts []DensityPoint) *lineChart {
	if len(pts) == 0 {
		return nil
	}
	c := &lineChart{Width: 640, Height: 240, Left: 48, Right: 16, Top: 12, Bottom: 36}
	c.PlotRight = c.Width - c.Right
	c.PlotBottom = c.Height - c.Bottom
	c.XLabelY = c.PlotBottom + 18
	top := 0.0
	for _, p := range pts {
		top = math.Max(top, p.PerKWords)
	}
	top = niceCeil(top)
	pw := float64(c.PlotRight - c.Left)
	ph := float64(c.PlotBottom - c.Top)
	var sb strings.Builder
	pos := timePositions(pts)
	xs := make([]float64, 0, len(pts))
	for i, p := range pts {
		x := float64(c.Left) + pw/2
		if len(pts) > 1 {
			x = float64(c.Left) + pw*pos[i]
		}
		y := float64(c.PlotBottom) - ph*p.PerKWords/top
		x, y = math.Round(x*10)/10, math.Round(y*10)/10
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64))
		c.Dots = append(c.Dots, dot{X: x, Y: y, Title: p.Period + ": " + strconv.FormatFloat(p.PerKWords, 'f', 2, 64) + " per 1000 words, " + strconv.Itoa(p.Articles) + " articles"})
		xs = append(xs, x)
	}
	// X labels: the first, the last, and between them any point at least
	// minGap from the previous label and from the last.
	const minGap = 70.0
	for i, p := range pts {
		last := i == len(pts)-1
		switch {
		case i == 0:
		case last:
		case xs[i]-c.XLabels[len(c.XLabels)-1].X < minGap || xs[len(xs)-1]-xs[i] < minGap:
			continue
		}
		anchor := "middle"
		if len(pts) > 1 && i == 0 {
			anchor = "start"
		} else if len(pts) > 1 && last {
			anchor = "end"
			if n := len(c.XLabels); n > 1 && xs[i]-c.XLabels[n-1].X < minGap {
				c.XLabels = c.XLabels[:n-1]
			}
		}
		c.XLabels = append(c.XLabels, axisLabel{X: xs[i], Y: float64(c.XLabelY), Text: p.Period, Anchor: anchor})
	}
	c.Points = sb.String()
	for k := 0; k <= 4; k++ {
		v := top * float64(k) / 4
		ly := math.Round(float64(c.PlotBottom) - ph*float64(k)/4)
		c.YTicks = append(c.YTicks, axisLabel{X: float64(c.Left - 6), Y: ly + 4, LineY: ly, Text: strconv.FormatFloat(v, 'f', 1, 64)})
	}
	return c
}

// timePositions places periods on [0,1] in proportion to time when every
// period is a month (YYYY-MM) or a day (YYYY-MM-DD) in order, and evenly
// otherwise.
func timePositions(pts []DensityPoint) []float64 {
	pos := make([]float64, len(pts))
	even := func() []float64 {
		for i := range pos {
			if len(pts) > 1 {
				pos[i] = float64(i) / float64(len(pts)-1)
			}
		}
		return pos
	}
	t := make([]float64, len(pts))
	for i, p := range pts {
		var tm time.Time
		var err error
		switch len(p.Period) {
		case 7:
			tm, err = time.Parse("2006-01", p.Period)
		case 10:
			tm, err = time.Parse("2006-01-02", p.Period)
		default:
			return even()
		}
		if err != nil || (i > 0 && !tm.After(time.Unix(int64(t[i-1]), 0))) {
			return even()
		}
		t[i] = float64(tm.Unix())
	}
	span := t[len(t)-1] - t[0]
	if span <= 0 {
		return even()
	}
	for i := range t {
		pos[i] = (t[i] - t[0]) / span
	}
	return pos
}

// niceCeil rounds v up to 1, 2 or 5 times a power of ten (1 for v <= 0).
func niceCeil(v float64) float64 {
	if v <= 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}
