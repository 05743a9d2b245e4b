package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/docattr/docattr/assets"
)

var (
	fontResource = fyne.NewStaticResource("NotoSansSC-docattr.otf", assets.Font)
	iconResource = fyne.NewStaticResource("icon.png", assets.Icon)
)

// Appearance preferences (设置 → 外观, 文字大小). They live in the app's
// preferences like the window size: a desk's habit, not a decision.
const (
	prefVariant  = "theme.variant" // "", "light" or "dark"
	prefTextSize = "theme.text"    // a scale: 1, 1.15, 1.3
)

// variantNames and textSizes are what 设置 offers, in order.
var (
	variantNames = []struct{ id, zh string }{{"", "跟随系统"}, {"light", "浅色"}, {"dark", "深色"}}
	textSizes    = []struct {
		scale float64
		zh    string
	}{{1, "标准"}, {1.15, "较大"}, {1.3, "特大"}}
)

// cjkTheme is the default theme with the embedded CJK font for every text
// style. Bold and italic use the same face: a single-face font renders them
// plain, which is better than falling back to a font without 汉字. variant
// forces light or dark ("" follows the system) and scale enlarges text.
type cjkTheme struct {
	fyne.Theme
	variant string
	scale   float32
}

func newTheme() fyne.Theme { return cjkTheme{Theme: theme.DefaultTheme(), scale: 1} }

// themeFrom is the theme the preferences p ask for.
func themeFrom(p fyne.Preferences) fyne.Theme {
	scale := p.FloatWithFallback(prefTextSize, 1)
	if scale < 0.8 || scale > 2 {
		scale = 1
	}
	return cjkTheme{Theme: theme.DefaultTheme(), variant: p.String(prefVariant), scale: float32(scale)}
}

func (cjkTheme) Font(fyne.TextStyle) fyne.Resource { return fontResource }

func (t cjkTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch t.variant {
	case "light":
		v = theme.VariantLight
	case "dark":
		v = theme.VariantDark
	}
	return t.Theme.Color(n, v)
}

func (t cjkTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText:
		if t.scale > 0 {
			return s * t.scale
		}
	}
	return s
}

// newAppearanceSelects are 设置's 外观 and 文字大小 choices, showing the
// preferences and applying a change at once.
func newAppearanceSelects(u *ui) (variant, size *widget.Select) {
	p := u.app.Preferences()
	apply := func() { u.app.Settings().SetTheme(themeFrom(p)) }
	var vnames, snames []string
	for _, v := range variantNames {
		vnames = append(vnames, v.zh)
	}
	for _, t := range textSizes {
		snames = append(snames, t.zh)
	}
	variant = newSelect(vnames, nil)
	size = newSelect(snames, nil)
	for _, v := range variantNames {
		if v.id == p.String(prefVariant) {
			variant.SetSelected(v.zh)
		}
	}
	cur := p.FloatWithFallback(prefTextSize, 1)
	size.SetSelected(textSizes[0].zh)
	for _, t := range textSizes {
		if t.scale == cur {
			size.SetSelected(t.zh)
		}
	}
	if variant.Selected == "" {
		variant.SetSelected(variantNames[0].zh)
	}
	variant.OnChanged = func(zh string) {
		for _, v := range variantNames {
			if v.zh == zh {
				p.SetString(prefVariant, v.id)
			}
		}
		apply()
	}
	size.OnChanged = func(zh string) {
		for _, t := range textSizes {
			if t.zh == zh {
				p.SetFloat(prefTextSize, t.scale)
			}
		}
		apply()
	}
	return variant, size
}
