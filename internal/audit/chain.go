package audit

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// hashDomain separates audit hashes from any other SHA-256 use of the same
// bytes; the version in it changes whenever the canonical encoding does.
const hashDomain = "docattr-audit-v1\x00"

// GenesisHash is the PrevHash of the first event: 32 zero bytes in hex.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// errNotCanonical means a record decoded but is not byte for byte the
// canonical encoding of what it holds: somebody edited it.
var errNotCanonical = errors.New("record is not in canonical form")

type kv struct{ k, v string }

// appendBody appends the canonical encoding of e without its hash field and
// without the closing brace. body = appendBody + "}" is what gets hashed;
// record = appendBody + `,"hash":"…"}` is what gets stored.
func appendBody(b []byte, e *Event) []byte {
	b = append(b, `{"seq":`...)
	b = strconv.AppendUint(b, e.Seq, 10)
	b = append(b, `,"time":"`...)
	b = e.Time.UTC().AppendFormat(b, time.RFC3339Nano)
	b = append(b, '"')
	if e.TZOffset != 0 {
		b = append(b, `,"tz":`...)
		b = strconv.AppendInt(b, int64(e.TZOffset), 10)
	}
	b = appendField(b, true, "type", e.Type)
	b = append(b, `,"actor":{`...)
	b = appendOptional(b, false, []kv{{"name", e.Actor.Name}, {"os_user", e.Actor.OSUser}, {"machine", e.Actor.Machine}})
	b = append(b, '}')
	b = appendOptional(b, true, []kv{
		{"doc_id", e.DocID}, {"file", e.File}, {"input_sha256", e.InputSHA256},
		{"output_sha256", e.OutputSHA256}, {"version", e.Version},
		{"attribute", e.Attribute}, {"prev_attribute", e.PrevAttribute},
		{"secrecy", e.Secrecy}, {"prev_secrecy", e.PrevSecrecy},
		{"basis", e.Basis}, {"reason", e.Reason}, {"acknowledged", e.Acknowledged},
	})
	if len(e.Findings) > 0 {
		b = append(b, `,"findings":[`...)
		for i, f := range e.Findings {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			b = appendField(b, false, "kind", f.Kind)
			b = appendField(b, true, "severity", f.Severity)
			b = appendField(b, true, "excerpt", f.Excerpt)
			b = appendField(b, true, "location", f.Location)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	if len(e.Details) > 0 {
		keys := make([]string, 0, len(e.Details))
		for k := range e.Details {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		b = append(b, `,"details":{`...)
		for i, k := range keys {
			b = appendField(b, i > 0, k, e.Details[k])
		}
		b = append(b, '}')
	}
	return appendField(b, true, "prev_hash", e.PrevHash)
}

// appendOptional appends the non-empty fields of fs in order.
func appendOptional(b []byte, comma bool, fs []kv) []byte {
	for _, f := range fs {
		if f.v != "" {
			b = appendField(b, comma, f.k, f.v)
			comma = true
		}
	}
	return b
}

func appendField(b []byte, comma bool, k, v string) []byte {
	if comma {
		b = append(b, ',')
	}
	b = appendString(b, k)
	b = append(b, ':')
	return appendString(b, v)
}

// appendString appends s as a JSON string with the minimal escaping the
// format documents: `"` and `\` escaped with a backslash, \n \r \t by name,
// other bytes below 0x20 as \u00xx (lower-case hex), everything else as the
// UTF-8 bytes themselves. s must be valid UTF-8 (Append ensures it).
func appendString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	if !needsEscape(s) { // most strings: hashes, names, file names
		b = append(b, s...)
		return append(b, '"')
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\r':
			b = append(b, '\\', 'r')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		default:
			b = append(b, c)
		}
	}
	return append(b, '"')
}

func needsEscape(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '"' || c == '\\' {
			return true
		}
	}
	return false
}

// chainHash returns SHA-256(hashDomain || body || prev), body being the
// canonical encoding without the hash (closing brace included).
func chainHash(body []byte, prev [32]byte) [32]byte {
	h := sha256.New()
	h.Write([]byte(hashDomain))
	h.Write(body)
	h.Write(prev[:])
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

// seal computes e's hash from its fields and PrevHash, stores it in e.Hash
// and returns the canonical record, appended to buf.
func seal(buf []byte, e *Event) ([]byte, error) {
	prev, err := parseHash(e.PrevHash)
	if err != nil {
		return nil, err
	}
	buf = appendBody(buf, e)
	body := append(buf, '}')
	sum := chainHash(body, prev)
	e.Hash = hex.EncodeToString(sum[:])
	rec := append(body[:len(body)-1], `,"hash":"`...)
	rec = append(rec, e.Hash...)
	return append(rec, '"', '}'), nil
}

// parseHash decodes a 64-digit lower-case hex hash.
func parseHash(s string) ([32]byte, error) {
	var h [32]byte
	if len(s) != 64 {
		return h, fmt.Errorf("hash %q: want 64 hex digits", s)
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return h, fmt.Errorf("hash %q: want lower-case hex", s)
		}
	}
	_, err := hex.Decode(h[:], []byte(s))
	return h, err
}
