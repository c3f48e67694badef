package churn

import (
	"errors"
	"math"
	"testing"
)

// Classification set-up: asOf is day 1000. With the default windows the
// recent window is (910, 1000], the baseline (545, 910], the incident window
// (635, 1000].
const classifyDay = 1000

// buyer returns purchases every 14 days from day start to day stop; those
// after day 910 (the recent window) have amount recentAmt, the others amount.
func buyer(start, stop int, amount, recentAmt, discount float64) []Purchase {
	var ps []Purchase
	for d := start; d <= stop; d += 14 {
		a := amount
		if d > 910 {
			a = recentAmt
		}
		ps = append(ps, Purchase{Date: dayN(d), Amount: a, Discount: discount, Items: 1})
	}
	return ps
}

func evEvery(from, to, step int, k EventKind) []Event {
	var out []Event
	for d := from; d <= to; d += step {
		out = append(out, ev(d, k))
	}
	return out
}

// TestClassifyTypes builds one customer per churn type from the typical
// shop signals of DOMAIN §3 (digest of seed 003, "Warum wandern Kund:innen
// ab?") and checks the type, the evidence and the response of the table.
func TestClassifyTypes(t *testing.T) {
	steady := buyer(300, 1000, 100, 100, 0) // tenure 700 d: neither short nor long
	cases := []struct {
		name     string
		h        History
		mod      func(*Options)
		want     Type
		evidence []SignalID
		winBack  bool
		incent   Incentive
		tone     Tone
		personal bool
	}{
		// seed 003 "Mittellose": budget reasons; DOMAIN: payment failures, falling AOV
		{"cash strapped", History{Purchases: buyer(300, 1000, 100, 40, 0), Events: []Event{ev(990, PaymentFailure)}}, nil,
			CashStrapped, []SignalID{FallingOrderValue, PaymentFailures}, true, IncentiveFinancial, ToneReassurance, false},
		// seed 003 "Neustarter": move, new job; DOMAIN: address change, abrupt stop; usually let go
		{"relocated", History{Purchases: buyer(300, 900, 100, 100, 0), Events: []Event{ev(920, AddressChange)}}, nil,
			Relocated, []SignalID{AbruptStop, AddressChanged}, false, IncentiveNone, ToneNeutral, false},
		// seed 003 "Bedrängte": contacted too often; DOMAIN: too many contacts, unsubscribes
		{"overwhelmed", History{Purchases: steady, Events: concat(evEvery(911, 1000, 3, EmailSent), []Event{ev(995, Unsubscribe)})}, nil,
			Overwhelmed, []SignalID{OverContact, Unsubscribed}, true, IncentiveEmotional, ToneApology, false},
		// seed 003 "Vernachlässigte": requests not answered; DOMAIN: no contact for long, unanswered tickets
		{"neglected", History{Purchases: steady, Events: concat(evEvery(600, 700, 20, EmailSent), []Event{ev(950, Ticket)})}, nil,
			Neglected, []SignalID{NoRecentContact, UnansweredTickets}, true, IncentiveEmotional, ToneAppreciation, true},
		// seed 003 "Enttäuschte": long-standing loyal customers losing trust; DOMAIN: quality returns, low NPS after long tenure
		{"disappointed", History{Purchases: buyer(0, 990, 100, 100, 0), Events: []Event{{Date: dayN(980), Kind: NPS, Score: 3}, {Date: dayN(985), Kind: Return, Quality: true}}}, nil,
			Disappointed, []SignalID{QualityReturns, LowNPS, LongTenure}, true, IncentiveEmotional, ToneApology, true},
		// seed 003 "Verletzte"; DOMAIN: escalated or rejected complaints → apology, personal contact, goodwill
		{"offended", History{Purchases: steady, Events: []Event{{Date: dayN(960), Kind: Complaint, Outcome: Rejected}}}, nil,
			Offended, []SignalID{FailedComplaints}, true, IncentiveMaterial, ToneApology, true},
		// seed 003 "Springer"; DOMAIN: short tenure, comparison shopping → value proposition, not discounts
		{"switcher", History{Purchases: every(880, 20, 2, 50), Events: evEvery(920, 1000, 20, SiteVisit)}, nil,
			Switcher, []SignalID{BrowsingWithoutBuying, ShortTenure}, true, IncentiveMaterial, ToneValueProposition, false},
		// seed 003 "Schnäppchenjäger"; DOMAIN: buys only on sale → cheap automated offer, only if profitable
		{"bargain hunter", History{Purchases: buyer(300, 1000, 100, 100, 10)}, nil,
			BargainHunter, []SignalID{HighDiscountShare}, true, IncentiveFinancial, ToneNeutral, false},
		// seed 003 "Anspruchsvolle"; DOMAIN: premium buyer, quality complaints. The premium
		// level is a currency-specific input (here 250).
		{"demanding", History{Purchases: buyer(300, 1000, 300, 300, 0), Events: []Event{{Date: dayN(950), Kind: Complaint, Outcome: Resolved, Quality: true}}},
			func(o *Options) { o.Signals.Thresholds[PremiumBuyer] = 250 },
			Demanding, []SignalID{QualityComplaints, PremiumBuyer}, true, IncentiveEmotional, ToneExclusivity, true},
		// seed 003 last paragraph: the company forced the exit (unprofitable, insolvent) → exclude
		{"company initiated: fraud", History{Purchases: steady, Facts: Facts{Fraud: true}}, nil,
			CompanyInitiated, []SignalID{Fraud}, false, IncentiveNone, ToneNeutral, false},
		{"company initiated outweighs cash-strapped evidence", History{Purchases: buyer(300, 1000, 100, 40, 0), Events: []Event{ev(990, PaymentFailure)}, Facts: Facts{Margin: -20}}, nil,
			CompanyInitiated, []SignalID{NegativeMargin}, false, IncentiveNone, ToneNeutral, false},
		// DOMAIN §3: "unknown" when evidence is thin: one ordinary signal only ties UnknownScore
		{"unknown: nothing fired", History{Purchases: steady}, nil, Unknown, nil, true, IncentiveNone, ToneNeutral, false},
		{"unknown: a single unanswered ticket", History{Purchases: steady, Events: []Event{ev(950, Ticket)}}, nil, Unknown, nil, true, IncentiveNone, ToneNeutral, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opts := DefaultOptions()
			if c.mod != nil {
				c.mod(&opts)
			}
			a, err := Assess(c.h, dayN(classifyDay), opts)
			if err != nil {
				t.Fatal(err)
			}
			cl := a.Classification
			var ev SignalSet
			for _, id := range c.evidence {
				ev = ev.With(id)
			}
			if cl.Type != c.want || cl.Evidence != ev {
				var fired []string
				for id := range a.Report.Fired.All() {
					fired = append(fired, id.String())
				}
				t.Fatalf("type %v evidence %b (scores %v, fired %v); want %v evidence %b", cl.Type, cl.Evidence, cl.Scores, fired, c.want, ev)
			}
			r := cl.Response
			if r.WinBack != c.winBack || r.Incentive != c.incent || r.Tone != c.tone || r.PersonalContact != c.personal {
				t.Errorf("response %+v; want win back %v, incentive %v, tone %v, personal %v", r, c.winBack, c.incent, c.tone, c.personal)
			}
			if r != opts.Rules.Responses[c.want] {
				t.Errorf("response is not Rules.Responses[%v]", c.want)
			}
			if got := len(a.Evidence()); got != len(c.evidence) {
				t.Errorf("Evidence() has %d signals, want %d", got, len(c.evidence))
			}
		})
	}
}

