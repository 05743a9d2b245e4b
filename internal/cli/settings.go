package cli

import (
	"fmt"
	"strings"

	"github.com/docattr/docattr/internal/attr"
	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/settings"
)

func init() {
	register(command{name: "settings", summary: "查看或修改本机设置 / show or change this installation's settings", run: runSettings})
}

const settingsUsage = `settings [show] [--json]
       settings set KEY VALUE [KEY VALUE...]
KEY: name, unit, roles (drafter,head,classifier,secrecy,legal,openness,signer), output-dir, style (note|option),
     print (public,on-request,withheld,redacted), extras (redacted), language (zh|en),
     inbox, open-review-for-all (true|false), doc-types (规范性文件,政策性文件,其他),
     secret-machine (true|false: 本机为涉密计算机), refuse-secret-on-ordinary (true|false),
     quiet-log (true|false: 涉密文件的文件名、理由不入日志),
     head-review (true|false: 保密审查前须经处室负责人), legal-review (true|false: 规范性文件须经合法性审查),
     not-public-to-openness (true|false: 不予公开、依申请公开的文件一律送政务公开办),
     office-db (URL: 办公室数据库，不含密码), office-db-password-file (只有本人可读的密码文件)`

var validRoles = []string{"drafter", "head", "classifier", "secrecy", "legal", "openness", "signer"}

func runSettings(e *env, args []string) int {
	if len(args) > 0 && args[0] == "set" {
		return settingsSet(e, args[1:])
	}
	if len(args) > 0 && args[0] == "show" {
		args = args[1:]
	}
	fs := newFlags(e, "settings", settingsUsage)
	asJSON := fs.Bool("json", false, "输出 JSON / print JSON")
	pos, code, ok := parseOrUsage(fs, args)
	if !ok {
		return code
	}
	if len(pos) > 0 {
		return e.usageErr("未知的参数 "+strings.Join(pos, " "), "unexpected arguments "+strings.Join(pos, " "))
	}
	dir, _ := settings.DataDir()
	db, _ := e.dbPath()
	fp := ""
	if k, err := keys.Load(dir); err == nil {
		fp = k.Fingerprint()
	}
	if *asJSON {
		out := map[string]any{"settings": e.settings, "data_dir": dir, "db": db, "key_fingerprint": fp}
		if err := e.writeJSON(out); err != nil {
			return e.fail("", err)
		}
		return ExitOK
	}
	s := e.settings
	w := e.stdout
	fmt.Fprintf(w, "数据文件夹 / data folder: %s\n审计日志 / audit log:     %s\n本机密钥 / key:          %s\n", dir, db, or(fp, "（尚未创建 / not created yet）"))
	fmt.Fprintf(w, "name=%s\nunit=%s\nroles=%s\noutput-dir=%s\nstyle=%s\nprint=%s\nextras=%s\nlanguage=%s\ninbox=%s\nopen-review-for-all=%v\n",
		s.Name, s.Unit, strings.Join(s.Roles, ","), s.OutputDir, s.Style, strings.Join(s.Print, ","),
		strings.Join(s.Extras, ","), s.Language, s.InboxDir, s.OpenReviewForAll)
	fmt.Fprintf(w, "doc-types=%s\nsecret-machine=%v\nrefuse-secret-on-ordinary=%v\nquiet-log=%v\n",
		strings.Join(s.Types(), ","), s.Machine.Secret, s.Machine.RefuseSecret, s.Machine.QuietLog)
	fmt.Fprintf(w, "head-review=%v\nlegal-review=%v\nnot-public-to-openness=%v\n", s.HeadReview, s.LegalReview, s.NotPublicToOpenness)
	fmt.Fprintf(w, "office-db=%s\noffice-db-password-file=%s\n", s.OfficeDB, s.OfficeDBPasswordFile)
	return ExitOK
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}

