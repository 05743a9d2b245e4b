package cli

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/lifecycle"
	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// recordPublished records that file (or its 解读) was published: an
// audit event only, the file is not changed.
func (e *env) recordPublished(file, state, date, url, actor string) int {
	if date == "" {
		return e.usageErr("必须给出 --date", "--date is required")
	}
	d, err := lifecycle.ParseDate(date)
	if err != nil {
		return e.usageErr(msg.Zh(err), msg.En(err))
	}
	log, code, ok := e.openLog()
	if !ok {
		return code
	}
	defer log.Close()
	interp := strings.TrimSpace(state) == lifecycle.StateInterpPublished || strings.TrimSpace(state) == "解读已发布"
	ev, err := lifecycle.RecordPublished(log, lifecycle.PublishedRequest{Input: file, Interpretation: interp, Date: d, URL: url,
		Actor: settings.CurrentActor(e.settings, actor), Version: Version})
	if err != nil {
		return e.fail("", err)
	}
	what := "文件 / document"
	if interp {
		what = "解读 / interpretation"
	}
	fmt.Fprintf(e.stdout, "已记录%s发布于 %s / publication recorded: %s（审计序号 / audit seq %d）\n", what, d.Format("2006-01-02"), file, ev.Seq)
	return ExitOK
}
