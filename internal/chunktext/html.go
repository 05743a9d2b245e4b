package chunktext

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"

	"github.com/docattr/docattr/internal/lazyre"
)

// reMetaCharset finds a charset declared in the first bytes of a page:
// <meta charset="gbk">, <meta http-equiv="Content-Type" content="…;
// charset=gb2312"> or an XML declaration's encoding="…".
var reMetaCharset = lazyre.New(`(?i)(?:<meta[^>]*?charset\s*=\s*["']?|<\?xml[^>]*?encoding\s*=\s*["'])([a-z0-9_.:-]+)`)

// FromHTML returns the text of an HTML, XHTML or other markup payload:
// elements dropped (script and style with their content), entities decoded,
// a line break after every block element and a tab between table cells.
// charset is the one the content type declares ("" if none).
func FromHTML(data []byte, charset string) (string, error) {
	if charset == "" && !bytes.HasPrefix(data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		if m := reMetaCharset.FindSubmatch(data[:min(len(data), 4096)]); m != nil {
			charset = string(m[1])
		}
	}
	text, err := decode(data, charset)
	if err != nil {
		return "", err
	}
	return markupText(text), nil
}

// markupText drops the markup of decoded HTML or XML.
func markupText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	skip := 0 // inside script or style
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken, html.EndTagToken:
			tt := z.Token()
			name := tt.Data
			if i := strings.LastIndexByte(name, ':'); i >= 0 {
				name = name[i+1:] // w:p in Word 2003 XML
			}
			if name == "script" || name == "style" {
				switch tt.Type {
				case html.StartTagToken:
					skip++
				case html.EndTagToken:
					skip = max(0, skip-1)
				}
				continue
			}
			switch {
			case tt.Type != html.EndTagToken && name == "br":
				b.WriteByte('\n')
			case tt.Type != html.EndTagToken && (name == "td" || name == "th" || name == "tab"):
				b.WriteByte('\t')
			case tt.Type == html.EndTagToken && blockTags[name]:
				b.WriteByte('\n')
			}
		}
	}
}

// blockTags end a line where they end (p is also w:p of Word 2003 XML).
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "tr": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true,
	"h6": true, "table": true, "ul": true, "ol": true, "blockquote": true, "pre": true, "title": true, "dt": true,
	"dd": true, "section": true, "article": true, "header": true, "footer": true, "caption": true,
}
