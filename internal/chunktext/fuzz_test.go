package chunktext

import (
	"errors"
	"testing"
	"unicode/utf8"
)

// FuzzExtract: any payload under any content type gives valid UTF-8 no
// more than three times its size (no decoder or entity blows it up), or
// ErrUnreadable; never a panic.
func FuzzExtract(f *testing.F) {
	for _, seed := range []struct{ ct, data string }{
		{"text/html", `<html><body><p>身份证号110105194901010021</p><script>x</script></body></html>`},
		{"text/html", `<meta charset="gbk"><p>` + "\xca\xd6\xbb\xfa" + `</p>`},
		{"application/xhtml+xml", `<?xml version="1.0" encoding="utf-16"?><p>a</p>`},
		{"application/rtf", `{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fcharset134 SimSun;}}\f0\'c3\'d8\u8203?\par}`},
		{"application/rtf", `{\rtf1{\*\x{\pict\bin5 ab}}\uc2\u-10000??x}`},
		{"message/rfc822", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: base64\r\n\r\nPHA+YTwvcD4=\r\n--b--\r\n"},
		{"text/plain; charset=gb2312", "\xc3\xd8\xc3\xdc"},
		{"text/plain", "\xff\xfea\x00"},
		{"application/octet-stream", "PK\x03\x04"},
	} {
		f.Add(seed.ct, []byte(seed.data))
	}
	f.Fuzz(func(t *testing.T, ct string, data []byte) {
		format := Sniff(ct, data)
		out, err := Extract(format, ct, data)
		if err != nil {
			if !errors.Is(err, ErrUnreadable) {
				t.Fatalf("error %v does not wrap ErrUnreadable", err)
			}
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("invalid UTF-8 out of %q", data)
		}
		if len(out) > 3*len(data)+16 {
			t.Fatalf("%d bytes of text out of %d", len(out), len(data))
		}
	})
}
