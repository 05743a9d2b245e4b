package officedb

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"github.com/docattr/docattr/internal/audit"
	"github.com/docattr/docattr/internal/keys"
	"github.com/docattr/docattr/internal/msg"
)

// DefaultBatch is how many events one sync transaction carries.
const DefaultBatch = 1000

// SyncOptions tune Sync.
type SyncOptions struct {
	Batch int    // events per transaction; zero means DefaultBatch
	Unit  string // recorded with the installation on its first sync
	// Progress, if set, is called after each committed batch with the
	// desk's last stored seq.
	Progress func(stored uint64)
	Now      func() time.Time // the signed head's time; nil means time.Now
}

// SyncResult tells what a sync did.
type SyncResult struct {
	Installation string // the database role, which names the desk
	Before       uint64 // last stored seq when the sync began
	Stored       uint64 // last stored seq now
	Local        uint64 // the local head seq at the end
	Pushed       int    // events stored by this sync
	Checkpoint   bool   // a signed head was stored
}

// Sync pushes what the database lacks of the local log at logPath — new
// events, the installation key, a signed head — as the desk conn is logged
// in as. See the package comment for the guarantees. The log is opened
// read-only for each batch and closed between batches, so a sync never
// blocks the desk's own work for long. A log that does not exist yet has
// nothing to push.
func Sync(ctx context.Context, conn *pgx.Conn, logPath string, key *keys.Key, opts SyncOptions) (SyncResult, error) {
	var res SyncResult
	if opts.Batch <= 0 {
		opts.Batch = DefaultBatch
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if err := checkSchema(ctx, conn); err != nil {
		return res, err
	}
	if err := register(ctx, conn, key, opts.Unit, &res.Installation); err != nil {
		return res, err
	}
	// One sync per desk at a time (the app's and the command line's would
	// otherwise leapfrog); the lock goes with the connection if we die.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('docattr-sync:' || current_user))`); err != nil {
		return res, dbErr(err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext('docattr-sync:' || current_user))`)
	stored, storedHash, err := lastStored(ctx, conn)
	if err != nil {
		return res, err
	}
	res.Before, res.Stored = stored, stored
	if err := checkAgrees(logPath, stored, storedHash); err != nil {
		return res, err
	}
	for races := 0; ; {
		recs, err := readRecords(logPath, res.Stored, opts.Batch)
		if err != nil {
			return res, err
		}
		if len(recs) == 0 {
			break
		}
		if err := pushBatch(ctx, conn, recs); err != nil {
			// Another client of this desk's role stored these seqs
			// first: start again from what is stored.
			if races++; !isDuplicate(err) || races > 100 {
				return res, err
			}
			if res.Stored, storedHash, err = lastStored(ctx, conn); err != nil {
				return res, err
			}
			if err := checkAgrees(logPath, res.Stored, storedHash); err != nil {
				return res, err
			}
			continue
		}
		res.Stored = recs[len(recs)-1].Seq
		res.Pushed += len(recs)
		if opts.Progress != nil {
			opts.Progress(res.Stored)
		}
	}
	res.Local = res.Stored
	if res.Stored == 0 {
		return res, nil
	}
	c, err := signHead(logPath, key, opts.Now())
	if err != nil {
		return res, err
	}
	res.Local = c.Seq
	if c.Seq != res.Stored {
		return res, nil // written to meanwhile: the next sync pushes it and signs
	}
	res.Checkpoint, err = pushCheckpoint(ctx, conn, c)
	return res, err
}

// register records the installation and its current key, once each.
func register(ctx context.Context, conn *pgx.Conn, key *keys.Key, unit string, who *string) error {
	if err := conn.QueryRow(ctx, `SELECT current_user`).Scan(who); err != nil {
		return dbErr(err)
	}
	_, err := conn.Exec(ctx, `INSERT INTO docattr_installations (unit) VALUES ($1) ON CONFLICT DO NOTHING`, unit)
	if err != nil {
		return dbErr(err)
	}
	_, err = conn.Exec(ctx, `INSERT INTO docattr_keys (fingerprint, public_key) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		key.Fingerprint(), keys.EncodePublic(key.Public()))
	return dbErr(err)
}

// lastStored returns this desk's last stored seq and hash (0, "" if none).
func lastStored(ctx context.Context, conn *pgx.Conn) (uint64, string, error) {
	var seq int64
	var hash string
	err := conn.QueryRow(ctx, `SELECT seq, hash FROM docattr_events WHERE installation = current_user
		ORDER BY seq DESC LIMIT 1`).Scan(&seq, &hash)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, "", nil
	}
	return uint64(seq), hash, dbErr(err)
}

