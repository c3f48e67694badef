package winback

import (
	"fmt"
	"slices"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/check"
)

// eventScan is what one pass over a customer's events up to the decision
// date yields for the decision chain.
type eventScan struct {
	contractEnd time.Time // latest cancellation or deletion in force
	trigger     time.Time // latest cancellation or abandoned cart within the fast-track window
	lastContact time.Time // latest marketing message
	oldest      time.Time // oldest marketing message within the contact window
	inWindow    int       // marketing messages within the contact window
}

// scanEvents validates the customer's events and, in the same pass,
// converts those up to asOf into churn's vocabulary (s.events), collects
// objections (s.objections: every objection and unsubscribe, on any
// channel) and the dates timing needs. A cancellation revoked later is
// dropped, since the customer withdrew it.
func (s *decideState) scanEvents(c *Customer, p Policy, asOf time.Time) (eventScan, error) {
	var sc eventScan
	var revoked time.Time
	fast := time.Duration(p.FastTrackDays) * 24 * time.Hour
	window := time.Duration(p.ContactWindowDays) * 24 * time.Hour
	s.events, s.objections = s.events[:0], append(s.objections[:0], c.Contact.Objections...)
	for i := range c.Events {
		e := &c.Events[i]
		if err := validEventOf(c.ID, i, e); err != nil {
			return sc, err
		}
		if e.Time.After(asOf) {
			continue
		}
		if ce, ok := churnEvent(e); ok {
			s.events = append(s.events, ce)
		}
		age := asOf.Sub(e.Time)
		switch e.Kind {
		case EventCancellationRevoked:
			revoked = later(revoked, e.Time)
		case EventObjection, EventUnsubscribe:
			s.objections = append(s.objections, consent.Objection{Date: e.Time, Channel: consentChannel(e.Channel)})
		case EventEmailSent:
			sc.lastContact = later(sc.lastContact, e.Time)
			if age < window {
				sc.inWindow++
				if sc.oldest.IsZero() || e.Time.Before(sc.oldest) {
					sc.oldest = e.Time
				}
			}
		}
		if e.Kind == EventCancellation || e.Kind == EventAbandonedCart {
			if age < fast {
				sc.trigger = later(sc.trigger, e.Time)
			}
		}
		if e.Kind == EventCancellation {
			sc.contractEnd = later(sc.contractEnd, e.Time)
		}
	}
	if !revoked.IsZero() {
		s.events = slices.DeleteFunc(s.events, func(ce churn.Event) bool {
			return ce.Kind == churn.Cancellation && !ce.Date.After(revoked)
		})
		if !sc.contractEnd.After(revoked) {
			sc.contractEnd = time.Time{}
		}
		if !sc.trigger.After(revoked) {
			sc.trigger = time.Time{}
		}
	}
	return sc, nil
}

func validEventOf(id string, i int, e *Event) error {
	if err := e.Validate(); err != nil {
		return check.Within(fmt.Sprintf("events[%d]", i), err)
	}
	if e.CustomerID != id {
		return check.New(ErrInvalidInput, fmt.Sprintf("events[%d].CustomerID", i), "is %q, not the customer's id %q", e.CustomerID, id)
	}
	return nil
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// timing turns the scan into when to act: fast track after a cancellation
// or an abandoned cart, and the contact-frequency limits of the policy.
func (sc eventScan) timing(events []Event, p Policy, asOf time.Time) Timing {
	t := Timing{NotBefore: asOf}
	window := time.Duration(p.ContactWindowDays) * 24 * time.Hour
	gap := time.Duration(p.MinContactGapDays) * 24 * time.Hour
	if !sc.lastContact.IsZero() && sc.lastContact.Add(gap).After(t.NotBefore) {
		t.NotBefore = sc.lastContact.Add(gap)
	}
	if sc.inWindow >= p.MaxContacts {
		// Wait until enough contacts have left the window for one more.
		if free := windowFree(events, asOf, window, sc.inWindow-p.MaxContacts, sc.oldest); free.After(t.NotBefore) {
			t.NotBefore = free
		}
	}
	if !sc.trigger.IsZero() {
		t.Urgent = true
		t.Deadline = sc.trigger.Add(time.Duration(p.FastTrackDays) * 24 * time.Hour)
	}
	return t
}
