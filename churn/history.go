package churn

import (
	"fmt"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// EventKind is what happened to or with a customer besides a purchase. The
// zero value is invalid (unspecified). Identifiers are stable; see String.
type EventKind uint8

// Event kinds. The first group mirrors the shop events of the root package
// one to one; the rest are churn's own additions.
const (
	KindUnspecified EventKind = iota // zero value, rejected by validation
	Cancellation                     // contract or subscription cancelled by the customer
	AccountDeleted                   // customer deleted the account
	Complaint                        // complaint; Outcome says how it ended, Quality if about product quality
	Ticket                           // support ticket; Answered says whether the shop answered
	PaymentFailure                   // a payment attempt failed
	AddressChange                    // postal address changed
	EmailSent                        // a marketing message was sent (any channel)
	EmailOpened                      // a message was opened
	EmailClicked                     // a link in a message was clicked
	SiteVisit                        // a visit to the shop's site or app
	Unsubscribe                      // the customer unsubscribed from marketing
	NPS                              // a net-promoter answer; Score is 0–10
	Return                           // goods sent back; Quality if the reason was product quality
	LifeEvent                        // a known life or business change (birth, new job, move, closure)
	ExitReason                       // an exit-survey answer; Reason says which
	numEventKinds
)

// Outcome is how a complaint ended. The zero value is Open.
type Outcome uint8

// Complaint outcomes.
const (
	Open      Outcome = iota // not yet decided
	Resolved                 // settled to the customer's satisfaction
	Rejected                 // turned down by the shop
	Escalated                // escalated (to management, an arbitration board, a review site)
	numOutcomes
)

// Purchase is one purchase occasion. Merge same-day orders into one purchase
// before calling if you follow the buy-till-you-die convention; the package
// counts each Purchase as one occasion.
type Purchase struct {
	Date     time.Time `json:"date"`     // when it was bought; must not be zero
	Amount   float64   `json:"amount"`   // amount paid, currency units, finite, 0 ≤ Amount ≤ 1e8
	Discount float64   `json:"discount"` // discount granted on top of Amount, currency units, finite, 0 ≤ Discount ≤ 1e8
	Items    int       `json:"items"`    // number of items, ≥ 0 (informational)
	Returned bool      `json:"returned"` // the goods (or part of them) were sent back
}

// Event is one non-purchase event. Only the fields that belong to Kind are
// read; the others are ignored.
type Event struct {
	Date     time.Time `json:"date"`     // when it happened; must not be zero
	Kind     EventKind `json:"kind"`     // what happened; must be a defined kind other than KindUnspecified
	Outcome  Outcome   `json:"outcome"`  // Complaint only: how it ended
	Quality  bool      `json:"quality"`  // Complaint and Return only: about product quality
	Answered bool      `json:"answered"` // Ticket only: the shop answered
	Score    int       `json:"score"`    // NPS only: the answer, 0–10
	Reason   Reason    `json:"reason"`   // ExitReason only: the reason given
}

// Facts are what the company knows about the relationship beyond events. The
// zero value means "nothing known": no margin data, no default, no fraud, no
// P(alive).
type Facts struct {
	Margin    float64 `json:"margin"`      // contribution margin of the relationship to date, currency units, finite; < 0 fires negative_margin
	Defaulted bool    `json:"defaulted"`   // the customer defaulted on payment (debt collection, write-off)
	Fraud     bool    `json:"fraud"`       // fraud was established
	PAlive    float64 `json:"p_alive"`     // P(alive) from a fitted model (e.g. clv), in [0, 1]; read only when HasPAlive
	HasPAlive bool    `json:"has_p_alive"` // PAlive is set
}

// History is everything the package knows about one customer. Order does not
// matter: results are the same for any permutation of Purchases and Events,
// and entries dated after the decision date are ignored (but validated).
type History struct {
	Purchases []Purchase `json:"purchases"`
	Events    []Event    `json:"events"`
	Facts     Facts      `json:"facts"`
}

// Date range accepted for inputs, [1900-01-01, 2200-01-01) UTC in Unix
// seconds; inside it time.Time.UnixNano is exact.
const (
	minSec = -2208988800
	maxSec = 7258118400
)

const (
	maxAmount  = 1e8       // largest accepted amount or discount per purchase
	maxEntries = 1_000_000 // most purchases (and most events) per history; keeps fixed-point sums exact
	fixedScale = 1e4       // amounts are summed in 1/10000 currency units
	day        = int64(24 * time.Hour)
)

// nanos converts a validated date to Unix nanoseconds.
func nanos(t time.Time) int64 { return t.UnixNano() }

// fixed converts a validated (non-negative) amount to fixed-point units,
// rounding half up, so that sums do not depend on the order of the terms.
func fixed(v float64) int64 { return int64(v*fixedScale + 0.5) }

// dateNanos checks t and returns it in Unix nanoseconds.
func dateNanos(field func(string) string, name string, t time.Time) (int64, error) {
	if sec := t.Unix(); sec >= minSec && sec < maxSec {
		return sec*1e9 + int64(t.Nanosecond()), nil
	}
	return 0, checkDate(field, name, t)
}

func checkDate(field func(string) string, name string, t time.Time) error {
	if sec := t.Unix(); sec >= minSec && sec < maxSec {
		return nil
	}
	if t.IsZero() {
		return check.New(ErrInvalidInput, field(name), "date is missing (zero time)")
	}
	return check.New(ErrInvalidInput, field(name), "date %s outside 1900–2199", t.Format(time.DateOnly))
}

func checkAsOf(asOf time.Time) error {
	return checkDate(func(string) string { return "asOf" }, "", asOf)
}

func checkAmount(field func(string) string, name string, v float64) error {
	if v >= 0 && v <= maxAmount {
		return nil // also false for NaN
	}
	if err := check.NonNegative(ErrInvalidInput, field(name), v); err != nil {
		return err
	}
	if v > maxAmount {
		return check.New(ErrInvalidInput, field(name), "must be ≤ %g, got %v", maxAmount, v)
	}
	return nil
}

// validate checks p and returns its date in Unix nanoseconds.
func (p *Purchase) validate(i int) (int64, error) {
	f := func(name string) string { return fmt.Sprintf("purchases[%d].%s", i, name) }
	t, err := dateNanos(f, "Date", p.Date)
	if err != nil {
		return 0, err
	}
	if err := checkAmount(f, "Amount", p.Amount); err != nil {
		return 0, err
	}
	if err := checkAmount(f, "Discount", p.Discount); err != nil {
		return 0, err
	}
	if p.Items < 0 {
		return 0, check.New(ErrInvalidInput, f("Items"), "must be ≥ 0, got %d", p.Items)
	}
	return t, nil
}

// validate checks e and returns its date in Unix nanoseconds.
func (e *Event) validate(i int) (int64, error) {
	f := func(name string) string { return fmt.Sprintf("events[%d].%s", i, name) }
	t, err := dateNanos(f, "Date", e.Date)
	if err != nil {
		return 0, err
	}
	switch e.Kind {
	case KindUnspecified:
		return 0, check.New(ErrInvalidInput, f("Kind"), "event kind is unspecified")
	case Complaint:
		if e.Outcome >= numOutcomes {
			return 0, check.New(ErrInvalidInput, f("Outcome"), "invalid outcome %v", e.Outcome)
		}
	case NPS:
		if e.Score < 0 || e.Score > 10 {
			return 0, check.New(ErrInvalidInput, f("Score"), "NPS answer must be 0–10, got %d", e.Score)
		}
	case ExitReason:
		if e.Reason >= numReasons {
			return 0, check.New(ErrInvalidInput, f("Reason"), "invalid reason %v", e.Reason)
		}
	default:
		if e.Kind >= numEventKinds {
			return 0, check.New(ErrInvalidInput, f("Kind"), "invalid event kind %v", e.Kind)
		}
	}
	return t, nil
}

func (fs *Facts) validate() error {
	if err := check.Finite(ErrInvalidInput, "facts.Margin", fs.Margin); err != nil {
		return err
	}
	if fs.HasPAlive {
		if err := check.Probability(ErrInvalidInput, "facts.PAlive", fs.PAlive); err != nil {
			return err
		}
	}
	return nil
}

// Validate reports the first invalid purchase, event or fact, naming it
// (e.g. "purchases[3].Amount").
func (h History) Validate() error {
	if len(h.Purchases) > maxEntries {
		return check.New(ErrInvalidInput, "purchases", "more than %d purchases", maxEntries)
	}
	if len(h.Events) > maxEntries {
		return check.New(ErrInvalidInput, "events", "more than %d events", maxEntries)
	}
	for i := range h.Purchases {
		if _, err := h.Purchases[i].validate(i); err != nil {
			return err
		}
	}
	for i := range h.Events {
		if _, err := h.Events[i].validate(i); err != nil {
			return err
		}
	}
	return h.Facts.validate()
}
