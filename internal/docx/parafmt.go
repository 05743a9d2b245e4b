package docx

import (
	"strconv"

	"github.com/docattr/docattr/internal/lazyre"
	"github.com/docattr/docattr/internal/xmltok"
)

// Paragraph formatting the recognisers need beyond what reading keeps:
// indentation and red text from the paragraph's own XML, and the alignment
// and size its style gives when the paragraph sets none (WPS and Word
// templates put a title's centring and 2号 size in a "公文标题" style).

// paraFormat is the effective formatting of one paragraph of the main part.
type paraFormat struct {
	center, right bool
	halfPts       int  // largest run size, else the style's
	red           bool // some run is coloured red
	indentTwips   int  // largest of left, right and first-line indentation
}

var (
	reIndAttr = lazyre.New(`<(?:\w+:)?ind\b[^>]*>`)
	reTwips   = lazyre.New(`\b(?:\w+:)?(left|right|start|end|firstLine)="(-?\d+)"`)
	reJc      = lazyre.New(`<(?:\w+:)?jc\b[^>]*\bval="(\w+)"`)
	rePPrEnd  = lazyre.New(`</(?:\w+:)?pPr>`)
	reColor   = lazyre.New(`<(?:\w+:)?color\b[^>]*\bval="([0-9A-Fa-f]{6})"`)
)

// format returns p's effective formatting; styles may be nil.
func (d *Document) format(p *Paragraph, styles map[string]styleFormat) paraFormat {
	f := paraFormat{center: p.Center, right: p.Right, halfPts: p.FontHalfPts}
	if p.Part != d.Pkg.Main || p.Start < 0 || p.End > len(d.main) || p.Start >= p.End {
		return f
	}
	raw := d.main[p.Start:p.End]
	if loc := rePPrEnd.FindIndex(raw); loc != nil {
		pPr := raw[:loc[0]]
		if m := reIndAttr.Find(pPr); m != nil {
			for _, a := range reTwips.FindAllSubmatch(m, -1) {
				if v, err := strconv.Atoi(string(a[2])); err == nil && v > f.indentTwips {
					f.indentTwips = v
				}
			}
		}
		if !p.Center && !p.Right && reJc.Find(pPr) == nil {
			st := styles[p.Style]
			f.center, f.right = st.jc == "center", st.jc == "right" || st.jc == "end"
		}
	} else {
		st := styles[p.Style]
		f.center, f.right = st.jc == "center", st.jc == "right" || st.jc == "end"
	}
	f.red = styles[p.Style].red
	if f.halfPts == 0 {
		f.halfPts = styles[p.Style].halfPts
		if f.halfPts == 0 {
			f.halfPts = styles[""].halfPts // document default
		}
	}
	for _, m := range reColor.FindAllSubmatch(raw, -1) {
		if isRed(string(m[1])) {
			f.red = true
			break
		}
	}
	return f
}

// isRed reports whether an RRGGBB colour reads as the red of a 红头.
func isRed(hex string) bool {
	v, err := strconv.ParseUint(hex, 16, 32)
	if err != nil {
		return false
	}
	r, g, b := v>>16, v>>8&0xff, v&0xff
	return r >= 0xb0 && g < 0x60 && b < 0x60
}

// styleFormat is what a paragraph style gives: alignment, size and a red
// font colour.
type styleFormat struct {
	jc      string
	halfPts int
	red     bool
	basedOn string
}

// formatReader gathers the paragraph styles' styleFormat from the tokens
// of the styles part.
type formatReader struct {
	out         map[string]styleFormat
	id          string
	cur         styleFormat
	inStyle     bool
	inDefaults  bool
	defaultSize int
}

func (r *formatReader) token(s *xmltok.Scanner, t *xmltok.Token, local string) {
	if t.Kind == xmltok.EndTag {
		switch local {
		case "style":
			if r.inStyle && r.id != "" {
				r.out[r.id] = r.cur
			}
			r.inStyle = false
		case "rPrDefault":
			r.inDefaults = false
		}
		return
	}
	val := func() string { v, _ := s.AttrValue(t, t.Space, "val"); return v }
	switch local {
	case "rPrDefault":
		r.inDefaults = !t.SelfClosing
	case "style":
		typ, _ := s.AttrValue(t, t.Space, "type")
		r.id, _ = s.AttrValue(t, t.Space, "styleId")
		r.cur, r.inStyle = styleFormat{}, typ == "paragraph" && !t.SelfClosing
	case "basedOn":
		if r.inStyle {
			r.cur.basedOn = val()
		}
	case "jc":
		if r.inStyle {
			r.cur.jc = val()
		}
	case "color":
		if r.inStyle {
			r.cur.red = isRed(val())
		}
	case "sz":
		n, _ := strconv.Atoi(val())
		switch {
		case r.inStyle:
			r.cur.halfPts = n
		case r.inDefaults:
			r.defaultSize = n
		}
	}
}

// resolve returns the paragraph styles (the key "" holds the document
// defaults) with their basedOn chains resolved.
func (r *formatReader) resolve() map[string]styleFormat {
	out, defaultSize := r.out, r.defaultSize
	resolved := map[string]styleFormat{"": {halfPts: defaultSize}}
	for id := range out {
		f := out[id]
		for base, hops := f.basedOn, 0; base != "" && hops < 16 && (f.jc == "" || f.halfPts == 0); hops++ {
			b := out[base]
			if f.jc == "" {
				f.jc = b.jc
			}
			if f.halfPts == 0 {
				f.halfPts = b.halfPts
			}
			f.red = f.red || b.red
			base = b.basedOn
		}
		resolved[id] = f
	}
	return resolved
}
