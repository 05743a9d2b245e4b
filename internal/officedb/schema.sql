-- docattr office database, schema docattr-office-v1.
--
-- Run once by the database owner (IT), e.g.
--   psql "postgres://owner@db.intranet/docattr" -f schema.sql
-- or `docattr office schema | psql ...`. Running it again changes nothing.
-- Then create one login role per desk in docattr_desk and one per openness
-- office reader in docattr_office (see docs/office-database.md):
--   CREATE ROLE desk_zhangsan LOGIN PASSWORD '...' IN ROLE docattr_desk;
--   CREATE ROLE office_lisi   LOGIN PASSWORD '...' IN ROLE docattr_office;
--
-- A desk is its database role: every row it stores carries
-- installation = current_user, enforced by row-level security. Desks may
-- only INSERT (and read their own rows, to resume); nobody but the owner may
-- UPDATE or DELETE, and triggers refuse that even to the owner. The office
-- does not have to trust this database: every event row holds the desk's
-- canonical record, whose hash chain and signed checkpoints `docattr office
-- verify` checks again.

DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'docattr_desk') THEN
		CREATE ROLE docattr_desk NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'docattr_office') THEN
		CREATE ROLE docattr_office NOLOGIN;
	END IF;
END
$$;

CREATE TABLE IF NOT EXISTS docattr_meta (
	key   text PRIMARY KEY,
	value text NOT NULL
);
INSERT INTO docattr_meta VALUES ('schema', 'docattr-office-v1') ON CONFLICT DO NOTHING;

-- One row per desk, inserted by the desk on its first sync.
CREATE TABLE IF NOT EXISTS docattr_installations (
	installation name PRIMARY KEY DEFAULT current_user,
	unit         text NOT NULL DEFAULT '',
	registered   timestamptz NOT NULL DEFAULT now()
);

-- Every installation key a desk has used (keys.EncodePublic, base64).
CREATE TABLE IF NOT EXISTS docattr_keys (
	installation name NOT NULL DEFAULT current_user REFERENCES docattr_installations,
	fingerprint  text NOT NULL,
	public_key   text NOT NULL,
	first_seen   timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (installation, fingerprint)
);

-- The desks' audit events: record is the canonical record exactly as the
-- local bbolt log stores it; the other columns repeat parts of it for
-- queries and are checked against it on insert.
CREATE TABLE IF NOT EXISTS docattr_events (
	installation name NOT NULL DEFAULT current_user REFERENCES docattr_installations,
	seq          bigint NOT NULL CHECK (seq >= 1),
	prev_hash    char(64) NOT NULL,
	hash         char(64) NOT NULL,
	time         timestamptz NOT NULL,
	type         text NOT NULL,
	doc_id       text NOT NULL DEFAULT '',
	record       bytea NOT NULL,
	PRIMARY KEY (installation, seq)
);
CREATE INDEX IF NOT EXISTS docattr_events_type ON docattr_events (type);

-- Signed heads (audit.Checkpoint as JSON, the signed statement itself):
-- one per sync. They turn rows removed from the end of a desk's chain
-- into a detectable fact.
CREATE TABLE IF NOT EXISTS docattr_checkpoints (
	installation name NOT NULL DEFAULT current_user REFERENCES docattr_installations,
	seq          bigint NOT NULL,
	hash         char(64) NOT NULL,
	signed_at    timestamptz NOT NULL,
	checkpoint   bytea NOT NULL,
	PRIMARY KEY (installation, seq, signed_at)
);

-- The link constraint: an event must continue its desk's stored chain
-- (seq 1 links to the genesis hash, seq n to the stored hash of n-1), and
-- its columns must be the record's own, its hash the record's hash
-- (search_path pinned, so no role can shadow sha256 or encode):
-- SHA-256("docattr-audit-v1\0" || body || prev) where body is the record
-- without its ,"hash":"…" field (see internal/audit).
CREATE OR REPLACE FUNCTION docattr_event_insert() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
DECLARE
	last_hash text;
	n int := length(NEW.record);
	body bytea;
BEGIN
	IF NEW.seq = 1 THEN
		last_hash := repeat('0', 64);
	ELSE
		SELECT e.hash INTO last_hash FROM docattr_events e
		WHERE e.installation = NEW.installation AND e.seq = NEW.seq - 1;
	END IF;
	IF last_hash IS NULL OR last_hash <> NEW.prev_hash THEN
		RAISE EXCEPTION 'docattr: event % of % does not link to its last stored event', NEW.seq, NEW.installation
			USING ERRCODE = 'integrity_constraint_violation';
	END IF;
	IF n < 160
		OR substring(NEW.record FROM 1 FOR length('{"seq":' || NEW.seq || ',')) <> convert_to('{"seq":' || NEW.seq || ',', 'UTF8')
		OR substring(NEW.record FROM n - 153) <> convert_to(',"prev_hash":"' || NEW.prev_hash || '","hash":"' || NEW.hash || '"}', 'UTF8')
	THEN
		RAISE EXCEPTION 'docattr: event % of %: columns do not match the record', NEW.seq, NEW.installation
			USING ERRCODE = 'check_violation';
	END IF;
	body := substring(NEW.record FROM 1 FOR n - 75) || '\x7d'::bytea;
	IF encode(sha256(convert_to('docattr-audit-v1', 'UTF8') || '\x00'::bytea || body || decode(NEW.prev_hash, 'hex')), 'hex') <> NEW.hash THEN
		RAISE EXCEPTION 'docattr: event % of %: hash does not match the record', NEW.seq, NEW.installation
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION docattr_refuse_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, public AS $$
BEGIN
	RAISE EXCEPTION 'docattr: % rows are never changed or deleted', TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege';
