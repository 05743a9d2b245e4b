package audit

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/docattr/docattr/internal/msg"
)

// ExportReport is the outcome of VerifyExport.
type ExportReport struct {
	OK       bool
	Events   int    // lines that verified
	FirstSeq uint64 // seq of the first event; 0 for an empty export
	LastSeq  uint64
	// FromGenesis is true when the first event is seq 1 linking to the
	// genesis hash: the export starts at the beginning of the log.
	FromGenesis bool
	// Gaps counts places where seq jumps, as in a filtered export; links
	// across a gap cannot be checked, only each event's own hash.
	Gaps     int
	Line     int    // line of the first problem (1-based); 0 when OK
	FirstBad uint64 // seq at that line, when it could be read
	Problem  string // "中文 / English"
}

// Segment describes what was verified, for people: the seq range, whether
// it starts at the beginning of the log, and whether it is complete.
func (r ExportReport) Segment() string {
	switch {
	case r.Events == 0:
		return "空导出 / empty export"
	case r.Gaps == 0 && r.FromGenesis:
		return fmt.Sprintf("第 %d–%d 条，从日志开头起连续完整 / events %d–%d, complete from the start of the log", r.FirstSeq, r.LastSeq, r.FirstSeq, r.LastSeq)
	case r.Gaps == 0:
		return fmt.Sprintf("第 %d–%d 条，连续片段 / events %d–%d, a contiguous segment", r.FirstSeq, r.LastSeq, r.FirstSeq, r.LastSeq)
	default:
		return fmt.Sprintf("第 %d–%d 条中的 %d 条（筛选导出，%d 处间隔只校验了单条哈希） / %d of events %d–%d (filtered export; %d gaps where only each event's own hash is checked)",
			r.FirstSeq, r.LastSeq, r.Events, r.Gaps, r.Events, r.FirstSeq, r.LastSeq, r.Gaps)
	}
}

// VerifyExport checks a JSONL export on its own, without the log: every
// line must be a canonical record whose hash matches its contents and
// PrevHash, seqs must increase, and where two lines have consecutive seqs
// the second must link to the first. A problem is reported in the
// ExportReport; the error is for failing to read the file.
//
// A self-consistent export proves the events were not edited one by one;
// to prove it was not regenerated wholesale, compare its last hash with a
// signed checkpoint (VerifyCheckpointExport).
func VerifyExport(path string) (ExportReport, error) {
	f, err := os.Open(path)
	if err != nil {
		return ExportReport{}, msg.Newf(ErrNotFound, err, "无法读取导出文件", "cannot read the export file")
	}
	defer f.Close()
	return VerifyExportReader(f)
}

// VerifyExportReader is VerifyExport over a reader. Lines longer than
// MaxEventSize are reported as bad, so memory stays bounded.
func VerifyExportReader(r io.Reader) (ExportReport, error) {
	rep := ExportReport{OK: true}
	err := eachExportLine(r, &rep, func(*Event) bool { return true })
	return rep, err
}

// eachExportLine verifies the lines of an export, calling fn for each good
// event until fn returns false.
func eachExportLine(r io.Reader, rep *ExportReport, fn func(*Event) bool) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxEventSize+2)
	var prev Event
	line := 0
	bad := func(seq uint64, zh, en string) {
		rep.OK, rep.Line, rep.FirstBad, rep.Problem = false, line, seq, zh+" / "+en
	}
	for sc.Scan() {
		line++
		b := bytes.TrimSuffix(sc.Bytes(), []byte("\r")) // tolerate an editor's CRLF
		e, err := decodeRecord(b)
		if err != nil {
			bad(0, fmt.Sprintf("第 %d 行不是完好的审计事件（%v）", line, err), fmt.Sprintf("line %d is not an intact audit event (%v)", line, err))
			return nil
		}
		switch {
		case rep.Events == 0:
			rep.FirstSeq = e.Seq
			rep.FromGenesis = e.Seq == 1 && e.PrevHash == GenesisHash
			if e.Seq == 1 && e.PrevHash != GenesisHash {
				bad(e.Seq, "第 1 条事件未连接到创世哈希", "event 1 does not link to the genesis hash")
				return nil
			}
		case e.Seq <= prev.Seq:
			bad(e.Seq, fmt.Sprintf("第 %d 行的第 %d 条事件顺序错误（前一行为第 %d 条）", line, e.Seq, prev.Seq),
				fmt.Sprintf("line %d: event %d out of order (previous line has %d)", line, e.Seq, prev.Seq))
			return nil
		case e.Seq == prev.Seq+1 && e.PrevHash != prev.Hash:
			bad(e.Seq, fmt.Sprintf("第 %d 条事件未连接到第 %d 条（链条断开）", e.Seq, prev.Seq),
				fmt.Sprintf("event %d does not link to event %d (broken chain)", e.Seq, prev.Seq))
			return nil
		case e.Seq > prev.Seq+1:
			rep.Gaps++
		}
		rep.Events++
		rep.LastSeq = e.Seq
		prev = e
		if !fn(&e) {
			return nil
		}
	}
	if err := sc.Err(); errors.Is(err, bufio.ErrTooLong) {
		bad(0, fmt.Sprintf("第 %d 行过长", line+1), fmt.Sprintf("line %d is too long", line+1))
		return nil
	} else if err != nil {
		return msg.Newf(nil, err, "读取导出文件失败", "reading the export file failed")
	}
	return nil
}

// VerifyCheckpointExport checks a checkpoint against a JSONL export instead
// of a log, for an auditor who holds both files but not the log: the
// checkpoint's signature must verify, the export must verify up to the
// checkpoint's event and run from genesis to event Seq without gaps, and
// event Seq must have the signed hash. Then the signature vouches for every
// event up to Seq. A problem with the export itself is in the report; a
// checkpoint that does not match gives an error of kind ErrTampered,
// ErrBadSignature, ErrNotFound (event Seq absent) or ErrInvalid (the export
// is filtered or does not start at the beginning of the log).
func VerifyCheckpointExport(exportPath, checkpointPath string) (ExportReport, error) {
	c, err := ReadCheckpoint(checkpointPath)
	if err != nil {
		return ExportReport{}, err
	}
	f, err := os.Open(exportPath)
	if err != nil {
		return ExportReport{}, msg.Newf(ErrNotFound, err, "无法读取导出文件", "cannot read the export file")
	}
	defer f.Close()
	rep := ExportReport{OK: true}
	var found *Event
	err = eachExportLine(f, &rep, func(e *Event) bool {
		if e.Seq == c.Seq {
			found = e
		}
		return e.Seq < c.Seq
	})
	if err != nil || !rep.OK || c.Seq == 0 {
		return rep, err
	}
	if found == nil {
		return rep, msg.New(ErrNotFound, fmt.Sprintf("导出文件中没有检查点记录的第 %d 条事件", c.Seq),
			fmt.Sprintf("the export does not contain event %d named by the checkpoint", c.Seq))
	}
	if !rep.FromGenesis || rep.Gaps > 0 {
		return rep, msg.New(ErrInvalid, "导出文件不是从日志开头起的完整导出，检查点无法证明其完整",
			"the export is filtered or does not start at the beginning of the log, so the checkpoint cannot vouch for it")
	}
	if found.Hash != c.Hash {
		return rep, msg.New(ErrTampered, fmt.Sprintf("导出文件中第 %d 条事件的哈希与检查点不符", c.Seq),
			fmt.Sprintf("event %d in the export does not have the checkpoint's hash", c.Seq))
	}
	return rep, nil
}
