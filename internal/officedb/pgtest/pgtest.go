// Package pgtest starts a real, throw-away PostgreSQL server for tests and
// benchmarks: initdb into a temporary folder, pg_ctl start with a Unix
// socket in that folder (no TCP port is opened), password authentication
// for every role, and pg_ctl stop plus removal of the folder at the end.
//
// The server binaries are found on PATH, in /usr/lib/postgresql/*/bin
// (Debian's postgresql package) or by pg_config --bindir. When none is
// installed, Start reports ErrNotInstalled and tests skip with that
// message; CI installs PostgreSQL, so they run there.
//
// initdb refuses to run as root. Under root the server runs as the
// "postgres" user that Debian's package creates (via runuser), in a folder
// owned by that user; the tests still talk to it as root, through the
// socket.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// ErrNotInstalled means no PostgreSQL server binaries were found.
var ErrNotInstalled = errors.New("PostgreSQL is not installed (apt-get install postgresql)")

// AdminUser is the superuser initdb creates; AdminPassword its password.
const (
	AdminUser     = "docattr_admin"
	AdminPassword = "admin-secret"
)

// Server is a running throw-away server.
type Server struct {
	Dir    string // holds data/, the socket and the log
	Socket string // the socket folder (libpq host)
	Port   int
	bin    string
	runAs  string // "" or the user the server runs as
	mu     sync.Mutex
	dbs    int
}

// BinDir returns the folder holding initdb and pg_ctl.
func BinDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Sort(sort.Reverse(sort.StringSlice(dirs))) // newest major first (same width)
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		d := strings.TrimSpace(string(out))
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", ErrNotInstalled
}

// Start initialises and starts a server. Stop it with Stop.
func Start() (*Server, error) {
	bin, err := BinDir()
	if err != nil {
		return nil, err
	}
	base := "" // TMPDIR; short: a socket path has ~100 bytes
	if os.Geteuid() == 0 {
		base = "/tmp" // the postgres user must reach it, and root's TMPDIR may be private
	}
	dir, err := os.MkdirTemp(base, "docattr-pg")
	if err != nil {
		return nil, err
	}
	s := &Server{Dir: dir, Socket: dir, Port: 5432, bin: bin}
	if os.Geteuid() == 0 {
		if _, err := user.Lookup("postgres"); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("running as root and no postgres user to run the server as: %w", err)
		}
		s.runAs = "postgres"
		if out, err := exec.Command("chown", "postgres:", dir).CombinedOutput(); err != nil {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("chown %s: %v: %s", dir, err, out)
		}
	}
	pwfile := filepath.Join(dir, "pw")
	if err := os.WriteFile(pwfile, []byte(AdminPassword+"\n"), 0o644); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	data := filepath.Join(dir, "data")
	if err := s.run("initdb", "-D", data, "-U", AdminUser, "--pwfile", pwfile, "-A", "scram-sha-256",
		"-E", "UTF8", "--locale", "C", "--no-sync"); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	opts := fmt.Sprintf("-c listen_addresses='' -k %s -p %d", dir, s.Port)
	if os.Getenv("PGTEST_FSYNC") == "" { // tests need no durability; a benchmark sets PGTEST_FSYNC=on
		opts += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
	}
	if err := s.run("pg_ctl", "-D", data, "-w", "-t", "60", "-l", filepath.Join(dir, "log"), "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(dir, "log"))
		os.RemoveAll(dir)
		return nil, fmt.Errorf("%w\n%s", err, log)
	}
	return s, nil
}

func (s *Server) run(tool string, args ...string) error {
	name := filepath.Join(s.bin, tool)
	if s.runAs != "" {
		args = append([]string{"-u", s.runAs, "--", name}, args...)
		name = "runuser"
	}
	cmd := exec.Command(name, args...)
	cmd.Dir = s.Dir
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", tool, err, out)
	}
	return nil
}

// Stop stops the server and removes its folder.
func (s *Server) Stop() {
	_ = s.run("pg_ctl", "-D", filepath.Join(s.Dir, "data"), "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.Dir)
}

// URL returns a libpq URL for user on database db, without a password.
func (s *Server) URL(user, db string) string {
	q := url.Values{"host": {s.Socket}, "port": {fmt.Sprint(s.Port)}, "sslmode": {"disable"}}
	return (&url.URL{Scheme: "postgres", User: url.User(user), Path: "/" + db, RawQuery: q.Encode()}).String()
}

// AdminURL is URL for the superuser, with its password.
func (s *Server) AdminURL(db string) string {
	u, _ := url.Parse(s.URL(AdminUser, db))
	u.User = url.UserPassword(AdminUser, AdminPassword)
	return u.String()
}

// NewDatabase creates an empty database and returns its name.
func (s *Server) NewDatabase(ctx context.Context) (string, error) {
	s.mu.Lock()
	s.dbs++
	name := fmt.Sprintf("office%d", s.dbs)
	s.mu.Unlock()
	c, err := pgx.Connect(ctx, s.AdminURL("postgres"))
	if err != nil {
		return "", err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, "CREATE DATABASE "+name)
	return name, err
}

// Admin connects to db as the superuser.
func (s *Server) Admin(ctx context.Context, db string) (*pgx.Conn, error) {
	return pgx.Connect(ctx, s.AdminURL(db))
}

var (
	shared     *Server
	sharedErr  error
	sharedOnce sync.Once
)

// Shared returns the package's one server, starting it on first use, or
// skips t when PostgreSQL is not installed. Call StopShared from TestMain.
func Shared(t testing.TB) *Server {
	t.Helper()
	sharedOnce.Do(func() {
		t0 := time.Now()
		shared, sharedErr = Start()
		if sharedErr == nil {
			t.Logf("PostgreSQL started in %v (%s)", time.Since(t0).Round(time.Millisecond), shared.bin)
		}
	})
	if errors.Is(sharedErr, ErrNotInstalled) {
		t.Skip("skipped: " + sharedErr.Error())
	}
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return shared
}

// StopShared stops the shared server if one was started.
func StopShared() {
	if shared != nil {
		shared.Stop()
	}
}

// New starts a server for one test and stops it when the test ends; it
// skips t when PostgreSQL is not installed.
func New(t testing.TB) *Server {
	t.Helper()
	s, err := Start()
	if errors.Is(err, ErrNotInstalled) {
		t.Skip("skipped: " + err.Error())
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Stop)
	return s
}

// Exec runs statements on db as the superuser.
func (s *Server) Exec(ctx context.Context, db string, stmts ...string) error {
	c, err := s.Admin(ctx, db)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	for _, st := range stmts {
		if _, err := c.Exec(ctx, st); err != nil {
			return fmt.Errorf("%s: %w", st, err)
		}
	}
	return nil
}
