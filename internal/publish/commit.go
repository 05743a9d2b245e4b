package publish

import (
	"fmt"
	"strconv"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// Item is one finished output and the event that records it.
type Item struct {
	Out   *Output
	Event audit.Event
}

// Outcome is what became of one Item: Err is nil when the output is in
// place; Event is the event as recorded (Seq and Hash filled) whenever the
// event committed, even if the output then failed.
type Outcome struct {
	Event audit.Event
	Err   error
}

// replaceable is the pre-commit probe of a destination (a variable so that
// tests can play the file Word holds open on Windows).
var replaceable = canReplace

// CommitAll publishes finished outputs in the audit log's order: it refuses
// (with no event) every output whose destination cannot be replaced, appends
// the events of the others in one transaction, and only then moves each
// output into place. An output that still fails to move gets a compensating
// event (audit.TypePublishFailed, naming the failed event and the reason)
// before CommitAll returns, so the log never claims a file that does not
// exist. Every output is either in place or removed when CommitAll returns.
func CommitAll(log *audit.Log, items []Item) []Outcome {
	out := make([]Outcome, len(items))
	var ready []int
	var events []audit.Event
	for i, it := range items {
		if err := replaceable(it.Out.Path); err != nil {
			it.Out.Abort()
			out[i].Err = inUse(it.Out.Path, err)
			continue
		}
		ready = append(ready, i)
		events = append(events, it.Event)
	}
	if len(ready) == 0 {
		return out
	}
	acked, err := log.Append(events...)
	if err != nil {
		for _, i := range ready {
			items[i].Out.Abort()
			out[i].Err = msg.Newf(nil, err, "写入审计日志失败，未生成输出文件", "recording the audit event failed; no output written")
		}
		return out
	}
	var failed []audit.Event
	var failedAt []int
	for k, i := range ready {
		out[i].Event = acked[k]
		if err := items[i].Out.tmp.Commit(); err != nil {
			items[i].Out.Abort()
			out[i].Err = err
			failed = append(failed, failure(acked[k], items[i].Out.Path, err))
			failedAt = append(failedAt, i)
		}
	}
	if len(failed) == 0 {
		return out
	}
	_, lerr := log.Append(failed...)
	for _, i := range failedAt {
		path, cause := items[i].Out.Path, out[i].Err
		if lerr != nil {
			out[i].Err = msg.Newf(ErrNotPublished, fmt.Errorf("%w; recording the failure: %w", cause, lerr),
				fmt.Sprintf("无法写入输出文件 %s，且未能在审计日志中记录此失败（第 %d 条事件所记的文件不存在）", path, out[i].Event.Seq),
				fmt.Sprintf("cannot move the output into %s, and recording the failure failed too (the file of event %d does not exist)", path, out[i].Event.Seq))
			continue
		}
		out[i].Err = msg.Newf(ErrNotPublished, cause,
			fmt.Sprintf("无法写入输出文件 %s（文件是否被其他程序打开？）；审计日志已记录此次失败，未生成输出文件", path),
			fmt.Sprintf("cannot move the output into %s (open in another program?); the failure is recorded in the audit log, no output written", path))
	}
	return out
}

// Commit is CommitAll for one output.
func Commit(log *audit.Log, out *Output, ev audit.Event) (audit.Event, error) {
	r := CommitAll(log, []Item{{out, ev}})[0]
	return r.Event, r.Err
}

// failure is the compensating event of an event whose output could not be
// moved into place.
func failure(ev audit.Event, path string, err error) audit.Event {
	return audit.Event{
		Type: audit.TypePublishFailed, Actor: ev.Actor, DocID: ev.DocID, File: ev.File, Version: ev.Version,
		Reason: err.Error(),
		Details: map[string]string{
			"failed_seq": strconv.FormatUint(ev.Seq, 10), "failed_hash": ev.Hash, "failed_type": ev.Type,
			"output": path, "output_sha256": ev.OutputSHA256,
		},
	}
}
