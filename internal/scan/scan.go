// Package scan is the pre-disclosure check: it finds in a document's text and
// package what must not be published, and suggests an attribute.
package scan

import "github.com/docattr/docattr/internal/docx"

// Severity of a finding.
type Severity string

// Severities.
const (
	Block Severity = "block"
	Warn  Severity = "warn"
	Info  Severity = "info"
)

// Finding is one thing the check found.
type Finding struct {
	Kind     string   `json:"kind"`
	Severity Severity `json:"severity"`
	Excerpt  string   `json:"excerpt"`
	Location string   `json:"location"`
	Part     string   `json:"part,omitempty"`
	Para     int      `json:"para"`
	Basis    string   `json:"basis,omitempty"`
	Message  string   `json:"message,omitempty"`
}

// Suggestion is the attribute the findings point to.
type Suggestion struct {
	Attribute string   `json:"attribute"`
	Basis     string   `json:"basis,omitempty"`
	Reasons   []string `json:"reasons"`
}

// Report is the whole check.
type Report struct {
	Findings   []Finding  `json:"findings"`
	Suggestion Suggestion `json:"suggestion"`
}

// Check runs every detector over d. (Placeholder until the detectors land.)
func Check(d *docx.Document) Report {
	return Report{Findings: []Finding{}, Suggestion: Suggestion{Attribute: "public", Reasons: []string{}}}
}

// Blocking returns the findings with severity block.
func (r Report) Blocking() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Severity == Block {
			out = append(out, f)
		}
	}
	return out
}
