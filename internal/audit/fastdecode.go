package audit

import (
	"bytes"
	"time"
	"unicode/utf8"
)

// fastDecode parses a canonical record without encoding/json, for readers
// of many records (the office database holds millions). It is only a
// shortcut: whatever it parses is sealed again and must reproduce rec
// byte for byte, so a record it misreads is never accepted — it reports
// false and DecodeRecord falls back to decodeRecord, which also says what
// is wrong.
func fastDecode(rec []byte) (Event, bool) {
	if !utf8.Valid(rec) {
		return Event{}, false
	}
	// One string for the whole record: the fields without escapes are
	// substrings of it, one allocation instead of twenty, which is what
	// a reader holding half a million events pays for in garbage
	// collection.
	p := recParser{b: rec, s: string(rec)}
	var e Event
	var hash string
	p.lit('{')
	for first := true; p.ok && p.peek() != '}'; first = false {
		if !first {
			p.lit(',')
		}
		key := p.str()
		p.lit(':')
		switch key {
		case "seq":
			e.Seq = p.uint()
		case "tz":
			neg := p.peek() == '-'
			if neg {
				p.i++
			}
			e.TZOffset = int(p.uint())
			if neg {
				e.TZOffset = -e.TZOffset
			}
		case "time":
			t, err := time.Parse(time.RFC3339Nano, p.str())
			p.ok = p.ok && err == nil
			e.Time = t.UTC()
		case "actor":
			p.object(func(k, v string) {
				switch k {
				case "name":
					e.Actor.Name = v
				case "os_user":
					e.Actor.OSUser = v
				case "machine":
					e.Actor.Machine = v
				default:
					p.ok = false
				}
			})
		case "findings":
			p.lit('[')
			for i := 0; p.ok && p.peek() != ']'; i++ {
				if i > 0 {
					p.lit(',')
				}
				var f FindingRef
				p.object(func(k, v string) {
					switch k {
					case "kind":
						f.Kind = v
					case "severity":
						f.Severity = v
					case "excerpt":
						f.Excerpt = v
					case "location":
						f.Location = v
					default:
						p.ok = false
					}
				})
				e.Findings = append(e.Findings, f)
			}
			p.lit(']')
		case "details":
			e.Details = map[string]string{}
			p.object(func(k, v string) { e.Details[k] = v })
		default:
			s := p.str()
			if f := e.stringField(key); f != nil {
				*f = s
			} else if key == "hash" {
				hash = s
			} else {
				p.ok = false
			}
		}
	}
	p.lit('}')
	if !p.ok || p.i != len(rec) {
		return Event{}, false
	}
	again, err := seal(make([]byte, 0, len(rec)), &e)
	if err != nil || e.Hash != hash || !bytes.Equal(again, rec) {
		return Event{}, false
	}
	return e, true
}

func (e *Event) stringField(key string) *string {
	switch key {
	case "type":
		return &e.Type
	case "doc_id":
		return &e.DocID
	case "file":
		return &e.File
	case "input_sha256":
		return &e.InputSHA256
	case "output_sha256":
		return &e.OutputSHA256
	case "version":
		return &e.Version
	case "attribute":
		return &e.Attribute
	case "prev_attribute":
		return &e.PrevAttribute
	case "secrecy":
		return &e.Secrecy
	case "prev_secrecy":
		return &e.PrevSecrecy
	case "basis":
		return &e.Basis
	case "reason":
		return &e.Reason
	case "acknowledged":
		return &e.Acknowledged
	case "prev_hash":
		return &e.PrevHash
	}
	return nil
}

// recParser reads the subset of JSON the canonical encoding writes.
type recParser struct {
	b  []byte
	s  string // b as a string
	i  int
	ok bool
}

func (p *recParser) peek() byte {
	if p.i < len(p.b) {
		return p.b[p.i]
	}
	p.ok = false
	return 0
}

func (p *recParser) lit(c byte) {
	if p.i == 0 && c == '{' {
		p.ok = true
	}
	if !p.ok || p.i >= len(p.b) || p.b[p.i] != c {
		p.ok = false
		return
	}
	p.i++
}

func (p *recParser) uint() uint64 {
	start := p.i
	var n uint64
	for p.i < len(p.b) && '0' <= p.b[p.i] && p.b[p.i] <= '9' && p.i-start < 19 {
		n = n*10 + uint64(p.b[p.i]-'0')
		p.i++
	}
	if p.i == start {
		p.ok = false
	}
	return n
}

// str reads a string with the canonical escapes: \" \\ \n \r \t \u00xx.
func (p *recParser) str() string {
	p.lit('"')
	if !p.ok {
		return ""
	}
	start := p.i
	end := bytes.IndexByte(p.b[start:], '"')
	if end < 0 {
		p.ok = false
		return ""
	}
	if bytes.IndexByte(p.b[start:start+end], '\\') < 0 { // the common case
		p.i = start + end + 1
		return p.s[start : start+end]
	}
	var out []byte
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			p.i++
			return string(out)
		case c != '\\':
			out = append(out, c)
			p.i++
			continue
		}
		if p.i+1 >= len(p.b) {
			break
		}
		switch p.b[p.i+1] {
		case '"', '\\':
			out = append(out, p.b[p.i+1])
		case 'n':
			out = append(out, '\n')
		case 'r':
			out = append(out, '\r')
		case 't':
			out = append(out, '\t')
		case 'u':
			if p.i+6 > len(p.b) || p.b[p.i+2] != '0' || p.b[p.i+3] != '0' {
				p.ok = false
				return ""
			}
			out = append(out, unhex(p.b[p.i+4])<<4|unhex(p.b[p.i+5]))
			p.i += 4
		default:
			p.ok = false
			return ""
		}
		p.i += 2
	}
	p.ok = false
	return ""
}

func unhex(c byte) byte {
	switch {
	case '0' <= c && c <= '9':
		return c - '0'
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10
	}
	return 0xff // makes the byte wrong: the re-seal comparison refuses it
}

// object reads an object of string values, calling fn for each pair.
func (p *recParser) object(fn func(k, v string)) {
	p.lit('{')
	for first := true; p.ok && p.peek() != '}'; first = false {
		if !first {
			p.lit(',')
		}
		k := p.str()
		p.lit(':')
		v := p.str()
		if p.ok {
			fn(k, v)
		}
	}
	p.lit('}')
}
