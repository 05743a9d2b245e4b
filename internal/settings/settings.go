// Package settings holds this installation's preferences and where its data
// lives: the data folder (XDG data home on Linux, %LocalAppData% on Windows), the
// audit log path, the installation key, and the user's choices about marks.
//
// The app and the CLI share one settings file (settings.json in the data
// folder) so that a choice made in the window applies to batch work too.
package settings

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"runtime"

	"github.com/docattr/docattr/internal/atomicfile"
)

// Placement styles for the disclosure mark.
const (
	StyleNote   = "note"   // （此件公开发布） one line below the 成文日期
	StyleOption = "option" // 信息公开选项：主动公开
)

// Settings are the user's preferences. The zero value is not useful: use Default.
type Settings struct {
	Name       string   `json:"name"`         // the person, as written in audit events
	Unit       string   `json:"unit"`         // the office
	Roles      []string `json:"roles"`        // drafter, classifier, secrecy, openness, signer
	OutputDir  string   `json:"output_dir"`   // default output folder; empty = beside the input
	Style      string   `json:"style"`        // StyleNote or StyleOption
	Print      []string `json:"print"`        // attribute ids whose mark is printed
	Extras     []string `json:"extras"`       // extra attributes enabled, e.g. "redacted"
	Language   string   `json:"language"`     // "zh" or "en"
	InboxDir   string   `json:"inbox_dir"`    // last review inbox
	RecentFile []string `json:"recent_files"` // most recent first
	// OpenReviewForAll makes the openness review required for every
	// document, not only for withheld or on-request policy documents.
	OpenReviewForAll bool `json:"open_review_for_all"`
	// Optional review steps local rules require (issue 12 item 5):
	// NotPublicToOpenness sends every withheld or on-request document to
	// the openness office; HeadReview puts the 处室负责人 before the secrecy
	// review; LegalReview puts the 合法性审查 after it for 规范性文件.
	NotPublicToOpenness bool `json:"not_public_to_openness,omitempty"`
	HeadReview          bool `json:"head_review,omitempty"`
	LegalReview         bool `json:"legal_review,omitempty"`
	// DocTypes is the list of document types on offer (empty: the
	// default 规范性文件, 政策性文件, 其他; see Types).
	DocTypes []string `json:"doc_types,omitempty"`
	// Machine is this computer's status for secret documents.
	Machine Machine `json:"machine"`
	// OfficeDB is the office database (a libpq URL without a password;
	// DOCATTR_OFFICE_DB overrides it) and OfficeDBPasswordFile the file
	// holding its password, readable by the user alone (empty:
	// office-db.password in the data folder, when present). See
	// internal/officedb.
	OfficeDB             string `json:"office_db,omitempty"`
	OfficeDBPasswordFile string `json:"office_db_password_file,omitempty"`
}

// Machine records whether this installation is a 涉密计算机 and what the
// office allows on an ordinary one (decision 012). The zero value — an
// ordinary computer that warns but does not refuse — is what installations
// made before the setting existed read, so their work goes on; an office
// tightens it with RefuseSecret.
type Machine struct {
	// Secret is set on a computer approved for state secrets (涉密计算机).
	Secret bool `json:"secret"`
	// RefuseSecret refuses, on an ordinary computer, to mark a draft that
	// carries a secrecy mark or to set a level (otherwise a warning).
	RefuseSecret bool `json:"refuse_secret_on_ordinary"`
	// QuietLog keeps the file names, reasons and finding excerpts of
	// secret documents out of the audit log and so out of its exports.
	QuietLog bool `json:"quiet_log_for_secrets"`
}

// Types returns the document types on offer.
func (s Settings) Types() []string {
	if len(s.DocTypes) == 0 {
		return []string{"规范性文件", "政策性文件", "其他"}
	}
	return s.DocTypes
}

// Default returns the settings a new installation starts with. Print lists
// 删减后公开 too: it prints its note once enabled in Extras, unless the
// print list leaves it out.
func Default() Settings {
	return Settings{
		Roles:    []string{"drafter"},
		Style:    StyleNote,
		Print:    []string{"public", "on-request", "withheld", "redacted"},
		Language: "zh",
	}
}

// DataDir returns the folder that holds this installation's data. DOCATTR_HOME
// overrides it; otherwise it follows the user's home folders (XDG_DATA_HOME on
// Unix), so two homes are two installations.
func DataDir() (string, error) {
	if d := os.Getenv("DOCATTR_HOME"); d != "" {
		return d, nil
	}
	if runtime.GOOS == "windows" {
		return windowsDataDir()
	}
	if runtime.GOOS == "darwin" {
		d, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("data folder: %w", err)
		}
		return filepath.Join(d, "docattr"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "docattr"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("data folder: %w", err)
	}
	return filepath.Join(home, ".local", "share", "docattr"), nil
}

// EnsureDataDir returns DataDir after creating it (mode 0700).
func EnsureDataDir() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(d, 0o700); err != nil {
		return "", fmt.Errorf("data folder %s: %w", d, err)
	}
	return d, nil
}

// DBPath returns the audit log path: explicit if given, else DOCATTR_DB, else
// audit.db in the data folder.
func DBPath(explicit string) (string, error) {
	if explicit != "" {
		return explicit, nil
	}
	if p := os.Getenv("DOCATTR_DB"); p != "" {
		return p, nil
	}
	d, err := EnsureDataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "audit.db"), nil
}

func path() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "settings.json"), nil
}

// Load reads the settings file; a missing file gives Default.
func Load() (Settings, error) {
	s := Default()
	p, err := path()
	if err != nil {
		return s, err
	}
	b, err := os.ReadFile(p)
	if errors.Is(err, os.ErrNotExist) {
		return s, nil
	}
	if err != nil {
		return s, fmt.Errorf("read settings: %w", err)
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return Default(), fmt.Errorf("settings file %s is damaged: %w", p, err)
	}
	if s.Style != StyleOption {
		s.Style = StyleNote
	}
	return s, nil
}

// Save writes the settings file atomically; settings that fail Check are
// refused.
func Save(s Settings) error {
	if err := s.Check(); err != nil {
		return err
	}
	if _, err := EnsureDataDir(); err != nil {
		return err
	}
	p, err := path()
	if err != nil {
		return err
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	return atomicfile.WriteFile(p, b, 0o600)
}

// Actor names who acts: the configured name, the OS user and the machine.
type Actor struct {
	Name    string `json:"name"`
	OSUser  string `json:"os_user"`
	Machine string `json:"machine"`
}

// CurrentActor returns the actor for this process; name overrides the
// configured name when non-empty.
func CurrentActor(s Settings, name string) Actor {
	a := Actor{Name: s.Name}
	if name != "" {
		a.Name = name
	}
	if u, err := user.Current(); err == nil {
		a.OSUser = u.Username
	}
	if a.Name == "" {
		a.Name = a.OSUser
	}
	a.Machine, _ = os.Hostname()
	return a
}

// HasRole reports whether the settings grant role.
func (s Settings) HasRole(role string) bool {
	for _, r := range s.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Prints reports whether the mark for attribute id is printed.
func (s Settings) Prints(id string) bool {
	for _, p := range s.Print {
		if p == id {
			return true
		}
	}
	return false
}
