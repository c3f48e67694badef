package churn

import (
	"encoding"
	"encoding/json"
	"slices"
	"testing"
)

// textEnum is any of the package's enumerations.
type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// enumIDs pins the wire format: identifiers are stable and append-only, so
// this list may only ever grow at the end of each row.
var enumIDs = map[string][]string{
	"EventKind": {"unspecified", "cancellation", "account_deleted", "complaint", "ticket",
		"payment_failure", "address_change", "email_sent", "email_opened", "email_clicked",
		"site_visit", "unsubscribe", "nps", "return", "life_event", "exit_reason"},
	"Outcome":        {"open", "resolved", "rejected", "escalated"},
	"State":          {"active", "at_risk", "lapsed", "lost", "cancelled"},
	"IntervalSource": {"none", "own", "shrunk", "population"},
	"SignalID": {"falling_frequency", "falling_order_value", "fewer_email_opens",
		"fewer_site_visits", "rising_discount_share", "high_discount_share", "over_contact",
		"no_recent_contact", "browsing_without_buying", "abrupt_stop", "complaints",
		"failed_complaints", "quality_complaints", "returns", "quality_returns",
		"payment_failures", "unanswered_tickets", "unsubscribed", "address_change",
		"life_event", "low_nps", "short_tenure", "long_tenure", "premium_buyer",
		"negative_margin", "payment_default", "fraud"},
	"Type": {"unknown", "cash_strapped", "relocated", "overwhelmed", "neglected",
		"disappointed", "offended", "switcher", "bargain_hunter", "demanding", "company_initiated"},
	"Effort":    {"none", "low", "medium", "high"},
	"Incentive": {"none", "financial", "material", "emotional"},
	"Tone":      {"neutral", "apology", "appreciation", "value_proposition", "reassurance", "exclusivity"},
	"Reason": {"price_transparency", "delivery", "payment_options", "personalisation",
		"service", "communication", "better_offer", "not_needed", "other"},
}

// values returns every defined value of the named enum, in order.
func values(name string) []textEnum {
	var out []textEnum
	n := len(enumIDs[name])
	for i := range n {
		v := uint8(i)
		switch name {
		case "EventKind":
			out = append(out, EventKind(v))
		case "Outcome":
			out = append(out, Outcome(v))
		case "State":
			out = append(out, State(v))
		case "IntervalSource":
			out = append(out, IntervalSource(v))
		case "SignalID":
			out = append(out, SignalID(v))
		case "Type":
			out = append(out, Type(v))
		case "Effort":
			out = append(out, Effort(v))
		case "Incentive":
			out = append(out, Incentive(v))
		case "Tone":
			out = append(out, Tone(v))
		case "Reason":
			out = append(out, Reason(v))
		}
	}
	return out
}

// unmarshal parses s into a fresh value of the named enum.
func unmarshal(name string, s []byte) (textEnum, error) {
	switch name {
	case "EventKind":
		var v EventKind
		return v2(&v, s)
	case "Outcome":
		var v Outcome
		return v2(&v, s)
	case "State":
		var v State
		return v2(&v, s)
	case "IntervalSource":
		var v IntervalSource
		return v2(&v, s)
	case "SignalID":
		var v SignalID
		return v2(&v, s)
	case "Type":
		var v Type
		return v2(&v, s)
	case "Effort":
		var v Effort
		return v2(&v, s)
	case "Incentive":
		var v Incentive
		return v2(&v, s)
	case "Tone":
		var v Tone
		return v2(&v, s)
	case "Reason":
		var v Reason
		return v2(&v, s)
	}
	panic("unknown enum " + name)
}

type enumPtr[T textEnum] interface {
	*T
	encoding.TextUnmarshaler
}

func v2[T textEnum, P enumPtr[T]](p P, s []byte) (textEnum, error) {
	err := p.UnmarshalText(s)
	return *p, err
}

func TestEnumIdentifiersAreStable(t *testing.T) {
	for name, ids := range enumIDs {
		var got []string
		for _, v := range values(name) {
			got = append(got, v.String())
		}
		if !slices.Equal(got, ids) {
			t.Errorf("%s identifiers = %v, want %v", name, got, ids)
		}
	}
	if NumSignals != len(enumIDs["SignalID"]) || NumTypes != len(enumIDs["Type"]) || NumReasons != len(enumIDs["Reason"]) {
		t.Errorf("NumSignals/NumTypes/NumReasons = %d/%d/%d disagree with the identifier lists", NumSignals, NumTypes, NumReasons)
	}
}

func TestEnumTextRoundTrips(t *testing.T) {
	for name := range enumIDs {
		for _, v := range values(name) {
			b, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%s %v: MarshalText: %v", name, v, err)
			}
			back, err := unmarshal(name, b)
			if err != nil || back != v {
				t.Errorf("%s: %q parsed as %v, %v; want %v", name, b, back, err, v)
			}
		}
	}
}

func TestEnumOutOfRangeIsAnError(t *testing.T) {
	if _, err := Type(200).MarshalText(); err == nil {
		t.Error("Type(200).MarshalText succeeded")
	}
	if got := Type(200).String(); got != "churn.Type(200)" {
		t.Errorf("Type(200).String() = %q", got)
	}
	var k EventKind
	if err := k.UnmarshalText([]byte("Complaint")); err == nil {
		t.Error(`UnmarshalText("Complaint") accepted a wrong-case identifier`)
	}
}

func TestEnumsMarshalAsJSONIdentifiers(t *testing.T) {
	b, err := json.Marshal(struct {
		T Type
		S State
	}{Offended, AtRisk})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"T":"offended","S":"at_risk"}`; string(b) != want {
		t.Errorf("JSON = %s, want %s", b, want)
	}
}

// FuzzUnmarshalText checks every enumeration's parser: it never panics, and
// whatever it accepts marshals back to the same bytes.
func FuzzUnmarshalText(f *testing.F) {
	for _, ids := range enumIDs {
		for _, id := range ids {
			f.Add([]byte(id))
		}
	}
	f.Add([]byte(""))
	f.Add([]byte("AT_RISK"))
	f.Add([]byte("\xff\x00"))
	f.Fuzz(func(t *testing.T, s []byte) {
		for name := range enumIDs {
			v, err := unmarshal(name, s)
			if err != nil {
				continue
			}
			b, err := v.MarshalText()
			if err != nil || string(b) != string(s) {
				t.Fatalf("%s: %q parsed to %v, which marshals to %q, %v", name, s, v, b, err)
			}
		}
	})
}