// checkAgrees makes sure the database's last event for this desk is the
// local log's event at that seq: the same chain, so pushing on from there
// continues it.
func checkAgrees(logPath string, seq uint64, hash string) error {
	if seq == 0 {
		return nil
	}
	recs, err := readRecords(logPath, seq-1, 1)
	if err != nil {
		return err
	}
	if len(recs) == 0 || recs[0].Seq != seq {
		return msg.New(ErrDiverged,
			fmt.Sprintf("办公室数据库已有本机第 %d 条事件，本地日志却没有：本地日志被替换或回滚，请联系管理员", seq),
			fmt.Sprintf("the office database holds event %d of this desk, the local log does not: the log was replaced or rolled back", seq))
	}
	e, err := audit.DecodeRecord(recs[0].Bytes)
	if err != nil {
		return msg.Newf(audit.ErrTampered, err, fmt.Sprintf("本地日志第 %d 条事件已被改动", seq), fmt.Sprintf("local audit event %d was altered", seq))
	}
	if e.Hash != hash {
		return msg.New(ErrDiverged,
			fmt.Sprintf("办公室数据库中本机第 %d 条事件与本地日志不同（哈希不符）：请校验办公室数据库并联系管理员", seq),
			fmt.Sprintf("event %d of this desk differs between the office database and the local log (hash mismatch)", seq))
	}
	return nil
}

// readRecords opens the log read-only for one batch.
func readRecords(logPath string, after uint64, max int) ([]audit.Record, error) {
	l, err := audit.Open(logPath, audit.Options{ReadOnly: true})
	if errors.Is(err, audit.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer l.Close()
	return l.Records(after, max)
}

func signHead(logPath string, key *keys.Key, now time.Time) (audit.Checkpoint, error) {
	l, err := audit.Open(logPath, audit.Options{ReadOnly: true})
	if err != nil {
		return audit.Checkpoint{}, err
	}
	defer l.Close()
	return audit.SignHead(l, key, now)
}

// pushBatch stores recs with one INSERT of arrays (COPY is not allowed
// under row-level security), in seq order so that each row's link
// check sees the row before it.
func pushBatch(ctx context.Context, conn *pgx.Conn, recs []audit.Record) error {
	n := len(recs)
	var (
		seqs          = make([]int64, n)
		prevs, hashes = make([]string, n), make([]string, n)
		times         = make([]time.Time, n)
		types, docs   = make([]string, n), make([]string, n)
		records       = make([][]byte, n)
	)
	for i, r := range recs {
		e, err := audit.DecodeRecord(r.Bytes)
		if err != nil {
			return msg.Newf(audit.ErrTampered, err, fmt.Sprintf("本地日志第 %d 条事件已被改动，未同步", r.Seq),
				fmt.Sprintf("local audit event %d was altered; not synced", r.Seq))
		}
		seqs[i], prevs[i], hashes[i], times[i], types[i], docs[i], records[i] =
			int64(e.Seq), e.PrevHash, e.Hash, e.Time, e.Type, e.DocID, r.Bytes
	}
	_, err := conn.Exec(ctx, `INSERT INTO docattr_events (seq, prev_hash, hash, time, type, doc_id, record)
		SELECT s, p, h, t, ty, d, r FROM unnest($1::bigint[], $2::text[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::bytea[])
			AS u(s, p, h, t, ty, d, r) ORDER BY s`, seqs, prevs, hashes, times, types, docs, records)
	return dbErr(err)
}

// pushCheckpoint stores c unless an equal or later head is stored.
func pushCheckpoint(ctx context.Context, conn *pgx.Conn, c audit.Checkpoint) (bool, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return false, err
	}
	tag, err := conn.Exec(ctx, `INSERT INTO docattr_checkpoints (seq, hash, signed_at, checkpoint)
		SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM docattr_checkpoints
			WHERE installation = current_user AND seq >= $1)`, int64(c.Seq), c.Hash, c.Time, b)
	if err != nil {
		return false, dbErr(err)
	}
	return tag.RowsAffected() == 1, nil
}

// isDuplicate reports a unique violation: the rows are already stored.
func isDuplicate(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && pe.Code == "23505"
}

// dbErr turns a database error into a *msg.Error: a refusal by a
// constraint or policy is ErrRefused, a lost connection ErrOffline.
func dbErr(err error) error {
	if err == nil {
		return nil
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code[:2] {
		case "23", "42", "P0":
			return msg.Newf(ErrRefused, err, "办公室数据库拒绝了写入："+pe.Message, "the office database refused the rows: "+pe.Message)
		}
		return msg.Newf(nil, err, "办公室数据库出错："+pe.Message, "office database error: "+pe.Message)
	}
	return offline(err) // connection lost, canceled, timed out
}
