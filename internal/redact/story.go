package redact

import (
	"io"
	"slices"
	"sort"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/scan"
	"github.com/docattr/docattr/internal/xmltok"
)

// Namespaces the walker knows: WordprocessingML (transitional and strict),
// DrawingML (SmartArt and shape text) and markup compatibility.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsA       = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsAStrict = "http://purl.oclc.org/ooxml/drawingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
)

// Where a character stands, as far as the views of a paragraph go.
const (
	inDeleted  = 1 << iota // tracked deletion (w:del, w:moveFrom, w:delText)
	inChoice               // an mc:Choice branch
	inFallback             // an mc:Fallback branch
)

// char is one character of a paragraph's text with the raw bytes of the
// part that hold it (an entity or character reference counts whole);
// start < 0 marks a character the markup stands for (w:tab, w:br), which
// is never edited.
type char struct {
	r          rune
	start, end int
	flags      uint8
}

// views select the characters one reader sees, as scan reads them: the
// final text (mc:Choice), the mc:Fallback branch, and the deleted text.
var views = []func(f uint8) bool{
	func(f uint8) bool { return f&(inDeleted|inFallback) == 0 },
	func(f uint8) bool { return f&(inDeleted|inChoice) == 0 },
	func(f uint8) bool { return f&inDeleted != 0 },
}

// mask replaces a byte range of a part with an asterisk.
type mask struct{ start, end int }

// walker finds the personal numbers of one XML part, paragraph by
// paragraph, and the byte ranges of their digits to mask.
type walker struct {
	s     *xmltok.Scanner
	kinds map[string]bool
	// pick chooses among the numbers of the selected kinds (nil: all).
	pick  func(kind, part, masked string) bool
	paras [][]char
	masks map[mask]bool
	items []Item
	part  string
	// depth of open elements that set a flag
	del, choice, fallback int
	// inText is set inside w:t, w:delText and a:t; textFlags are theirs.
	inText    bool
	textFlags uint8
	// free holds the character slices of closed paragraphs for reuse.
	free [][]char
	// parent is the local name of the innermost open element, as docx
	// reads w:tab and w:br only as children of a run (not tab stops).
	parents []string
}

func (w *walker) parent() string {
	if n := len(w.parents); n > 0 {
		return w.parents[n-1]
	}
	return ""
}

// maskPart returns data with the digits of the selected personal numbers
// masked in place, and what was masked.
func maskPart(part string, data []byte, kinds map[string]bool, pick func(kind, part, masked string) bool) ([]byte, []Item, error) {
	w := &walker{s: xmltok.New(data), kinds: kinds, pick: pick, masks: map[mask]bool{}, part: part}
	w.paras = [][]char{nil} // text outside any paragraph
	if err := w.run(); err != nil {
		return nil, nil, err
	}
	for len(w.paras) > 0 {
		w.endPara()
	}
	if len(w.masks) == 0 {
		return data, nil, nil
	}
	return apply(data, w.masks), w.items, nil
}

func isW(t *xmltok.Token) bool { return t.Space == nsW || t.Space == nsWStrict }
func isA(t *xmltok.Token) bool { return t.Space == nsA || t.Space == nsAStrict }

func (w *walker) flags() uint8 {
	var f uint8
	if w.del > 0 {
		f |= inDeleted
	}
	if w.choice > 0 {
		f |= inChoice
	}
	if w.fallback > 0 {
		f |= inFallback
	}
	return f
}

func (w *walker) run() error {
	var stack []func() // what to undo at each open element's end tag
	for {
		t, err := w.s.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t.Kind {
		case xmltok.StartTag:
			undo := w.start(&t)
			if !t.SelfClosing {
				w.parents = append(w.parents, string(t.Local))
			}
			if t.SelfClosing {
				if undo != nil {
					undo()
				}
				continue
			}
			stack = append(stack, undo)
		case xmltok.Text:
			if w.inText {
				w.decode(t.Raw, t.Start, w.textFlags)
			}
		case xmltok.CData:
			if w.inText {
				w.literal(t.Raw, t.Start+len("<![CDATA["), w.textFlags)
			}
		case xmltok.EndTag:
			if n := len(w.parents); n > 0 {
				w.parents = w.parents[:n-1]
			}
			if n := len(stack); n > 0 {
				if undo := stack[n-1]; undo != nil {
					undo()
				}
				stack = stack[:n-1]
			}
		}
	}
}

