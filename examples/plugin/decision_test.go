package main

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
)

// validDecisions runs testdata/valid.ndjson and returns the decisions by
// request id ("" for the request without one).
func validDecisions(t *testing.T, args ...string) map[string]winback.Decision {
	t.Helper()
	out, err := runPlugin(t, readFile(t, "valid.ndjson"), args...)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]winback.Decision{}
	for _, r := range decodeResponses(t, out) {
		if r.Error != nil || r.Decision == nil {
			t.Fatalf("request %q: %+v", r.ID, r.Error)
		}
		got[r.ID] = *r.Decision
	}
	return got
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestValidRequestsDecideAsDocumented checks the decisions of the valid
// stream against the rules they follow, independently of the golden file.
func TestValidRequestsDecideAsDocumented(t *testing.T) {
	ds := validDecisions(t)
	fastTrack := time.Duration(winback.DefaultPolicy().FastTrackDays) * 24 * time.Hour

	// Company-initiated churn (fraud) is excluded from win-back
	// (DOMAIN.md, churn types table; winback.Decide doc).
	if d := ds["fraud"]; d.ChurnType != churn.CompanyInitiated || d.Action != winback.ActionExclude || d.BudgetCap.Sign() != 0 {
		t.Errorf("fraud: churn type %s, action %s, budget %s; want company_initiated, exclude, 0", d.ChurnType, d.Action, d.BudgetCap)
	}
	// An objection through any channel stops advertising on every channel
	// (Art. 21(3) GDPR; DOMAIN.md), so no channel is chosen although the
	// same customer without the objection is approached.
	obj, plain := ds["vip-objection"], ds["vip-default-policy"]
	for ch, cd := range obj.Channels {
		if cd.Allowed {
			t.Errorf("vip-objection: channel %s allowed despite the objection", consent.Channel(ch))
		}
	}
	if obj.Action != winback.ActionNone || !plain.Action.Contacts() {
		t.Errorf("vip-objection: action %s (without objection %s); want none (and a contact)", obj.Action, plain.Action)
	}
	// Act fast after a cancellation or an abandoned cart: urgent, with the
	// deadline FastTrackDays after the event (Policy.FastTrackDays doc;
	// events in testdata/valid.ndjson).
	for id, event := range map[string]string{"cancellation": "1998-06-27", "abandoned-cart": "1998-06-28"} {
		tm := ds[id].Timing
		if want := day(event).Add(fastTrack); !tm.Urgent || !tm.Deadline.Equal(want) {
			t.Errorf("%s: timing %+v, want urgent with deadline %s", id, tm, want.Format(time.DateOnly))
		}
	}
	// A customer on their own buying cycle (last order ten days ago, every
	// two weeks before) is left alone.
	if d := ds["active"]; d.Status != churn.Active || d.Action != winback.ActionNone {
		t.Errorf("active: status %s, action %s; want active, none", d.Status, d.Action)
	}
	// The partial policy replaces the personal channels and the margin and
	// keeps everything else; the request after it gets the defaults again.
	part := ds["vip-partial-policy"]
	if part.Channel != consent.ChannelPostal || plain.Channel == consent.ChannelPostal {
		t.Errorf("partial policy: channel %s (default policy %s), want postal (and not postal)", part.Channel, plain.Channel)
	}
	// Value is proportional to the margin (clv.CustomerValue: margin ×
	// discounted expected spend): 0.5 / 0.3 of the default, to the cent.
	want := plain.Value.Mul(decimal.NewFromInt(5)).DivRound(decimal.NewFromInt(3), 2)
	if diff := part.Value.Sub(want).Abs(); diff.GreaterThan(decimal.RequireFromString("0.02")) {
		t.Errorf("partial policy: value %s, want 5/3 × %s = %s", part.Value, plain.Value, want)
	}
	if !reflect.DeepEqual(ds["vip-again-default-policy"], plain) {
		t.Error("a request's partial policy changed the decision of a later request with the default policy")
	}
	// as_of keeps the caller's zone.
	if got := ds["given-models"].AsOf; got.Format(time.RFC3339) != "1998-06-30T12:00:00+02:00" {
		t.Errorf("given-models: as_of %s", got.Format(time.RFC3339))
	}
	// Decide never picks a channel the consent engine denies (winback.Decide
	// doc), here checked on every decision of the stream.
	for id, d := range ds {
		if d.Action.Contacts() && !d.Channels[d.Channel].Allowed {
			t.Errorf("%s: action %s via %s, which consent denies", id, d.Action, d.Channel)
		}
	}
}

// TestPolicyFileIsTheBase checks -policy: its fields replace the defaults
// for every request, and a request's own policy goes on top of it.
func TestPolicyFileIsTheBase(t *testing.T) {
	ds := validDecisions(t, "-policy", "testdata/shop_policy.json")
	// shop_policy.json: personal channels email, postal; margin 0.4.
	if d := ds["business"]; d.Channel == consent.ChannelPhone {
		t.Errorf("business: channel phone, which the policy file does not list")
	}
	// The request's own personal_channels and margin win over the file.
	if d := ds["vip-partial-policy"]; d.Channel != consent.ChannelPostal {
		t.Errorf("vip-partial-policy: channel %s, want postal", d.Channel)
	}
	def := validDecisions(t)
	if !ds["vip-partial-policy"].Value.Equal(def["vip-partial-policy"].Value) {
		t.Errorf("vip-partial-policy: the request's margin 0.5 should win over the file's 0.4")
	}
	if ds["vip-default-policy"].Value.Equal(def["vip-default-policy"].Value) {
		t.Errorf("vip-default-policy: the file's margin 0.4 should change the value")
	}
}

// TestDecisionsRoundTrip checks the promise of the format: every decision
// decodes into winback.Decision without unknown fields and encodes back to
// the same bytes; money is a decimal string and enumerations are strings.
func TestDecisionsRoundTrip(t *testing.T) {
	if decimal.MarshalJSONWithoutQuotes {
		t.Fatal("decimal.MarshalJSONWithoutQuotes is set: money would be written as JSON numbers")
	}
	out, err := runPlugin(t, readFile(t, "valid.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	for line := range strings.Lines(out) {
		var wire struct {
			Decision json.RawMessage `json:"decision"`
		}
		if err := json.Unmarshal([]byte(line), &wire); err != nil {
			t.Fatal(err)
		}
		var d winback.Decision
		dec := json.NewDecoder(bytes.NewReader(wire.Decision))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("decision does not decode: %v", err)
		}
		var again bytes.Buffer
		enc := json.NewEncoder(&again)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d); err != nil {
			t.Fatal(err)
		}
		if got := bytes.TrimSpace(again.Bytes()); !bytes.Equal(got, wire.Decision) {
			t.Fatalf("decision changes in a round trip:\n%s\n%s", clipLine(string(wire.Decision)), clipLine(string(got)))
		}
		var fields map[string]any
		if err := json.Unmarshal(wire.Decision, &fields); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"value", "recovery_value", "budget_cap",
			"status", "churn_type", "runner_up", "quadrant", "action", "channel", "incentive", "tone"} {
			if _, ok := fields[k].(string); !ok {
				t.Errorf("%s is %T, want a JSON string", k, fields[k])
			}
		}
	}
}
