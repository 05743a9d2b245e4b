// Package assets holds the files the desktop app embeds: the window icon and
// a CJK font. The font is embedded because many office machines (and every
// headless build box) have no Chinese system font, and Fyne's own font has
// no CJK glyphs: without it every 汉字 would be a tofu box.
package assets

import _ "embed"

// Icon is the application icon (PNG).
//
//go:embed icon.png
var Icon []byte

// Font is a subset of Noto Sans CJK SC Regular (SIL OFL 1.1, see OFL.txt),
// one face with Latin and CJK glyphs, ★ and the other marks' symbols; the app
// uses it for every text style. scripts/font.sh regenerates it, and
// TestFontCoversProgramText fails when program text needs a glyph it lacks.
//
//go:embed NotoSansSC-docattr.otf
var Font []byte
