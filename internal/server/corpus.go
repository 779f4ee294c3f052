package server

import (
	"context"
	"errors"

	"github.com/sift-project/sift/internal/report"
)

// ErrNotFound is returned by a Corpus for an unknown article, outlet or
// story; the server answers 404.
var ErrNotFound = errors.New("not found")

// ErrNoCorpus is what the corpus endpoints answer (503) when the server
// runs without a store.
var ErrNoCorpus = errors.New("no corpus")

// Corpus is what the server needs from the article store. The server owns
// this interface and the view types below; cmd/sift adapts the real store
// to it, so that the pages and API can be built and tested on their own.
type Corpus interface {
	// Article returns a stored report by its ID (ErrNotFound if unknown).
	Article(ctx context.Context, id string) (*report.Report, error)
	// Search returns the stored articles matching q, best first.
	Search(ctx context.Context, q SearchQuery) ([]SearchHit, error)
	// Outlet returns an outlet's profile by domain or name.
	Outlet(ctx context.Context, domainOrName string) (*OutletProfile, error)
	// Stories lists the largest recent stories, at most limit.
	Stories(ctx context.Context, limit int) ([]Story, error)
	// Story returns one story with its articles and facts.
	Story(ctx context.Context, id string) (*Story, error)
}

// Coverage is what the corpus says about one article's story.
type Coverage struct {
	// Story is the article's story ("" when no other report tells it).
	Story string `json:"story,omitempty"`
	// Outlets is the number of other outlets telling the story.
	Outlets int `json:"outlets"`
	// Agree and Conflict count the article's facts other outlets confirm
	// or contradict.
	Agree    int  `json:"agree"`
	Conflict int  `json:"conflict"`
	Copy     bool `json:"copy,omitempty"`
}

// CoverageFinder is optionally implemented by a Corpus that knows which
// story an article belongs to; the article page then links the other
// outlets' coverage.
type CoverageFinder interface {
	Coverage(ctx context.Context, id string) (Coverage, error)
}

// SearchQuery selects articles in the corpus.
type SearchQuery struct {
	// Text is free text matched against titles and bodies.
	Text string `json:"q,omitempty"`
	// Outlet restricts to one outlet (domain or name).
	Outlet string `json:"outlet,omitempty"`
	// Technique restricts to articles carrying this technique.
	Technique string `json:"technique,omitempty"`
	// From and To bound the publication date, YYYY-MM-DD, inclusive.
	From string `json:"from,omitempty"`
	To   string `json:"to,omitempty"`
	// Limit is the most hits returned; Offset skips that many first.
	Limit  int `json:"limit,omitempty"`
	Offset int `json:"offset,omitempty"`
}

// SearchHit is one article found by a search.
type SearchHit struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Outlet    string `json:"outlet,omitempty"`
	Domain    string `json:"domain,omitempty"`
	URL       string `json:"url,omitempty"`
	Published string `json:"published,omitempty"`
	// Snippet is plain text around the match (never markup); Highlights
	// mark the matched words in it, in code points, end exclusive.
	Snippet    string      `json:"snippet,omitempty"`
	Highlights []Highlight `json:"highlights,omitempty"`
	// Propaganda and Credibility are the article's scores, when scored.
	Propaganda  *float64 `json:"propaganda,omitempty"`
	Credibility *float64 `json:"credibility,omitempty"`
	// Story is the story the article belongs to, when clustered.
	Story string `json:"story,omitempty"`
}

