package churn

import (
	"errors"
	"math"
	"testing"
	"time"
)

// Boundary set-up: asOf is day 100; recent window (70, 100], baseline
// (10, 70], incident window (70, 100], previous incident window (40, 70].
// The lengths make every rate exact in float64.
const asOfDay = 100

func boundaryOpts() SignalOptions {
	o := DefaultSignalOptions()
	o.Recent, o.Baseline, o.Incidents = days(30), days(60), days(30)
	return o
}

// boundaryCase builds a history whose signal value sits exactly on the
// threshold given by param; moving param by one ulp in direction beyond
// must stop the signal from firing.
type boundaryCase struct {
	id     SignalID
	h      History
	param  float64 // Thresholds[id] at which the value lies exactly on the threshold
	beyond float64 // direction to move param so that the signal no longer fires
	value  float64 // the expected value (computed by hand in the comment)
}

func boundaryCases() []boundaryCase {
	at := func(n int, k EventKind) Event { return ev(n, k) }
	regular := every(20, 10, 4, 100) // days 20, 30, 40, 50: 4 baseline purchases of 100
	return []boundaryCase{
		// baseline 4 in 60 d = 2 per 30 d; recent 1 in 30 d = 1; 1 = 0.5 × 2
		{FallingFrequency, History{Purchases: concat(regular, every(80, 1, 1, 100))}, 0.5, 0, 1},
		// baseline mean 100, recent mean 50 = 0.5 × 100
		{FallingOrderValue, History{Purchases: concat(regular, every(80, 1, 1, 50))}, 0.5, 0, 50},
		// baseline 4 opens = 2 per 30 d, recent 1
		{FewerEmailOpens, History{Events: concat(repeat(at(50, EmailOpened), 4), repeat(at(90, EmailOpened), 1))}, 0.5, 0, 1},
		{FewerSiteVisits, History{Events: concat(repeat(at(50, SiteVisit), 4), repeat(at(90, SiteVisit), 1))}, 0.5, 0, 1},
		// baseline share 0; recent 25 discount on 75 paid = 0.25 = 0 + 0.25
		{RisingDiscountShare, History{Purchases: concat(regular, []Purchase{{Date: dayN(80), Amount: 75, Discount: 25}})}, 0.25, 1, 0.25},
		// 3 of 4 purchases discounted = 0.75
		{HighDiscountShare, History{Purchases: []Purchase{{Date: dayN(20), Amount: 9, Discount: 1}, {Date: dayN(30), Amount: 9, Discount: 1}, {Date: dayN(40), Amount: 9, Discount: 1}, {Date: dayN(50), Amount: 9}}}, 0.75, 1, 0.75},
		// 8 messages in 30 d, no reaction
		{OverContact, History{Events: repeat(at(95, EmailSent), 8)}, 8, 9, 8},
		// baseline 3 messages, recent 1
		{NoRecentContact, History{Events: concat(repeat(at(50, EmailSent), 3), repeat(at(90, EmailSent), 1))}, 1, 0, 1},
		// 3 recent visits, no recent purchase
		{BrowsingWithoutBuying, History{Purchases: regular, Events: repeat(at(95, SiteVisit), 3)}, 3, 4, 3},
		// 4 baseline purchases, none recent
		{AbruptStop, History{Purchases: regular}, 4, 5, 0},
		{Complaints, History{Events: repeat(at(90, Complaint), 2)}, 2, 3, 2},
		{FailedComplaints, History{Events: []Event{{Date: dayN(90), Kind: Complaint, Outcome: Rejected}, {Date: dayN(91), Kind: Complaint, Outcome: Escalated}, {Date: dayN(92), Kind: Complaint, Outcome: Resolved}}}, 2, 3, 2},
		{QualityComplaints, History{Events: []Event{{Date: dayN(90), Kind: Complaint, Quality: true}}}, 1, 2, 1},
		// one returned purchase + one return event = 2
		{Returns, History{Purchases: []Purchase{{Date: dayN(80), Amount: 10, Returned: true}}, Events: []Event{at(85, Return)}}, 2, 3, 2},
		{QualityReturns, History{Events: []Event{{Date: dayN(90), Kind: Return, Quality: true}, {Date: dayN(90), Kind: Return}}}, 1, 2, 1},
		{PaymentFailures, History{Events: repeat(at(99, PaymentFailure), 3)}, 3, 4, 3},
		{UnansweredTickets, History{Events: []Event{at(90, Ticket), {Date: dayN(91), Kind: Ticket, Answered: true}}}, 1, 2, 1},
		{Unsubscribed, History{Events: []Event{at(100, Unsubscribe)}}, 1, 2, 1},
		{AddressChanged, History{Events: []Event{at(71, AddressChange)}}, 1, 2, 1},
		{LifeChange, History{Events: []Event{at(80, LifeEvent)}}, 1, 2, 1},
		// latest answer 6 (an earlier 10 does not count)
		{LowNPS, History{Events: []Event{{Date: dayN(10), Kind: NPS, Score: 10}, {Date: dayN(60), Kind: NPS, Score: 6}}}, 6, 0, 6},
		// first purchase day 0 → tenure 100 d
		{ShortTenure, History{Purchases: every(0, 50, 2, 10)}, 100, 0, 100},
		{LongTenure, History{Purchases: every(0, 50, 2, 10)}, 100, 101, 100},
		// lifetime mean (60 + 100)/2 = 80
		{PremiumBuyer, History{Purchases: []Purchase{{Date: dayN(10), Amount: 60}, {Date: dayN(90), Amount: 100}}}, 80, 81, 80},
		// margin −0.5 < −0.5 + ulp; at −0.5 itself it does not fire (strict)
		{NegativeMargin, History{Facts: Facts{Margin: -0.5}}, math.Nextafter(-0.5, 0), -1, -0.5},
		{PaymentDefault, History{Facts: Facts{Defaulted: true}}, 1, 2, 1},
		{Fraud, History{Facts: Facts{Fraud: true}}, 1, 2, 1},
	}
}

