package due

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
)

var cst = time.FixedZone("CST", 8*3600)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestAddWorkdaysSkipsWeekendsAndHolidays(t *testing.T) {
	c, err := ParseHolidays(strings.NewReader("# 国庆\n2026-10-01\n2026年10月2日\n\n2026-10-05\n"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		from string
		n    int
		want string
	}{
		{"2026-03-06", 1, "2026-03-09"},  // Friday → Monday
		{"2026-03-02", 20, "2026-03-30"}, // four weeks
		{"2026-09-30", 1, "2026-10-06"},  // 1, 2 holidays, 3–4 weekend, 5 holiday
		{"2026-03-07", 3, "2026-03-11"},  // from a Saturday
	} {
		if got := c.AddWorkdays(day(tc.from), tc.n).Format(time.DateOnly); got != tc.want {
			t.Errorf("%s + %d = %s, want %s", tc.from, tc.n, got, tc.want)
		}
	}
	if _, err := ParseHolidays(strings.NewReader("tomorrow\n")); err == nil {
		t.Error("a line that is not a date was accepted")
	}
	if c, err := LoadHolidays(filepath.Join(t.TempDir(), "none.txt")); err != nil || !c.Working(day("2026-10-01")) {
		t.Errorf("missing holiday file: %v", err)
	}
}

func ev(typ, doc, attribute, secrecy string, at time.Time, details map[string]string) audit.Event {
	return audit.Event{Type: typ, DocID: doc, Attribute: attribute, Secrecy: secrecy, Time: at, Details: details}
}

// Each kind is listed once it falls due, not before, and goes away when
// what it asks for is recorded.
func TestItemsFallDueAtTheRightDate(t *testing.T) {
	b := NewBuilder()
	for _, e := range []audit.Event{
		// S: 秘密★1年 dated 2026-03-02, ends 2027-03-01; yearly review 2027-03-02.
		ev(audit.TypeMark, "S", "withheld", "秘密★1年", time.Date(2026, 3, 2, 9, 0, 0, 0, cst),
			map[string]string{"issue_date": "2026-03-02", "secrecy_until": "2027-03-01"}),
		// W: withheld, dated 2025-06-10 → re-evaluate on 2026-06-10.
		ev(audit.TypeMark, "W", "withheld", "", time.Date(2025, 6, 10, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2025-06-10"}),
		// P: drafter proposed on request; the signer issued it public on
		// Monday 2026-03-02: due on the web by 2026-03-30 (20 working days).
		ev(audit.TypeMark, "P", "on-request", "", time.Date(2026, 3, 1, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-03-02"}),
		ev(audit.TypeReviewSign, "P", "public", "", time.Date(2026, 3, 2, 9, 0, 0, 0, cst), nil),
		// Q: public policy document dated 2026-03-02, published 2026-03-04;
		// its 解读 is due 3 working days later: 2026-03-09.
		ev(audit.TypeMark, "Q", "public", "", time.Date(2026, 3, 2, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2026-03-02", "policy_doc": "true"}),
		ev(audit.TypeLifecycle, "Q", "public", "", time.Date(2026, 3, 4, 9, 0, 0, 0, cst), map[string]string{"state": PublishedState, "date": "2026-03-04"}),
		// R: public, published, repealed 2026-05-01: flag it on the website.
		ev(audit.TypeMark, "R", "public", "", time.Date(2025, 1, 2, 9, 0, 0, 0, cst), map[string]string{"issue_date": "2025-01-02"}),
		ev(audit.TypeLifecycle, "R", "public", "", time.Date(2025, 1, 3, 9, 0, 0, 0, cst), map[string]string{"state": PublishedState, "date": "2025-01-03"}),
		ev(audit.TypeLifecycle, "R", "public", "", time.Date(2026, 5, 1, 9, 0, 0, 0, cst), map[string]string{"state": "repealed", "date": "2026-05-01"}),
	} {
		b.Add("本机", e)
	}
	cal := NewCalendar()
	kinds := func(today string, within int) map[string]string {
		got := map[string]string{}
		for _, it := range b.Items(Options{Today: day(today), Within: within, Calendar: cal}) {
			got[it.DocID+" "+it.Kind] = it.Due
		}
		return got
	}
	check := func(today string, within int, want map[string]string) {
		t.Helper()
		got := kinds(today, within)
		if len(got) != len(want) {
			t.Errorf("%s +%d: got %v, want %v", today, within, got, want)
			return
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s +%d: %s due %q, want %q (all: %v)", today, within, k, got[k], v, got)
			}
		}
	}
	check("2026-03-03", 0, map[string]string{})
	check("2026-03-03", 7, map[string]string{"Q no-interpretation": "2026-03-09"})
	check("2026-03-10", 0, map[string]string{"Q no-interpretation": "2026-03-09"}) // overdue stays
	check("2026-03-10", 20, map[string]string{"Q no-interpretation": "2026-03-09", "P unpublished": "2026-03-30"})
	check("2026-06-01", 10, map[string]string{"Q no-interpretation": "2026-03-09", "P unpublished": "2026-03-30",
		"W reevaluate": "2026-06-10", "R website-notice": "2026-05-01"})
	check("2027-02-20", 10, map[string]string{"Q no-interpretation": "2026-03-09", "P unpublished": "2026-03-30",
		"S secrecy-ends": "2027-03-01", "S secrecy-review": "2027-03-02", "R website-notice": "2026-05-01"})

	// Recording what was asked for closes the items.
	for _, e := range []audit.Event{
		ev(audit.TypeLifecycle, "P", "public", "", time.Date(2026, 3, 20, 9, 0, 0, 0, cst), map[string]string{"state": PublishedState, "date": "2026-03-20"}),
		ev(audit.TypeLifecycle, "Q", "public", "", time.Date(2026, 3, 6, 9, 0, 0, 0, cst), map[string]string{"state": InterpPublished, "date": "2026-03-06"}),
		ev(audit.TypeLifecycle, "R", "public", "", time.Date(2026, 5, 2, 9, 0, 0, 0, cst), map[string]string{"state": PublishedState, "date": "2026-05-02"}),
	} {
		b.Add("本机", e)
	}
	check("2026-06-01", 10, map[string]string{"W reevaluate": "2026-06-10"})

	// A 解密 (lifecycle --state declassified) ends the secrecy items: the
	// document is assessed again, as any withheld one.
	b.Add("本机", ev(audit.TypeLifecycle, "S", "withheld", "", time.Date(2026, 6, 1, 9, 0, 0, 0, cst),
		map[string]string{"state": "declassified", "date": "2026-06-01"}))
	check("2027-02-20", 10, map[string]string{"S reevaluate": "2027-03-02"})
}

func FuzzParseHolidays(f *testing.F) {
	f.Add("2026-10-01\n# x\n2026年10月2日\n")
	f.Add("\xff\n")
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseHolidays(strings.NewReader(s))
		if err == nil {
			c.AddWorkdays(day("2026-01-01"), 3)
		}
	})
}
