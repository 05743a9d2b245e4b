package docx

import (
	"strings"

	"github.com/docattr/docattr/internal/lazyre"
)

// reIssueNumber is a 发文字号 as it is cited: 机关代字〔年份〕序号号, e.g.
// 国办发〔2017〕24号, 京政办发[2020]3号; the year is four digits (a draft's
// 〔XXXX〕 placeholder is not a number yet).
var reIssueNumber = lazyre.New(`([\p{Han}A-Za-z]{1,16})[〔\[［【(（](\d{4})[〕\]］】)）](第?[0-9]{1,6})号`)

// DocNumber returns the draft's 发文字号 from the 版头 (the lines above the
// title), normalised to 〔〕 brackets: 国办发〔2017〕24号. A 签发人 on the
// same line (上行文) is left out. It returns "" when the head has none.
func (d *Document) DocNumber() string {
	a := d.Analyze()
	seen := 0
	for _, p := range d.Body() {
		c := Compact(p.Text)
		if c == "" {
			continue
		}
		if a.Title != nil && p.Text == a.Title.Text {
			break
		}
		if seen++; seen > headLines {
			break
		}
		if n := IssueNumber(c); n != "" {
			return n
		}
	}
	return ""
}

// IssueNumber returns the 发文字号 a head line holds, normalised, or "".
// Lines of prose (with 。or ；) are not head lines.
func IssueNumber(line string) string {
	c := Compact(line)
	if len([]rune(c)) > 60 || strings.ContainsAny(c, "。；") {
		return ""
	}
	if i := strings.Index(c, "签发人"); i >= 0 {
		c = c[:i]
	}
	m := reIssueNumber.FindStringSubmatch(c)
	if m == nil {
		return ""
	}
	return m[1] + "〔" + m[2] + "〕" + strings.TrimPrefix(m[3], "第") + "号"
}
