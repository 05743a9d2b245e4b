package app

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// render draws s in the app's theme with Fyne's software renderer (the same
// painter and font lookup the window uses) and returns the picture.
func render(t *testing.T, s string) image.Image {
	t.Helper()
	txt := canvas.NewText(s, color.Black)
	txt.TextSize = 32
	w := test.NewTempWindow(t, container.NewCenter(txt))
	w.Resize(fyne.NewSize(260, 60))
	return w.Canvas().Capture()
}

// ink counts the pixels that differ from the background (the corner's).
func ink(img image.Image) (n int) {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.At(x, y) != bg {
				n++
			}
		}
	}
	return n
}

func samePicture(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	for y := a.Bounds().Min.Y; y < a.Bounds().Max.Y; y++ {
		for x := a.Bounds().Min.X; x < a.Bounds().Max.X; x++ {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

// TestSecrecyMarkRenders draws 秘密★1年 the way the window does and checks
// that ★ comes out as a star: inked, unlike the "no glyph" box (a private-use
// character no font has) and unlike ☆. scripts/fontcheck.sh runs it with the
// system fonts hidden, so that the embedded font is the only source of
// glyphs; FONT_SHOT=FILE keeps the picture.
func TestSecrecyMarkRenders(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(newTheme())

	mark := render(t, "秘密★1年")
	star, white, box := render(t, "★"), render(t, "☆"), render(t, "\ue000")
	if n := ink(star); n < 100 {
		t.Errorf("★ drew %d pixels: no glyph", n)
	}
	if samePicture(star, box) {
		t.Error("★ draws the same as a character no font has: the missing-glyph box")
	}
	if samePicture(star, white) {
		t.Error("★ and ☆ draw the same")
	}
	if ink(mark) <= ink(render(t, "秘密1年")) {
		t.Error("秘密★1年 has no more ink than 秘密1年: the ★ is blank")
	}
	if p := os.Getenv("FONT_SHOT"); p != "" {
		f, err := os.Create(filepath.Clean(p))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if err := png.Encode(f, mark); err != nil {
			t.Fatal(err)
		}
	}
}
