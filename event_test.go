package winback

import (
	"encoding"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/shopspring/decimal"
)

func TestEventValidateNamesTheField(t *testing.T) {
	at := time.Date(2024, 5, 2, 9, 30, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		e     Event
		field string
	}{
		{"complaint", Event{CustomerID: "c", Time: at, Kind: EventComplaint, Outcome: OutcomeRejected}, ""},
		{"ticket", Event{CustomerID: "c", Time: at, Kind: EventSupportTicket, Answered: true}, ""},
		{"nps 0", Event{CustomerID: "c", Time: at, Kind: EventNPSAnswer, Score: 0}, ""},
		{"nps 10", Event{CustomerID: "c", Time: at, Kind: EventNPSAnswer, Score: 10}, ""},
		{"email", Event{CustomerID: "c", Time: at, Kind: EventEmailOpened, Channel: ChannelEmail, CampaignID: "spring", MessageID: "m1"}, ""},
		{"cart", Event{CustomerID: "c", Time: at, Kind: EventAbandonedCart, Amount: decimal.RequireFromString("59.90")}, ""},
		{"no customer", Event{Time: at, Kind: EventSiteVisit}, "CustomerID"},
		{"no time", Event{CustomerID: "c", Kind: EventSiteVisit}, "Time"},
		{"unknown kind", Event{CustomerID: "c", Time: at}, "Kind"},
		{"kind out of range", Event{CustomerID: "c", Time: at, Kind: 200}, "Kind"},
		{"channel out of range", Event{CustomerID: "c", Time: at, Kind: EventSiteVisit, Channel: 99}, "Channel"},
		{"outcome out of range", Event{CustomerID: "c", Time: at, Kind: EventComplaint, Outcome: 9}, "Outcome"},
		{"outcome on a visit", Event{CustomerID: "c", Time: at, Kind: EventSiteVisit, Outcome: OutcomeOpen}, "Outcome"},
		{"answered on a complaint", Event{CustomerID: "c", Time: at, Kind: EventComplaint, Answered: true}, "Answered"},
		{"nps 11", Event{CustomerID: "c", Time: at, Kind: EventNPSAnswer, Score: 11}, "Score"},
		{"nps -1", Event{CustomerID: "c", Time: at, Kind: EventNPSAnswer, Score: -1}, "Score"},
		{"score on a visit", Event{CustomerID: "c", Time: at, Kind: EventSiteVisit, Score: 3}, "Score"},
		{"negative amount", Event{CustomerID: "c", Time: at, Kind: EventPaymentFailure, Amount: decimal.NewFromInt(-1)}, "Amount"},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := c.e.Validate()
			if c.field == "" {
				if err != nil {
					t.Fatalf("Validate() = %v", err)
				}
				return
			}
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("Validate() = %v, want an InputError on %s", err, c.field)
			}
		})
	}
}

