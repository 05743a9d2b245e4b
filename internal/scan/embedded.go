package scan

import (
	"strings"

	"github.com/docattr/docattr/internal/docx"
)

// What readers see beyond the paragraphs of the document's own stories:
//   - the mc:Fallback view of a paragraph with run-level alternate content
//     (docx.Paragraph.Fallback): numbers, secrecy marks and restriction
//     notes that view shows and the Choice view does not are reported once,
//     located "（兼容显示内容）";
//   - Word documents embedded as altChunk, checked like the main document,
//     their findings located "嵌入文档 <part> 的…";
//   - altChunk content that could not be read: a block finding, because
//     nobody checked what Word will show there.
// Text altChunks (HTML, RTF, MHT, text) are paragraphs of docx.Embedded and
// go through every detector like the rest.

// KindEmbeddedUnreadable is embedded content the check could not read.
const KindEmbeddedUnreadable = "embedded_unreadable"

// fallbackSuffix marks a finding in the Fallback view of a paragraph.
const fallbackSuffix = "（兼容显示内容）"

// fallbackNumbers returns the personal numbers of p.Fallback that p.Text
// does not already show.
func fallbackNumbers(p docx.Paragraph) []Finding {
	if p.Fallback == "" {
		return nil
	}
	seen := map[string]bool{}
	for _, m := range findNumbers(p.Text) {
		seen[m.kind+m.digits] = true
	}
	var out []Finding
	for _, m := range findNumbers(p.Fallback) {
		if seen[m.kind+m.digits] {
			continue
		}
		seen[m.kind+m.digits] = true
		out = append(out, numberFinding(m, p, p.Location()+fallbackSuffix))
	}
	return out
}

// fallbackMarks returns the secrecy marks and restriction notes of Fallback
// views that the Choice view of the same paragraph does not show.
func fallbackMarks(paras []docx.Paragraph) (findings []Finding, marks []string) {
	for _, p := range paras {
		h := hintsOf(p.Fallback)
		if p.Fallback == "" || p.Where == docx.Comment || h&(hintSecret|hintRestrict) == 0 {
			continue
		}
		seen := map[string]bool{}
		eachLine(p.Text, func(line string) {
			for _, m := range secrecyMarks(line) {
				seen[m] = true
			}
			for _, n := range restrictionNotes(line, p.Where) {
				seen["\x00"+n] = true
			}
		})
		loc := p.Location() + fallbackSuffix
		eachLine(p.Fallback, func(line string) {
			for _, m := range secrecyMarks(line) {
				if seen[m] {
					continue
				}
				seen[m] = true
				marks = append(marks, m)
				findings = append(findings, Finding{Kind: KindSecrecyMark, Severity: Block, Excerpt: m,
					Location: loc, Part: p.Part, Para: p.Index, Basis: basisSecret,
					Message: "标有国家秘密密级标志，涉密文件不得公开"})
			}
			if h&hintRestrict == 0 {
				return
			}
			for _, n := range restrictionNotes(line, p.Where) {
				if seen["\x00"+n] {
					continue
				}
				seen["\x00"+n] = true
				f := restrictionFinding(n, p)
				f.Location = loc
				findings = append(findings, f)
			}
		})
	}
	return findings, marks
}

// InEmbedded reports whether f was found inside a Word document embedded as
// altChunk: its Part is "<chunk part>!<part of the embedded document>".
// docattr clean does not edit embedded documents.
func (f Finding) InEmbedded() bool { return strings.Contains(f.Part, "!") }

// embedded returns the findings of d's altChunks: those of embedded Word
// documents, and one block finding per chunk that could not be read.
func embedded(d *docx.Document) []Finding {
	var out []Finding
	for _, c := range d.Chunks {
		switch {
		case c.Err != nil:
			out = append(out, Finding{Kind: KindEmbeddedUnreadable, Severity: Block, Excerpt: excerpt(c.Part),
				Location: "嵌入内容", Part: c.Part,
				Message: c.Err.Zh + "。Word 打开文件时会显示这部分内容，未经检查不能确认可以公开；请在 Word/WPS 中打开并另存，使其成为正文后再检查"})
		case c.Doc != nil:
			for _, f := range Check(c.Doc).Findings {
				f.Location = "嵌入文档 " + c.Part + " 的" + f.Location
				f.Part = c.Part + "!" + f.Part
				out = append(out, f)
			}
		}
	}
	return out
}
