package main

import (
	"net/http"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/internal/synth"
)

// genCustomer draws a customer: orders around the decision date, synthetic
// events and consent facts (internal/synth), a profile, and in about one
// draw of five one defect the service must reject (an empty id, a foreign
// order, a negative amount or one with more than four decimal places, a
// negative referral count, an event of another customer).
func genCustomer(t *rapid.T, asOf time.Time) winback.Customer {
	id := rapid.SampledFrom([]string{"c1", "c2", "00042"}).Draw(t, "id")
	var orders []winback.Order
	for range rapid.IntRange(0, 8).Draw(t, "orders") {
		days := rapid.IntRange(-800, 30).Draw(t, "days")
		amount := decimal.New(rapid.Int64Range(0, 10000000).Draw(t, "cents"), -2)
		orders = append(orders, winback.Order{CustomerID: id, Time: asOf.AddDate(0, 0, days), Amount: amount})
	}
	c := synth.Customer(id, orders, asOf, rapid.Uint64().Draw(t, "seed"))
	c.Profile.Fraud = rapid.IntRange(0, 5).Draw(t, "fraud") == 0
	switch defect := rapid.IntRange(0, 29).Draw(t, "defect"); {
	case defect == 0:
		c.ID = ""
	case defect == 1 && len(c.Orders) > 0:
		c.Orders[0].CustomerID = "other"
	case defect == 2 && len(c.Orders) > 0:
		c.Orders[len(c.Orders)-1].Amount = decimal.NewFromInt(-1)
	case defect == 3 && len(c.Orders) > 0:
		c.Orders[0].Amount = decimal.New(123456789, -6)
	case defect == 4:
		c.Profile.Referrals = -1
	case defect == 5 && len(c.Events) > 0:
		c.Events[0].CustomerID = "other"
	}
	return c
}

// TestDecideAnswersEveryCustomer: whatever the customer, POST /v1/decide
// answers 200, 400 or 422 with a JSON body; a 200 decision never contacts
// on a channel the consent engine denies and never approaches a customer
// marked as fraud.
func TestDecideAnswersEveryCustomer(t *testing.T) {
	h := testServer(t, 0)
	asOf := time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(t *rapid.T) {
		c := genCustomer(t, asOf)
		w := post(t, h, "/v1/decide", map[string]any{"as_of": asOf, "customer": c})
		switch w.Code {
		case http.StatusOK:
			var got decideResponse
			ok(t, w, &got)
			d := got.Decision
			if d.Action.Contacts() && !d.Channels[d.Channel].Allowed {
				t.Fatalf("action %v on %v, which consent denies", d.Action, d.Channel)
			}
			if c.Profile.Fraud && d.Action.Contacts() {
				t.Fatalf("fraud customer gets %v", d.Action)
			}
		case http.StatusBadRequest, http.StatusUnprocessableEntity:
			if e := apiErr(t, w); e.Field == "" {
				t.Fatalf("%d without a field: %s", w.Code, e.Message)
			}
		default:
			t.Fatalf("status %d: %s", w.Code, w.Body)
		}
	})
}
