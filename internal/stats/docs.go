package stats

import (
	"bytes"
	"encoding/hex"

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
	var digits [32]byte
	n := 0
	for i, c := range s {
		if i == 8 || i == 13 || i == 18 || i == 23 {
			continue
		}
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return u, false
		}
		digits[n] = c
		n++
	}
	_, err := hex.Decode(u[:], digits[:])
	return u, err == nil
}
