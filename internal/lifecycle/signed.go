package lifecycle

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/docx"
	"github.com/docattr/docattr/internal/marker"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/review"
)

// Sentinels of the issued-document checks.
var (
	// ErrUnsigned refuses a document with no trusted, signed review trail,
	// unless Request.Unsigned says why it is stamped anyway.
	ErrUnsigned = errors.New("lifecycle: document was never signed")
	// ErrBeforeIssue refuses a date before the document's 成文日期.
	ErrBeforeIssue = errors.New("lifecycle: date before the document's date")
)

// Trust is what the signed check verifies a trail with: the keyring and
// this installation's public key (either may be nil).
type Trust struct {
	Keyring *review.Keyring
	Self    ed25519.PublicKey
}

// checkIssued refuses a lifecycle date before the 成文日期 and a document
// that was never signed (its trail is missing, untrusted or not at 已签发),
// unless req.Unsigned gives the reason (recorded in the event).
func checkIssued(d *docx.Document, a docx.Analysis, req Request) error {
	// Compare calendar days: ParseDate's time zone is not the 成文日期's.
	day := time.Date(req.Date.Year(), req.Date.Month(), req.Date.Day(), 0, 0, 0, 0, time.UTC)
	if dated := marker.DocDate(a); !dated.IsZero() && day.Before(dated) {
		return msg.New(ErrBeforeIssue,
			fmt.Sprintf("日期 %s 早于文件的成文日期 %s：状态变化只能发生在成文日期之后，请填写不早于 %s 的日期",
				attr.ChineseDate(day), attr.ChineseDate(dated), attr.ChineseDate(dated)),
			fmt.Sprintf("the date %s is before the document's date %s: give a date on or after %s",
				day.Format(time.DateOnly), dated.Format(time.DateOnly), dated.Format(time.DateOnly)))
	}
	if strings.TrimSpace(req.Unsigned) != "" || signed(d, req.Trust) {
		return nil
	}
	return msg.New(ErrUnsigned,
		"文件没有可信的签发记录（审查链缺失、不可信或尚未签发）：状态标注只用于已签发的文件；请使用签发后的文件，或写明未经签发记录的理由（如 签发早于使用本工具）",
		"the document has no trusted signed review trail (missing, untrusted or not yet signed): use the signed copy, or say why with --unsigned \"reason\" (e.g. signed before docattr was used)")
}

// signed reports whether d carries a review trail that verifies against d
// and the trust given and ends signed (已签发).
func signed(d *docx.Document, tr Trust) bool {
	t, err := review.ReadTrail(d)
	if err != nil || t == nil {
		return false
	}
	sub, err := review.SubjectOf(d)
	if err != nil {
		return false
	}
	rep := review.VerifyDocument(t, sub, tr.Keyring, tr.Self)
	return rep.Trusted() && rep.State == review.StateIssued
}
