// Package officedb shares the desks' audit logs through one
// PostgreSQL-compatible office database (PostgreSQL, KingbaseES, openGauss,
// HighGo), so that the openness office sees every desk's decisions live
// and reviewers see what waits for them across the office.
//
// # Model
//
// A desk is a database role (a member of docattr_desk). Sync pushes the
// desk's new audit records, byte for byte as its local bbolt log stores
// them, its installation key and a signed head (audit.SignHead) into the
// tables of schema.sql. The local chain is the queue: offline work adds
// nothing to send but events, and a sync sends whatever the database lacks.
//
// # Guarantees
//
// Sync is idempotent and resumable: it asks the database for the desk's
// last stored seq, checks that the stored event there is the local one
// (same hash), and pushes the rest in batches, one transaction per batch.
// A sync killed at any point leaves whole batches only; the next one
// resumes after the last committed batch, with no gap and no duplicate.
// The database itself refuses an event that does not link to its desk's
// last stored event, whose columns disagree with its record, or whose hash
// is not the record's (trigger docattr_event_insert), and row-level
// security lets a desk insert and read only its own rows, never update or
// delete them.
//
// The office does not have to trust the database: Verify re-checks every
// desk's records (canonical form, hashes, links, no gaps) and every signed
// head against the stored events and the desk's registered keys, so a row
// changed or removed by the database owner is reported.
//
// # When the database is down
//
// Nothing waits for it: connecting gives up after ConnectTimeout with an
// error of kind ErrOffline, the desk keeps working on its local log, and
// LocalState remembers how far the last sync got, for the status line
// (离线，待同步 M 条).
package officedb

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/docattr/docattr/internal/msg"
)

// Schema is the SQL that creates the tables, triggers, roles and policies
// (idempotent). IT runs it once as the database owner.
//
//go:embed schema.sql
var Schema string

// SchemaVersion is docattr_meta's "schema" value this package speaks.
const SchemaVersion = "docattr-office-v1"

// Sentinel kinds; errors of this package match them with errors.Is.
var (
	ErrNotConfigured = errors.New("officedb: no office database configured")
	ErrBadConfig     = errors.New("officedb: office database configuration invalid")
	ErrOffline       = errors.New("officedb: office database unreachable")
	ErrSchema        = errors.New("officedb: database lacks the docattr schema")
	// ErrDiverged means the database holds, for this desk, an event the
	// local log does not have at that seq, or more events than the local
	// log: the log was replaced or rolled back, or the rows were altered.
	ErrDiverged = errors.New("officedb: database and local log disagree")
	ErrRefused  = errors.New("officedb: the database refused the rows")
)

// Install runs Schema on conn (as the database owner).
func Install(ctx context.Context, conn *pgx.Conn) error {
	if _, err := conn.Exec(ctx, Schema); err != nil {
		return msg.Newf(nil, err, "创建办公室数据库表失败", "creating the office database tables failed")
	}
	return nil
}

// checkSchema makes sure the database holds the schema this package speaks.
func checkSchema(ctx context.Context, conn *pgx.Conn) error {
	var v string
	err := conn.QueryRow(ctx, `SELECT value FROM docattr_meta WHERE key = 'schema'`).Scan(&v)
	if err != nil {
		if ctx.Err() != nil {
			return offline(err)
		}
		return msg.Newf(ErrSchema, err, "办公室数据库尚未建表，或本账号无权读取（请信息化部门按使用说明建表并授权）",
			"the office database has no docattr tables, or this login may not read them (IT: run the script from docattr office schema)")
	}
	if v != SchemaVersion {
		return msg.New(ErrSchema, fmt.Sprintf("办公室数据库的表结构版本 %s 不受支持", v), fmt.Sprintf("unsupported office database schema %s", v))
	}
	return nil
}