END
$$;

DROP TRIGGER IF EXISTS docattr_events_link ON docattr_events;
CREATE TRIGGER docattr_events_link BEFORE INSERT ON docattr_events
	FOR EACH ROW EXECUTE FUNCTION docattr_event_insert();
DROP TRIGGER IF EXISTS docattr_events_frozen ON docattr_events;
CREATE TRIGGER docattr_events_frozen BEFORE UPDATE OR DELETE ON docattr_events
	FOR EACH ROW EXECUTE FUNCTION docattr_refuse_change();
DROP TRIGGER IF EXISTS docattr_events_truncate ON docattr_events;
CREATE TRIGGER docattr_events_truncate BEFORE TRUNCATE ON docattr_events
	FOR EACH STATEMENT EXECUTE FUNCTION docattr_refuse_change();
DROP TRIGGER IF EXISTS docattr_checkpoints_frozen ON docattr_checkpoints;
CREATE TRIGGER docattr_checkpoints_frozen BEFORE UPDATE OR DELETE ON docattr_checkpoints
	FOR EACH ROW EXECUTE FUNCTION docattr_refuse_change();

-- Least privilege. Desks: INSERT their own rows, SELECT their own rows
-- (to find where to resume). The office: SELECT everything.
REVOKE ALL ON docattr_meta, docattr_installations, docattr_keys, docattr_events, docattr_checkpoints FROM PUBLIC;
GRANT SELECT ON docattr_meta TO docattr_desk, docattr_office;
GRANT SELECT, INSERT ON docattr_installations, docattr_keys, docattr_events, docattr_checkpoints TO docattr_desk;
GRANT SELECT ON docattr_installations, docattr_keys, docattr_events, docattr_checkpoints TO docattr_office;

ALTER TABLE docattr_installations ENABLE ROW LEVEL SECURITY;
ALTER TABLE docattr_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE docattr_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE docattr_checkpoints ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS desk_insert ON docattr_installations;
DROP POLICY IF EXISTS desk_read ON docattr_installations;
DROP POLICY IF EXISTS office_read ON docattr_installations;
CREATE POLICY desk_insert ON docattr_installations FOR INSERT TO docattr_desk WITH CHECK (installation = current_user);
CREATE POLICY desk_read ON docattr_installations FOR SELECT TO docattr_desk USING (installation = current_user);
CREATE POLICY office_read ON docattr_installations FOR SELECT TO docattr_office USING (true);

DROP POLICY IF EXISTS desk_insert ON docattr_keys;
DROP POLICY IF EXISTS desk_read ON docattr_keys;
DROP POLICY IF EXISTS office_read ON docattr_keys;
CREATE POLICY desk_insert ON docattr_keys FOR INSERT TO docattr_desk WITH CHECK (installation = current_user);
CREATE POLICY desk_read ON docattr_keys FOR SELECT TO docattr_desk USING (installation = current_user);
CREATE POLICY office_read ON docattr_keys FOR SELECT TO docattr_office USING (true);

DROP POLICY IF EXISTS desk_insert ON docattr_events;
DROP POLICY IF EXISTS desk_read ON docattr_events;
DROP POLICY IF EXISTS office_read ON docattr_events;
CREATE POLICY desk_insert ON docattr_events FOR INSERT TO docattr_desk WITH CHECK (installation = current_user);
CREATE POLICY desk_read ON docattr_events FOR SELECT TO docattr_desk USING (installation = current_user);
CREATE POLICY office_read ON docattr_events FOR SELECT TO docattr_office USING (true);

DROP POLICY IF EXISTS desk_insert ON docattr_checkpoints;
DROP POLICY IF EXISTS desk_read ON docattr_checkpoints;
DROP POLICY IF EXISTS office_read ON docattr_checkpoints;
CREATE POLICY desk_insert ON docattr_checkpoints FOR INSERT TO docattr_desk WITH CHECK (installation = current_user);
CREATE POLICY desk_read ON docattr_checkpoints FOR SELECT TO docattr_desk USING (installation = current_user);
CREATE POLICY office_read ON docattr_checkpoints FOR SELECT TO docattr_office USING (true);
