package report

// Scores are the article's scores in [0,1] with the reasons behind them.
type Scores struct {
	Propaganda float64 `json:"propaganda"`
	Sourcing   float64 `json:"sourcing"`
	// Credibility >= 0.5 reads as credible.
	Credibility float64  `json:"credibility"`
	Reasons     []Reason `json:"reasons"`
}

// Reason explains part of a score.
type Reason struct {
	Score  string  `json:"score"`
	Weight float64 `json:"weight"`
	Text   string  `json:"text"`
	// Spans point at the evidence in the text, when there is any.
	Spans []Span `json:"spans,omitempty"`
	// Story or Outlet point at corpus evidence.
	Story  string `json:"story,omitempty"`
	Outlet string `json:"outlet,omitempty"`
}