// TestConfidenceAndRunnerUp checks the confidence formula by hand on the
// cash-strapped customer: scores cash_strapped 2, unknown 1, others 0, so
// confidence 2/3 and the runner-up is unknown.
func TestConfidenceAndRunnerUp(t *testing.T) {
	h := History{Purchases: buyer(300, 1000, 100, 40, 0), Events: []Event{ev(990, PaymentFailure)}}
	a, err := Assess(h, dayN(classifyDay), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	c := a.Classification
	if c.Score != 2 || c.RunnerUp != Unknown || c.RunnerUpScore != 1 || math.Abs(c.Confidence-2.0/3) > 1e-15 {
		t.Errorf("score %v runner-up %v (%v) confidence %v; want 2, unknown (1), 2/3", c.Score, c.RunnerUp, c.RunnerUpScore, c.Confidence)
	}
}

// TestExitReasonCountsAsEvidence: a stated reason adds ReasonWeight to its
// likely types (seed 000 "Kommunikation": too frequent messages → overwhelmed).
func TestExitReasonCountsAsEvidence(t *testing.T) {
	h := History{Purchases: buyer(300, 1000, 100, 100, 0), Events: []Event{{Date: dayN(999), Kind: ExitReason, Reason: Communication}}}
	a, err := Assess(h, dayN(classifyDay), DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	c := a.Classification
	if c.Type != Overwhelmed || c.Score != 1.5 || !c.Reasons.Has(Communication) || c.Evidence != 0 {
		t.Errorf("got %v score %v reasons %b evidence %b; want overwhelmed 1.5 via communication", c.Type, c.Score, c.Reasons, c.Evidence)
	}
}

// TestClassifyTieBreaksToLowerType: equal scores go to the lower Type value,
// Unknown first.
func TestClassifyTieBreaksToLowerType(t *testing.T) {
	rules := DefaultRules()
	rules.Weights = [NumTypes][NumSignals]float64{}
	rules.Weights[Switcher][Fraud] = 2
	rules.Weights[Relocated][Fraud] = 2
	r := Report{Fired: SignalSet(0).With(Fraud)}
	c, err := Classify(r, rules)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != Relocated || c.RunnerUp != Switcher {
		t.Errorf("type %v runner-up %v; want relocated, switcher", c.Type, c.RunnerUp)
	}
	rules.Weights[Relocated][Fraud], rules.Weights[Switcher][Fraud] = 1, 1
	if c, _ := Classify(r, rules); c.Type != Unknown || c.RunnerUp != Relocated || c.Confidence != 1.0/3 {
		t.Errorf("tie with unknown: type %v runner-up %v confidence %v; want unknown, relocated, 1/3", c.Type, c.RunnerUp, c.Confidence)
	}
}

func TestRulesErrors(t *testing.T) {
	cases := []struct {
		field string
		mod   func(*Rules)
	}{
		{"rules.Weights[offended][fraud]", func(r *Rules) { r.Weights[Offended][Fraud] = math.NaN() }},
		{"rules.Weights[switcher][returns]", func(r *Rules) { r.Weights[Switcher][Returns] = math.Inf(1) }},
		{"rules.Weights[unknown][returns]", func(r *Rules) { r.Weights[Unknown][Returns] = 1 }},
		{"rules.ReasonWeight", func(r *Rules) { r.ReasonWeight = -1 }},
		{"rules.UnknownScore", func(r *Rules) { r.UnknownScore = 0 }},
		{"rules.UnknownScore", func(r *Rules) { r.UnknownScore = math.Inf(1) }},
		{"rules.Responses[switcher]", func(r *Rules) { r.Responses[Switcher].Tone = 50 }},
	}
	for _, c := range cases {
		r := DefaultRules()
		c.mod(&r)
		_, err := Classify(Report{}, r)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: err = %v", c.field, err)
		}
	}
	// huge but finite weights are valid
	r := DefaultRules()
	for i := range r.Weights[Switcher] {
		r.Weights[Switcher][i] = math.MaxFloat64
	}
	if _, err := Classify(Report{}, r); err != nil {
		t.Errorf("finite weights rejected: %v", err)
	}
}
