package officedb

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/msg"
	"github.com/docattr/docattr/internal/settings"
)

// EnvURL overrides the office-db setting; EnvPasswordFile the password
// file setting.
const (
	EnvURL          = "DOCATTR_OFFICE_DB"
	EnvPasswordFile = "DOCATTR_OFFICE_DB_PASSWORD_FILE"
	// PasswordFile is the default password file's name in the data folder.
	PasswordFile = "office-db.password"
)

// ConnectTimeout bounds how long connecting may take: an office database
// that is down must not stall a desk.
const ConnectTimeout = 10 * time.Second

// Config says where the office database is and how to log in.
type Config struct {
	URL          string // libpq URL (postgres://user@host:port/db?sslmode=...)
	PasswordFile string // "" when none
}

// ConfigFrom resolves the configuration: DOCATTR_OFFICE_DB, else the
// office-db setting; DOCATTR_OFFICE_DB_PASSWORD_FILE, else the setting,
// else office-db.password in the data folder when that file exists. A
// desk without an office database gets ErrNotConfigured.
func ConfigFrom(s settings.Settings) (Config, error) {
	c := Config{URL: strings.TrimSpace(os.Getenv(EnvURL)), PasswordFile: os.Getenv(EnvPasswordFile)}
	if c.URL == "" {
		c.URL = strings.TrimSpace(s.OfficeDB)
	}
	if c.URL == "" {
		return c, msg.New(ErrNotConfigured, "未设置办公室数据库（settings set office-db URL）",
			"no office database configured (settings set office-db URL)")
	}
	if c.PasswordFile == "" {
		c.PasswordFile = s.OfficeDBPasswordFile
	}
	if c.PasswordFile == "" {
		if d, err := settings.DataDir(); err == nil {
			if p := filepath.Join(d, PasswordFile); fileExists(p) {
				c.PasswordFile = p
			}
		}
	}
	return c, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// CheckURL refuses a URL that does not parse or that carries a password:
// the settings file is no place for one.
func CheckURL(raw string) error {
	if _, err := pgx.ParseConfig(raw); err != nil {
		return msg.Newf(ErrBadConfig, err, "办公室数据库地址无效（应为 postgres://用户@主机/库名）",
			"invalid office database URL (want postgres://user@host/db)")
	}
	if u, err := url.Parse(raw); err == nil {
		if _, has := u.User.Password(); has {
			return msg.New(ErrBadConfig, "地址中不要写密码：请把密码放在只有本人可读的文件中（office-db-password-file）",
				"do not put the password in the URL: keep it in a file only you can read (office-db-password-file)")
		}
	}
	if strings.Contains(raw, "password=") {
		return msg.New(ErrBadConfig, "地址中不要写密码：请把密码放在只有本人可读的文件中（office-db-password-file）",
			"do not put the password in the URL: keep it in a file only you can read (office-db-password-file)")
	}
	return nil
}

// ReadPassword reads the password file, refusing one that the group or
// others may read (on Unix): a password anyone can read is no secret.
func ReadPassword(path string) (string, error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", msg.Newf(ErrBadConfig, err, "无法读取办公室数据库密码文件："+path, "cannot read the office database password file: "+path)
	}
	if runtime.GOOS != "windows" && info.Mode().Perm()&0o077 != 0 {
		return "", msg.New(ErrBadConfig,
			fmt.Sprintf("密码文件 %s 其他人也能读取（权限 %04o），已拒绝使用；请执行 chmod 600 %s", path, info.Mode().Perm(), path),
			fmt.Sprintf("password file %s is readable by others (mode %04o); refused. Run chmod 600 %s", path, info.Mode().Perm(), path))
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", msg.Newf(ErrBadConfig, err, "无法读取办公室数据库密码文件："+path, "cannot read the office database password file: "+path)
	}
	return strings.TrimRight(string(b), "\r\n"), nil
}

// Connect opens a connection with c, within ConnectTimeout. A database
// that cannot be reached gives ErrOffline.
func Connect(ctx context.Context, c Config) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(c.URL)
	if err != nil {
		return nil, msg.Newf(ErrBadConfig, err, "办公室数据库地址无效", "invalid office database URL")
	}
	if c.PasswordFile != "" {
		if cfg.Password, err = ReadPassword(c.PasswordFile); err != nil {
			return nil, err
		}
	}
	if cfg.ConnectTimeout == 0 || cfg.ConnectTimeout > ConnectTimeout {
		cfg.ConnectTimeout = ConnectTimeout
	}
	cfg.RuntimeParams["application_name"] = "docattr"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, offline(err)
	}
	return conn, nil
}

func offline(err error) error {
	if errors.Is(err, fs.ErrNotExist) || !isAuth(err) {
		return msg.Newf(ErrOffline, err, "无法连接办公室数据库（离线），本机照常工作，恢复连接后再同步",
			"cannot reach the office database (offline); work goes on here and syncs when it is back")
	}
	return msg.Newf(ErrBadConfig, err, "办公室数据库拒绝登录：请核对用户名和密码文件", "the office database refused the login: check the user name and the password file")
}

func isAuth(err error) bool {
	s := err.Error()
	return strings.Contains(s, "SQLSTATE 28P01") || strings.Contains(s, "SQLSTATE 28000") || strings.Contains(s, "password authentication failed")
}
