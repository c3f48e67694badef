// Package synth makes deterministic synthetic events and contact facts for
// customers whose real order log has none (such as the CDNOW sample), so
// that the examples and tests can run the whole decision chain. Nothing
// here is real data: the events and consents are drawn from a random
// source seeded by the customer id and a seed, so the same customer always
// gets the same synthetic history.
package synth

import (
	"hash/fnv"
	"iter"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/consent"
)

// Customer returns the customer with the given orders (all of one
// customer, in any order) and synthetic events and contact facts up to
// asOf, drawn deterministically from id and seed.
func Customer(id string, orders []winback.Order, asOf time.Time, seed uint64) winback.Customer {
	h := fnv.New64a()
	h.Write([]byte(id))
	rng := rand.New(rand.NewPCG(seed, h.Sum64()))
	c := winback.Customer{ID: id, Orders: orders}
	if len(orders) == 0 {
		return c
	}
	first, last := span(orders)
	c.Events = events(rng, id, first, last, asOf)
	c.Contact = contact(rng, first, asOf)
	c.Profile = winback.Profile{
		Referrals: rng.IntN(3) * rng.IntN(3),
		Reviews:   rng.IntN(2) * rng.IntN(5),
		Prestige:  rng.Float64() < 0.01,
		Defaulted: rng.Float64() < 0.01,
		Fraud:     rng.Float64() < 0.002,
	}
	return c
}

func span(orders []winback.Order) (first, last time.Time) {
	first, last = orders[0].Time, orders[0].Time
	for _, o := range orders[1:] {
		if o.Time.Before(first) {
			first = o.Time
		}
		if o.Time.After(last) {
			last = o.Time
		}
	}
	return first, last
}

const day = 24 * time.Hour

// at returns a time uniformly in [from, to], or from when to ≤ from.
func at(rng *rand.Rand, from, to time.Time) time.Time {
	if !to.After(from) {
		return from
	}
	return from.Add(time.Duration(rng.Int64N(int64(to.Sub(from)/day)+1)) * day)
}

func events(rng *rand.Rand, id string, first, last, asOf time.Time) []winback.Event {
	var ev []winback.Event
	add := func(k winback.EventKind, t time.Time) *winback.Event {
		ev = append(ev, winback.Event{CustomerID: id, Time: t, Kind: k, Channel: winback.ChannelEmail})
		return &ev[len(ev)-1]
	}
	// Marketing e-mails every four weeks or so since the first order, with
	// an opening rate that falls after the last order.
	for t := first.Add(time.Duration(7+rng.IntN(21)) * day); !t.After(asOf); t = t.Add(time.Duration(21+rng.IntN(21)) * day) {
		add(winback.EventEmailSent, t)
		rate := 0.5
		if t.After(last) {
			rate = 0.15
		}
		if rng.Float64() < rate {
			add(winback.EventEmailOpened, t.Add(day))
		}
	}
	for range rng.IntN(6) {
		v := add(winback.EventSiteVisit, at(rng, first, asOf))
		v.Channel = winback.ChannelWeb
	}
	if rng.Float64() < 0.15 {
		c := add(winback.EventComplaint, at(rng, first, last.Add(30*day)))
		c.Outcome = []winback.ComplaintOutcome{winback.OutcomeResolved, winback.OutcomeRejected, winback.OutcomeEscalated}[rng.IntN(3)]
	}
	if rng.Float64() < 0.12 {
		t := add(winback.EventSupportTicket, at(rng, first, last.Add(30*day)))
		t.Answered = rng.Float64() < 0.5
	}
	if rng.Float64() < 0.08 {
		add(winback.EventPaymentFailure, at(rng, first, last.Add(14*day)))
	}
	if rng.Float64() < 0.15 {
		add(winback.EventNPSAnswer, at(rng, first, asOf)).Score = rng.IntN(11)
	}
	if rng.Float64() < 0.05 {
		add(winback.EventUnsubscribe, at(rng, last, asOf))
	}
	ev = slices.DeleteFunc(ev, func(e winback.Event) bool { return e.Time.After(asOf) })
	slices.SortStableFunc(ev, func(a, b winback.Event) int { return a.Time.Compare(b.Time) })
	return ev
}

func contact(rng *rand.Rand, first, asOf time.Time) consent.Request {
	req := consent.Request{
		Recipient:        consent.RecipientConsumer,
		ExistingCustomer: consent.ExistingCustomer{AddressFromSale: true, NoticeAtCollection: rng.Float64() < 0.7},
		PostalList:       []consent.ListStatus{consent.ListNotListed, consent.ListListed, consent.ListUnknown}[pick(rng, 0.8, 0.1)],
	}
	if rng.Float64() < 0.6 {
		granted := at(rng, first, asOf)
		req.Consents = append(req.Consents, consent.ConsentRecord{
			Channel: consent.ChannelEmail, Scope: consent.ScopeOwnAll, Method: consent.MethodOnlineForm,
			GrantedAt: granted, ActiveOptIn: true, DoubleOptIn: rng.Float64() < 0.9, Documented: true,
			LastUsedAt: at(rng, granted, asOf),
		})
	}
	if rng.Float64() < 0.15 {
		granted := at(rng, first, asOf)
		req.Consents = append(req.Consents, consent.ConsentRecord{
			Channel: consent.ChannelPhone, Scope: consent.ScopeOwnAll, Method: consent.MethodWritten,
			GrantedAt: granted, ActiveOptIn: true, Documented: rng.Float64() < 0.9,
			LastUsedAt: at(rng, granted, asOf),
		})
	}
	return req
}

// pick returns 0 with probability p0, 1 with probability p1, else 2.
func pick(rng *rand.Rand, p0, p1 float64) int {
	u := rng.Float64()
	switch {
	case u < p0:
		return 0
	case u < p0+p1:
		return 1
	}
	return 2
}

// Customers groups an order log by customer, in the order customers first
// appear, and gives each one synthetic events and contact facts (see
// Customer). It stops at the first error of the sequence.
func Customers(orders iter.Seq2[winback.Order, error], asOf time.Time, seed uint64) ([]winback.Customer, error) {
	index := map[string]int{}
	var byCustomer [][]winback.Order
	var ids []string
	for o, err := range orders {
		if err != nil {
			return nil, err
		}
		i, ok := index[o.CustomerID]
		if !ok {
			i = len(ids)
			index[o.CustomerID] = i
			ids = append(ids, o.CustomerID)
			byCustomer = append(byCustomer, nil)
		}
		byCustomer[i] = append(byCustomer[i], o)
	}
	out := make([]winback.Customer, len(ids))
	for i, id := range ids {
		out[i] = Customer(id, byCustomer[i], asOf, seed)
	}
	return out, nil
}
