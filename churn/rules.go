package churn

import (
	"github.com/kundenwert/winback/internal/check"
)

// Rules are the transparent classification rules: how much each fired
// signal (and each stated exit reason) counts towards each churn type, the
// score that unknown competes with, and the response per type. Start from
// DefaultRules; every field is validated.
type Rules struct {
	// Weights[t][s] is added to type t's score when signal s fired. Finite;
	// negative weights are counter-evidence. Row Unknown must be zero.
	Weights [NumTypes][NumSignals]float64 `json:"weights"`
	// ReasonWeight is added to every likely type (Reason.LikelyTypes) of
	// every exit reason the customer stated; finite, ≥ 0. Default 1.5.
	ReasonWeight float64 `json:"reason_weight"`
	// UnknownScore is unknown's fixed score: a type is chosen only when its
	// score is strictly greater. > 0, finite. Default 1, so one ordinary
	// signal (weight 1) is not enough on its own.
	UnknownScore float64 `json:"unknown_score"`
	// Responses[t] is the recommended response for type t.
	Responses [NumTypes]Response `json:"responses"`
}

// DefaultRules returns the documented default weights and responses (table
// in the package documentation; DOMAIN §3, seed 003).
func DefaultRules() Rules {
	r := Rules{ReasonWeight: 1.5, UnknownScore: 1, Responses: defaultResponses()}
	w := &r.Weights
	w[CashStrapped][PaymentFailures] = 1
	w[CashStrapped][FallingOrderValue] = 1
	w[CashStrapped][RisingDiscountShare] = 0.5

	w[Relocated][AddressChanged] = 1
	w[Relocated][LifeChange] = 1
	w[Relocated][AbruptStop] = 0.5

	w[Overwhelmed][OverContact] = 1
	w[Overwhelmed][Unsubscribed] = 1
	w[Overwhelmed][FewerEmailOpens] = 0.5

	w[Neglected][UnansweredTickets] = 1
	w[Neglected][NoRecentContact] = 1

	w[Disappointed][QualityReturns] = 1
	w[Disappointed][LowNPS] = 1
	w[Disappointed][LongTenure] = 0.5
	w[Disappointed][Complaints] = 0.5
	w[Disappointed][Returns] = 0.5

	w[Offended][FailedComplaints] = 1.5
	w[Offended][LowNPS] = 0.5

	w[Switcher][BrowsingWithoutBuying] = 1
	w[Switcher][ShortTenure] = 0.5
	w[Switcher][LongTenure] = -0.5

	w[BargainHunter][HighDiscountShare] = 1.5
	w[BargainHunter][RisingDiscountShare] = 0.5

	w[Demanding][QualityComplaints] = 1
	w[Demanding][PremiumBuyer] = 1
	w[Demanding][QualityReturns] = 0.5

	w[CompanyInitiated][NegativeMargin] = 3
	w[CompanyInitiated][PaymentDefault] = 3
	w[CompanyInitiated][Fraud] = 5
	return r
}

// Validate reports the first invalid rule, named "rules.<Field>".
func (r Rules) Validate() error { return r.validate() }

func (r *Rules) validate() error {
	// fast path: v*0 is 0 for a finite v and NaN otherwise, so the sums stay
	// 0 exactly when every weight is finite; four sums keep the adds
	// independent
	var a0, a1, a2, a3 float64
	for t := range r.Weights {
		w := &r.Weights[t]
		i := 0
		for ; i+3 < len(w); i += 4 {
			a0 += w[i] * 0
			a1 += w[i+1] * 0
			a2 += w[i+2] * 0
			a3 += w[i+3] * 0
		}
		for ; i < len(w); i++ {
			a0 += w[i] * 0
		}
	}
	ok := a0+a1+a2+a3+r.ReasonWeight*0+r.UnknownScore*0 == 0
	for s, v := range r.Weights[Unknown] {
		if v != 0 {
			return check.New(ErrInvalidInput, "rules.Weights[unknown]["+SignalID(s).String()+"]", "must be 0, got %v", v)
		}
	}
	if ok && r.ReasonWeight >= 0 && r.UnknownScore > 0 && r.validResponses() {
		return nil
	}
	for t := range r.Weights {
		for s, v := range r.Weights[t] {
			if err := check.Finite(ErrInvalidInput, "rules.Weights["+Type(t).String()+"]["+SignalID(s).String()+"]", v); err != nil {
				return err
			}
		}
	}
	if err := check.NonNegative(ErrInvalidInput, "rules.ReasonWeight", r.ReasonWeight); err != nil {
		return err
	}
	if err := check.Positive(ErrInvalidInput, "rules.UnknownScore", r.UnknownScore); err != nil {
		return err
	}
	for t, resp := range r.Responses {
		if resp.Effort >= numEfforts || resp.Incentive >= numIncentives || resp.Tone >= numTones {
			return check.New(ErrInvalidInput, "rules.Responses["+Type(t).String()+"]", "effort, incentive or tone out of range")
		}
	}
	return check.New(ErrInvalidInput, "rules", "invalid") // not reached
}

func (r *Rules) validResponses() bool {
	for _, resp := range r.Responses {
		if resp.Effort >= numEfforts || resp.Incentive >= numIncentives || resp.Tone >= numTones {
			return false
		}
	}
	return true
}
