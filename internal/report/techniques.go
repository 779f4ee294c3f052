package report

// Technique is a span of text carrying one propaganda technique of the
// SemEval-2020 Task 11 inventory. Spans may overlap when techniques differ.
type Technique struct {
	Technique string  `json:"technique"`
	Start     int     `json:"start"`
	End       int     `json:"end"`
	Text      string  `json:"text"`
	Score     float64 `json:"score"`
}
