package main

import (
	"testing"
)

// TestBadRequestsNameTheField is the contract of the errors of
// testdata/bad.ndjson: code and JSON path per request (the golden file
// holds the messages too).
func TestBadRequestsNameTheField(t *testing.T) {
	want := []struct{ id, code, field string }{
		{"unknown-enum", codeInvalidInput, "customer.events[0].kind"},
		{"unknown-field", codeInvalidInput, "customer.nickname"},
		{"unknown-top-level-field", codeInvalidInput, "customer_id"},
		{"schema-2", codeUnsupportedSchema, "schema_version"},
		{"schema-missing", codeUnsupportedSchema, "schema_version"},
		{"schema-string", codeUnsupportedSchema, "schema_version"},
		{"order-of-another-customer", codeInvalidInput, "customer.orders[1].customer_id"},
		{"zero-order-time", codeInvalidInput, "customer.orders[1].time"},
		{"as-of-missing", codeInvalidInput, "as_of"},
		{"as-of-german", codeInvalidInput, "as_of"},
		{"as-of-far-future", codeInvalidInput, "as_of"}, // churn: dates in 1900–2199
		{"order-time-date-only", codeInvalidInput, "customer.orders[0].time"},
		{"amount-comma", codeInvalidInput, "customer.orders[1].amount"},
		{"amount-negative", codeInvalidInput, "customer.orders[1].amount"},
		{"amount-five-places", codeInvalidInput, "customer.orders[1].amount"},
		{"no-purchase-before-as-of", codeUndefined, "customer.orders"},
		{"policy-margin", codeInvalidInput, "policy.margin"},
		{"policy-unknown-field", codeInvalidInput, "policy.margins"},
		{"policy-unknown-channel", codeInvalidInput, "policy.automated_channels[1]"},
		{"models-partial", codeInvalidInput, "models.transactions.r"},
		{"consent-revoked-before-granted", codeInvalidInput, "customer.contact.consents[0].revoked_at"},
		{"nps-score-out-of-range", codeInvalidInput, "customer.events[0].score"},
		{"", codeInvalidInput, "id"}, // a number as id: nothing to echo
		{"", codeInvalidInput, ""},   // an array
		{"", codeInvalidInput, ""},   // null
		{"customer-missing", codeInvalidInput, "customer"},
		{"customer-string", codeInvalidInput, "customer"},
		{"negative-referrals", codeInvalidInput, "customer.profile.referrals"},
		{"unknown-recipient", codeInvalidInput, "customer.contact.recipient"},
		{"unknown-event-channel", codeInvalidInput, "customer.events[1].channel"},
		{"items-not-integer", codeInvalidInput, "customer.orders[0].items"},
		{"", codeInvalidInput, "customer.id"},
	}
	out, err := runPlugin(t, readFile(t, "bad.ndjson"))
	if err != nil {
		t.Fatal(err)
	}
	got := decodeResponses(t, out)
	if len(got) != len(want) {
		t.Fatalf("%d responses, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.SchemaVersion != schemaVersion || g.Decision != nil || g.Error == nil {
			t.Errorf("response %d (%s): want an error, got %+v", i+1, w.id, g)
			continue
		}
		if g.ID != w.id || g.Error.Code != w.code || g.Error.Field != w.field || g.Error.Message == "" {
			t.Errorf("response %d: id %q, %s at %q (%s); want id %q, %s at %q",
				i+1, g.ID, g.Error.Code, g.Error.Field, g.Error.Message, w.id, w.code, w.field)
		}
	}
}