// TestSignalThresholdBoundaries checks every signal's threshold: it fires
// on the boundary and stops firing one ulp beyond it. Values are computed by
// hand in the case comments.
func TestSignalThresholdBoundaries(t *testing.T) {
	seen := map[SignalID]bool{}
	for _, c := range boundaryCases() {
		seen[c.id] = true
		t.Run(c.id.String(), func(t *testing.T) {
			o := boundaryOpts()
			o.Thresholds[c.id] = c.param
			r, err := Signals(c.h, dayN(asOfDay), o)
			if err != nil {
				t.Fatal(err)
			}
			s := r.Signals[c.id]
			if !s.Evaluated || !s.Fired || s.Value != c.value || !r.Fired.Has(c.id) || s.ID != c.id {
				t.Fatalf("on the boundary: %v; want value %v fired", s, c.value)
			}
			o.Thresholds[c.id] = math.Nextafter(c.param, c.beyond)
			r, _ = Signals(c.h, dayN(asOfDay), o)
			if s := r.Signals[c.id]; s.Fired || r.Fired.Has(c.id) {
				t.Errorf("one ulp beyond: %v still fired", s)
			}
		})
	}
	for id := SignalID(0); id < numSignals; id++ {
		if !seen[id] {
			t.Errorf("no boundary test for %v", id)
		}
	}
}

// TestSignalGuards checks the secondary conditions: minimum baselines,
// window edges, over-contact's reaction rate, browsing with a purchase.
func TestSignalGuards(t *testing.T) {
	o := boundaryOpts()
	regular := every(20, 10, 4, 100)
	cases := []struct {
		name  string
		h     History
		mod   func(*SignalOptions)
		id    SignalID
		eval  bool
		fired bool
	}{
		{"frequency needs MinBaselinePurchases", History{Purchases: every(50, 1, 1, 100)}, nil, FallingFrequency, false, false},
		{"frequency at MinBaselinePurchases", History{Purchases: every(40, 10, 2, 100)}, nil, FallingFrequency, true, true},
		{"order value needs a recent purchase", History{Purchases: regular}, nil, FallingOrderValue, false, false},
		{"opens need MinBaselineEvents", History{Events: repeat(ev(50, EmailOpened), 2)}, nil, FewerEmailOpens, false, false},
		{"opens at MinBaselineEvents", History{Events: repeat(ev(50, EmailOpened), 3)}, nil, FewerEmailOpens, true, true},
		{"discount share undefined for zero amounts", History{Purchases: concat(every(20, 10, 2, 0), every(80, 1, 1, 0))}, nil, RisingDiscountShare, false, false},
		{"over-contact with reaction at the limit fires", History{Events: concat(repeat(ev(95, EmailSent), 10), repeat(ev(96, EmailOpened), 1))}, nil, OverContact, true, true},
		{"over-contact with reactions above the limit is quiet", History{Events: concat(repeat(ev(95, EmailSent), 10), repeat(ev(96, EmailOpened), 1), repeat(ev(96, EmailClicked), 1))}, nil, OverContact, true, false},
		{"browsing with a recent purchase is quiet", History{Purchases: every(95, 1, 1, 10), Events: repeat(ev(95, SiteVisit), 5)}, nil, BrowsingWithoutBuying, true, false},
		{"incident exactly at the window start belongs to the previous window", History{Events: []Event{ev(70, PaymentFailure)}}, nil, PaymentFailures, true, false},
		{"incident after asOf is ignored", History{Events: []Event{{Date: dayN(100).Add(time.Nanosecond), Kind: PaymentFailure}}}, nil, PaymentFailures, true, false},
		{"no NPS answer: not evaluated", History{}, nil, LowNPS, false, false},
		{"NPS tie in time: the lower score counts", History{Events: []Event{{Date: dayN(60), Kind: NPS, Score: 9}, {Date: dayN(60), Kind: NPS, Score: 3}}}, nil, LowNPS, true, true},
		{"premium disabled by default", History{Purchases: every(10, 1, 1, 1e6)}, nil, PremiumBuyer, false, false},
		{"margin zero is not negative", History{Facts: Facts{Margin: 0}}, nil, NegativeMargin, true, false},
		{"no recent contact needs a baseline", History{Events: repeat(ev(50, EmailSent), 2)}, nil, NoRecentContact, false, false},
		{"abrupt stop quiet with a recent purchase", History{Purchases: concat(regular, every(99, 1, 1, 1))}, nil, AbruptStop, true, false},
		{"MinBaselinePurchases raised", History{Purchases: every(40, 10, 2, 100)}, func(o *SignalOptions) { o.MinBaselinePurchases = 3 }, FallingFrequency, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			oo := o
			if c.mod != nil {
				c.mod(&oo)
			}
			r, err := Signals(c.h, dayN(asOfDay), oo)
			if err != nil {
				t.Fatal(err)
			}
			if s := r.Signals[c.id]; s.Evaluated != c.eval || s.Fired != c.fired {
				t.Errorf("%v; want evaluated %v fired %v", s, c.eval, c.fired)
			}
		})
	}
}

