package docx

import (
	"strconv"
	"strings"

	"github.com/docattr/docattr/internal/xmltok"
)

// OnOff reads a WordprocessingML on/off property (w:vanish, w:b, ...):
// present means on unless its val says otherwise.
func OnOff(s *xmltok.Scanner, t *xmltok.Token) bool {
	v, ok := s.AttrView(t, t.Space, "val")
	if !ok {
		return true
	}
	switch v {
	case "0", "false", "off":
		return false
	}
	return true
}

// symbolChar maps a w:sym character code to text. Symbol fonts put their
// glyphs at U+F000+code; the star of Wingdings is the one mark docattr cares
// about (秘密★ typed through Insert → Symbol).
func symbolChar(font, code string) string {
	n, err := strconv.ParseUint(code, 16, 32)
	if err != nil {
		return ""
	}
	if n >= 0xF000 && n <= 0xF0FF {
		n -= 0xF000
	}
	if strings.HasPrefix(strings.ToLower(font), "wingdings") && n == 0xAB {
		return "★"
	}
	if n < 0x20 {
		return ""
	}
	return string(rune(n))
}
