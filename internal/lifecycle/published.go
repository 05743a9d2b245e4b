package lifecycle

import (
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/publish"
	"github.com/docattr/docattr/internal/settings"
)

// Publication states: recorded in the log only, nothing is printed on the
// document. docattr due closes its publication items with them.
const (
	StatePublished       = "published"                // the document is on the website (条例第二十六条)
	StateInterpPublished = "interpretation-published" // its 解读 is (国办发〔2016〕80号)
)

// Sentinels of RecordPublished.
var (
	ErrNoRecord = errors.New("lifecycle: document carries no docattr record")
	ErrURL      = errors.New("lifecycle: bad URL")
	// ErrNotPublic: only a document decided 主动公开 or 删减后公开 is published.
	ErrNotPublic = errors.New("lifecycle: document is not to be published")
)

// PublishedRequest records that a marked document, or its 解读, was
// published on a date, optionally at a URL.
type PublishedRequest struct {
	Input          string
	Interpretation bool // the 解读 was published, not the document
	Date           time.Time
	URL            string
	Actor          settings.Actor
	Version        string
}

// IsPublication reports whether s names a publication state.
func IsPublication(s string) bool {
	s = strings.TrimSpace(s)
	return s == StatePublished || s == StateInterpPublished || s == "已发布" || s == "解读已发布"
}

// RecordPublished appends the publication event of req.Input to log. The
// document is read, never written: it must carry docattr's record (its
// 文档编号 ties the event to the decisions).
func RecordPublished(log *audit.Log, req PublishedRequest) (audit.Event, error) {
	u := strings.TrimSpace(req.URL)
	if u != "" {
		p, err := url.Parse(u)
		if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" || len(u) > 2000 ||
			strings.IndexFunc(u, unicode.IsControl) >= 0 {
			return audit.Event{}, msg.New(ErrURL, fmt.Sprintf("网址 %q 无效：请填写以 http:// 或 https:// 开头的完整网址", u),
				fmt.Sprintf("bad URL %q: give a full http:// or https:// address", u))
		}
	}
	if req.Date.IsZero() {
		return audit.Event{}, msg.New(ErrDate, "须给出发布日期", "a publication date is required")
	}
	src, d, err := publish.OpenDocument(req.Input)
	if err != nil {
		return audit.Event{}, err
	}
	defer src.Close()
	defer d.Close()
	rec := d.Record()
	if rec == nil || rec.DocID == "" {
		return audit.Event{}, msg.New(ErrNoRecord, "文件没有本工具的标注记录，无法对应到公开属性决定：请使用标注或签发后的文件",
			"the document carries no docattr record: use the marked or signed document")
	}
	if !req.Interpretation && (rec.Secrecy != "" || (rec.Attribute != attr.Public && rec.Attribute != attr.Redacted)) {
		return audit.Event{}, msg.New(ErrNotPublic, "文件的公开属性不是主动公开（或标有密级），不能记录为已发布：请核对文件，或先改定公开属性",
			"the document is not decided public (or carries a secrecy level): it cannot be recorded as published")
	}
	sum, err := src.Sum()
	if err != nil {
		return audit.Event{}, err
	}
	state := StatePublished
	if req.Interpretation {
		state = StateInterpPublished
	}
	ev := audit.Event{Type: audit.TypeLifecycle, Actor: req.Actor, DocID: rec.DocID, File: filepath.Base(req.Input),
		InputSHA256: sum, Version: req.Version, Attribute: rec.Attribute,
		Details: map[string]string{"state": state, "date": req.Date.Format(time.DateOnly)}}
	if u != "" {
		ev.Details["url"] = u
	}
	got, err := log.Append(ev)
	if err != nil {
		return audit.Event{}, err
	}
	return got[0], nil
}