type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// TestEnumsRoundTripThroughText checks every value of every enumeration:
// MarshalText gives the identifier, UnmarshalText parses it back, and an
// unknown identifier is an InputError.
func TestEnumsRoundTripThroughText(t *testing.T) {
	check := func(t *testing.T, n int, get func(i int) textEnum, parse func(b []byte) (any, error), want []string) {
		t.Helper()
		if n != len(want) {
			t.Fatalf("%d values, want %d", n, len(want))
		}
		for i := 0; i < n; i++ {
			v := get(i)
			b, err := v.MarshalText()
			if err != nil || string(b) != want[i] || v.String() != want[i] {
				t.Errorf("value %d: MarshalText = %q, %v; String = %q; want %q", i, b, err, v.String(), want[i])
			}
			back, err := parse(b)
			if err != nil || back.(textEnum).String() != want[i] {
				t.Errorf("UnmarshalText(%q) = %v, %v", b, back, err)
			}
		}
		if _, err := get(n).MarshalText(); err == nil {
			t.Errorf("MarshalText of out-of-range value %d succeeded", n)
		}
		if _, err := parse([]byte("no-such-id")); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("UnmarshalText(no-such-id) = %v, want ErrInvalidInput", err)
		}
	}
	// The identifiers are the stable wire format: this list is the contract.
	t.Run("EventKind", func(t *testing.T) {
		check(t, 16, func(i int) textEnum { return EventKind(i) },
			func(b []byte) (any, error) { var v EventKind; err := v.UnmarshalText(b); return v, err },
			[]string{"unknown", "cancellation", "account_deleted", "complaint", "support_ticket",
				"payment_failure", "address_change", "email_sent", "email_opened", "email_clicked",
				"site_visit", "unsubscribe", "nps_answer", "abandoned_cart", "objection", "cancellation_revoked"})
	})
	t.Run("ComplaintOutcome", func(t *testing.T) {
		check(t, 5, func(i int) textEnum { return ComplaintOutcome(i) },
			func(b []byte) (any, error) { var v ComplaintOutcome; err := v.UnmarshalText(b); return v, err },
			[]string{"unknown", "open", "resolved", "rejected", "escalated"})
	})
	t.Run("Channel", func(t *testing.T) {
		check(t, 10, func(i int) textEnum { return Channel(i) },
			func(b []byte) (any, error) { var v Channel; err := v.UnmarshalText(b); return v, err },
			[]string{"unknown", "email", "sms", "phone", "post", "fax", "messenger", "web", "app", "store"})
	})
	t.Run("TimeUnit", func(t *testing.T) {
		check(t, 3, func(i int) textEnum { return TimeUnit(i) },
			func(b []byte) (any, error) { var v TimeUnit; err := v.UnmarshalText(b); return v, err },
			[]string{"day", "week", "month"})
	})
	t.Run("Period", func(t *testing.T) {
		check(t, 4, func(i int) textEnum { return Period(i) },
			func(b []byte) (any, error) { var v Period; err := v.UnmarshalText(b); return v, err },
			[]string{"week", "month", "quarter", "year"})
	})
	t.Run("CDNOWFormat", func(t *testing.T) {
		check(t, 2, func(i int) textEnum { return CDNOWFormat(i) },
			func(b []byte) (any, error) { var v CDNOWFormat; err := v.UnmarshalText(b); return v, err },
			[]string{"master", "sample"})
	})
}

func TestEventMarshalsKindsAsIdentifiers(t *testing.T) {
	e := Event{CustomerID: "c7", Time: time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), Kind: EventComplaint,
		Channel: ChannelPhone, Outcome: OutcomeEscalated}
	b, err := json.Marshal(e)
	if err != nil {
		t.Fatal(err)
	}
	var back Event
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if back.Kind != EventComplaint || back.Channel != ChannelPhone || back.Outcome != OutcomeEscalated {
		t.Errorf("round trip through %s gave %+v", b, back)
	}
	for _, id := range []string{`"kind":"complaint"`, `"channel":"phone"`, `"outcome":"escalated"`, `"customer_id":"c7"`} {
		if !strings.Contains(string(b), id) {
			t.Errorf("JSON %s lacks %s", b, id)
		}
	}
}

func TestTimeUnitLengths(t *testing.T) {
	// Lengths as documented: 1 day, 7 days, 365.25/12 days = 30 d 10 h 30 min.
	for _, c := range []struct {
		u    TimeUnit
		want time.Duration
	}{{Day, 24 * time.Hour}, {Week, 7 * 24 * time.Hour}, {Month, 730*time.Hour + 30*time.Minute}} {
		if got := c.u.Duration(); got != c.want {
			t.Errorf("%s.Duration() = %v, want %v", c.u, got, c.want)
		}
	}
}

// The fast path of Event.Validate accepts only events the full checks
// accept too.
func TestEventFastPathAgreesWithFullCheck(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		e := Event{
			CustomerID: rapid.SampledFrom([]string{"", "c1"}).Draw(t, "id"),
			Time:       time.Unix(rapid.Int64Range(-70_000_000_000, 300_000_000_000).Draw(t, "unix"), 0).UTC(),
			Kind:       EventKind(rapid.IntRange(0, len(eventKindIDs)).Draw(t, "kind")),
			Channel:    Channel(rapid.IntRange(0, len(channelIDs)).Draw(t, "channel")),
			Outcome:    ComplaintOutcome(rapid.IntRange(0, len(complaintOutcomeIDs)).Draw(t, "outcome")),
			Answered:   rapid.Bool().Draw(t, "answered"),
			Score:      rapid.IntRange(-2, 12).Draw(t, "score"),
		}
		if rapid.Bool().Draw(t, "zeroTime") {
			e.Time = time.Time{}
		}
		if e.plainValid() {
			if err := e.check(); err != nil {
				t.Fatalf("fast path accepted %+v, full check says %v", e, err)
			}
		}
	})
}
