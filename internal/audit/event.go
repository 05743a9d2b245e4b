package audit

import (
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// Event types. Type is free text to the log (any non-empty string is
// stored), but these are the ones docattr writes.
const (
	TypeMark          = "mark"           // a disclosure attribute was stamped into a file
	TypeClean         = "clean"          // hidden data was removed
	TypeRedact        = "redact"         // personal numbers were masked (Findings: kind, location, masked form)
	TypeReviewSubmit  = "review.submit"  // a draft went to review
	TypeReviewApprove = "review.approve" // a reviewer approved
	TypeReviewReturn  = "review.return"  // a reviewer returned the draft (退文)
	TypeReviewSign    = "review.sign"    // the signer decided
	TypeLifecycle     = "lifecycle"      // 已修改 / 已废止 / 已失效
	TypeExport        = "export"         // the log was exported
	TypeCheckpoint    = "checkpoint"     // a signed checkpoint was written
	TypeSettings      = "settings"       // a setting that affects decisions changed
	// TypePublishFailed compensates an event whose output file could not be
	// moved into place after the event committed: details failed_seq and
	// failed_hash name that event, Reason says why. The file it claims does
	// not exist.
	TypePublishFailed = "publish.failed"
)

// MaxEventSize bounds the canonical record of one event, so that an export
// line, a List batch and a verify pass all stay small.
const MaxEventSize = 1 << 20

// Event is one audit record. The fields marked "filled by Append" are
// ignored on input and set from the log; everything else is the caller's.
// Empty strings are not stored, so an event read back has nil Findings or
// Details where it had empty ones.
type Event struct {
	Seq      uint64    `json:"seq"`  // filled by Append: 1, 2, 3, … without gaps
	Time     time.Time `json:"time"` // UTC; Append fills the current time if zero
	TZOffset int       `json:"tz"`   // local UTC offset in minutes when the event happened

	Type  string         `json:"type"` // one of the Type constants; required
	Actor settings.Actor `json:"actor"`

	DocID        string `json:"doc_id,omitempty"`
	File         string `json:"file,omitempty"`
	InputSHA256  string `json:"input_sha256,omitempty"`
	OutputSHA256 string `json:"output_sha256,omitempty"`
	Version      string `json:"version,omitempty"` // program version; Append fills Options.Version if empty

	Attribute     string `json:"attribute,omitempty"`
	PrevAttribute string `json:"prev_attribute,omitempty"`
	Secrecy       string `json:"secrecy,omitempty"`
	PrevSecrecy   string `json:"prev_secrecy,omitempty"`
	Basis         string `json:"basis,omitempty"`
	Reason        string `json:"reason,omitempty"`
	Acknowledged  string `json:"acknowledged,omitempty"` // reason given with --accept-findings

	Findings []FindingRef      `json:"findings,omitempty"`
	Details  map[string]string `json:"details,omitempty"` // hashed with keys in sorted order

	PrevHash string `json:"prev_hash"` // filled by Append: hex SHA-256 of the previous event
	Hash     string `json:"hash"`      // filled by Append: hex SHA-256 of this event
}

// FindingRef is what the log keeps of a scan finding.
type FindingRef struct {
	Kind     string `json:"kind"`
	Severity string `json:"severity"`
	Excerpt  string `json:"excerpt"`
	Location string `json:"location"`
}

// LocalTime returns the event time in the zone it happened in.
func (e *Event) LocalTime() time.Time {
	return e.Time.In(Zone(e.TZOffset))
}

// prepare returns a copy of in ready for sealing: times normalised, version
// filled, strings made valid UTF-8 (a file name that is not UTF-8 is
// recorded with U+FFFD; the canonical encoding is defined on UTF-8 only),
// slices and maps copied so the caller may reuse theirs.
func prepare(in Event, now time.Time, version string) (Event, error) {
	e := in
	e.Seq, e.PrevHash, e.Hash = 0, "", ""
	if strings.TrimSpace(e.Type) == "" {
		return Event{}, msg.New(ErrInvalid, "审计事件缺少类型", "audit event has no type")
	}
	if e.Time.IsZero() {
		e.Time = now
		_, off := now.Zone()
		e.TZOffset = off / 60
	} else if e.TZOffset == 0 {
		_, off := e.Time.Zone()
		e.TZOffset = off / 60
	}
	e.Time = e.Time.UTC().Round(0)
	if y := e.Time.Year(); y < 1 || y > 9999 {
		return Event{}, msg.New(ErrInvalid, "审计事件时间超出范围", "audit event time out of range")
	}
	if e.TZOffset < -24*60 || e.TZOffset > 24*60 {
		return Event{}, msg.New(ErrInvalid, "审计事件时区超出范围", "audit event time zone out of range")
	}
	if e.Version == "" {
		e.Version = version
	}
	for _, p := range []*string{
		&e.Type, &e.Actor.Name, &e.Actor.OSUser, &e.Actor.Machine, &e.DocID, &e.File,
		&e.InputSHA256, &e.OutputSHA256, &e.Version, &e.Attribute, &e.PrevAttribute,
		&e.Secrecy, &e.PrevSecrecy, &e.Basis, &e.Reason, &e.Acknowledged,
	} {
		*p = strings.ToValidUTF8(*p, "\uFFFD")
	}
	e.Findings = slices.Clone(e.Findings)
	for i := range e.Findings {
		f := &e.Findings[i]
		for _, p := range []*string{&f.Kind, &f.Severity, &f.Excerpt, &f.Location} {
			*p = strings.ToValidUTF8(*p, "\uFFFD")
		}
	}
	if len(e.Findings) == 0 {
		e.Findings = nil
	}
	if len(e.Details) == 0 {
		e.Details = nil
	} else {
		d := make(map[string]string, len(e.Details))
		for k, v := range maps.All(e.Details) {
			d[strings.ToValidUTF8(k, "\uFFFD")] = strings.ToValidUTF8(v, "\uFFFD")
		}
		e.Details = d
	}
	return e, nil
}
