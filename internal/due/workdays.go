package due

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Calendar counts working days: Monday to Friday except the listed
// holidays. Make-up working days on weekends (调休) are not modelled: list
// the holidays only, and a deadline may fall a day late, never early.
type Calendar struct {
	holidays map[string]bool // YYYY-MM-DD
}

// NewCalendar returns a calendar with the given holidays (YYYY-MM-DD).
func NewCalendar(holidays ...string) Calendar {
	c := Calendar{holidays: map[string]bool{}}
	for _, h := range holidays {
		c.holidays[h] = true
	}
	return c
}

// ParseHolidays reads a holiday list: one date (2026-10-01 or
// 2026年10月1日) a line; blank lines and lines starting with # are skipped.
func ParseHolidays(r io.Reader) (Calendar, error) {
	c := NewCalendar()
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		t, err := parseDate(line)
		if err != nil {
			return c, fmt.Errorf("line %d: %q is not a date (2026-10-01)", n, line)
		}
		c.holidays[t.Format(time.DateOnly)] = true
	}
	return c, sc.Err()
}

// LoadHolidays reads the holiday list at path; a missing file is an empty
// list (weekends only).
func LoadHolidays(path string) (Calendar, error) {
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return NewCalendar(), nil
	}
	if err != nil {
		return Calendar{}, err
	}
	defer f.Close()
	return ParseHolidays(io.LimitReader(f, 1<<20))
}

func parseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	return time.Parse("2006年1月2日", s)
}

// Working reports whether day is a working day.
func (c Calendar) Working(day time.Time) bool {
	switch day.Weekday() {
	case time.Saturday, time.Sunday:
		return false
	}
	return !c.holidays[day.Format(time.DateOnly)]
}

// AddWorkdays returns the day n working days after day (day itself not
// counted): a document issued on Friday with n = 1 is due on Monday.
func (c Calendar) AddWorkdays(day time.Time, n int) time.Time {
	d := dateOf(day)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.Working(d) {
			n--
		}
	}
	return d
}

func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
