package review

import (
	"errors"
	"fmt"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/msg"
)

// errStop ends a log scan early.
var errStop = errors.New("stop")

// checkDecided makes a decision on a submission final. A review step is
// taken at one point of the chain: its Prev, the hash of the step it
// follows. Every review event records that point (details["prev"]), so
// this installation's log knows what it already decided there. A return
// after an approval or a signature at the same point, or an approval or
// signature after a return, would leave two live versions of one
// submission: it is refused with ErrAlreadyDecided. Taking the same
// decision again (an output lost and written anew) is allowed.
func checkDecided(log *audit.Log, t *Trail, action string) error {
	if action == ActionSubmit {
		return nil
	}
	prev := GenesisPrev
	if n := len(t.Steps); n > 0 {
		prev = chainHash(t, n-1)
	} else {
		return nil // a reset starts a fresh trail; nothing was decided on it
	}
	returning := action == ActionReturn
	var clash *audit.Event
	err := log.List(audit.Filter{DocID: t.DocID}, func(e audit.Event) error {
		if e.Details["prev"] != prev || e.Details["reset"] == "true" {
			return nil
		}
		switch e.Type {
		case audit.TypeReviewReturn:
			if !returning {
				clash = &e
			}
		case audit.TypeReviewApprove, audit.TypeReviewSign:
			if returning {
				clash = &e
			}
		}
		if clash != nil {
			return errStop
		}
		return nil
	})
	if err != nil && !errors.Is(err, errStop) {
		return err
	}
	if clash == nil {
		return nil
	}
	if clash.Type == audit.TypeReviewReturn {
		return msg.New(ErrAlreadyDecided,
			fmt.Sprintf("此版本已退回，请处理拟稿人修改后的新版本（审计日志第 %d 条）", clash.Seq),
			fmt.Sprintf("this version was returned (audit event %d); act on the drafter's revised version", clash.Seq))
	}
	return msg.New(ErrAlreadyDecided,
		fmt.Sprintf("此版本已%s（审计日志第 %d 条），不能再退回；请办理其后的版本", ActionName(clash.Details["decision"]), clash.Seq),
		fmt.Sprintf("this version was already %s (audit event %d) and cannot be returned now; act on the later version", pastTenseOf(clash.Details["decision"]), clash.Seq))
}

func pastTenseOf(action string) string {
	if action == ActionSign {
		return "signed"
	}
	return "approved"
}
