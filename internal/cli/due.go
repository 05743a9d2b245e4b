package cli

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/due"
	"github.com/docattr/docattr/internal/lifecycle"
	"github.com/docattr/docattr/internal/msg"
)

func init() {
	register(command{name: "due", summary: "到期待办（保密期限、定期评估、发布与解读时限、废止标注）/ what falls due", run: runDue})
}

const dueUsage = `due [--within DAYS] [--json] [--include-imported] [--holidays FILE] [--today DATE]
列出 DAYS 天内（默认 30）到期及已逾期的事项；工作日跳过周末和节假日表（数据目录下 holidays.txt，每行一个日期）/
lists what falls due within DAYS days (default 30) and what is overdue; working days skip weekends and the holiday list`

func runDue(e *env, args []string) int {
	fs := newFlags(e, "due", dueUsage)
	within := fs.String("within", "30", "天数 / days ahead")
	asJSON := fs.Bool("json", false, "JSON 输出 / JSON output")
	withImported := fs.Bool("include-imported", false, "包括已导入的其他单位日志 / include imported logs")
	holidays := fs.String("holidays", "", "节假日表 / holiday list (default: holidays.txt in the data folder)")
	today := fs.String("today", "", "按此日期计算（默认今天）/ compute as of this date (default today)")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("多余的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	days, err := strconv.Atoi(*within)
	if err != nil || days < 0 || days > 3660 {
		return e.usageErr("--within 应为 0–3660 的天数", "--within must be a number of days, 0–3660")
	}
	now := time.Now()
	if *today != "" {
		if now, err = lifecycle.ParseDate(*today); err != nil {
			return e.usageErr(msg.Zh(err), msg.En(err))
		}
	}
	path := *holidays
	if path == "" {
		if path, err = due.DefaultHolidaysPath(); err != nil {
			return e.fail("", err)
		}
	}
	cal, err := due.LoadHolidays(path)
	if err != nil {
		return e.fail("", msg.Newf(nil, err, "节假日表 "+path+" 无法读取", "cannot read the holiday list "+path))
	}
	b := due.NewBuilder()
	if err := e.feedView(*withImported, audit.Filter{}, b.AddLog, b.Add); err != nil {
		return e.fail("", err)
	}
	items := b.Items(due.Options{Today: now, Within: days, Calendar: cal})
	if *asJSON {
		if items == nil {
			items = []due.Item{}
		}
		if err := e.writeJSON(items); err != nil {
			return e.fail("", err)
		}
		return ExitOK
	}
	if len(items) == 0 {
		fmt.Fprintf(e.stdout, "%d 天内没有到期事项 / nothing falls due within %d days\n", days, days)
		return ExitOK
	}
	kind := ""
	for _, it := range items {
		if it.Kind != kind {
			kind = it.Kind
			fmt.Fprintf(e.stdout, "\n%s / %s\n", it.Label, it.Kind)
		}
		state := "到期"
		if it.Overdue {
			state = "已逾期 / overdue"
		}
		name := it.File
		if name == "" {
			name = it.DocID
		}
		fmt.Fprintf(e.stdout, "  %s %s  %s（成文 %s，%s）\n", it.Due, state, term(name), it.Issued, it.DocID)
	}
	return ExitOK
}
