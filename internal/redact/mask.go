package redact

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/scan"
)

// span is a range of a part's bytes: one character, replaced by "*".
type span struct{ start, end int }

// maskPart returns data (the bytes of tp) with the digits of the selected
// personal numbers masked in place, and what was masked. The text is read
// by docx's own reader, so the numbers are those the check sees, in every
// view of a paragraph (final text, mc:Fallback, tracked deletions).
func maskPart(tp docx.TextPart, data []byte, kinds map[string]bool, pick func(kind, part, masked string) bool) ([]byte, []Item, error) {
	paras, err := docx.ReadSourced(data, tp)
	if err != nil {
		return nil, nil, err
	}
	masks := map[span]bool{}
	var items []Item
	for _, p := range paras {
		seen := map[span]bool{} // numbers of this paragraph, by the bytes of their first character
		for _, v := range p.Views {
			if !strings.ContainsAny(v.Text, "0123456789０１２３４５６７８９") {
				continue // no number here (nearly every paragraph)
			}
			for _, sp := range scan.PersonalNumbers(v.Text) {
				if !kinds[sp.Kind] || pick != nil && !pick(sp.Kind, tp.Part, sp.Masked) {
					continue
				}
				if s, e, ok := v.Locate(data, sp.Start); !ok || !seen[span{s, e}] {
					seen[span{s, e}] = true
					items = append(items, Item{Kind: sp.Kind, Part: tp.Part, Masked: sp.Masked})
				}
				maskSpan(data, v, sp, masks)
			}
		}
	}
	if len(masks) == 0 {
		return data, nil, nil
	}
	return apply(data, masks), items, nil
}

// maskSpan masks the digits of sp but the first and last few (as the
// finding shows them); separators and invisible characters stay. A digit
// the markup stands for (a symbol) counts but has nothing to mask.
func maskSpan(data []byte, v docx.View, sp scan.Span, masks map[span]bool) {
	type digit struct {
		at span
		ok bool
	}
	var digits []digit
	last := span{-1, -1}
	for i := sp.Start; i < sp.End; {
		r, size := utf8.DecodeRuneInString(v.Text[i:])
		s, e, ok := v.Locate(data, i)
		i += size
		if ok && (span{s, e}) == last {
			continue // one reference standing for several characters
		}
		last = span{s, e}
		if isDigitOrX(r) {
			digits = append(digits, digit{span{s, e}, ok})
		}
	}
	head, tail := scan.KeepDigits(sp.Kind)
	for k, d := range digits {
		if k >= head && k < len(digits)-tail && d.ok {
			masks[d.at] = true
		}
	}
}

func isDigitOrX(r rune) bool {
	return r >= '0' && r <= '9' || r >= '０' && r <= '９' || r == 'X' || r == 'x' || r == 'Ｘ' || r == 'ｘ'
}

// apply writes "*" over each masked range. Ranges are characters of the
// part, so they never overlap.
func apply(data []byte, masks map[span]bool) []byte {
	ms := make([]span, 0, len(masks))
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
