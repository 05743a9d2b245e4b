package audit

import (
	"fmt"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/msg"
)

// ParseDay reads a calendar day as people type it in filters: 2026-12-3,
// 2026/12/03, 2026.12.3 or 2026年12月3日, with full-width digits and
// spaces allowed. It returns the start of that day in loc. A day that does
// not exist (2026-02-30) is refused, never rolled over.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	bad := func() (time.Time, error) {
		return time.Time{}, msg.New(ErrInvalid, fmt.Sprintf("日期“%s”无法识别，请写作 2026-12-3、2026/12/3 或 2026年12月3日", s),
			fmt.Sprintf("date %q not understood; write 2026-12-3, 2026/12/3 or 2026年12月3日", s))
	}
	var nums []int
	cur, inNum, seps, spaced := 0, false, 0, false
	flush := func() {
		if inNum {
			nums = append(nums, cur)
		}
		cur, inNum = 0, false
	}
	for _, r := range strings.TrimSpace(s) {
		if r >= '０' && r <= '９' {
			r = '0' + (r - '０')
		}
		switch {
		case r >= '0' && r <= '9':
			if cur > 9999 || (inNum && spaced) {
				return bad()
			}
			cur, inNum = cur*10+int(r-'0'), true
		case strings.ContainsRune("-/.年月－／．", r):
			if !inNum {
				return bad()
			}
			flush()
			seps++
		case r == '日' || r == '号':
			if !inNum || len(nums) != 2 {
				return bad()
			}
			flush()
		case r == ' ' || r == '\u3000':
			spaced = true
			continue
		default:
			return bad()
		}
		spaced = false
	}
	flush()
	if len(nums) != 3 || seps != 2 || nums[0] < 1000 || nums[0] > 9999 || nums[1] < 1 || nums[1] > 12 || nums[2] < 1 || nums[2] > 31 {
		return bad()
	}
	t := time.Date(nums[0], time.Month(nums[1]), nums[2], 0, 0, 0, 0, loc)
	if t.Day() != nums[2] {
		return bad() // 2 月 30 日 would roll over into March
	}
	return t, nil
}
