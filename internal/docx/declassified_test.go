package docx

import (
	"strings"
	"testing"
)

// TestDeclassifiedLine: a secrecy line annotated 已解密 is the same mark, no
// longer in force; SecrecyLine no longer reads it as a mark in force.
func TestDeclassifiedLine(t *testing.T) {
	cases := []struct {
		in         string
		bare       bool
		mark, date string
	}{
		{"秘密★1年（已于2027年3月1日解密）", false, "秘密★1年", "2027年3月1日"},
		{"机密★2028年12月31日（已于2030年1月1日解密）", false, "机密★2028年12月31日", "2030年1月1日"},
		{"秘密★（已于２０２７年３月１日解密）", false, "秘密★", "2027年3月1日"},
		{"密级：机密 (已解密)", false, "机密★", ""},
		{"绝密★10年【已解密】", false, "绝密★10年", ""},
		{"秘密★1年 特急（已于2027年3月1日解密）", false, "秘密★1年", "2027年3月1日"},
		{"秘密（已解密）", true, "秘密★", ""},
		{"秘密（已解密）", false, "", ""}, // a level alone only at the top
		{"秘密★1年", false, "", ""},
		{"本文件已于2027年3月1日解密", false, "", ""},
		{"商业秘密（已解密）", true, "", ""},
		{"秘密★这是一句很长的话，不是保密期限（已解密）", false, "", ""},
	}
	for _, c := range cases {
		mark, date, ok := DeclassifiedLine(c.in, c.bare)
		if ok != (c.mark != "") || mark != c.mark || date != c.date {
			t.Errorf("DeclassifiedLine(%q, %v) = %q, %q, %v; want %q, %q", c.in, c.bare, mark, date, ok, c.mark, c.date)
		}
		if _, ok := SecrecyLine(c.in); ok && c.mark != "" {
			t.Errorf("SecrecyLine(%q) reads a declassified line as a mark in force", c.in)
		}
	}
}

// TestDeclassifyAnnotatesTheLine: Stamp appends the annotation to the
// secrecy line, leaving the line's own runs as they were; the analysis then
// finds a declassified line and no mark in force, and a second marking that
// sets no level keeps it (no doubled line).
func TestDeclassifyAnnotatesTheLine(t *testing.T) {
	for _, first := range []string{"秘密★1年", "密级：机密", "000123|机密☆5年"} {
		t.Run(first, func(t *testing.T) {
			paras := append(strings.Split(first, "|"), pFmt("关于某事的通知", "center", 44, ""), "正文。", right("某某局"), right("2024年3月1日"))
			d := openDoc(t, map[string]string{"word/document.xml": body(paras...)})
			orig := string(d.main[d.Analyze().Secrecy.Start:d.Analyze().Secrecy.End])
			d2, _ := restamp(t, d, StampOptions{KeepMarks: true, Declassify: DeclassifiedNote("2027年3月1日")})
			a := d2.Analyze()
			if a.Secrecy != nil || a.Declassified == nil || a.DeclassifiedOn != "2027年3月1日" {
				t.Fatalf("after 解密: secrecy %v, declassified %v %q", a.Secrecy, a.Declassified, a.DeclassifiedOn)
			}
			if !strings.HasPrefix(string(d2.main[a.Declassified.Start:a.Declassified.End]), strings.TrimSuffix(orig, "</w:p>")) {
				t.Errorf("the original line was changed:\n%s\n%s", orig, d2.main[a.Declassified.Start:a.Declassified.End])
			}
			if a.Title == nil || Compact(a.Title.Text) != "关于某事的通知" {
				t.Errorf("title %v", a.Title)
			}
			d3, _ := restamp(t, d2, StampOptions{Note: "（此件公开发布）"})
			if n := strings.Count(strings.Join(bodyTexts(d3), "\n"), "解密"); n != 1 {
				t.Errorf("%d annotated lines after marking again: %q", n, bodyTexts(d3))
			}
			d4, _ := restamp(t, d2, StampOptions{SecrecyLine: ptr(""), Note: "（此件公开发布）"})
			if a := d4.Analyze(); a.Declassified == nil {
				t.Errorf("clearing the level removed the declassified line: %q", bodyTexts(d4))
			}
			d5, res := restamp(t, d2, StampOptions{SecrecyLine: ptr("秘密★2年"), Note: "（此件不予公开）"})
			if a := d5.Analyze(); a.Declassified != nil || a.SecrecyText != "秘密★2年" || res.SecrecyReplaced == "" {
				t.Errorf("a new level did not take the declassified line's place: %q", bodyTexts(d5))
			}
		})
	}
}

// TestLevelSetAgainBelowADeclassifiedLine: a secrecy line typed below a
// declassified one is the mark in force, never hidden by it.
func TestLevelSetAgainBelowADeclassifiedLine(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("秘密★1年（已于2018年1月1日解密）", "机密★5年",
		pFmt("关于某事的通知", "center", 44, ""), "正文。", right("某某局"), right("2024年3月1日"))})
	if a := d.Analyze(); a.Secrecy == nil || a.SecrecyText != "机密★5年" || a.Declassified == nil {
		t.Errorf("secrecy %v %q, declassified %v", a.Secrecy, a.SecrecyText, a.Declassified)
	}
}

// TestDeclassifyNeedsABodyLine: no line, or one only in a header, is
// refused (docattr does not edit headers).
func TestDeclassifyNeedsABodyLine(t *testing.T) {
	d := openDoc(t, map[string]string{"word/document.xml": body("关于某事的通知", "正文。")})
	if _, err := d.Stamp(&strings.Builder{}, StampOptions{KeepMarks: true, Declassify: DeclassifiedNote("2027年3月1日")}); err != ErrNoSecrecyLine {
		t.Errorf("err = %v", err)
	}
}
