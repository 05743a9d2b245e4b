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

// Font is Droid Sans Fallback Full (Apache-2.0), one face with Latin and
// CJK glyphs; the app uses it for every text style.
//
//go:embed DroidSansFallbackFull.ttf
var Font []byte
