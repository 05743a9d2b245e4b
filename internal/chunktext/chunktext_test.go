package chunktext

import (
	"errors"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

func gbk(s string) string {
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		panic(err)
	}
	return b
}

func TestExtract(t *testing.T) {
	const mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\n" +
		"Content-Type: text/css\r\n\r\np{}\r\n--b1\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n" +
		"<p>=E6=89=8B=E6=9C=BA13800138000</p>\r\n--b1--\r\n"
	const mhtBase64 = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
		"PHA+56eY5a+G4piFMeW5tDwv\r\ncD4=\r\n"
	tests := []struct {
		name, ct, data, want string
		format               Format
	}{
		{"html", "text/html", `<html><head><style>p{color:red}</style><script>var x="110105194901010021"</script></head>` +
			`<body><p>身份证号&#49;10105&nbsp;194901010021</p><table><tr><td>甲</td><td>乙</td></tr></table><!-- 注释 --></body></html>`,
			"身份证号110105\u00a0194901010021\n\t甲\t乙\n\n", HTML},
		{"xhtml with xml declaration", "application/xhtml+xml", `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>秘密★1年</p><p>正文<br/>下一行</p></body></html>`,
			"秘密★1年\n正文\n下一行\n", HTML},
		{"html gbk meta", "text/html", `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><p>` + gbk("手机") + `13800138000</p></body></html>`,
			"手机13800138000\n", HTML},
		{"html gbk from content type", "text/html; charset=GBK", `<p>` + gbk("秘密") + `</p>`, "秘密\n", HTML},
		{"html utf-16", "text/html", "\xff\xfe<\x00p\x00>\x00" + "\x4b\x62\x3a\x67" + "<\x00/\x00p\x00>\x00", "手机\n", HTML},
		{"word 2003 xml", "application/xml", `<?xml version="1.0"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"><w:body><w:p><w:r><w:t>甲</w:t></w:r><w:r><w:tab/><w:t>乙</w:t></w:r></w:p></w:body></w:wordDocument>`,
			"甲\t乙\n", HTML},
		{"rtf unicode", "application/rtf", `{\rtf1\ansi\ansicpg1252\uc1{\fonttbl{\f0\fswiss Arial;}}{\*\generator x;}\pard\f0 \u36523?\u20221?1101\u8203?05194901010021\par next\tab x}`,
			"身份1101\u200b05194901010021\nnext\tx", RTF},
		{"rtf code page bytes", "text/rtf", `{\rtf1\ansi\ansicpg936{\fonttbl{\f0\fnil\fcharset134 SimSun;}}{\info{\author ` + gbk("张三") + `}}\f0 \'c3\'d8\'c3\'dc\'a1\'ef1\'c4\'ea\par}`,
			"秘密★1年\n", RTF},
		{"rtf skipped destinations", "application/rtf", `{\rtf1{\*\bkmkstart x}{\field{\*\fldinst HYPERLINK "13800138000"}{\fldrslt 链接}}{\pict\bin4 ABCD}\~\_\-\{\}}`,
			"链接\u00a0-{}", RTF},
		{"rtf shape text", "application/rtf", `{\rtf1{\shp{\*\shpinst{\sp{\sn fillColor}{\sv 13800138000}}{\shptxt \u25163?\u26426?139\par}}{\*\unknown 1}}}`,
			"手机139\n", RTF},
		{"mht", "message/rfc822", mht, "手机13800138000\n", MHT},
		{"mht base64", "multipart/related", mhtBase64, "秘密★1年\n", MHT},
		{"plain text utf-8", "text/plain", "手机13800138000", "手机13800138000", Text},
		{"plain text gbk", "text/plain", gbk("手机") + "13800138000", "手机13800138000", Text},
		{"plain text declared charset", "text/plain; charset=gb2312", gbk("秘密"), "秘密", Text},
		{"lying content type: rtf declared as text", "text/plain", `{\rtf1 abc\par}`, "abc\n", RTF},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Sniff(tc.ct, []byte(tc.data))
			if f != tc.format {
				t.Fatalf("format %q, want %q", f, tc.format)
			}
			got, err := Extract(f, tc.ct, []byte(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("text\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestUnreadable(t *testing.T) {
	tests := []struct{ name, ct, data string }{
		{"binary", "application/octet-stream", "\x00\x01\x02\x03"},
		{"unknown charset", "text/plain; charset=x-klingon", "\xc3\x28"},
		{"not rtf", "application/rtf", "\x00rtf"},
		{"mht without html", "message/rfc822", "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nx\r\n--b--\r\n"},
		{"deep rtf", "application/rtf", `{\rtf1` + strings.Repeat("{", maxRTFDepth+1)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := Sniff(tc.ct, []byte(tc.data))
			_, err := Extract(f, tc.ct, []byte(tc.data))
			if !errors.Is(err, ErrUnreadable) {
				t.Errorf("format %q: err %v, want ErrUnreadable", f, err)
			}
		})
	}
}