// TestIncidentBaselineIsPreviousWindow: the baseline of an incident signal
// is its count in the equally long window before the incident window.
func TestIncidentBaselineIsPreviousWindow(t *testing.T) {
	h := History{Events: []Event{ev(45, Complaint), ev(60, Complaint), ev(70, Complaint), ev(40, Complaint), ev(99, Complaint)}}
	r, err := Signals(h, dayN(asOfDay), boundaryOpts())
	if err != nil {
		t.Fatal(err)
	}
	// (70, 100]: day 99 → 1; (40, 70]: days 45, 60, 70 → 3; day 40 is in neither
	if s := r.Signals[Complaints]; s.Value != 1 || s.Baseline != 3 {
		t.Errorf("%v; want value 1 baseline 3", s)
	}
}

func TestSignalOptionErrors(t *testing.T) {
	cases := []struct {
		field string
		mod   func(*SignalOptions)
	}{
		{"opts.Recent", func(o *SignalOptions) { o.Recent = 0 }},
		{"opts.Baseline", func(o *SignalOptions) { o.Baseline = -1 }},
		{"opts.Incidents", func(o *SignalOptions) { o.Incidents = 200 * 365 * 24 * time.Hour }},
		{"opts.MinBaselinePurchases", func(o *SignalOptions) { o.MinBaselinePurchases = 0 }},
		{"opts.MinBaselineEvents", func(o *SignalOptions) { o.MinBaselineEvents = 0 }},
		{"opts.OverContactReaction", func(o *SignalOptions) { o.OverContactReaction = 1.1 }},
		{"opts.Thresholds[returns]", func(o *SignalOptions) { o.Thresholds[Returns] = -1 }},
		{"opts.Thresholds[low_nps]", func(o *SignalOptions) { o.Thresholds[LowNPS] = math.NaN() }},
		{"opts.Thresholds[negative_margin]", func(o *SignalOptions) { o.Thresholds[NegativeMargin] = math.Inf(-1) }},
	}
	for _, c := range cases {
		o := DefaultSignalOptions()
		c.mod(&o)
		_, err := Signals(History{}, dayN(1), o)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%s: err = %v", c.field, err)
		}
	}
	// a negative margin threshold is allowed: "margin below −50"
	o := DefaultSignalOptions()
	o.Thresholds[NegativeMargin] = -50
	if _, err := Signals(History{}, dayN(1), o); err != nil {
		t.Errorf("negative margin threshold rejected: %v", err)
	}
}

func TestSignalSetAndString(t *testing.T) {
	var s SignalSet
	s = s.With(Fraud).With(FallingFrequency).With(Fraud)
	var got []SignalID
	for id := range s.All() {
		got = append(got, id)
	}
	if s.Len() != 2 || len(got) != 2 || got[0] != FallingFrequency || got[1] != Fraud || s.Has(Returns) {
		t.Errorf("set %b: len %d, all %v", s, s.Len(), got)
	}
	sig := Signal{ID: LowNPS, Evaluated: true, Fired: true, Value: 3, Baseline: 7.5, Threshold: 6}
	if want := "low_nps: 3 (baseline 7.5, threshold 6) fired"; sig.String() != want {
		t.Errorf("String() = %q, want %q", sig.String(), want)
	}
}
