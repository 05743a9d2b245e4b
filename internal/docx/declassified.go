package docx

import (
	"bytes"
	"errors"
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
	"github.com/docattr/docattr/internal/xmltok"
)

// A declassified document keeps its secrecy line and carries the 解密 beside
// it, so the original level stays visible (《国家秘密解密暂行办法》: the
// mark is annotated where it stands, not deleted). docattr writes
// 秘密★1年（已于2027年3月1日解密）; offices also type （已解密） or 【已解密】
// without a date. Such a line is the same secrecy mark, no longer in force:
// it is neither a current mark nor a line to print again.

// ErrNoSecrecyLine: Stamp was asked to annotate a secrecy line the body
// does not print (none, or only in a header, which docattr does not edit).
var ErrNoSecrecyLine = errors.New("docx: no secrecy line in the body to annotate")

// reDeclassified is the annotation at the end of a compacted line; group 1
// is the date, "" when none is given.
var reDeclassified = lazyre.New(`[（(【\[〔](?:已于(\d{4}年\d{1,2}月\d{1,2}日)解密|已解密|解密)[）)】\]〕]$`)

// DeclassifiedLine reports whether text is a secrecy line annotated as
// declassified. mark is the original mark, normalised (秘密★1年; a bare
// level gives 秘密★), and date the 解密 date as printed (2027年3月1日),
// "" when the annotation gives none. The bare form (秘密（已解密）) counts
// only where BareSecrecyLine would: callers pass bare=true for the first
// lines of the body and for headers.
func DeclassifiedLine(text string, bare bool) (mark, date string, ok bool) {
	if !strings.Contains(text, "解密") {
		return "", "", false
	}
	c := trimUrgency(Compact(text))
	m := reDeclassified.FindStringSubmatchIndex(c)
	if m == nil {
		return "", "", false
	}
	rest := trimUrgency(c[:m[0]])
	if m[2] >= 0 {
		date = c[m[2]:m[3]]
	}
	if mark, ok = SecrecyLine(rest); ok {
		return mark, date, true
	}
	if bare {
		if mark, ok = BareSecrecyLine(rest); ok {
			return mark, date, true
		}
	}
	return "", "", false
}

// DeclassifiedNote is the annotation docattr appends to a secrecy line,
// e.g. （已于2027年3月1日解密）.
func DeclassifiedNote(date string) string {
	return "（已于" + date + "解密）"
}

// annotateSecrecy returns the splice that appends a run with note to the
// end of the secrecy paragraph p, in the mark's font: the line itself is
// left byte for byte as it was.
func (d *Document) annotateSecrecy(p *Paragraph, note string) (splice, bool) {
	raw := d.main[p.Start:p.End]
	end := bytes.LastIndex(raw, []byte("</"))
	if end < 0 || !bytes.HasSuffix(bytes.TrimRight(raw, " \t\r\n"), []byte("p>")) {
		return splice{}, false
	}
	prefix, decl := d.mainText.wPrefix, ""
	if prefix == "" {
		prefix, decl = "w", ` xmlns:w="`+d.mainText.wSpace+`"`
	}
	el := func(name string) string { return prefix + ":" + name }
	at := func(name, val string) string { return " " + prefix + ":" + name + `="` + xmltok.Escape(val) + `"` }
	size := at("val", strconv.Itoa(gbBodyHalfPts)) // 3号, as the line
	run := "<" + el("r") + decl + "><" + el("rPr") + "><" + el("rFonts") + at("ascii", gbFontSecrecy) + at("eastAsia", gbFontSecrecy) +
		at("hAnsi", gbFontSecrecy) + "/><" + el("sz") + size + "/><" + el("szCs") + size + "/></" + el("rPr") + "><" +
		el("t") + ` xml:space="preserve">` + xmltok.Escape(note) + "</" + el("t") + "></" + el("r") + ">"
	return splice{start: p.Start + end, end: p.Start + end, insert: []byte(run)}, true
}
