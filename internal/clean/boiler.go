package clean

import (
	"regexp"
	"strings"
)

// Removal reasons, as shown in a report's `removed` list.
const (
	ReasonShare      = "share bar"
	ReasonComments   = "comment form"
	ReasonRelated    = "related posts"
	ReasonNewsletter = "newsletter"
	ReasonCookie     = "cookie notice"
	ReasonAd         = "advertisement"
	ReasonCopyright  = "copyright"
	ReasonNav        = "navigation"
	ReasonCaption    = "caption"
	ReasonByline     = "byline"
	ReasonSource     = "source line"
	ReasonDateline   = "dateline"
	ReasonTitle      = "repeated title"
	ReasonTags       = "tags"
	ReasonPromo      = "promotion"
	ReasonEmpty      = "empty"
)

// lineRule classifies one whole line as boilerplate.
type lineRule struct {
	re     *regexp.Regexp
	reason string
	// block: the line heads a block (a related-posts list, a comment
	// form) whose following short lines go with it.
	block bool
	// footer: the block runs to the end of the article when what follows
	// is shorter than what came before (comment sections).
	footer bool
}

func rx(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)^(?:` + s + `)$`) }

// lineRules are tried in order on every trimmed line; the first match wins.
// They were written from the layouts of WordPress, Blogger, Drupal and
// news-site templates as they appear in scraped dumps.
var lineRules = []lineRule{
	// Comment forms and sections.
	{re: rx(`(leave a (reply|comment)|post a comment|add (a |your )?comment|write a comment|join the (discussion|conversation)|comments? are closed\.?|\d+ (comments?|responses?|replies)( on .*)?|\d+ thoughts? on .*|one (comment|response|thought) on .*|discussion|comments?( \(\d+\))?|reader comments|show comments|view comments|leave a reply cancel reply|cancel reply)[.:]?`), reason: ReasonComments, block: true, footer: true},
	{re: rx(`(your email address will not be published\.?.*|required fields are marked.*|(name|email|e-mail|website|comment)( \(required\))? ?\*?|save my name,? email,? and website in this browser for the next time i comment\.?|notify me of (follow-up comments|new posts).*|this site uses akismet to reduce spam\..*|learn how your comment data is processed\.?|post comment|submit comment|you must be logged in to post a comment\.?|log in to reply|reply|Δ|δ)`), reason: ReasonComments},
	// Related-post lists and navigation blocks.
	{re: rx(`(similar|related|recent|popular|latest|more|trending|top|featured|suggested|recommended)( posts?| articles?| stories| news| reads?| videos?| content| links)?( for you)?( from .{1,40})?:?|recommended for you|you (may|might) (also )?(like|enjoy|be interested in)[.:]?|read (also|next|more)( on this topic)?:?|also read:?|see also:?|more (on|from|about) (this|the) (topic|story|author|site):?|in case you missed it:?|don'?t miss:?|what to read next:?|more stories:?|post navigation|previous (post|article)( .*)?|next (post|article)( .*)?|older posts?|newer posts?`), reason: ReasonRelated, block: true},
	{re: rx(`(read more|read also|also read|related|see also|more|watch|listen|recommended|related article|related story)\s*:\s*.{1,150}`), reason: ReasonRelated},
	// Share bars.
	{re: rx(`(share|share this( (article|story|post))?|share on \w+|share via \w+|tweet|like this|like this:|like loading\.{3}|click to share on .*|click to (email|print) .*|facebook|twitter|x|whatsapp|telegram|email|e-mail|print|pinterest|linkedin|reddit|vk|tumblr|pocket|flipboard|messenger|copy link|\d+ shares?)[.:]?`), reason: ReasonShare},
	{re: rx(`(share|follow us)( (on|via))?:? ((facebook|twitter|whatsapp|telegram|email|linkedin|reddit|vk|x)[ ,|/•·]*){1,}`), reason: ReasonShare},
	// Newsletter, promotion, donation appeals.
	{re: rx(`(subscribe|sign up|join)( now| today)?( (to|for) (our|the) (free )?(daily |weekly )?(newsletter|mailing list|updates|channel).*)?[.!]?|enter your e-?mail( address)?.*|get (our|the) (daily |weekly )?newsletter.*|(subscribe|sign up) (to|for) .{0,40}newsletter.*|we respect your privacy.*|unsubscribe at any time.*`), reason: ReasonNewsletter},
	{re: rx(`(follow|join) us on (twitter|facebook|telegram|instagram|youtube|vk|gab|x).*|(support|donate to) (our|independent) (journalism|work|site|media).*|please (consider )?(donat|support)\w* .*|become a patron.*|click here (to|for) .*|download (our|the) app.*|get the app.*`), reason: ReasonPromo},
	// Cookie notices.
	{re: rx(`.*(we use cookies|this (web)?site uses cookies|by continuing to (use|browse) (this|our) (site|website)|accept (all )?cookies|cookie (policy|settings|preferences)).*|(accept|decline|got it|ok|i agree)[.!]?`), reason: ReasonCookie},
	// Advertisements.
	{re: rx(`advertisement|advertising|sponsored( content)?|ad|ads by \w+|promoted( content| stories)?|\[ad\]|- advertisement -|scroll to continue with content`), reason: ReasonAd},
	// Copyright and legal footers.
	{re: rx(`(copyright|©|\(c\)) .*|.*all rights reserved\.?.*|privacy policy.*|terms (of (use|service)|and conditions).*|(about us|contact us|privacy|terms)( [|•·] .*)+`), reason: ReasonCopyright},
	// Tags.
	{re: rx(`(tags?|tagged( with)?|labels?|filed under|categories|category|topics?|keywords|posted in):? .{0,200}`), reason: ReasonTags},
	// Navigation crumbs and menus.
	{re: rx(`(home|news|world|middle east)( ?[»>/|›] ?[\w' -]+)+|skip to (main )?content|menu|search|(toggle|open|close) (menu|navigation|search)|main menu|breadcrumbs?|you are here:.*|back to top|go to top|((newer|older|previous|next) (posts?|entries|articles?)|home)( (newer|older|previous|next) (posts?|entries|articles?)| home)+`), reason: ReasonNav},
	// Captions.
	{re: rx(`(photo|image|picture|file photo|photograph|video|credit|photo credit|caption)\s*(:|\|)\s*.{0,150}|(image|photo|picture|video) (via|courtesy of|by|credit) .{0,100}|\((photo|image|file photo)[:/ ].{0,80}\)`), reason: ReasonCaption},
	// Wire-service credits: "(Reporting by X; Editing by Y)".
	{re: rx(`\(?(additional )?(reporting|writing|editing|compiled|translated) by .{2,200}\)?\.?`), reason: ReasonByline},
}

// classify returns the rule a trimmed line matches, or nil.
func classify(line string) *lineRule {
	if len(line) > 300 {
		return nil // boilerplate lines are short; prose is never matched
	}
	for i := range lineRules {
		if lineRules[i].re.MatchString(line) {
			// A caption-looking line with many words is prose.
			if lineRules[i].reason == ReasonCaption && wordCount(line) > 30 {
				return nil
			}
			if lineRules[i].reason == ReasonTags && wordCount(line) > 25 {
				return nil
			}
			return &lineRules[i]
		}
	}
	return nil
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// isProse reports a line that reads as article prose: enough words and
// sentence punctuation.
func isProse(line string) bool {
	n := wordCount(line)
	if n >= 25 {
		return true
	}
	if n < 8 {
		return false
	}
	t := strings.TrimRight(line, `"'”’)» `)
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":")
}
