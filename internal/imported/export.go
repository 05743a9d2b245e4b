package imported

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// MaxExportSize bounds the export read into memory for one import. An
// office installation writes far less in a year; a larger file is split by
// exporting with --from/--to.
const MaxExportSize = 512 << 20

// Request says what to import.
type Request struct {
	Path string // the JSONL export
	// Source names the installation; empty takes the checkpoint's key
	// fingerprint, else the fingerprint recorded in the export's last
	// checkpoint event.
	Source string
	// Checkpoint is a checkpoint file signed by the source, or "".
	Checkpoint string
	// AllowGaps accepts an export with holes in its seqs (a filtered
	// export). Without it such an export is refused with ErrGaps: a hole
	// can also be an event deleted from the file, which the chain cannot
	// tell from filtering, and the counts would silently miss it.
	AllowGaps bool
}

// Export is a verified export, read and ready to store. Its records are
// exactly the verified bytes: the file is read once, so it cannot change
// between verifying and storing.
type Export struct {
	Path        string
	SHA256      string // of the file, hex
	Source      string
	Fingerprint string // key fingerprint, when known
	Report      audit.ExportReport
	// Checkpointed is set when a signed checkpoint vouched for the events
	// up to its seq.
	Checkpointed bool
	Records      [][]byte      // one canonical record per event, in file order
	Events       []audit.Event // decoded Records
}

// ReadExport reads and verifies the export named by req. A tampered export
// gives an error of kind audit.ErrTampered naming the line; a checkpoint
// that does not vouch for it gives the checkpoint's error kind.
func ReadExport(req Request) (*Export, error) {
	data, err := readLimited(req.Path)
	if err != nil {
		return nil, err
	}
	name := filepath.Base(req.Path)
	sum := sha256.Sum256(data)
	x := &Export{Path: req.Path, SHA256: hex.EncodeToString(sum[:])}
	x.Report, err = audit.VerifyExportReader(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	if !x.Report.OK {
		zh, en := splitProblem(x.Report.Problem)
		return nil, msg.New(audit.ErrTampered,
			fmt.Sprintf("导出文件 %s 未通过校验（第 %d 行：%s），可能已被改动，已拒绝导入", name, x.Report.Line, zh),
			fmt.Sprintf("export %s failed verification (line %d: %s); it may have been altered; import refused", name, x.Report.Line, en))
	}
	if x.Report.Events == 0 {
		return nil, msg.New(audit.ErrInvalid, "导出文件 "+name+" 中没有事件", "export "+name+" holds no events")
	}
	for line := range bytes.Lines(data) {
		rec := bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		e, err := DecodeRecord(rec)
		if err != nil { // verified above: only a changed library could get here
			return nil, msg.Newf(audit.ErrTampered, err, "导出文件无法解析", "the export does not decode")
		}
		x.Records = append(x.Records, rec)
		x.Events = append(x.Events, e)
	}
	if x.Report.Gaps > 0 && !req.AllowGaps {
		a, b := firstGap(x.Events)
		return nil, msg.New(ErrGaps,
			fmt.Sprintf("导出文件 %s 在第 %d 条与第 %d 条之间缺少事件（共 %d 处；筛选导出，或事件被删除），已拒绝导入。请导入不加筛选条件的完整导出；确为筛选导出时须明确允许缺失后再导入", name, a, b, x.Report.Gaps),
			fmt.Sprintf("export %s has events missing between %d and %d (%d gaps: a filtered export, or events deleted); import refused. Import a full export, or pass --allow-gaps for a filtered one", name, a, b, x.Report.Gaps))
	}
	if req.Checkpoint != "" {
		if err := x.checkCheckpoint(req.Checkpoint); err != nil {
			return nil, err
		}
	}
	if x.Fingerprint == "" {
		x.Fingerprint = recordedFingerprint(x.Events)
	}
	x.Source = req.Source
	if x.Source == "" {
		x.Source = x.Fingerprint
	}
	if x.Source == "" {
		return nil, msg.New(ErrNoSource, "无法确定导出文件来自哪个单位，请指定来源单位名称，或附上该单位的检查点文件",
			"cannot tell which installation the export came from: give --source NAME or --checkpoint FILE")
	}
	if !ValidSourceName(x.Source) {
		return nil, msg.New(ErrNoSource, fmt.Sprintf("来源名称 %q 无效（1–100 个字符，不含控制字符）", x.Source),
			fmt.Sprintf("invalid source name %q (1–100 characters, no control characters)", x.Source))
	}
	return x, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, msg.Newf(audit.ErrNotFound, err, "无法读取导出文件："+path, "cannot read the export file: "+path)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxExportSize+1))
	if err != nil {
		return nil, msg.Newf(nil, err, "读取导出文件失败："+path, "reading the export file failed: "+path)
	}
	if len(data) > MaxExportSize {
		return nil, msg.New(ErrTooLarge, fmt.Sprintf("导出文件超过 %d MB，请按日期分段导出后再导入", MaxExportSize>>20),
			fmt.Sprintf("export larger than %d MB: export it in date ranges", MaxExportSize>>20))
	}
	return data, nil
}

