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
	// maxWords bounds the lines the rule can match; keys, when set, are
	// substrings (lower case) one of which every match contains. Both only
	// let prose lines skip the regexp: they never change what matches.
	maxWords int
	keys     []string
}

func rx(s string) *regexp.Regexp { return regexp.MustCompile(`(?i)^(?:` + s + `)$`) }

func k(keys ...string) []string { return keys }

// lineRules are tried in order on every trimmed line; the first match wins.
// They were written from the layouts of WordPress, Blogger, Drupal and
// news-site templates as they appear in scraped dumps.
var lineRules = []lineRule{
	// Comment forms and sections.
	{re: rx(`(leave a (reply|comment)|post a comment|add (a |your )?comment|write a comment|join the (discussion|conversation)|comments? are closed\.?|\d+ (comments?|responses?|replies)( on .*)?|\d+ thoughts? on .*|one (comment|response|thought) on .*|discussion|comments?( \(\d+\))?|reader comments|show comments|view comments|leave a reply cancel reply|cancel reply)[.:]?`), reason: ReasonComments, block: true, footer: true, maxWords: 20, keys: k("reply", "comment", "discussion", "response", "thought", "conversation")},
	{re: rx(`(your email address will not be published\.?.*|required fields are marked.*|(name|email|e-mail|website|comment)( \(required\))? ?\*?|save my name,? email,? and website in this browser for the next time i comment\.?|notify me of (follow-up comments|new posts).*|this site uses akismet to reduce spam\..*|learn how your comment data is processed\.?|post comment|submit comment|you must be logged in to post a comment\.?|log in to reply|reply|Δ|δ)`), reason: ReasonComments, maxWords: 25, keys: k("email", "e-mail", "required", "name", "website", "notify", "akismet", "comment", "post", "submit", "logged", "reply", "δ")},
	// Related-post lists and navigation blocks.
	{re: rx(`(similar|related|recent|popular|latest|more|trending|top|featured|suggested|recommended)( posts?| articles?| stories| news| reads?| videos?| content| links)?( for you)?( from .{1,40})?:?|recommended for you|you (may|might) (also )?(like|enjoy|be interested in)[.:]?|read (also|next|more)( on this topic)?:?|also read:?|see also:?|more (on|from|about) (this|the) (topic|story|author|site):?|in case you missed it:?|don'?t miss:?|what to read next:?|more stories:?|post navigation|previous (post|article)( .*)?|next (post|article)( .*)?|older posts?|newer posts?`), reason: ReasonRelated, block: true, maxWords: 12},
	{re: rx(`(read more|read also|also read|related|see also|more|watch|listen|recommended|related article|related story)\s*:\s*.{1,150}`), reason: ReasonRelated, maxWords: 30, keys: k(":")},
	// Share bars.
	{re: rx(`(share|share this( (article|story|post))?|share on \w+|share via \w+|tweet|like this|like this:|like loading\.{3}|click to share on .*|click to (email|print) .*|facebook|twitter|x|whatsapp|telegram|email|e-mail|print|pinterest|linkedin|reddit|vk|tumblr|pocket|flipboard|messenger|copy link|\d+ shares?)[.:]?`), reason: ReasonShare, maxWords: 6},
	{re: rx(`(share|follow us)( (on|via))?:? ((facebook|twitter|whatsapp|telegram|email|linkedin|reddit|vk|x)[ ,|/•·]*){1,}`), reason: ReasonShare, maxWords: 12, keys: k("share", "follow")},
	// Newsletter, promotion, donation appeals.
	{re: rx(`(subscribe|sign up|join)( now| today)?( (to|for) (our|the) (free )?(daily |weekly )?(newsletter|mailing list|updates|channel).*)?[.!]?|enter your e-?mail( address)?.*|get (our|the) (daily |weekly )?newsletter.*|(subscribe|sign up) (to|for) .{0,40}newsletter.*|we respect your privacy.*|unsubscribe at any time.*`), reason: ReasonNewsletter, maxWords: 25, keys: k("subscribe", "sign up", "join", "email", "e-mail", "newsletter", "privacy", "unsubscribe")},
	{re: rx(`(follow|join) us on (twitter|facebook|telegram|instagram|youtube|vk|gab|x).*|(support|donate to) (our|independent) (journalism|work|site|media).*|please (consider )?(donat|support)\w* .*|become a patron.*|click here (to|for) .*|download (our|the) app.*|get the app.*`), reason: ReasonPromo, maxWords: 25, keys: k("follow", "join", "support", "donat", "patron", "click here", "download", "get the app")},
	// Cookie notices.
	{re: rx(`.*(we use cookies|this (web)?site uses cookies|by continuing to (use|browse) (this|our) (site|website)|accept (all )?cookies|cookie (policy|settings|preferences)).*|(accept|decline|got it|ok|i agree)[.!]?`), reason: ReasonCookie, maxWords: 40, keys: k("cookie", "by continuing", "accept", "decline", "got it", "ok", "agree")},
	// Advertisements.
	{re: rx(`advertisement|advertising|sponsored( content)?|ad|ads by \w+|promoted( content| stories)?|\[ad\]|- advertisement -|scroll to continue with content`), reason: ReasonAd, maxWords: 6},
	// Copyright and legal footers.
	{re: rx(`(copyright|©|\(c\)) .*|.*all rights reserved\.?.*|privacy policy.*|terms (of (use|service)|and conditions).*|(about us|contact us|privacy|terms)( [|•·] .*)+`), reason: ReasonCopyright, maxWords: 40, keys: k("copyright", "©", "(c)", "rights reserved", "privacy", "terms", "about us", "contact us")},
	// Tags.
	{re: rx(`(tags?|tagged( with)?|labels?|filed under|categories|category|topics?|keywords|posted in):? .{0,200}`), reason: ReasonTags, maxWords: 40, keys: k("tag", "label", "filed", "categor", "topic", "keyword", "posted in")},
	// Navigation crumbs and menus.
	{re: rx(`(home|news|world|middle east)( ?[»>/|›] ?[\w' -]+)+|skip to (main )?content|menu|search|(toggle|open|close) (menu|navigation|search)|main menu|breadcrumbs?|you are here:.*|back to top|go to top|((newer|older|previous|next) (posts?|entries|articles?)|home)( (newer|older|previous|next) (posts?|entries|articles?)| home)+`), reason: ReasonNav, maxWords: 12},
	// Captions.
	{re: rx(`(photo|image|picture|file photo|photograph|video|credit|photo credit|caption)\s*(:|\|)\s*.{0,150}|(image|photo|picture|video) (via|courtesy of|by|credit) .{0,100}|\((photo|image|file photo)[:/ ].{0,80}\)`), reason: ReasonCaption, maxWords: 30, keys: k("photo", "image", "picture", "video", "credit", "caption")},
	// Wire-service credits: "(Reporting by X; Editing by Y)".
	{re: rx(`\(?(additional )?(reporting|writing|editing|compiled|translated) by .{2,200}\)?\.?`), reason: ReasonByline, maxWords: 40, keys: k(" by ")},
}

// classify returns the rule a trimmed line matches, or nil.
func classify(line string) *lineRule {
	if len(line) > 300 {
		return nil // boilerplate lines are short; prose is never matched
	}
	words := wordCount(line)
	var lower string
	for i := range lineRules {
		r := &lineRules[i]
		if r.maxWords > 0 && words > r.maxWords {
			continue
		}
		if len(r.keys) > 0 {
			if lower == "" {
				lower = strings.ToLower(line)
			}
			found := false
			for _, k := range r.keys {
				if strings.Contains(lower, k) {
					found = true
					break
				}
			}
			if !found {
				continue
			}
		}
		if r.re.MatchString(line) {
			// A caption-looking line with many words is prose.
			return r
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
