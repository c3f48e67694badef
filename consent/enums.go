package consent

import "github.com/kundenwert/winback/internal/enum"

// RecipientKind says whether the recipient acts as a consumer or as a
// business ("sonstiger Marktteilnehmer"). The zero value RecipientUnknown is
// treated as a consumer.
type RecipientKind uint8

// Recipient kinds, with stable identifiers.
const (
	RecipientUnknown  RecipientKind = iota // "unknown": treated as a consumer
	RecipientConsumer                      // "consumer"
	RecipientBusiness                      // "business"

	recipientKindCount
)

// recipientKindIDs are the identifiers of RecipientKind, indexed by value.
var recipientKindIDs = [...]string{"unknown", "consumer", "business"}

func recipientKindNames() enum.Names[RecipientKind] {
	return enum.Names[RecipientKind]{Type: "consent.RecipientKind", IDs: recipientKindIDs[:]}
}

// String returns the stable identifier.
func (k RecipientKind) String() string { return recipientKindNames().String(k) }

// MarshalText returns the stable identifier.
func (k RecipientKind) MarshalText() ([]byte, error) { return recipientKindNames().Marshal(k) }

// UnmarshalText parses a stable identifier.
func (k *RecipientKind) UnmarshalText(b []byte) error {
	v, err := recipientKindNames().Parse(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// Purpose is what the message is for. Only PurposeTransactional escapes § 7
// UWG; every other value, the zero value PurposeUnknown included, is judged
// as advertising.
type Purpose uint8

// Purposes, with stable identifiers.
const (
	PurposeUnknown       Purpose = iota // "unknown": judged as advertising
	PurposeTransactional                // "transactional": order, invoice, shipping or a pure cancellation confirmation, with no promotional element at all
	PurposeAdvertising                  // "advertising"
	PurposeMixed                        // "mixed": transactional with any promotional element (a comeback voucher in a cancellation confirmation) — advertising
	PurposeFeedback                     // "feedback": feedback, review or satisfaction request — advertising

	purposeCount
)

// purposeIDs are the identifiers of Purpose, indexed by value.
var purposeIDs = [...]string{"unknown", "transactional", "advertising", "mixed", "feedback"}

func purposeNames() enum.Names[Purpose] {
	return enum.Names[Purpose]{Type: "consent.Purpose", IDs: purposeIDs[:]}
}

// String returns the stable identifier.
func (p Purpose) String() string { return purposeNames().String(p) }

// MarshalText returns the stable identifier.
func (p Purpose) MarshalText() ([]byte, error) { return purposeNames().Marshal(p) }

// UnmarshalText parses a stable identifier.
func (p *Purpose) UnmarshalText(b []byte) error {
	v, err := purposeNames().Parse(string(b))
	if err == nil {
		*p = v
	}
	return err
}

// Content is what an advertising message promotes. It is matched against
// the scope of a consent and decides § 7(3) Nr. 2 UWG (own similar goods).
type Content uint8

// Contents, with stable identifiers.
const (
	ContentUnknown    Content = iota // "unknown": covered by no consent
	ContentOwnSimilar                // "own_similar": the sender's own goods or services similar to what the recipient bought
	ContentOwnOther                  // "own_other": other goods or services of the sender
	ContentFeedback                  // "feedback": a feedback, review or satisfaction request
	ContentThirdParty                // "third_party": goods or services of another company

	contentCount
)

// contentIDs are the identifiers of Content, indexed by value.
var contentIDs = [...]string{"unknown", "own_similar", "own_other", "feedback", "third_party"}

func contentNames() enum.Names[Content] {
	return enum.Names[Content]{Type: "consent.Content", IDs: contentIDs[:]}
}

// String returns the stable identifier.
func (c Content) String() string { return contentNames().String(c) }

// MarshalText returns the stable identifier.
func (c Content) MarshalText() ([]byte, error) { return contentNames().Marshal(c) }

// UnmarshalText parses a stable identifier.
func (c *Content) UnmarshalText(b []byte) error {
	v, err := contentNames().Parse(string(b))
	if err == nil {
		*c = v
	}
	return err
}

// Scope is what a consent covers. The zero value ScopeUnknown covers nothing.
type Scope uint8

// Scopes, with stable identifiers.
const (
	ScopeUnknown    Scope = iota // "unknown": covers nothing
	ScopeOwnSimilar              // "own_similar": the sender's goods similar to those bought
	ScopeOwnAll                  // "own_all": all goods and services of the sender, feedback requests included
	ScopeFeedback                // "feedback": feedback and satisfaction requests only
	ScopeThirdParty              // "third_party": advertising of the named partner companies only

	scopeCount
)

// scopeIDs are the identifiers of Scope, indexed by value.
var scopeIDs = [...]string{"unknown", "own_similar", "own_all", "feedback", "third_party"}

func scopeNames() enum.Names[Scope] {
	return enum.Names[Scope]{Type: "consent.Scope", IDs: scopeIDs[:]}
}

// String returns the stable identifier.
func (s Scope) String() string { return scopeNames().String(s) }

// MarshalText returns the stable identifier.
func (s Scope) MarshalText() ([]byte, error) { return scopeNames().Marshal(s) }

// UnmarshalText parses a stable identifier.
func (s *Scope) UnmarshalText(b []byte) error {
	v, err := scopeNames().Parse(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// covers reports whether a consent of scope s covers a message promoting c.
func (s Scope) covers(c Content) bool {
	switch c {
	case ContentOwnSimilar:
		return s == ScopeOwnSimilar || s == ScopeOwnAll
	case ContentOwnOther:
		return s == ScopeOwnAll
	case ContentFeedback:
		return s == ScopeOwnAll || s == ScopeFeedback
	case ContentThirdParty:
		return s == ScopeThirdParty
	}
	return false
}

// Method is how a consent was obtained. The zero value MethodUnknown makes a
// consent unprovable.
type Method uint8

// Methods, with stable identifiers.
const (
	MethodUnknown    Method = iota // "unknown"
	MethodOnlineForm               // "online_form": web form or checkout box; needs double opt-in
	MethodInPerson                 // "in_person": in the shop or at an event
	MethodPhone                    // "phone": declared during a call (recording or log)
	MethodWritten                  // "written": signed paper form or letter
	MethodApp                      // "app": in the shop's app; needs double opt-in like an online form

	methodCount
)

// methodIDs are the identifiers of Method, indexed by value.
var methodIDs = [...]string{"unknown", "online_form", "in_person", "phone", "written", "app"}

func methodNames() enum.Names[Method] {
	return enum.Names[Method]{Type: "consent.Method", IDs: methodIDs[:]}
}

// String returns the stable identifier.
func (m Method) String() string { return methodNames().String(m) }

// MarshalText returns the stable identifier.
func (m Method) MarshalText() ([]byte, error) { return methodNames().Marshal(m) }

// UnmarshalText parses a stable identifier.
func (m *Method) UnmarshalText(b []byte) error {
	v, err := methodNames().Parse(string(b))
	if err == nil {
		*m = v
	}
	return err
}

// online reports whether a consent obtained this way needs a double opt-in.
func (m Method) online() bool { return m == MethodOnlineForm || m == MethodApp }

// ListStatus is the recipient's status on the suppression (Robinson) list
// for letter post. The zero value ListUnknown denies postal advertising.
type ListStatus uint8

// List statuses, with stable identifiers.
const (
	ListUnknown   ListStatus = iota // "unknown": not checked
	ListListed                      // "listed": on the list — advertising letters are recognisably unwanted
	ListNotListed                   // "not_listed": checked and not on the list

	listStatusCount
)

// listStatusIDs are the identifiers of ListStatus, indexed by value.
var listStatusIDs = [...]string{"unknown", "listed", "not_listed"}

func listStatusNames() enum.Names[ListStatus] {
	return enum.Names[ListStatus]{Type: "consent.ListStatus", IDs: listStatusIDs[:]}
}

// String returns the stable identifier.
func (s ListStatus) String() string { return listStatusNames().String(s) }

// MarshalText returns the stable identifier.
func (s ListStatus) MarshalText() ([]byte, error) { return listStatusNames().Marshal(s) }

// UnmarshalText parses a stable identifier.
func (s *ListStatus) UnmarshalText(b []byte) error {
	v, err := listStatusNames().Parse(string(b))
	if err == nil {
		*s = v
	}
	return err
}
