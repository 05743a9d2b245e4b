package stats

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

var update = flag.Bool("update", false, "rewrite testdata/golden-*.txt from the current code")

// richLog appends a few thousand events of every shape the counts read to
// a new log and returns it with events of a second unit (as imported logs
// and the office database feed them, through Add): re-marks, signatures
// before and after re-marks, 成文日期 of three years, document types (规范性
// 文件 among them), secrecy levels, bases known and unknown, lifecycle
// events with and without dates, unpublished marks and signatures, events
// without a document id, escapes in every string. The same call gives the
// same events.
func richLog(t *testing.T) (*audit.Log, []audit.Event) {
	t.Helper()
	l, err := audit.Open(filepath.Join(t.TempDir(), "audit.db"), audit.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	rng := rand.New(rand.NewPCG(16, 2025))
	pick := func(s ...string) string { return s[rng.IntN(len(s))] }
	start := time.Date(2024, 11, 1, 8, 0, 0, 0, time.UTC)
	zones := []int{480, 480, 480, -300, 0, 345}
	actors := []string{"张三", "李四", "王五", `赵"六\`, ""}
	types := []string{"", "通知", "规范性文件", "规范性文件", "请示", "意见\t（试行）"}
	bases := []string{"", "条例第十四条", "条例第十四条（法律法规禁止）", "条例第十四条（三安全一稳定）", "条例第十五条",
		"条例第十六条第一款", "条例第十六条第二款", "条例第十六条第二款（行政执法案卷）", "条例第二十七条", "条例第三十七条", "某市保密规定"}
	attrs := []string{"public", "public", "on-request", "withheld", "partial", "future-attr"}
	states := []string{"amended", "repealed", "expired", "published", "interpretation-published", "declassified", "suspended"}
	var local, other []audit.Event
	for d := range 700 {
		id := fmt.Sprintf("doc-%04d", d)
		if d%50 == 49 {
			id = "" // not written by docattr's marker: each event its own document
		}
		base := start.Add(time.Duration(rng.IntN(800*24)) * time.Hour)
		tz := zones[rng.IntN(len(zones))]
		details := func() map[string]string {
			m := map[string]string{"output": "D:\\公文\\" + id + ".docx"}
			if rng.IntN(4) > 0 {
				m["issue_date"] = base.AddDate(0, 0, rng.IntN(20)-10).Format(time.DateOnly)
			}
			if dt := pick(types...); dt != "" {
				m["doc_type"] = dt
			}
			if rng.IntN(5) == 0 {
				m["issue_date"] = "not a date"
			}
			return m
		}
		ev := func(typ string, at time.Time) audit.Event {
			a := pick(attrs...)
			e := audit.Event{Type: typ, DocID: id, Time: at, TZOffset: tz, Actor: settings.Actor{Name: pick(actors...)},
				Attribute: a, Basis: pick(bases...)}
			if rng.IntN(3) == 0 {
				e.Secrecy = pick("秘密", "机密")
			}
			if typ == audit.TypeMark {
				e.Details = details()
			}
			return e
		}
		marks := 1 + rng.IntN(3)
		at := base
		for range marks {
			local = append(local, ev(audit.TypeMark, at))
			at = at.Add(time.Duration(rng.IntN(72)) * time.Hour)
		}
		switch rng.IntN(6) {
		case 0: // never signed
		case 1: // signed at another unit
			other = append(other, ev(audit.TypeReviewSign, at))
		case 2: // signed, then re-marked
			local = append(local, ev(audit.TypeReviewSign, at.Add(-time.Hour)), ev(audit.TypeMark, at.Add(time.Hour)))
		default:
			local = append(local, ev(audit.TypeReviewSign, at))
		}
		for range rng.IntN(3) {
			e := audit.Event{Type: audit.TypeLifecycle, DocID: id, Time: at.Add(time.Duration(rng.IntN(400)) * 24 * time.Hour), TZOffset: tz,
				Details: map[string]string{"state": pick(states...)}}
			if rng.IntN(3) > 0 {
				e.Details["date"] = e.Time.AddDate(0, 0, -rng.IntN(5)).Format(time.DateOnly)
			}
			local = append(local, e)
		}
		if rng.IntN(5) == 0 { // the same document marked at the other unit too
			other = append(other, ev(audit.TypeMark, base.Add(-time.Hour)))
		}
		local = append(local, audit.Event{Type: audit.TypeClean, DocID: id, Time: at})
	}
	// Appended 100 at a time (one fsync each), then the publish.failed
	// events naming some of them: a few outputs were never published.
	for start := 0; start < len(local); start += 100 {
		chunk := local[start:min(start+100, len(local))]
		got, err := l.Append(chunk...)
		if err != nil {
			t.Fatal(err)
		}
		var failed []audit.Event
		for j, e := range chunk {
			if (e.Type == audit.TypeMark || e.Type == audit.TypeReviewSign || e.Type == audit.TypeLifecycle) && (start+j)%17 == 3 {
				failed = append(failed, audit.Event{Type: audit.TypePublishFailed, Reason: "rename failed",
					Details: map[string]string{"failed_seq": fmt.Sprint(got[j].Seq), "failed_hash": got[j].Hash}})
			}
		}
		if _, err := l.Append(failed...); err != nil {
			t.Fatal(err)
		}
	}
	return l, other
}

// TestReportOfARichLogIsUnchanged pins the text and CSV of two years of
// richLog, as the code that read whole events wrote them (testdata written
// with -update by commit 0ecfca6's counting code): how events are read and
// kept may change, the counts may not.
func TestReportOfARichLogIsUnchanged(t *testing.T) {
	l, other := richLog(t)
	for _, year := range []int{2025, 2026} {
		b := NewBuilder(year)
		if err := b.AddLog(l, LocalSource); err != nil {
			t.Fatal(err)
		}
		for _, e := range other {
			b.Add("某局", e)
		}
		r := b.Report()
		var got bytes.Buffer
		if err := WriteText(&got, r); err != nil {
			t.Fatal(err)
		}
		got.WriteString("\n---- CSV ----\n")
		if err := WriteCSV(&got, r); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join("testdata", fmt.Sprintf("golden-%d.txt", year))
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, got.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%d: report differs from %s:\n%s", year, path, got.Bytes())
		}
	}
}

// AddLog reads records in place; Add takes decoded events (imported logs,
// the office database). Fed the same log, both count alike.
func TestAddLogCountsAsAddDoes(t *testing.T) {
	l, _ := richLog(t)
	for _, year := range []int{2025, 2026} {
		viaLog, viaAdd := NewBuilder(year), NewBuilder(year)
		if err := viaLog.AddLog(l, LocalSource); err != nil {
			t.Fatal(err)
		}
		if err := l.List(audit.Filter{}, func(e audit.Event) error { viaAdd.Add(LocalSource, e); return nil }); err != nil {
			t.Fatal(err)
		}
		var a, b bytes.Buffer
		if err := WriteText(&a, viaLog.Report()); err != nil {
			t.Fatal(err)
		}
		if err := WriteText(&b, viaAdd.Report()); err != nil {
			t.Fatal(err)
		}
		if a.String() != b.String() {
			t.Errorf("%d: AddLog counts\n%s\nAdd counts\n%s", year, a.String(), b.String())
		}
	}
}
