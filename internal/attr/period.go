package attr

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/docattr/docattr/internal/lazyre"
	"github.com/docattr/docattr/internal/msg"
)

// Secrecy periods (保守国家秘密法 and its 实施条例): a period is a number of
// years, a 解密时间 (a date) or a 解密条件 (words). Years and dates count
// from the 成文日期 and may not run past the level's maximum; a bare mark
// (秘密★) means the maximum.

var (
	rePeriodYears = lazyre.New(`^(\d{1,3})年$`)
	rePeriodDate  = lazyre.New(`^(\d{4})年(\d{1,2})月(\d{1,2})日$`)
	// reLooksDated catches what reads as years or a date but is neither
	// (2099年12月, 5年半), which must not pass as a 解密条件.
	reLooksDated = lazyre.New(`^\d+年`)
)

// maxYears is the legal maximum period of a level in years (0 for none).
func maxYears(level string) int {
	switch level {
	case "绝密":
		return 30
	case "机密":
		return 20
	case "秘密":
		return 10
	}
	return 0
}

// normalisePeriod removes white space, turns full-width digits into ASCII
// and a count of years in Chinese numerals (五十年) into digits. It refuses
// control and format characters (bidi overrides, zero-width spaces): a
// period is printed on the document and must read as it is stored.
func normalisePeriod(s string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r) || r == '\u3000':
			continue
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			return "", msg.New(ErrBadSecrecy,
				fmt.Sprintf("保密期限含有不可见的控制字符（U+%04X）：请重新输入，如 5年 或 2028年12月31日", r),
				fmt.Sprintf("the secrecy period holds an invisible control character (U+%04X): type it again, e.g. 5年 or 2028年12月31日", r))
		case r >= '０' && r <= '９':
			r = r - '０' + '0'
		}
		b.WriteRune(r)
	}
	out := b.String()
	if num, ok := strings.CutSuffix(out, "年"); ok {
		if n, ok := chineseNumber(num); ok {
			out = fmt.Sprintf("%d年", n)
		}
	}
	return out, nil
}

// chineseNumber reads 一 … 九十九 (and 两, 百) as a number.
func chineseNumber(s string) (int, bool) {
	digits := map[rune]int{'〇': 0, '零': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9}
	if s == "" {
		return 0, false
	}
	total, cur := 0, -1
	for _, r := range s {
		if d, ok := digits[r]; ok {
			if cur >= 0 {
				return 0, false // 二三 is not a number
			}
			cur = d
			continue
		}
		unit := 0
		switch r {
		case '十':
			unit = 10
		case '百':
			unit = 100
		default:
			return 0, false
		}
		if cur < 0 {
			cur = 1 // 十 = 10
		}
		total += cur * unit
		cur = -1
	}
	if cur > 0 {
		total += cur
	}
	return total, total > 0
}

// ParsePeriod normalises a secrecy period without a 成文日期 to count from:
// "5", "5年", "５ 年", "五年" (years, within the level's maximum), a
// 解密时间 such as 2028年12月31日, or a 解密条件 in words. "" means the
// legal maximum. ParsePeriodFrom also checks dates against the 成文日期.
func ParsePeriod(level, s string) (string, error) {
	p, _, err := ParsePeriodFrom(level, s, time.Time{})
	return p, err
}

