package consent

import (
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"
)

// Fact is one fact a caller can collect to turn a denial into an allowance.
type Fact uint8

// Facts, with stable identifiers. Values are appended, never renumbered.
const (
	FactConsent            Fact = iota // "consent": a prior express consent for this channel
	FactConsentGrantDate               // "consent_grant_date": when the consent was granted
	FactActiveOptIn                    // "active_opt_in": the consent came from an active declaration
	FactConsentProof                   // "consent_proof": the complete declaration is stored
	FactDoubleOptIn                    // "double_opt_in": confirmation through the covered address or number
	FactConsentMethod                  // "consent_method": how the consent was obtained
	FactConsentScope                   // "consent_scope": a consent whose scope covers the message content
	FactFreshConsent                   // "fresh_consent": a renewed consent (the old one is stale or tied to an ended contract)
	FactAddressFromSale                // "address_from_sale": § 7(3) Nr. 1
	FactOwnSimilarContent              // "own_similar_content": § 7(3) Nr. 2
	FactNoticeAtCollection             // "notice_at_collection": § 7(3) Nr. 4, at collection
	FactNoticeInMessage                // "notice_in_message": § 7(3) Nr. 4, in this message
	FactRecentPurchase                 // "recent_purchase": a purchase within the § 7(3) limit
	FactSenderIdentity                 // "sender_identity": § 7(2) Nr. 3 lit. a
	FactOptOutAddress                  // "opt_out_address": § 7(2) Nr. 3 lit. c
	FactDDGDuties                      // "ddg_duties": § 7(2) Nr. 3 lit. b with § 6(1) DDG
	FactListStatus                     // "list_status": a checked suppression-list status
	FactBusinessFacts                  // "business_facts": facts for presumed consent of a business
	FactRecipientKind                  // "recipient_kind": whether the recipient is a business
	FactStatedIssue                    // "stated_issue": the concrete matter of a transactional call
	FactPurpose                        // "purpose": the purpose of the message

	factCount
)

func factID(f Fact) string {
	switch f {
	case FactConsent:
		return "consent"
	case FactConsentGrantDate:
		return "consent_grant_date"
	case FactActiveOptIn:
		return "active_opt_in"
	case FactConsentProof:
		return "consent_proof"
	case FactDoubleOptIn:
		return "double_opt_in"
	case FactConsentMethod:
		return "consent_method"
	case FactConsentScope:
		return "consent_scope"
	case FactFreshConsent:
		return "fresh_consent"
	case FactAddressFromSale:
		return "address_from_sale"
	case FactOwnSimilarContent:
		return "own_similar_content"
	case FactNoticeAtCollection:
		return "notice_at_collection"
	case FactNoticeInMessage:
		return "notice_in_message"
	case FactRecentPurchase:
		return "recent_purchase"
	case FactSenderIdentity:
		return "sender_identity"
	case FactOptOutAddress:
		return "opt_out_address"
	case FactDDGDuties:
		return "ddg_duties"
	case FactListStatus:
		return "list_status"
	case FactBusinessFacts:
		return "business_facts"
	case FactRecipientKind:
		return "recipient_kind"
	case FactStatedIssue:
		return "stated_issue"
	case FactPurpose:
		return "purpose"
	}
	return fmt.Sprintf("consent.Fact(%d)", uint8(f))
}

// String returns the stable identifier, e.g. "double_opt_in".
func (f Fact) String() string { return factID(f) }

// MarshalText returns the stable identifier.
func (f Fact) MarshalText() ([]byte, error) {
	if f >= factCount {
		return nil, fmt.Errorf("consent.Fact: invalid value %d", uint8(f))
	}
	return []byte(factID(f)), nil
}

// UnmarshalText parses a stable identifier.
func (f *Fact) UnmarshalText(b []byte) error {
	for i := Fact(0); i < factCount; i++ {
		if factID(i) == string(b) {
			*f = i
			return nil
		}
	}
	return fmt.Errorf("consent.Fact: unknown identifier %q", b)
}

// Facts is a set of facts (a bitset), iterated in code order.
type Facts uint32

func (s Facts) with(f Fact) Facts { return s | 1<<f }

// Has reports whether f is in s.
func (s Facts) Has(f Fact) bool { return s&(1<<f) != 0 }

// Len returns the number of facts in s.
func (s Facts) Len() int { return bits.OnesCount32(uint32(s)) }

// List returns the facts in code order.
func (s Facts) List() []Fact {
	out := make([]Fact, 0, s.Len())
	for v := uint32(s); v != 0; v &= v - 1 {
		out = append(out, Fact(bits.TrailingZeros32(v)))
	}
	return out
}

// String lists the identifiers separated by "+", e.g.
// "consent_proof+double_opt_in", or "none" for the empty set.
func (s Facts) String() string {
	if s == 0 {
		return "none"
	}
	var b strings.Builder
	for i, f := range s.List() {
		if i > 0 {
			b.WriteByte('+')
		}
		b.WriteString(factID(f))
	}
	return b.String()
}

// MarshalJSON writes the facts as a list of identifiers.
func (s Facts) MarshalJSON() ([]byte, error) { return json.Marshal(s.List()) }

// UnmarshalJSON reads a list of identifiers.
func (s *Facts) UnmarshalJSON(b []byte) error {
	var in []Fact
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	var v Facts
	for _, f := range in {
		v = v.with(f)
	}
	*s = v
	return nil
}