// Highlight is a matched stretch of a snippet in code points.
type Highlight struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// OutletProfile is an outlet's record in the corpus.
type OutletProfile struct {
	Name     string `json:"name"`
	Domain   string `json:"domain"`
	Articles int    `json:"articles"`
	// Ratings are third-party ratings of the outlet (OpenSources, Lin et
	// al.), each with its source.
	Ratings []Rating `json:"ratings"`
	// RatingsCredit names the rating lists and their licences.
	RatingsCredit string `json:"ratings_credit,omitempty"`
	// Techniques is the outlet's technique profile, most frequent first.
	Techniques []TechniqueCount `json:"techniques"`
	// Density is technique density over time, oldest period first.
	Density []DensityPoint `json:"density"`
	// Mean scores over the outlet's scored articles, when any.
	Propaganda  *float64 `json:"propaganda,omitempty"`
	Credibility *float64 `json:"credibility,omitempty"`
	// Words counts the words of its stored articles.
	Words int `json:"words,omitempty"`
	// TechniqueDensity is technique spans per 1000 words overall.
	TechniqueDensity *float64 `json:"technique_density,omitempty"`
	// Unsupported is the share of its claims with no support at all.
	Unsupported *float64 `json:"unsupported,omitempty"`
	// Stories counts the stories it shares with other outlets;
	// ConflictRate is the share of its fact comparisons with them that
	// conflict, over Comparisons comparisons.
	Stories      int      `json:"stories,omitempty"`
	ConflictRate *float64 `json:"conflict_rate,omitempty"`
	Comparisons  int      `json:"comparisons,omitempty"`
}

// Rating is one third-party rating of an outlet.
type Rating struct {
	// Source names the rating list ("OpenSources", "Lin et al. 2023").
	Source string `json:"source"`
	// Label is the rating as the list gives it ("conspiracy", "0.81").
	Label string `json:"label"`
	// Score is the rating on [0,1] (1 = reliable), when numeric.
	Score *float64 `json:"score,omitempty"`
	Note  string   `json:"note,omitempty"`
}

// TechniqueCount is how often an outlet's articles use one technique.
type TechniqueCount struct {
	Technique string `json:"technique"`
	Count     int    `json:"count"`
	// PerArticle is Count divided by the outlet's article count.
	PerArticle float64 `json:"per_article"`
}

// DensityPoint is technique density in one period.
type DensityPoint struct {
	// Period is a month (YYYY-MM) or a day (YYYY-MM-DD).
	Period   string `json:"period"`
	Articles int    `json:"articles"`
	// PerKWords is technique spans per thousand words.
	PerKWords float64 `json:"per_kwords"`
}

// Story is one event as covered by several outlets.
type Story struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// First and Last are the earliest and latest publication dates.
	First string `json:"first,omitempty"`
	Last  string `json:"last,omitempty"`
	// Articles are the story's articles, one column each on the page.
	Articles []StoryArticle `json:"articles"`
	// Facts are the facts the articles state; each has one value per
	// article, in the order of Articles.
	Facts []StoryFact `json:"facts"`
}

// StoryArticle is one outlet's article in a story.
type StoryArticle struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Outlet      string   `json:"outlet,omitempty"`
	Domain      string   `json:"domain,omitempty"`
	URL         string   `json:"url,omitempty"`
	Published   string   `json:"published,omitempty"`
	Lead        string   `json:"lead,omitempty"`
	Propaganda  *float64 `json:"propaganda,omitempty"`
	Credibility *float64 `json:"credibility,omitempty"`
	// DuplicateOf names the article this one nearly copies, if any.
	DuplicateOf string `json:"duplicate_of,omitempty"`
	// Agree and Conflict count this article's facts that other outlets
	// confirm or contradict.
	Agree    int `json:"agree"`
	Conflict int `json:"conflict"`
}

// StoryFact is one fact (casualties, actor, place, date...) across a
// story's articles.
type StoryFact struct {
	// Field names the fact ("killed", "actor", "location").
	Field string `json:"field"`
	// Values has one entry per article ("" when the article does not say).
	Values []string `json:"values"`
	// Status is agree (all stating articles say the same), conflict, or
	// single (one article states it); computed by the server when empty.
	Status string `json:"status"`
}

// factStatus computes a fact's status from its values.
func factStatus(values []string) string {
	seen := map[string]bool{}
	stating := 0
	for _, v := range values {
		if v == "" {
			continue
		}
		stating++
		seen[v] = true
	}
	switch {
	case len(seen) > 1:
		return "conflict"
	case stating > 1:
		return "agree"
	default:
		return "single"
	}
}
