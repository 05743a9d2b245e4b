package marker

import (
	"errors"
	"path/filepath"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// State secrets may only be processed on computers approved for them
// (涉密计算机; 《保守国家秘密法》). docattr cannot tell one from the other:
// the settings say which this is (settings.Machine, decision 012).

// ErrOrdinaryMachine refuses secret work on a computer that is not a
// 涉密计算机 when the settings say so.
var ErrOrdinaryMachine = errors.New("secret document on an ordinary computer")

// WarnOrdinaryMachine is the warning for secret work on an ordinary
// computer; it comes first among the warnings.
const WarnOrdinaryMachine = "涉密文件不得在非涉密计算机上处理：本机在设置中未登记为涉密计算机，请确认后在涉密计算机上处理"

// machineCheck refuses, on an ordinary computer whose settings refuse
// secret work, a draft that carries a secrecy mark or a level being set.
func machineCheck(m settings.Machine, found, level string, set bool) error {
	if m.Secret || !m.RefuseSecret || (found == "" && (!set || level == "")) {
		return nil
	}
	return msg.New(ErrOrdinaryMachine,
		"涉密文件不得在非涉密计算机上处理：本机未登记为涉密计算机，本单位设置不允许在本机标注带密级的文件；请在涉密计算机上处理，或先依法解密",
		"state secrets may not be processed on an ordinary computer: this one is not registered as a 涉密计算机 and the office's settings refuse secret documents here; use an approved computer")
}

// machineID is the machine's status as the audit event records it.
func machineID(m settings.Machine) string {
	if m.Secret {
		return "secret"
	}
	return "ordinary"
}

// quietText replaces what a quiet log leaves out.
const quietText = "（涉密，已略去）"

// quiet keeps a secret document's file name, reasons and finding excerpts
// out of its audit event (settings.Machine.QuietLog): the log and its
// exports travel where the document may not. Hashes, ids and the decision
// itself stay, so the chain still proves what was done.
func quiet(ev *audit.Event) {
	for _, s := range []*string{&ev.File, &ev.Reason, &ev.Acknowledged} {
		if *s != "" {
			*s = quietText
		}
	}
	if ev.Details["output"] != "" {
		ev.Details["output"] = quietText + filepath.Ext(ev.Details["output"])
	}
	delete(ev.Details, "interpretation")
	delete(ev.Details, "title")
	for i := range ev.Findings {
		ev.Findings[i].Excerpt = ""
	}
	ev.Details["quiet"] = "true"
}

// docTypes is the request's list of document types.
func docTypes(req Request) []string {
	if len(req.DocTypes) == 0 {
		return attr.DefaultDocTypes
	}
	return req.DocTypes
}
