package assets

import (
	"fmt"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// gb18030Level1 returns the repertoire of GB 18030-2022 implementation level
// 1: the printable single-byte characters, every character of the two-byte
// region, CJK Unified Ideographs U+4E00–U+9FFF and Extension A
// U+3400–U+4DBF. The two-byte region is decoded with golang.org/x/text, not
// with Python's codec that scripts/font.sh uses, so the font is checked
// against a second reading of the standard. x/text leaves the user-defined
// areas and the codes the 2005 and 2022 editions moved out of the Private
// Use Area undecoded; those mappings are added here by hand.
func gb18030Level1(t *testing.T) (all []rune, twoByte int) {
	t.Helper()
	seen := map[rune]bool{}
	add := func(r rune) {
		if !seen[r] {
			seen[r] = true
			all = append(all, r)
		}
	}
	for r := rune(0x20); r < 0x7F; r++ {
		add(r)
	}
	dec := simplifiedchinese.GB18030.NewDecoder()
	for b1 := 0x81; b1 <= 0xFE; b1++ {
		for b2 := 0x40; b2 <= 0xFE; b2++ {
			if b2 == 0x7F {
				continue
			}
			out, err := dec.Bytes([]byte{byte(b1), byte(b2)})
			if err != nil {
				continue
			}
			r, size := utf8.DecodeRune(out)
			if r == utf8.RuneError || size != len(out) || (r >= 0xE000 && r <= 0xF8FF) {
				continue
			}
			twoByte++
			add(r)
		}
	}
	add(0x1E3F) // A8BC ḿ (2005)
	for r := rune(0xFE10); r <= 0xFE19; r++ {
		add(r) // A6D9–A6DF, A6EC–A6ED, A6F3: vertical forms (2022)
	}
	for r := rune(0x3400); r <= 0x4DBF; r++ {
		add(r)
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		add(r)
	}
	return all, twoByte
}

// notInNoto is what GB 18030 level 1 has and Noto Sans CJK SC 2.004 does
// not: ≒, and the ideographs Unicode 13 and later added to the ends of
// Extension A and of the unified block. The app shows them with a system
// font where one has them.
func notInNoto(r rune) bool {
	return r == 0x2252 || (r >= 0x4DB6 && r <= 0x4DBF) || (r >= 0x9FF0 && r <= 0x9FFF)
}

// TestFontCoversGB18030Level1 checks that the embedded font has every
// character of GB 18030-2022 level 1 that Noto Sans CJK SC has, so any
// 汉字 a draft, a name or new UI text is likely to hold is drawn from the
// embedded font, with or without system fonts.
func TestFontCoversGB18030Level1(t *testing.T) {
	has := fontHas(t)
	level1, twoByte := gb18030Level1(t)
	// The decoder's reading of the two-byte region: GBK's 21 886 codes less
	// those that were Private Use Area in the 2000 edition.
	if twoByte != 21873 {
		t.Errorf("x/text decodes %d characters in the two-byte region, want 21873", twoByte)
	}
	var covered, absent int
	var missing []string
	for _, r := range level1 {
		switch {
		case has(r):
			covered++
		case notInNoto(r):
			absent++
		default:
			if len(missing) < 20 {
				missing = append(missing, fmt.Sprintf("%q U+%04X", r, r))
			}
		}
	}
	if covered+absent != len(level1) {
		t.Errorf("font lacks %d of GB 18030 level 1's %d characters, e.g. %v; run scripts/font.sh",
			len(level1)-covered-absent, len(level1), missing)
	}
	if want := len(level1) - 27; covered != want {
		t.Errorf("font covers %d of %d level-1 characters, want %d (all but the 27 Noto lacks)", covered, len(level1), want)
	}
	// A sample named here, so that what the numbers mean stays visible:
	// GBK 汉字 outside GB 2312 common in names, Extension A, the 2022
	// remappings, radicals and ideographic description characters.
	for _, s := range []string{
		"堃喆玥珺赟昇犇曌琤镕", "丂丄丅丆", "㐀㐁䶵", "龥龦鿯", "龴龵龺龻", "︐︑︙", "ḿ", "⺁⺄〾⿰", "≈≠≤",
	} {
		for _, r := range s {
			if !has(r) {
				t.Errorf("font has no glyph for %q (U+%04X) in %q", r, r, s)
			}
		}
	}
}
