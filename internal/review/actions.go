package review

import (
	"errors"

	"github.com/docattr/docattr/internal/settings"
)

// Offer is a step a door (the app's buttons) may offer on a document: the
// action and the role this installation would take it in.
type Offer struct {
	Action, Role string
}

// actionOrder is the order offers are listed in.
var actionOrder = []string{ActionSubmit, ActionApprove, ActionReturn, ActionSign}

// Offers returns the steps an installation with settings s may take on the
// document st now, by the same state machine Apply enforces. A document
// whose trail is untrusted or unreadable offers only a return to the
// drafter (which starts a fresh trail); an unreadable file, a superseded or
// conflicting copy, or an issued document offers nothing. Apply checks
// everything again (self-review, checklist, the audit log's decisions).
func Offers(st Status, s settings.Settings) []Offer {
	if st.SupersededBy != "" || st.ConflictWith != "" {
		return nil
	}
	if !st.Trusted() {
		if st.Err != nil && !errors.Is(st.Err, ErrBadTrail) {
			return nil // the file itself cannot be read
		}
		for _, role := range rolesFor[ActionReturn] {
			if s.HasRole(role) {
				return []Offer{{ActionReturn, role}}
			}
		}
		return nil
	}
	var out []Offer
	for _, action := range actionOrder {
		roles := rolesFor[action]
		if st.Waits != "" && s.HasRole(st.Waits) { // the role it waits for first
			roles = append([]string{st.Waits}, roles...)
		}
		for _, role := range roles {
			if !s.HasRole(role) || checkActionRole(action, role) != nil {
				continue
			}
			if _, err := transition(st.State, action, role, subjectOf(st.Proposal, st.Record), RouteOf(s)); err == nil {
				out = append(out, Offer{action, role})
				break
			}
		}
	}
	return out
}

// OfferFor returns the role in which action is offered on st, or "".
func OfferFor(action string, st Status, s settings.Settings) string {
	for _, o := range Offers(st, s) {
		if o.Action == action {
			return o.Role
		}
	}
	return ""
}