// ParsePeriodFrom is ParsePeriod for a document dated dated (its 成文日期;
// zero when unknown, which skips the date checks). It returns the
// normalised period and the last day of secrecy (保密期限至), zero for a
// 解密条件. A 解密时间 must lie after the 成文日期 and within the level's
// maximum counted from it.
func ParsePeriodFrom(level, s string, dated time.Time) (string, time.Time, error) {
	s, err := normalisePeriod(s)
	if err != nil {
		return "", time.Time{}, err
	}
	if s == "" {
		if level == "" {
			return "", time.Time{}, nil
		}
		return "", lastDay(dated, maxYears(level)), nil
	}
	if level == "" {
		return "", time.Time{}, msg.New(ErrBadSecrecy, "未设密级时不能设置保密期限：请先选择密级（秘密、机密、绝密），或清空保密期限",
			"a secrecy period needs a secrecy level: choose 秘密, 机密 or 绝密, or leave the period empty")
	}
	maxN := maxYears(level)
	if isDigits(s) {
		s += "年"
	}
	if m := rePeriodYears.FindStringSubmatch(s); m != nil {
		n := 0
		fmt.Sscanf(m[1], "%d", &n)
		if n < 1 || n > maxN {
			return "", time.Time{}, msg.New(ErrPeriodTooLong,
				fmt.Sprintf("%s的保密期限最长 %d 年（《保守国家秘密法》）：请填写 1–%d 年，或留空表示最长期限", level, maxN, maxN),
				fmt.Sprintf("the period of %s is at most %d years (Law on Guarding State Secrets): give 1–%d years, or leave it empty for the maximum", level, maxN, maxN))
		}
		return s, lastDay(dated, n), nil
	}
	if m := rePeriodDate.FindStringSubmatch(s); m != nil {
		until, ok := civilDate(m[1], m[2], m[3])
		if !ok {
			return "", time.Time{}, msg.New(ErrBadSecrecy, fmt.Sprintf("解密时间 %s 不是有效日期", s), fmt.Sprintf("declassification date %s is not a valid date", s))
		}
		if dated.IsZero() {
			return s, until, nil
		}
		if !until.After(dated) {
			return "", time.Time{}, msg.New(ErrPeriodBeforeDate,
				fmt.Sprintf("解密时间 %s 不晚于成文日期 %s：解密时间应在成文日期之后，如 %s", s, ChineseDate(dated), ChineseDate(lastDay(dated, 1))),
				fmt.Sprintf("declassification date %s is not after the document's date %s: give a later date, e.g. %s", s, ChineseDate(dated), ChineseDate(lastDay(dated, 1))))
		}
		if limit := lastDay(dated, maxN); until.After(limit) {
			return "", time.Time{}, msg.New(ErrPeriodTooLong,
				fmt.Sprintf("解密时间 %s 超过%s的最长保密期限 %d 年（自成文日期 %s 起算，至迟 %s）：请填写不晚于 %s 的日期，或留空表示最长期限",
					s, level, maxN, ChineseDate(dated), ChineseDate(limit), ChineseDate(limit)),
				fmt.Sprintf("declassification date %s exceeds the %d-year maximum of %s counted from %s: give a date no later than %s, or leave it empty",
					s, maxN, level, ChineseDate(dated), ChineseDate(limit)))
		}
		return s, until, nil
	}
	if reLooksDated.MatchString(s) {
		return "", time.Time{}, msg.New(ErrBadSecrecy,
			fmt.Sprintf("无法识别的保密期限 %q：请写年数（如 5年）、解密时间（如 2028年12月31日）或解密条件", s),
			fmt.Sprintf("unrecognised secrecy period %q: give years (5年), a date (2028年12月31日) or a condition", s))
	}
	if len([]rune(s)) <= 20 {
		return s, time.Time{}, nil
	}
	return "", time.Time{}, msg.New(ErrBadSecrecy, "保密期限过长：请写年数、解密时间或简短的解密条件（20 字以内）",
		"period too long: give years, a date or a short condition (20 characters at most)")
}

// lastDay is the last day of a period of n years from dated: 2017年7月11日
// plus 10 年 is secret to 2027年7月10日. Zero when dated is zero.
func lastDay(dated time.Time, years int) time.Time {
	if dated.IsZero() || years == 0 {
		return time.Time{}
	}
	return dated.AddDate(years, 0, -1)
}

func civilDate(y, m, d string) (time.Time, bool) {
	var yy, mm, dd int
	fmt.Sscanf(y, "%d", &yy)
	fmt.Sscanf(m, "%d", &mm)
	fmt.Sscanf(d, "%d", &dd)
	t := time.Date(yy, time.Month(mm), dd, 0, 0, 0, 0, time.UTC)
	if yy < 1900 || yy > 2200 || t.Year() != yy || int(t.Month()) != mm || t.Day() != dd {
		return time.Time{}, false
	}
	return t, true
}

// ParseDocDate reads a 成文日期 as printed: 2017年7月11日 or
// 二〇一七年七月十一日 (white space and full-width digits allowed). ok is
// false for a placeholder or anything else.
func ParseDocDate(text string) (time.Time, bool) {
	var b strings.Builder
	for _, r := range text {
		if unicode.IsSpace(r) || r == '\u3000' || unicode.Is(unicode.Cf, r) {
			continue
		}
		if r >= '０' && r <= '９' {
			r = r - '０' + '0'
		}
		b.WriteRune(r)
	}
	s := b.String()
	if m := rePeriodDate.FindStringSubmatch(s); m != nil {
		return civilDate(m[1], m[2], m[3])
	}
	y, rest, ok1 := strings.Cut(s, "年")
	mo, rest, ok2 := strings.Cut(rest, "月")
	d, rest, ok3 := strings.Cut(rest, "日")
	if !ok1 || !ok2 || !ok3 || rest != "" || len([]rune(y)) != 4 {
		return time.Time{}, false
	}
	year := 0
	for _, r := range y {
		n, ok := chineseNumber(string(r))
		if r == '〇' || r == '零' || r == '○' || r == 'О' || r == 'O' {
			n, ok = 0, true
		}
		if !ok {
			return time.Time{}, false
		}
		year = year*10 + n
	}
	mm, ok := chineseNumber(mo)
	if !ok {
		return time.Time{}, false
	}
	dd, ok := chineseNumber(d)
	if !ok {
		return time.Time{}, false
	}
	return civilDate(fmt.Sprint(year), fmt.Sprint(mm), fmt.Sprint(dd))
}

// ChineseDate writes a date as 成文日期 are written: 2027年7月10日.
func ChineseDate(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}

// ISODate and ParseISODate are how dates are stored in records (2027-07-10).
func ISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// ParseISODate reads a date stored by ISODate.
func ParseISODate(s string) (time.Time, bool) {
	t, err := time.Parse(time.DateOnly, s)
	return t, err == nil
}
