package churn

import "github.com/kundenwert/winback/internal/enum"

// Identifier tables. They are read-only: values are appended, never
// renumbered or renamed, because the identifiers are the wire format.
var (
	eventKindIDs = [...]string{
		"unspecified", "cancellation", "account_deleted", "complaint", "ticket",
		"payment_failure", "address_change", "email_sent", "email_opened",
		"email_clicked", "site_visit", "unsubscribe", "nps", "return",
		"life_event", "exit_reason",
	}
	outcomeIDs = [...]string{"open", "resolved", "rejected", "escalated"}
	stateIDs   = [...]string{"active", "at_risk", "lapsed", "lost", "cancelled"}
	sourceIDs  = [...]string{"none", "own", "shrunk", "population"}
	signalIDs  = [...]string{
		"falling_frequency", "falling_order_value", "fewer_email_opens",
		"fewer_site_visits", "rising_discount_share", "high_discount_share",
		"over_contact", "no_recent_contact", "browsing_without_buying",
		"abrupt_stop", "complaints", "failed_complaints", "quality_complaints",
		"returns", "quality_returns", "payment_failures", "unanswered_tickets",
		"unsubscribed", "address_change", "life_event", "low_nps",
		"short_tenure", "long_tenure", "premium_buyer", "negative_margin",
		"payment_default", "fraud",
	}
	typeIDs = [...]string{
		"unknown", "cash_strapped", "relocated", "overwhelmed", "neglected",
		"disappointed", "offended", "switcher", "bargain_hunter", "demanding",
		"company_initiated",
	}
	effortIDs    = [...]string{"none", "low", "medium", "high"}
	incentiveIDs = [...]string{"none", "financial", "material", "emotional"}
	toneIDs      = [...]string{
		"neutral", "apology", "appreciation", "value_proposition",
		"reassurance", "exclusivity",
	}
	reasonIDs = [...]string{
		"price_transparency", "delivery", "payment_options", "personalisation",
		"service", "communication", "better_offer", "not_needed", "other",
	}
)

func eventKindNames() enum.Names[EventKind] {
	return enum.Names[EventKind]{Type: "churn.EventKind", IDs: eventKindIDs[:]}
}
func outcomeNames() enum.Names[Outcome] {
	return enum.Names[Outcome]{Type: "churn.Outcome", IDs: outcomeIDs[:]}
}
func stateNames() enum.Names[State] { return enum.Names[State]{Type: "churn.State", IDs: stateIDs[:]} }
func sourceNames() enum.Names[IntervalSource] {
	return enum.Names[IntervalSource]{Type: "churn.IntervalSource", IDs: sourceIDs[:]}
}
func signalNames() enum.Names[SignalID] {
	return enum.Names[SignalID]{Type: "churn.SignalID", IDs: signalIDs[:]}
}
func typeNames() enum.Names[Type] { return enum.Names[Type]{Type: "churn.Type", IDs: typeIDs[:]} }
func effortNames() enum.Names[Effort] {
	return enum.Names[Effort]{Type: "churn.Effort", IDs: effortIDs[:]}
}
func incentiveNames() enum.Names[Incentive] {
	return enum.Names[Incentive]{Type: "churn.Incentive", IDs: incentiveIDs[:]}
}
func toneNames() enum.Names[Tone] { return enum.Names[Tone]{Type: "churn.Tone", IDs: toneIDs[:]} }
func reasonNames() enum.Names[Reason] {
	return enum.Names[Reason]{Type: "churn.Reason", IDs: reasonIDs[:]}
}

// String returns the stable identifier, e.g. "payment_failure".
func (k EventKind) String() string { return eventKindNames().String(k) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (k EventKind) MarshalText() ([]byte, error) { return eventKindNames().Marshal(k) }

// UnmarshalText parses an identifier as returned by String.
func (k *EventKind) UnmarshalText(b []byte) error {
	v, err := eventKindNames().Parse(string(b))
	if err == nil {
		*k = v
	}
	return err
}

// String returns the stable identifier, e.g. "rejected".
func (o Outcome) String() string { return outcomeNames().String(o) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (o Outcome) MarshalText() ([]byte, error) { return outcomeNames().Marshal(o) }

// UnmarshalText parses an identifier as returned by String.
func (o *Outcome) UnmarshalText(b []byte) error {
	v, err := outcomeNames().Parse(string(b))
	if err == nil {
		*o = v
	}
	return err
}

// String returns the stable identifier, e.g. "at_risk".
func (s State) String() string { return stateNames().String(s) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (s State) MarshalText() ([]byte, error) { return stateNames().Marshal(s) }

// UnmarshalText parses an identifier as returned by String.
func (s *State) UnmarshalText(b []byte) error {
	v, err := stateNames().Parse(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// String returns the stable identifier, e.g. "shrunk".
func (s IntervalSource) String() string { return sourceNames().String(s) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (s IntervalSource) MarshalText() ([]byte, error) { return sourceNames().Marshal(s) }

// UnmarshalText parses an identifier as returned by String.
func (s *IntervalSource) UnmarshalText(b []byte) error {
	v, err := sourceNames().Parse(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// String returns the stable identifier, e.g. "payment_failures".
func (s SignalID) String() string { return signalNames().String(s) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (s SignalID) MarshalText() ([]byte, error) { return signalNames().Marshal(s) }

// UnmarshalText parses an identifier as returned by String.
func (s *SignalID) UnmarshalText(b []byte) error {
	v, err := signalNames().Parse(string(b))
	if err == nil {
		*s = v
	}
	return err
}

// String returns the stable identifier, e.g. "cash_strapped".
func (t Type) String() string { return typeNames().String(t) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (t Type) MarshalText() ([]byte, error) { return typeNames().Marshal(t) }

// UnmarshalText parses an identifier as returned by String.
func (t *Type) UnmarshalText(b []byte) error {
	v, err := typeNames().Parse(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// String returns the stable identifier, e.g. "medium".
func (e Effort) String() string { return effortNames().String(e) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (e Effort) MarshalText() ([]byte, error) { return effortNames().Marshal(e) }

// UnmarshalText parses an identifier as returned by String.
func (e *Effort) UnmarshalText(b []byte) error {
	v, err := effortNames().Parse(string(b))
	if err == nil {
		*e = v
	}
	return err
}

// String returns the stable identifier, e.g. "financial".
func (i Incentive) String() string { return incentiveNames().String(i) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (i Incentive) MarshalText() ([]byte, error) { return incentiveNames().Marshal(i) }

// UnmarshalText parses an identifier as returned by String.
func (i *Incentive) UnmarshalText(b []byte) error {
	v, err := incentiveNames().Parse(string(b))
	if err == nil {
		*i = v
	}
	return err
}

// String returns the stable identifier, e.g. "apology".
func (t Tone) String() string { return toneNames().String(t) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (t Tone) MarshalText() ([]byte, error) { return toneNames().Marshal(t) }

// UnmarshalText parses an identifier as returned by String.
func (t *Tone) UnmarshalText(b []byte) error {
	v, err := toneNames().Parse(string(b))
	if err == nil {
		*t = v
	}
	return err
}

// String returns the stable identifier, e.g. "delivery".
func (r Reason) String() string { return reasonNames().String(r) }

// MarshalText returns the identifier; an out-of-range value is an error.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames().Marshal(r) }

// UnmarshalText parses an identifier as returned by String.
func (r *Reason) UnmarshalText(b []byte) error {
	v, err := reasonNames().Parse(string(b))
	if err == nil {
		*r = v
	}
	return err
}