// settingsSet changes settings; a change that matters for decisions is
// recorded in the audit log before the file is saved.
func settingsSet(e *env, args []string) int {
	if len(args) == 0 || len(args)%2 != 0 {
		return e.usageErr("请成对给出 KEY VALUE", "give KEY VALUE pairs\n"+settingsUsage)
	}
	next := e.settings
	for i := 0; i < len(args); i += 2 {
		if zh, en := applySetting(&next, args[i], args[i+1]); zh != "" {
			return e.usageErr(zh, en)
		}
	}
	if err := next.Check(); err != nil {
		return e.fail("", err)
	}
	if ev, changed := audit.SettingsChanged(e.settings, next, settings.CurrentActor(next, "")); changed {
		log, code, ok := e.openLog()
		if !ok {
			return code
		}
		_, err := log.Append(ev)
		log.Close()
		if err != nil {
			return e.fail("审计日志 / audit log", err)
		}
	}
	if err := settings.Save(next); err != nil {
		return e.fail("", err)
	}
	fmt.Fprintln(e.stdout, "设置已保存 / settings saved")
	return ExitOK
}

func splitList(v string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == '，' || r == ' ' }) {
		out = append(out, strings.TrimSpace(s))
	}
	return out
}

// applySetting sets one key; it returns a bilingual message when the key or
// value is not valid.
func applySetting(s *settings.Settings, key, value string) (zh, en string) {
	switch key {
	case "name":
		s.Name = strings.TrimSpace(value)
	case "unit":
		s.Unit = strings.TrimSpace(value)
	case "output-dir":
		s.OutputDir = value
	case "inbox":
		s.InboxDir = value
	case "office-db", "office-db-password-file":
		return applyOfficeSetting(s, key, value)
	case "roles":
		roles := splitList(value)
		for _, r := range roles {
			if !contains(validRoles, r) {
				return "未知的角色 " + r + "（drafter、head、classifier、secrecy、legal、openness、signer）", "unknown role " + r
			}
		}
		s.Roles = roles
	case "style":
		if value != settings.StyleNote && value != settings.StyleOption {
			return "style 只能是 note 或 option", "style must be note or option"
		}
		s.Style = value
	case "print", "extras":
		list := splitList(value)
		for _, id := range list {
			if _, ok := attr.Lookup(id); !ok {
				return "未知的公开属性 " + id, "unknown attribute " + id
			}
		}
		if key == "print" {
			s.Print = list
		} else {
			// Enabling an extra means printing its note, unless print is
			// set afterwards to leave it out.
			for _, id := range list {
				if !contains(s.Extras, id) && !contains(s.Print, id) {
					s.Print = append(s.Print, id)
				}
			}
			s.Extras = list
		}
	case "language":
		if value != "zh" && value != "en" {
			return "language 只能是 zh 或 en", "language must be zh or en"
		}
		s.Language = value
	case "doc-types":
		s.DocTypes = splitList(value)
	case "secret-machine", "refuse-secret-on-ordinary", "quiet-log":
		if value != "true" && value != "false" {
			return key + " 只能是 true 或 false", key + " must be true or false"
		}
		b := value == "true"
		switch key {
		case "secret-machine":
			s.Machine.Secret = b
		case "refuse-secret-on-ordinary":
			s.Machine.RefuseSecret = b
		default:
			s.Machine.QuietLog = b
		}
	case "open-review-for-all", "head-review", "legal-review", "not-public-to-openness":
		if value != "true" && value != "false" {
			return key + " 只能是 true 或 false", key + " must be true or false"
		}
		*map[string]*bool{"open-review-for-all": &s.OpenReviewForAll, "head-review": &s.HeadReview,
			"legal-review": &s.LegalReview, "not-public-to-openness": &s.NotPublicToOpenness}[key] = value == "true"
	default:
		return "未知的设置项 " + key, "unknown setting " + key + "\n" + settingsUsage
	}
	return "", ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
