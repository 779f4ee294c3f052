package report

// Attribution is "who says what": a source, the cue that attributes, and
// the attributed content.
type Attribution struct {
	// Source is the speaker as written; nil for agentless passives
	// ("it was reported").
	Source *Span `json:"source,omitempty"`
	// SourceName is the normalised speaker ("Fares Shehabi", "RT").
	SourceName string `json:"source_name,omitempty"`
	// SourceType is one of person, organization, government, military,
	// media, armed_group, document, social_media, vague, anonymous.
	SourceType string `json:"source_type"`
	Cue        Span   `json:"cue"`
	Content    Span   `json:"content"`
	// Direct is true for a quotation in quote marks.
	Direct bool `json:"direct"`
}

// VagueSource is an unnamed or unverifiable source ("some sources").
type VagueSource struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Hedge is a hedging or speculative expression ("allegedly", "may have been").
type Hedge struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Claim is a check-worthy factual sentence and how it is supported.
type Claim struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Support is attributed, vague, hedged or unsupported.
	Support string `json:"support"`
	// Attribution indexes Report.Attributions when Support is attributed.
	Attribution *int `json:"attribution,omitempty"`
}

// SourcingSummary sums up an article's sourcing.
type SourcingSummary struct {
	// ByType counts attributions per source type.
	ByType map[string]int `json:"by_type"`
	// Claims is the number of claims; Unsupported the share of them with
	// no support at all.
	Claims      int     `json:"claims"`
	Unsupported float64 `json:"unsupported"`
	// TopSources are the most cited sources, most cited first.
	TopSources []SourceCount `json:"top_sources"`
}

// SourceCount is a source and how often the article cites it.
type SourceCount struct {
	Name  string `json:"name"`
	Type  string `json:"type"`
	Count int    `json:"count"`
}
