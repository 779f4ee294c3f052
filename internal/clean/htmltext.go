package clean

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are elements whose text stands on its own line.
var blockAtoms = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true,
	atom.H6: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true, atom.Section: true, atom.Article: true,
	atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Nav: true, atom.Ul: true, atom.Ol: true,
	atom.Table: true, atom.Tr: true, atom.Td: true, atom.Th: true, atom.Dd: true, atom.Dt: true, atom.Figcaption: true,
	atom.Figure: true, atom.Form: true, atom.Label: true, atom.Button: true, atom.Main: true, atom.Br: true,
	atom.Hr: true, atom.Caption: true, atom.Address: true, atom.Title: true,
}

var skipAtoms = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true, atom.Iframe: true,
	atom.Svg: true, atom.Head: true, atom.Select: true, atom.Option: true, atom.Textarea: true,
}

// nodeLines renders the text of a node tree as lines: one per block
// element, inline text joined with single spaces.
func nodeLines(n *html.Node) []string {
	var lines []string
	var cur strings.Builder
	flush := func() {
		if s := normSpace(cur.String()); s != "" {
			lines = append(lines, s)
		}
		cur.Reset()
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			if skipAtoms[n.DataAtom] {
				return
			}
			if blockAtoms[n.DataAtom] {
				flush()
				defer flush()
			} else {
				defer cur.WriteByte(' ')
				cur.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	return lines
}

// pageRemovals lists the text blocks of the whole page that are not part
// of the extracted content, each with the boilerplate reason its text
// matches or "outside main content".
func pageRemovals(doc *html.Node, content []string, limit int) []Removal {
	kept := strings.Join(content, "\n")
	var out []Removal
	body := findBody(doc)
	if body == nil {
		return nil
	}
	for _, l := range nodeLines(body) {
		if len(out) >= limit {
			break
		}
		if strings.Contains(kept, l) {
			continue
		}
		reason := "outside main content"
		if r := classify(l); r != nil {
			reason = r.reason
		} else if parseByline(l) != nil {
			reason = ReasonByline
		}
		out = append(out, Removal{Text: l, Reason: reason})
	}
	return out
}

func findBody(n *html.Node) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == atom.Body {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if b := findBody(c); b != nil {
			return b
		}
	}
	return nil
}