// start handles a start tag and returns what its end tag undoes.
func (w *walker) start(t *xmltok.Token) func() {
	local := string(t.Local)
	switch {
	case t.Space == nsMC && local == "Choice":
		w.choice++
		return func() { w.choice-- }
	case t.Space == nsMC && local == "Fallback":
		w.fallback++
		return func() { w.fallback-- }
	case (isW(t) || isA(t)) && local == "p":
		var buf []char
		if n := len(w.free); n > 0 { // reuse a closed paragraph's slice
			buf, w.free = w.free[n-1], w.free[:n-1]
		}
		w.paras = append(w.paras, buf)
		return w.endPara
	case isW(t) && (local == "del" || local == "moveFrom"):
		w.del++
		return func() { w.del-- }
	case isW(t) && (local == "t" || local == "delText"), isA(t) && local == "t":
		w.inText, w.textFlags = true, w.flags()
		if local == "delText" {
			w.textFlags |= inDeleted
		}
		return func() { w.inText = false }
	case isW(t) && (local == "tab" || local == "ptab") && w.parent() == "r":
		w.pseudo('\t')
	case isW(t) && (local == "br" || local == "cr") && w.parent() == "r":
		w.pseudo('\n')
	case isW(t) && local == "noBreakHyphen" && w.parent() == "r":
		w.pseudo('-')
	case isA(t) && local == "br":
		w.pseudo('\n')
	}
	return nil
}

func (w *walker) add(c char) {
	n := len(w.paras) - 1
	w.paras[n] = append(w.paras[n], c)
}

func (w *walker) pseudo(r rune) { w.add(char{r: r, start: -1, end: -1, flags: w.flags()}) }

// decode adds the characters of raw (escaped character data at offset base).
func (w *walker) decode(raw []byte, base int, f uint8) {
	for i := 0; i < len(raw); {
		if raw[i] == '&' {
			j := i + 1
			for j < len(raw) && raw[j] != ';' {
				j++
			}
			if j < len(raw) {
				for _, r := range xmltok.Unescape(raw[i : j+1]) {
					w.add(char{r: r, start: base + i, end: base + j + 1, flags: f})
				}
				i = j + 1
				continue
			}
		}
		r, size := utf8.DecodeRune(raw[i:])
		w.add(char{r: r, start: base + i, end: base + i + size, flags: f})
		i += size
	}
}

func (w *walker) literal(raw []byte, base int, f uint8) {
	for i := 0; i < len(raw); {
		r, size := utf8.DecodeRune(raw[i:])
		w.add(char{r: r, start: base + i, end: base + i + size, flags: f})
		i += size
	}
}

// endPara closes the innermost paragraph: every view of its text is
// checked and the digits of each number found are masked.
func (w *walker) endPara() {
	n := len(w.paras) - 1
	chars := w.paras[n]
	w.paras = w.paras[:n]
	defer func() { w.free = append(w.free, chars[:0]) }()
	if !slices.ContainsFunc(chars, func(c char) bool { return isDigit(c.r) }) {
		return // no number here (nearly every paragraph)
	}
	seen := map[mask]bool{} // numbers of this paragraph, by their first raw range
	for _, keep := range views {
		var text []byte
		var at []int // at[i]: index in chars of byte i of text
		for ci, c := range chars {
			if keep(c.flags) {
				n := len(text)
				text = utf8.AppendRune(text, c.r)
				for range len(text) - n {
					at = append(at, ci)
				}
			}
		}
		for _, sp := range scan.PersonalNumbers(string(text)) {
			if !w.kinds[sp.Kind] || w.pick != nil && !w.pick(sp.Kind, w.part, sp.Masked) {
				continue
			}
			first := chars[at[sp.Start]]
			if key := (mask{first.start, first.end}); !seen[key] {
				seen[key] = true
				w.items = append(w.items, Item{Kind: sp.Kind, Part: w.part, Masked: sp.Masked})
			}
			w.maskSpan(chars, at, sp)
		}
	}
}

// maskSpan masks the digits of sp but the first and last few (as the
// finding shows them); separators and invisible characters stay.
func (w *walker) maskSpan(chars []char, at []int, sp scan.Span) {
	var digits []int // indexes in chars
	last := -1
	for i := sp.Start; i < sp.End; i++ {
		ci := at[i]
		if ci == last {
			continue
		}
		last = ci
		if isDigitOrX(chars[ci].r) {
			digits = append(digits, ci)
		}
	}
	head, tail := scan.KeepDigits(sp.Kind)
	for k, ci := range digits {
		if k < head || k >= len(digits)-tail {
			continue
		}
		if c := chars[ci]; c.start >= 0 {
			w.masks[mask{c.start, c.end}] = true
		}
	}
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' || r >= '０' && r <= '９' }

func isDigitOrX(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ'
}

// apply writes "*" over each masked range. Ranges are characters of the
// part, so they never overlap.
func apply(data []byte, masks map[mask]bool) []byte {
	ms := make([]mask, 0, len(masks))
	for m := range masks {
		ms = append(ms, m)
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
	out := make([]byte, 0, len(data))
	pos := 0
	for _, m := range ms {
		if m.start < pos {
			continue
		}
		out = append(out, data[pos:m.start]...)
		out = append(out, '*')
		pos = m.end
	}
	return append(out, data[pos:]...)
}
