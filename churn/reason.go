package churn

import (
	"fmt"
	"iter"
	"math/bits"

	"github.com/kundenwert/winback/internal/check"
)

// Reason is an exit-survey answer (seed 000, "Gründe für die Abwanderung").
// Identifiers are stable; see String.
type Reason uint8

// Churn reasons.
const (
	PriceTransparency Reason = iota // price or shipping costs unclear or revealed late (Kosten- und Preistransparenz)
	Delivery                        // delivery too slow or unreliable (Liefererlebnis)
	PaymentOptions                  // preferred payment method missing (Zahlungskomfort)
	Personalisation                 // no personalisation, unsuitable recommendations (Personalisierung)
	Service                         // poor service: slow answers, no solutions (Servicequalität)
	Communication                   // too frequent or irrelevant messages (Kommunikation)
	BetterOffer                     // a better offer elsewhere
	NotNeeded                       // no longer needed
	OtherReason                     // anything else
	numReasons
)

// NumReasons is the number of defined reasons.
const NumReasons = int(numReasons)

// ReasonSet is a set of reasons as a bit set; the zero value is empty.
type ReasonSet uint16

// With returns s with r added.
func (s ReasonSet) With(r Reason) ReasonSet { return s | 1<<r }

// Has reports whether r is in s.
func (s ReasonSet) Has(r Reason) bool { return s&(1<<r) != 0 }

// Len returns the number of reasons in s.
func (s ReasonSet) Len() int { return bits.OnesCount16(uint16(s)) }

// All yields the reasons in s in id order.
func (s ReasonSet) All() iter.Seq[Reason] {
	return func(yield func(Reason) bool) {
		for v := uint16(s); v != 0; v &= v - 1 {
			if !yield(Reason(bits.TrailingZeros16(v))) {
				return
			}
		}
	}
}

// LikelyTypes returns the churn types a stated reason points to (table in
// the package documentation). OtherReason and invalid values point nowhere.
func (r Reason) LikelyTypes() TypeSet {
	var s TypeSet
	switch r {
	case PriceTransparency:
		s = s.With(BargainHunter).With(CashStrapped)
	case Delivery:
		s = s.With(Disappointed).With(Switcher)
	case PaymentOptions:
		s = s.With(CashStrapped).With(Switcher)
	case Personalisation:
		s = s.With(Neglected)
	case Service:
		s = s.With(Neglected).With(Demanding)
	case Communication:
		s = s.With(Overwhelmed)
	case BetterOffer:
		s = s.With(Switcher).With(BargainHunter)
	case NotNeeded:
		s = s.With(Relocated)
	}
	return s
}

// SurveyResult is the aggregation of exit-survey answers. Each answer is one
// mention; a respondent who names two reasons contributes two answers.
type SurveyResult struct {
	Counts [NumReasons]int `json:"counts"` // answers per reason
	Total  int             `json:"total"`  // all answers, > 0
}

// TallyReasons aggregates survey answers. An empty survey is ErrNoAnswers
// (shares are undefined); an invalid reason is ErrInvalidInput naming
// "answers[i]".
func TallyReasons(answers []Reason) (SurveyResult, error) {
	var s SurveyResult
	if len(answers) == 0 {
		return s, ErrNoAnswers
	}
	for i, r := range answers {
		if r >= numReasons {
			return SurveyResult{}, check.New(ErrInvalidInput, fmt.Sprintf("answers[%d]", i), "invalid reason %v", r)
		}
		s.Counts[r]++
	}
	s.Total = len(answers)
	return s, nil
}

// Share returns the fraction of answers naming r, in [0, 1].
func (s SurveyResult) Share(r Reason) float64 {
	if s.Total == 0 || r >= numReasons {
		return 0
	}
	return float64(s.Counts[r]) / float64(s.Total)
}

// Shares returns every reason's share; they sum to 1.
func (s SurveyResult) Shares() [NumReasons]float64 {
	var out [NumReasons]float64
	for r := range out {
		out[r] = s.Share(Reason(r))
	}
	return out
}

// Top returns the most frequent reason; on a tie the lower Reason value wins.
func (s SurveyResult) Top() Reason {
	best := Reason(0)
	for r := Reason(1); r < numReasons; r++ {
		if s.Counts[r] > s.Counts[best] {
			best = r
		}
	}
	return best
}

// TypeShares spreads each reason's share evenly over its likely types; the
// share of reasons without a likely type (OtherReason) goes to Unknown. The
// result sums to 1.
func (s SurveyResult) TypeShares() [NumTypes]float64 {
	var out [NumTypes]float64
	for r := Reason(0); r < numReasons; r++ {
		sh := s.Share(r)
		ts := r.LikelyTypes()
		if ts.Len() == 0 {
			out[Unknown] += sh
			continue
		}
		each := sh / float64(ts.Len())
		for t := range ts.All() {
			out[t] += each
		}
	}
	return out
}
