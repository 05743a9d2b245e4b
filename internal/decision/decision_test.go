package decision

import (
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

func at(day, hour int) time.Time { return time.Date(2026, 3, day, hour, 0, 0, 0, time.UTC) }

type added struct {
	src string
	e   audit.Event
}

func ev(typ, src string, seq uint64, t time.Time, attribute string) added {
	return added{src, audit.Event{Type: typ, Seq: seq, Time: t, Attribute: attribute, Hash: "h", File: "f.docx",
		Actor: settings.Actor{Name: "张三"}, Details: map[string]string{"issue_date": "2026-03-01", "output": "x"}}}
}

func TestFold(t *testing.T) {
	for _, tc := range []struct {
		name                  string
		events                []added
		skip                  func(*Event) bool
		decision, draft, mark uint64 // seqs; 0 is none
		signed                bool
	}{
		{name: "nothing"},
		{name: "latest mark decides an unsigned document",
			events:   []added{ev(audit.TypeMark, "甲", 2, at(2, 9), "public"), ev(audit.TypeMark, "甲", 1, at(1, 9), "withheld")},
			decision: 2, draft: 2, mark: 2},
		{name: "the signature decides; the draft is the mark before it",
			events: []added{ev(audit.TypeMark, "甲", 1, at(1, 9), "withheld"), ev(audit.TypeReviewSign, "甲", 2, at(2, 9), "public"),
				ev(audit.TypeMark, "甲", 3, at(3, 9), "on-request")},
			decision: 2, draft: 1, mark: 3, signed: true},
		{name: "a signature with no mark before it stands on the latest mark",
			events:   []added{ev(audit.TypeReviewSign, "甲", 1, at(1, 9), "public"), ev(audit.TypeMark, "甲", 2, at(2, 9), "withheld")},
			decision: 1, draft: 2, mark: 2, signed: true},
		{name: "same time: the source sorting last, then the higher seq", // 甲 U+7532 > 乙 U+4E59
			events: []added{ev(audit.TypeMark, "乙", 1, at(1, 9), "public"), ev(audit.TypeMark, "甲", 9, at(1, 9), "withheld"),
				ev(audit.TypeMark, "甲", 8, at(1, 9), "withheld")},
			decision: 9, draft: 9, mark: 9},
		{name: "skipped events do not count",
			events:   []added{ev(audit.TypeMark, "甲", 1, at(1, 9), "public"), ev(audit.TypeMark, "甲", 2, at(2, 9), "withheld")},
			skip:     func(e *Event) bool { return e.Seq == 2 },
			decision: 1, draft: 1, mark: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var d Doc
			for _, a := range tc.events {
				d.Add(a.src, &a.e, KeepHash)
			}
			o := d.Fold(tc.skip)
			seq := func(e *Event) uint64 {
				if e == nil {
					return 0
				}
				return e.Seq
			}
			if seq(o.Decision) != tc.decision || seq(o.Draft) != tc.draft || seq(o.Mark) != tc.mark || o.Signed != tc.signed {
				t.Errorf("decision %d draft %d mark %d signed %v; want %d %d %d %v",
					seq(o.Decision), seq(o.Draft), seq(o.Mark), o.Signed, tc.decision, tc.draft, tc.mark, tc.signed)
			}
		})
	}
}

func TestKeepCopiesOnlyWhatTheFoldReads(t *testing.T) {
	a := ev(audit.TypeMark, "甲", 1, at(1, 9), "public")
	e := Keep(a.src, &a.e, KeepHash)
	if e.Detail("output") != "" || e.Detail("issue_date") != "2026-03-01" || e.File() != "" || e.Hash != HashOf("h") || e.Actor() != "张三" {
		t.Errorf("kept %+v", e)
	}
}

func TestHashOfTellsEveryTextApart(t *testing.T) {
	hex := "00000000000000000000000000000000000000000000000000000000000000ff"
	for _, pair := range [][2]string{{hex, "00000000000000000000000000000000000000000000000000000000000000FF"}, {"", "h"}, {hex, ""}} {
		if HashOf(pair[0]) == HashOf(pair[1]) {
			t.Errorf("HashOf(%q) == HashOf(%q)", pair[0], pair[1])
		}
	}
	if HashOf(hex) != HashOf(hex[:32]+hex[32:]) {
		t.Errorf("HashOf(%q) differs between calls", hex)
	}
}
