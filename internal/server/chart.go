package server

import (
	"math"
	"strconv"
	"strings"
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
	c := &barChart{Width: labelW + barW + 60, Height: rowH*len(tc) + 4, LabelWidth: labelW}
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
	step := max(1, (len(pts)+5)/6)
	for i, p := range pts {
		x := float64(c.Left) + pw/2
		if len(pts) > 1 {
			x = float64(c.Left) + pw*float64(i)/float64(len(pts)-1)
		}
		y := float64(c.PlotBottom) - ph*p.PerKWords/top
		x, y = math.Round(x*10)/10, math.Round(y*10)/10
		if i > 0 {
			sb.WriteByte(' ')
		}
		sb.WriteString(strconv.FormatFloat(x, 'f', 1, 64) + "," + strconv.FormatFloat(y, 'f', 1, 64))
		c.Dots = append(c.Dots, dot{X: x, Y: y, Title: p.Period + ": " + strconv.FormatFloat(p.PerKWords, 'f', 2, 64) + " per 1000 words, " + strconv.Itoa(p.Articles) + " articles"})
		if i%step == 0 || i == len(pts)-1 {
			c.XLabels = append(c.XLabels, axisLabel{X: x, Y: float64(c.XLabelY), Text: p.Period})
		}
	}
	c.Points = sb.String()
	for k := 0; k <= 4; k++ {
		v := top * float64(k) / 4
		ly := math.Round(float64(c.PlotBottom) - ph*float64(k)/4)
		c.YTicks = append(c.YTicks, axisLabel{X: float64(c.Left - 6), Y: ly + 4, LineY: ly, Text: strconv.FormatFloat(v, 'f', 1, 64)})
	}
	return c
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
