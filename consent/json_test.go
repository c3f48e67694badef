package consent

import (
	"encoding"
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

type textEnum interface {
	encoding.TextMarshaler
	String() string
}

// Every enumeration value marshals to its identifier and back; values out
// of range fail to marshal; unknown identifiers fail to parse.
func TestEnumsRoundTripThroughText(t *testing.T) {
	check := func(name string, n int, val func(i int) textEnum, parse func([]byte) (textEnum, error)) {
		ids := map[string]bool{}
		for i := range n {
			v := val(i)
			b, err := v.MarshalText()
			if err != nil {
				t.Fatalf("%s(%d): %v", name, i, err)
			}
			if string(b) != v.String() || ids[string(b)] || strings.ToLower(string(b)) != string(b) {
				t.Errorf("%s(%d): id %q (String %q) not unique lower-case", name, i, b, v.String())
			}
			ids[string(b)] = true
			back, err := parse(b)
			if err != nil || back != v {
				t.Errorf("%s: %q parsed to %v, %v", name, b, back, err)
			}
		}
		if _, err := val(n).MarshalText(); err == nil {
			t.Errorf("%s(%d) out of range marshalled", name, n)
		}
		if _, err := parse([]byte("no-such-id")); err == nil {
			t.Errorf("%s: unknown id parsed", name)
		}
	}
	check("Channel", int(channelCount), func(i int) textEnum { return Channel(i) }, func(b []byte) (textEnum, error) { var v Channel; err := v.UnmarshalText(b); return v, err })
	check("RecipientKind", int(recipientKindCount), func(i int) textEnum { return RecipientKind(i) }, func(b []byte) (textEnum, error) { var v RecipientKind; err := v.UnmarshalText(b); return v, err })
	check("Purpose", int(purposeCount), func(i int) textEnum { return Purpose(i) }, func(b []byte) (textEnum, error) { var v Purpose; err := v.UnmarshalText(b); return v, err })
	check("Content", int(contentCount), func(i int) textEnum { return Content(i) }, func(b []byte) (textEnum, error) { var v Content; err := v.UnmarshalText(b); return v, err })
	check("Scope", int(scopeCount), func(i int) textEnum { return Scope(i) }, func(b []byte) (textEnum, error) { var v Scope; err := v.UnmarshalText(b); return v, err })
	check("Method", int(methodCount), func(i int) textEnum { return Method(i) }, func(b []byte) (textEnum, error) { var v Method; err := v.UnmarshalText(b); return v, err })
	check("ListStatus", int(listStatusCount), func(i int) textEnum { return ListStatus(i) }, func(b []byte) (textEnum, error) { var v ListStatus; err := v.UnmarshalText(b); return v, err })
	check("Rule", int(ruleCount), func(i int) textEnum { return Rule(i) }, func(b []byte) (textEnum, error) { var v Rule; err := v.UnmarshalText(b); return v, err })
	check("Reason", int(reasonCount), func(i int) textEnum { return Reason(i) }, func(b []byte) (textEnum, error) { var v Reason; err := v.UnmarshalText(b); return v, err })
	check("Fact", int(factCount), func(i int) textEnum { return Fact(i) }, func(b []byte) (textEnum, error) { var v Fact; err := v.UnmarshalText(b); return v, err })
}

// Stable identifiers are part of the API: spot-check the ones callers store.
func TestStableIdentifiers(t *testing.T) {
	for v, want := range map[textEnum]string{
		ChannelAutomatedCall: "automated_call", ChannelInApp: "in_app", RulePhone: "uwg-7-2-1",
		RuleElectronic: "uwg-7-2-2", RuleMessageDuties: "uwg-7-2-3", RuleExistingCustomer: "uwg-7-3",
		RulePostal: "uwg-7-1", RuleObjection: "gdpr-21", ListNotListed: "not_listed",
	} {
		if v.String() != want {
			t.Errorf("%#v.String() = %q, want %q", v, v.String(), want)
		}
	}
}

// Every reason names a statute; reasons on contested or judge-made points
// name a court decision with a docket.
func TestReasonsCiteTheirSources(t *testing.T) {
	for r := Reason(0); r < reasonCount; r++ {
		if r.Text() == "" || r.Statute() == "" {
			t.Errorf("%v: text %q statute %q", r, r.Text(), r.Statute())
		}
	}
	for _, r := range []Reason{ReasonNoDoubleOptIn, ReasonNoActiveOptIn, ReasonConsentStale, ReasonFeedbackIsAdvertising,
		ReasonMixedIsAdvertising, ReasonBusinessPresumedConsent, ReasonPushInAppAsEmail, ReasonCallIssueNotStated, ReasonObjection} {
		if !strings.Contains(r.Court(), "judgment of") && !strings.Contains(r.Court(), "decision of") {
			t.Errorf("%v: court %q names no decision", r, r.Court())
		}
	}
}

func TestDecisionJSON(t *testing.T) {
	d, err := Evaluate(base(withRec(ChannelEmail, func(c *ConsentRecord) { c.DoubleOptIn = false })), ChannelEmail, Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"allowed":false`, `"rule":"uwg-7-2-2"`, `"code":"no_double_opt_in"`, `I ZR 164/09`, `"double_opt_in"`} {
		if !strings.Contains(string(b), want) {
			t.Errorf("JSON %s lacks %s", b, want)
		}
	}
	var back Decision
	if err := json.Unmarshal(b, &back); err != nil || back != d {
		t.Errorf("round trip: %+v, %v; want %+v", back, err, d)
	}
}

func TestRequestJSONUsesIdentifiers(t *testing.T) {
	in := `{"date":"2025-03-01T00:00:00Z","recipient":"business","message":{"purpose":"mixed","content":"own_similar",
		"sender_identified":true,"ddg_compliant":true,"opt_out_address":true},
		"consents":[{"channel":"email","scope":"own_all","method":"written","granted_at":"2024-10-01T00:00:00Z","active_opt_in":true,"documented":true}],
		"postal_list":"not_listed"}`
	var r Request
	if err := json.Unmarshal([]byte(in), &r); err != nil {
		t.Fatal(err)
	}
	d, err := Evaluate(r, ChannelEmail, Options{})
	if err != nil || !d.Allowed || d.Rule != RuleElectronic || !d.Reasons.Has(ReasonMixedIsAdvertising) {
		t.Errorf("decision %+v, %v", d, err)
	}
	if err := json.Unmarshal([]byte(`{"date":"2025-03-01T00:00:00Z","consents":[{"channel":"carrier_pigeon"}]}`), &r); err == nil {
		t.Error("unknown channel identifier accepted")
	}
}

func TestDecisionJSONRejectsUnknownCodes(t *testing.T) {
	var d Decision
	err := json.Unmarshal([]byte(`{"reasons":[{"code":"no_such_reason"}]}`), &d)
	if err == nil {
		t.Error("unknown reason code accepted")
	}
	if err := json.Unmarshal([]byte(`{"missing":["no_such_fact"]}`), &d); err == nil || errors.Is(err, ErrInvalidInput) {
		t.Errorf("unknown fact: err = %v", err)
	}
}

func TestChannelDecisionsJSONRoundTrip(t *testing.T) {
	all, err := EvaluateAll(benchRequest(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(all)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), `"email":{"allowed":true,"rule":"uwg-7-2-2"`) || strings.Contains(string(b), `"unknown"`) {
		t.Errorf("JSON %s", b)
	}
	var back ChannelDecisions
	if err := json.Unmarshal(b, &back); err != nil || back != all {
		t.Errorf("round trip: %v", err)
	}
	if err := json.Unmarshal([]byte(`{"unknown":{}}`), &back); err == nil {
		t.Error("decision for the unknown channel accepted")
	}
}
