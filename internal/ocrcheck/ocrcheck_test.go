package ocrcheck

import (
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"

	"github.com/docattr/docattr/assets"
)

func texts(cs []Code) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.String())
	}
	return out
}

// TestCodesComeFromTheEngine: the list holds what the issue names, taken
// from the tables and the command line's help, and nothing too short for
// OCR to tell from noise.
func TestCodesComeFromTheEngine(t *testing.T) {
	got := texts(Codes())
	for _, want := range []string{"id_card", "bank_card", "mobile", "secrecy_mark", "public", "on-request", "withheld",
		"no_secret", "no_personal_data", "drafter", "review.submit", "--accept-findings", "--redact", "--checklist", "--actor"} {
		if !slices.Contains(got, want) {
			t.Errorf("codes lack %s; have %v", want, got)
		}
	}
	for _, c := range got {
		if !distinctive(strings.TrimPrefix(c, "--")) {
			t.Errorf("code %q is too short to tell from OCR noise", c)
		}
	}
}

// TestFindMatchesWholeTokensThroughOCRNoise is the matcher's specification,
// on text as tesseract returns it.
func TestFindMatchesWholeTokensThroughOCRNoise(t *testing.T) {
	codes := Codes()
	cases := []struct {
		name, text string
		want       []string
	}{
		{"clean Chinese screen", "标注 批量 日志 审查 设置\n公开属性 主动公开 依申请公开 不予公开\n/work/shared/corpus/gongwen/000-pii.docx", nil},
		{"OCR noise words", "DBA QEARA BREA 加 Maan MAPA AS ii MARES", nil},
		{"glued to Chinese", "请用--accept-findings 确认id_card", []string{"id_card", "--accept-findings"}},
		{"inner hyphen lost", "请用--acceptfindings 确认", []string{"--accept-findings"}},
		{"em dash for --", "或以 —accept-findings “理由” 确认", []string{"--accept-findings"}},
		{"underscore read as space", "（id card, bank_card）", []string{"id_card", "bank_card"}},
		{"case and full width", "属性 ＰＵＢＬＩＣ，尚缺：NO_SECRET", []string{"public", "no_secret"}},
		{"part of a longer word is not a code", "publication republic publicity", nil},
		{"plain-word flag needs its dash", "actor 操作人 --actor 张三", []string{"--actor"}},
		{"plain-word flag without dash", "actor reason", nil},
		{"dotted event type", "事件 review.submit", []string{"review.submit"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := texts(Find(c.text, codes))
			for _, w := range c.want {
				if !slices.Contains(got, w) {
					t.Errorf("Find(%q) = %v, lacks %s", c.text, got, w)
				}
			}
			if len(c.want) == 0 && len(got) > 0 {
				t.Errorf("Find(%q) = %v, want none", c.text, got)
			}
		})
	}
}

// writeLines renders lines with the app's embedded font, as the window
// draws them, dark on light or light on dark, into a PNG under dir.
func writeLines(t *testing.T, dir, name string, dark bool, lines ...string) string {
	t.Helper()
	f, err := opentype.Parse(assets.Font)
	if err != nil {
		t.Fatal(err)
	}
	face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: 14, DPI: 72, Hinting: font.HintingFull})
	if err != nil {
		t.Fatal(err)
	}
	defer face.Close()
	bg, fg := color.Gray{Y: 0xf5}, color.Gray{Y: 0x20}
	if dark {
		bg, fg = color.Gray{Y: 0x1e}, color.Gray{Y: 0xe0}
	}
	img := image.NewRGBA(image.Rect(0, 0, 900, 40+30*len(lines)))
	draw.Draw(img, img.Bounds(), image.NewUniform(bg), image.Point{}, draw.Src)
	d := &font.Drawer{Dst: img, Src: image.NewUniform(fg), Face: face}
	for i, l := range lines {
		d.Dot = fixed.P(20, 40+30*i)
		d.DrawString(l)
	}
	path := filepath.Join(dir, name)
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		t.Fatal(err)
	}
	return path
}

func needTesseract(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("tesseract"); err != nil {
		t.Skip("tesseract is not installed (CI installs tesseract-ocr, tesseract-ocr-chi-sim)")
	}
}

// TestPlantedCodeIsRead keeps the screenshot check honest: codes drawn in
// the app's font among Chinese text, in both themes, come back from OCR
// and are found; the same lines without them are clean.
func TestPlantedCodeIsRead(t *testing.T) {
	needTesseract(t)
	dir := t.TempDir()
	for _, dark := range []bool{false, true} {
		planted := writeLines(t, dir, "planted.png", dark,
			"检查发现 5 处，其中 2 处须处理（id_card, bank_card）",
			"尚缺：no_secret、no_personal_data，或以 --accept-findings “理由” 确认",
			"公开属性：public")
		text, err := Read(planted)
		if err != nil {
			t.Fatal(err)
		}
		got := texts(Find(text, Codes()))
		for _, w := range []string{"id_card", "bank_card", "no_secret", "--accept-findings", "public"} {
			if !slices.Contains(got, w) {
				t.Errorf("dark=%v: OCR of a planted %s not found; OCR read %q, found %v", dark, w, text, got)
			}
		}
		clean := writeLines(t, dir, "clean.png", dark,
			"检查发现 5 处，其中 2 处须处理（身份证号、银行卡号）",
			"尚缺：不含国家秘密、不含个人隐私，或填写确认说明",
			"公开属性：主动公开  /work/shared/corpus/gongwen/000-pii.docx")
		if text, err = Read(clean); err != nil {
			t.Fatal(err)
		}
		if got := Find(text, Codes()); len(got) > 0 {
			t.Errorf("dark=%v: clean lines read as codes %v; OCR read %q", dark, texts(got), text)
		}
	}
}

// TestScreenshots is the check scripts/screenshot.sh runs: OCR of every
// PNG in $OCR_SHOTS shows no internal code. With OCR_PLANTED=1 it checks
// the opposite — each image must show one — which the script uses on
// screenshots it has drawn a code onto, so a blind OCR cannot pass.
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("OCR_SHOTS")
	if dir == "" {
		t.Skip("OCR_SHOTS is not set (scripts/screenshot.sh sets it)")
	}
	needTesseract(t)
	shots, err := filepath.Glob(filepath.Join(dir, "*.png"))
	if err != nil || len(shots) == 0 {
		t.Fatalf("no screenshots in %s", dir)
	}
	planted := os.Getenv("OCR_PLANTED") == "1"
	codes := Codes()
	for _, shot := range shots {
		t.Run(filepath.Base(shot), func(t *testing.T) {
			t.Parallel()
			text, err := Read(shot)
			if err != nil {
				t.Fatal(err)
			}
			found := Find(text, codes)
			switch {
			case planted && len(found) == 0:
				t.Errorf("%s: the planted code was not found; OCR read:\n%s", shot, text)
			case !planted:
				for _, c := range found {
					t.Errorf("%s shows the internal code %s (%s)", shot, c, c.From)
				}
			}
			if len(found) > 0 {
				t.Logf("%s: found %v", filepath.Base(shot), texts(found))
			}
		})
	}
}
