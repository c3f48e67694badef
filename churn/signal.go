package churn

import (
	"iter"
	"math/bits"
)

// SignalID names one early-warning signal. Identifiers are stable; see
// String. The table in the package documentation defines each signal.
type SignalID uint8

// Signals, in their stable order.
const (
	FallingFrequency      SignalID = iota // purchases per 30 days fell against the baseline window
	FallingOrderValue                     // mean order value fell against the baseline window
	FewerEmailOpens                       // opens per 30 days fell against the baseline window
	FewerSiteVisits                       // site visits per 30 days fell against the baseline window
	RisingDiscountShare                   // discount share of order value rose against the baseline window
	HighDiscountShare                     // most purchases (lifetime) carried a discount: buys on sale
	OverContact                           // many messages in the recent window and few reactions
	NoRecentContact                       // the shop used to write and stopped
	BrowsingWithoutBuying                 // visits in the recent window but no purchase: comparison shopping
	AbruptStop                            // regular buyer, no purchase at all in the recent window
	Complaints                            // complaints in the incident window
	FailedComplaints                      // complaints rejected or escalated in the incident window
	QualityComplaints                     // complaints about product quality in the incident window
	Returns                               // returned purchases and return events in the incident window
	QualityReturns                        // returns for product quality in the incident window
	PaymentFailures                       // failed payments in the incident window
	UnansweredTickets                     // support tickets left unanswered in the incident window
	Unsubscribed                          // unsubscribes in the incident window
	AddressChanged                        // address changes in the incident window
	LifeChange                            // life events in the incident window
	LowNPS                                // the latest NPS answer is a detractor's
	ShortTenure                           // first purchase recent: a young relationship
	LongTenure                            // first purchase long ago: a long, loyal relationship
	PremiumBuyer                          // lifetime mean order value at or above a premium level
	NegativeMargin                        // the relationship's contribution margin is negative
	PaymentDefault                        // the customer defaulted on payment
	Fraud                                 // fraud was established
	numSignals
)

// NumSignals is the number of defined signals; arrays indexed by SignalID
// have this length. It grows when signals are appended.
const NumSignals = int(numSignals)

// Signal is one evaluated early-warning signal.
type Signal struct {
	ID        SignalID `json:"id"`
	Evaluated bool     `json:"evaluated"` // enough data to judge; an unevaluated signal never fires
	Fired     bool     `json:"fired"`     // Value crossed Threshold (see the package table for the direction)
	Value     float64  `json:"value"`     // the customer's recent figure, in the signal's unit
	Baseline  float64  `json:"baseline"`  // the customer's own earlier figure in the same unit; 0 where the signal has none
	Threshold float64  `json:"threshold"` // the figure at which the signal fires, already derived from Baseline where relative
}

// SignalSet is a set of signals as a bit set; the zero value is empty.
type SignalSet uint64

// With returns s with id added.
func (s SignalSet) With(id SignalID) SignalSet { return s | 1<<id }

// Has reports whether id is in s.
func (s SignalSet) Has(id SignalID) bool { return s&(1<<id) != 0 }

// Len returns the number of signals in s.
func (s SignalSet) Len() int { return bits.OnesCount64(uint64(s)) }

// All yields the signals in s in id order.
func (s SignalSet) All() iter.Seq[SignalID] {
	return func(yield func(SignalID) bool) {
		for v := uint64(s); v != 0; v &= v - 1 {
			if !yield(SignalID(bits.TrailingZeros64(v))) {
				return
			}
		}
	}
}

// Report holds every signal of one customer on one date, indexed by
// SignalID, plus the exit reasons the customer stated.
type Report struct {
	Signals [NumSignals]Signal `json:"signals"`
	Fired   SignalSet          `json:"fired"`   // the signals with Fired set
	Reasons ReasonSet          `json:"reasons"` // exit-survey reasons stated on or before the date
}

// Signal returns the entry for id.
func (r Report) Signal(id SignalID) Signal { return r.Signals[id] }
