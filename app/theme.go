package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/docattr/docattr/assets"
)

var (
	fontResource = fyne.NewStaticResource("NotoSansSC-docattr.otf", assets.Font)
	iconResource = fyne.NewStaticResource("icon.png", assets.Icon)
)

// cjkTheme is the default theme with the embedded CJK font for every text
// style. Bold and italic use the same face: a single-face font renders them
// plain, which is better than falling back to a font without 汉字.
type cjkTheme struct{ fyne.Theme }

func newTheme() fyne.Theme { return cjkTheme{theme.DefaultTheme()} }

func (cjkTheme) Font(fyne.TextStyle) fyne.Resource { return fontResource }

func (t cjkTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, v)
}