// checkCheckpoint verifies the checkpoint's signature and that it vouches
// for this export, then checks the bytes read here hold the signed hash at
// the signed seq, so the file cannot have been swapped between the reads.
func (x *Export) checkCheckpoint(path string) error {
	rep, err := audit.VerifyCheckpointExport(x.Path, path)
	if err != nil {
		return err
	}
	if !rep.OK {
		zh, en := splitProblem(rep.Problem)
		return msg.New(audit.ErrTampered, "导出文件未通过检查点核对："+zh, "the export fails the checkpoint check: "+en)
	}
	c, err := audit.ReadCheckpoint(path)
	if err != nil {
		return err
	}
	if c.Seq > 0 {
		found := false
		for _, e := range x.Events {
			found = found || (e.Seq == c.Seq && e.Hash == c.Hash)
		}
		if !found {
			return msg.New(audit.ErrTampered, "导出文件在核对期间被改动", "the export changed while it was being checked")
		}
	}
	x.Fingerprint, x.Checkpointed = c.Fingerprint(), true
	return nil
}

// firstGap returns the seqs on either side of the first hole.
func firstGap(events []audit.Event) (uint64, uint64) {
	for i := 1; i < len(events); i++ {
		if events[i].Seq != events[i-1].Seq+1 {
			return events[i-1].Seq, events[i].Seq
		}
	}
	return 0, 0
}

// recordedFingerprint returns the key fingerprint of the last checkpoint
// or key-change event in events: the installation's key at that point.
func recordedFingerprint(events []audit.Event) string {
	for i := len(events) - 1; i >= 0; i-- {
		if (events[i].Type == audit.TypeCheckpoint || events[i].Type == audit.TypeKey) && events[i].Details["key_fingerprint"] != "" {
			return events[i].Details["key_fingerprint"]
		}
	}
	return ""
}

// splitProblem splits an ExportReport problem "中文 / English".
func splitProblem(p string) (zh, en string) {
	if z, e, ok := strings.Cut(p, " / "); ok {
		return z, e
	}
	return p, p
}

// DecodeRecord checks one stored or exported record on its own (canonical
// form, hash over its contents and prev_hash; event 1 must link to the
// genesis hash) and returns its event. Any error means the record is not an
// intact audit event.
func DecodeRecord(rec []byte) (audit.Event, error) {
	if len(rec) == 0 || bytes.ContainsAny(rec, "\n\r") {
		return audit.Event{}, errors.New("not one record")
	}
	rep, err := audit.VerifyExportReader(bytes.NewReader(rec))
	if err != nil {
		return audit.Event{}, err
	}
	if !rep.OK || rep.Events != 1 {
		return audit.Event{}, errors.New(rep.Problem)
	}
	var e audit.Event
	if err := json.Unmarshal(rec, &e); err != nil {
		return audit.Event{}, err
	}
	e.Time = e.Time.UTC()
	return e, nil
}

// tailHashes returns the prev_hash and hash of a canonical record, which
// ends with `"prev_hash":"<64 hex>","hash":"<64 hex>"}`.
func tailHashes(rec []byte) (prev, hash string, ok bool) {
	const tail = len(`"prev_hash":"`) + 64 + len(`","hash":"`) + 64 + len(`"}`)
	if len(rec) < tail {
		return "", "", false
	}
	t := rec[len(rec)-tail:]
	if !bytes.HasPrefix(t, []byte(`"prev_hash":"`)) || !bytes.HasSuffix(t, []byte(`"}`)) {
		return "", "", false
	}
	prev = string(t[13 : 13+64])
	if string(t[13+64:13+64+10]) != `","hash":"` {
		return "", "", false
	}
	return prev, string(t[13+64+10 : 13+64+10+64]), true
}
