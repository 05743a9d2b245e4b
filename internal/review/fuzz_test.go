package review

import (
	"reflect"
	"testing"
)

// FuzzParse feeds arbitrary bytes to the trail parser: it must never panic
// or hang, and whatever it accepts must survive Encode → Parse unchanged and
// be safe to Verify.
func FuzzParse(f *testing.F) {
	valid, err := Encode(sampleTrail(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid)
	f.Add([]byte(`<docattrTrail xmlns="urn:docattr:trail:1"><![CDATA[{"format":"docattr-trail-v1","doc_id":"x","steps":[{"seq":1}]}]]></docattrTrail>`))
	f.Add([]byte(`<docattrTrail xmlns="urn:docattr:trail:1">{"format":"docattr-trail-v1","steps":null}</docattrTrail>`))
	f.Add([]byte(`<docattrTrail xmlns="urn:docattr:trail:1"><![CDATA[{"format":"docattr-trail-v2","doc_id":"x","steps":[{"seq":1,"action":"return","role":"secrecy"}]}]]></docattrTrail>`))
	f.Add([]byte(`<?xml version="1.0"?><!DOCTYPE a><docattrTrail/>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := Parse(data)
		if err != nil {
			return
		}
		r := Verify(tr, "", nil, nil)
		_ = r.Err()
		_ = StateOf(tr.Steps)
		enc, err := Encode(tr)
		if err != nil {
			t.Fatalf("accepted trail does not encode: %v", err)
		}
		back, err := Parse(enc)
		if err != nil {
			t.Fatalf("re-encoded trail does not parse: %v\n%s", err, enc)
		}
		if !reflect.DeepEqual(normal(tr), normal(back)) {
			t.Fatalf("round trip changed the trail:\n%+v\n%+v", tr, back)
		}
		for i := range tr.Steps {
			if string(message(tr, i)) != string(message(back, i)) {
				t.Fatalf("round trip changed what step %d signs", i+1)
			}
		}
	})
}

// normal clears the differences JSON cannot carry (nil vs empty slices).
func normal(t *Trail) *Trail {
	c := *t
	c.Steps = append([]Step(nil), t.Steps...)
	if len(c.Steps) == 0 {
		c.Steps = nil
	}
	for i := range c.Steps {
		if len(c.Steps[i].Checklist) == 0 {
			c.Steps[i].Checklist = nil
		}
	}
	return &c
}
