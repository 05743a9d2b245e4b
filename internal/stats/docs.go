package stats

import (
	"bytes"

	"github.com/docattr/docattr/internal/decision"
)

// docTable holds every document's events, found by the document's key. A
// year's count of a million-event log holds a third of a million documents:
// the table keeps the ids docattr writes (UUIDs, in lower case) as their 16
// bytes rather than as strings, and the documents in chunks rather than one
// allocation each.
type docTable struct {
	byUUID map[[16]byte]int32
	byKey  map[string]int32 // other keys: ids of other shapes, "source\x00hash" for events without an id
	chunks [][]decision.Doc
	keyed  []bool // whether a document's key is its id: one without "\x00" (stateOf)
	n      int
}

const docChunk = 4096

func newDocTable() docTable {
	return docTable{byUUID: map[[16]byte]int32{}, byKey: map[string]int32{}}
}

// get returns the document with key, added when it is new.
func (t *docTable) get(key []byte) *decision.Doc {
	u, isUUID := parseUUID(key)
	var i int32
	var ok bool
	if isUUID {
		i, ok = t.byUUID[u]
	} else {
		i, ok = t.byKey[string(key)]
	}
	if !ok {
		i = int32(t.n)
		if isUUID {
			t.byUUID[u] = i
		} else {
			t.byKey[string(key)] = i
		}
		if t.n%docChunk == 0 {
			t.chunks = append(t.chunks, make([]decision.Doc, docChunk))
		}
		t.keyed = append(t.keyed, bytes.IndexByte(key, 0) < 0)
		t.n++
	}
	return t.at(int(i))
}

// at returns document i (0 ≤ i < n, in the order they were added).
func (t *docTable) at(i int) *decision.Doc { return &t.chunks[i/docChunk][i%docChunk] }

// parseUUID returns the 16 bytes of a UUID written in lower case with
// hyphens (8-4-4-4-12), the only spelling that maps to them: any other key
// stays a string, so two different keys never meet.
func parseUUID(s []byte) (u [16]byte, ok bool) {
	if len(s) != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-' {
		return u, false
	}
	j := 0
	for _, at := range [16]uint8{0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34} {
		hi, lo := hexValue[s[at]], hexValue[s[at+1]]
		if hi > 15 || lo > 15 {
			return u, false
		}
		u[j] = hi<<4 | lo
		j++
	}
	return u, true
}

// hexValue maps a lower-case hex digit to its value, anything else above 15.
var hexValue = func() (t [256]uint8) {
	for i := range t {
		t[i] = 0xff
	}
	for i, c := range "0123456789abcdef" {
		t[c] = uint8(i)
	}
	return t
}()
