// Package auditgen writes synthetic audit logs shaped like the ones docattr
// writes, for benchmarks of the log, its exports and the statistics. It is
// the one generator the window's benchmarks (app) and scripts/bench_audit.sh
// share, so their figures are about the same log.
package auditgen

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/settings"
)

// Batch is how many events one audit.Log.Append (one transaction) holds.
const Batch = 10_000

// Build appends n events to the log at path like the ones docattr writes:
// mostly marks with both file hashes, a reason and details, some reviews,
// cleans and exports, by a dozen people over about a year. The same n gives
// the same events (times included), so logs built apart compare.
func Build(path string, n int) error {
	lg, err := audit.Open(path, audit.Options{Version: "v1.0.0"})
	if err != nil {
		return err
	}
	defer lg.Close()
	batch := make([]audit.Event, 0, Batch)
	for i := 0; i < n; i++ {
		batch = append(batch, Event(i))
		if len(batch) == Batch || i == n-1 {
			if _, err := lg.Append(batch...); err != nil {
				return fmt.Errorf("auditgen: event %d: %w", i, err)
			}
			batch = batch[:0]
		}
	}
	return nil
}

var (
	actors = []string{"张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二", "陈三", "褚四"}
	attrs  = []string{attr.Public, attr.OnRequest, attr.Withheld}
	bases  = []string{"", "条例第十五条", "条例第十六条第一款", "条例第十四条"}
	types  = []string{audit.TypeMark, audit.TypeMark, audit.TypeMark, audit.TypeMark, audit.TypeMark,
		audit.TypeReviewSubmit, audit.TypeReviewApprove, audit.TypeClean, audit.TypeLifecycle, audit.TypeExport}
	start = time.Date(2025, 1, 2, 8, 30, 0, 0, time.UTC)
)

// Event returns the i-th generated event (about three per document).
func Event(i int) audit.Event {
	d := i / 3
	sum := func(s string) string { h := sha256.Sum256([]byte(fmt.Sprint(s, i))); return hex.EncodeToString(h[:]) }
	a := attrs[d%len(attrs)]
	e := audit.Event{
		Type: types[i%len(types)], Time: start.Add(time.Duration(i) * 31 * time.Second), TZOffset: 480,
		Actor: settings.Actor{Name: actors[i%len(actors)], OSUser: fmt.Sprintf("user%02d", i%len(actors)), Machine: "OA-PC-0" + fmt.Sprint(i%7)},
		DocID: docID(d),
		File:  fmt.Sprintf("关于做好第%d批政务公开重点工作的通知.docx", d%5000),
	}
	if e.Type == audit.TypeMark {
		e.InputSHA256, e.OutputSHA256 = sum("in"), sum("out")
		e.Attribute, e.Basis = a, bases[d%len(bases)]
		if a == attr.Withheld {
			e.Basis = "条例第十六条第一款"
			e.Reason = "属于行政机关内部事务信息，依法不予公开"
		}
		e.Details = map[string]string{"output": `D:\公文\已标注\` + e.File, "placement": "after-date"}
	}
	return e
}

func docID(d int) string {
	s := sha256.Sum256([]byte(fmt.Sprint("doc", d)))
	x := hex.EncodeToString(s[:16])
	return x[:8] + "-" + x[8:12] + "-4" + x[13:16] + "-a" + x[17:20] + "-" + x[20:]
}
