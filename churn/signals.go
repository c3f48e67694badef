package churn

import (
	"fmt"
	"math"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// SignalOptions are the windows and thresholds of the early-warning
// signals. Start from DefaultSignalOptions; every field is validated.
type SignalOptions struct {
	// Recent is the recent window (asOf − Recent, asOf]; > 0. Default 90 days.
	Recent time.Duration `json:"recent"`
	// Baseline is the customer's own baseline window, the Baseline before
	// the recent window; > 0. Default 365 days.
	Baseline time.Duration `json:"baseline"`
	// Incidents is the window (asOf − Incidents, asOf] in which incidents
	// (complaints, returns, payment failures, …) are counted; their baseline
	// is the equally long window before it; > 0. Default 365 days.
	Incidents time.Duration `json:"incidents"`
	// MinBaselinePurchases is the number of purchases the baseline window
	// needs before purchase trends are judged; ≥ 1. Default 2.
	MinBaselinePurchases int `json:"min_baseline_purchases"`
	// MinBaselineEvents is the number of opens, visits or sent messages the
	// baseline window needs before engagement trends are judged; ≥ 1.
	// Default 3.
	MinBaselineEvents int `json:"min_baseline_events"`
	// OverContactReaction is the highest reaction rate (opens + clicks per
	// message sent in the recent window) at which over_contact can fire;
	// in [0, 1]. Default 0.1.
	OverContactReaction float64 `json:"over_contact_reaction"`
	// Thresholds holds one parameter per signal, indexed by SignalID; the
	// package documentation gives each one's meaning, unit and default.
	// All finite and ≥ 0, except the negative_margin threshold, which may
	// be any finite amount.
	Thresholds [NumSignals]float64 `json:"thresholds"`
}

// DefaultSignalOptions returns the documented defaults.
func DefaultSignalOptions() SignalOptions {
	o := SignalOptions{
		Recent:               90 * 24 * time.Hour,
		Baseline:             365 * 24 * time.Hour,
		Incidents:            365 * 24 * time.Hour,
		MinBaselinePurchases: 2,
		MinBaselineEvents:    3,
		OverContactReaction:  0.1,
	}
	t := &o.Thresholds
	t[FallingFrequency] = 0.5    // recent rate ≤ 0.5 × baseline rate
	t[FallingOrderValue] = 0.7   // recent mean ≤ 0.7 × baseline mean
	t[FewerEmailOpens] = 0.5     // recent rate ≤ 0.5 × baseline rate
	t[FewerSiteVisits] = 0.5     // recent rate ≤ 0.5 × baseline rate
	t[RisingDiscountShare] = 0.2 // recent share ≥ baseline share + 0.2
	t[HighDiscountShare] = 0.8   // ≥ 80 % of purchases discounted
	t[OverContact] = 8           // ≥ 8 messages per 30 days
	t[NoRecentContact] = 0       // ≤ 0 messages in the recent window
	t[BrowsingWithoutBuying] = 3 // ≥ 3 visits in the recent window, no purchase
	t[AbruptStop] = 3            // ≥ 3 baseline purchases, none recent
	t[Complaints] = 1            // counts ≥ threshold fire
	t[FailedComplaints] = 1      //
	t[QualityComplaints] = 1     //
	t[Returns] = 2               //
	t[QualityReturns] = 1        //
	t[PaymentFailures] = 1       //
	t[UnansweredTickets] = 1     //
	t[Unsubscribed] = 1          //
	t[AddressChanged] = 1        //
	t[LifeChange] = 1            //
	t[LowNPS] = 6                // latest answer ≤ 6 (detractor)
	t[ShortTenure] = 180         // tenure ≤ 180 days
	t[LongTenure] = 730          // tenure ≥ 730 days
	t[PremiumBuyer] = 0          // mean order value ≥ this; 0 disables (currency-specific)
	t[NegativeMargin] = 0        // margin < 0
	t[PaymentDefault] = 1        // fact present
	t[Fraud] = 1                 // fact present
	return o
}

// Validate reports the first invalid option, named "opts.<Field>".
func (o SignalOptions) Validate() error { return o.validate() }

func (o *SignalOptions) validate() error {
	for _, w := range []struct {
		name string
		d    time.Duration
	}{{"opts.Recent", o.Recent}, {"opts.Baseline", o.Baseline}, {"opts.Incidents", o.Incidents}} {
		if w.d <= 0 {
			return check.New(ErrInvalidInput, w.name, "window must be > 0, got %v", w.d)
		}
		if w.d > 100*365*24*time.Hour {
			return check.New(ErrInvalidInput, w.name, "window must be ≤ 100 years, got %v", w.d)
		}
	}
	if o.MinBaselinePurchases < 1 {
		return check.New(ErrInvalidInput, "opts.MinBaselinePurchases", "must be ≥ 1, got %d", o.MinBaselinePurchases)
	}
	if o.MinBaselineEvents < 1 {
		return check.New(ErrInvalidInput, "opts.MinBaselineEvents", "must be ≥ 1, got %d", o.MinBaselineEvents)
	}
	if err := check.Probability(ErrInvalidInput, "opts.OverContactReaction", o.OverContactReaction); err != nil {
		return err
	}
	for i, v := range o.Thresholds {
		if math.IsNaN(v) || math.IsInf(v, 0) || (v < 0 && SignalID(i) != NegativeMargin) {
			name := "opts.Thresholds[" + SignalID(i).String() + "]"
			if SignalID(i) == NegativeMargin {
				return check.Finite(ErrInvalidInput, name, v)
			}
			return check.NonNegative(ErrInvalidInput, name, v)
		}
	}
	return nil
}

// window is a half-open interval (from, to] in Unix nanoseconds.
type window struct{ from, to int64 }

func (w window) has(t int64) bool { return t > w.from && t <= w.to }

// tally collects, in one validating pass and independent of order, every
// count and sum that the status rule and the signals need.
type tally struct {
	purchases, recentP, baseP int   // purchases on or before asOf, in the recent and baseline windows
	recentAmt, baseAmt        int64 // fixed-point sums of Amount
	recentDisc, baseDisc      int64 // fixed-point sums of Discount
	allAmt                    int64 // lifetime sum of Amount
	discounted                int   // lifetime purchases with a discount
	first, last               int64 // first and last purchase
	cancel                    int64 // latest cancellation or deletion
	hasCancel                 bool

	opens, baseOpens   int
	visits, baseVisits int
	sent, baseSent     int
	clicks             int

	inc, prevInc [numSignals]int // incident counts by signal, current and previous incident window

	nps, npsSum int // NPS answers on or before asOf and their sum
	npsLast     int64
	npsLastVal  int

	reasons ReasonSet
}

func (s *tally) incident(id SignalID, t int64, cur, prev window) {
	if cur.has(t) {
		s.inc[id]++
	} else if prev.has(t) {
		s.prevInc[id]++
	}
}

// collect validates h and tallies it on asOfN. With o == nil the windows
// are empty and only the status fields are meaningful.
func collect(h *History, asOfN int64, o *SignalOptions) (tally, error) {
	var s tally
	if len(h.Purchases) > maxEntries || len(h.Events) > maxEntries {
		return s, h.Validate()
	}
	recent, base, cur, prev := window{asOfN, asOfN}, window{asOfN, asOfN}, window{asOfN, asOfN}, window{asOfN, asOfN}
	if o != nil {
		recent = window{asOfN - int64(o.Recent), asOfN}
		base = window{recent.from - int64(o.Baseline), recent.from}
		cur = window{asOfN - int64(o.Incidents), asOfN}
		prev = window{cur.from - int64(o.Incidents), cur.from}
	}
	for i := range h.Purchases {
		p := &h.Purchases[i]
		t, err := p.validate(i)
		if err != nil {
			return tally{}, err
		}
		if t > asOfN {
			continue
		}
		amt, disc := fixed(p.Amount), fixed(p.Discount)
		if s.purchases == 0 || t < s.first {
			s.first = t
		}
		if s.purchases == 0 || t > s.last {
			s.last = t
		}
		s.purchases++
		s.allAmt += amt
		if disc > 0 {
			s.discounted++
		}
		if recent.has(t) {
			s.recentP++
			s.recentAmt += amt
			s.recentDisc += disc
		} else if base.has(t) {
			s.baseP++
			s.baseAmt += amt
			s.baseDisc += disc
		}
		if p.Returned {
			s.incident(Returns, t, cur, prev)
		}
	}
	for i := range h.Events {
		e := &h.Events[i]
		t, err := e.validate(i)
		if err != nil {
			return tally{}, err
		}
		if t > asOfN {
			continue
		}
		switch e.Kind {
		case Cancellation, AccountDeleted:
			if !s.hasCancel || t > s.cancel {
				s.cancel, s.hasCancel = t, true
			}
		case EmailSent:
			if recent.has(t) {
				s.sent++
			} else if base.has(t) {
				s.baseSent++
			}
		case EmailOpened:
			if recent.has(t) {
				s.opens++
			} else if base.has(t) {
				s.baseOpens++
			}
		case EmailClicked:
			if recent.has(t) {
				s.clicks++
			}
		case SiteVisit:
			if recent.has(t) {
				s.visits++
			} else if base.has(t) {
				s.baseVisits++
			}
		case Complaint:
			s.incident(Complaints, t, cur, prev)
			if e.Outcome == Rejected || e.Outcome == Escalated {
				s.incident(FailedComplaints, t, cur, prev)
			}
			if e.Quality {
				s.incident(QualityComplaints, t, cur, prev)
			}
		case Return:
			s.incident(Returns, t, cur, prev)
			if e.Quality {
				s.incident(QualityReturns, t, cur, prev)
			}
		case PaymentFailure:
			s.incident(PaymentFailures, t, cur, prev)
		case Ticket:
			if !e.Answered {
				s.incident(UnansweredTickets, t, cur, prev)
			}
		case Unsubscribe:
			s.incident(Unsubscribed, t, cur, prev)
		case AddressChange:
			s.incident(AddressChanged, t, cur, prev)
		case LifeEvent:
			s.incident(LifeChange, t, cur, prev)
		case NPS:
			// latest answer; on a tie in time the lower score wins, so the
			// result does not depend on order
			if s.nps == 0 || t > s.npsLast || (t == s.npsLast && e.Score < s.npsLastVal) {
				s.npsLast, s.npsLastVal = t, e.Score
			}
			s.nps++
			s.npsSum += e.Score
		case ExitReason:
			s.reasons = s.reasons.With(e.Reason)
		}
	}
	return s, h.Facts.validate()
}

// Signals evaluates every early-warning signal of one customer on asOf
// against the customer's own baseline. Entries after asOf are ignored.
// Errors: ErrInvalidInput.
func Signals(h History, asOf time.Time, opts SignalOptions) (Report, error) {
	if err := checkAsOf(asOf); err != nil {
		return Report{}, err
	}
	if err := opts.validate(); err != nil {
		return Report{}, err
	}
	s, err := collect(&h, nanos(asOf), &opts)
	if err != nil {
		return Report{}, err
	}
	var r Report
	signals(&r, &s, &h.Facts, asOf, &opts)
	return r, nil
}

// per30 converts a count in a window of length w to a rate per 30 days.
func per30(n int, w time.Duration) float64 {
	return float64(n) * float64(30*day) / float64(w)
}

func mean(sum int64, n int) float64 { return float64(sum) / fixedScale / float64(n) }

func share(disc, amt int64) float64 { return float64(disc) / float64(disc+amt) }

// signals is Signals on a validated tally; it overwrites *r.
func signals(r *Report, s *tally, f *Facts, asOf time.Time, o *SignalOptions) {
	asOfN := nanos(asOf)
	th := &o.Thresholds
	*r = Report{}
	r.Reasons = s.reasons
	set, below, above := r.set, r.below, r.above

	// purchase trends
	v, b := per30(s.recentP, o.Recent), per30(s.baseP, o.Baseline)
	below(FallingFrequency, s.baseP >= o.MinBaselinePurchases, v, b, th[FallingFrequency]*b)
	evalTrend := s.recentP > 0 && s.baseP >= o.MinBaselinePurchases
	v, b = 0, 0
	if evalTrend {
		v, b = mean(s.recentAmt, s.recentP), mean(s.baseAmt, s.baseP)
	}
	below(FallingOrderValue, evalTrend, v, b, th[FallingOrderValue]*b)
	evalShare := evalTrend && s.recentAmt+s.recentDisc > 0 && s.baseAmt+s.baseDisc > 0
	v, b = 0, 0
	if evalShare {
		v, b = share(s.recentDisc, s.recentAmt), share(s.baseDisc, s.baseAmt)
	}
	above(RisingDiscountShare, evalShare, v, b, b+th[RisingDiscountShare])
	v = 0
	if s.purchases > 0 {
		v = float64(s.discounted) / float64(s.purchases)
	}
	above(HighDiscountShare, s.purchases >= o.MinBaselinePurchases, v, 0, th[HighDiscountShare])

	// engagement trends
	v, b = per30(s.opens, o.Recent), per30(s.baseOpens, o.Baseline)
	below(FewerEmailOpens, s.baseOpens >= o.MinBaselineEvents, v, b, th[FewerEmailOpens]*b)
	v, b = per30(s.visits, o.Recent), per30(s.baseVisits, o.Baseline)
	below(FewerSiteVisits, s.baseVisits >= o.MinBaselineEvents, v, b, th[FewerSiteVisits]*b)
	v, b = per30(s.sent, o.Recent), per30(s.baseSent, o.Baseline)
	reactive := s.sent > 0 && float64(s.opens+s.clicks) > o.OverContactReaction*float64(s.sent)
	set(OverContact, true, v, b, th[OverContact], v >= th[OverContact] && !reactive)
	below(NoRecentContact, s.baseSent >= o.MinBaselineEvents, float64(s.sent), float64(s.baseSent), th[NoRecentContact])
	set(BrowsingWithoutBuying, true, float64(s.visits), float64(s.baseVisits), th[BrowsingWithoutBuying],
		float64(s.visits) >= th[BrowsingWithoutBuying] && s.recentP == 0)
	set(AbruptStop, true, float64(s.recentP), float64(s.baseP), th[AbruptStop],
		s.recentP == 0 && float64(s.baseP) >= th[AbruptStop])

	// incidents
	for _, id := range [...]SignalID{Complaints, FailedComplaints, QualityComplaints, Returns, QualityReturns,
		PaymentFailures, UnansweredTickets, Unsubscribed, AddressChanged, LifeChange} {
		above(id, true, float64(s.inc[id]), float64(s.prevInc[id]), th[id])
	}

	// relationship
	v, b = 0, 0
	if s.nps > 0 {
		v, b = float64(s.npsLastVal), float64(s.npsSum)/float64(s.nps)
	}
	below(LowNPS, s.nps > 0, v, b, th[LowNPS])
	v = 0
	if s.purchases > 0 {
		v = float64(asOfN-s.first) / float64(day)
	}
	below(ShortTenure, s.purchases > 0, v, 0, th[ShortTenure])
	above(LongTenure, s.purchases > 0, v, 0, th[LongTenure])
	v = 0
	if s.purchases > 0 {
		v = mean(s.allAmt, s.purchases)
	}
	above(PremiumBuyer, s.purchases > 0 && th[PremiumBuyer] > 0, v, 0, th[PremiumBuyer])

	// company-side facts
	set(NegativeMargin, true, f.Margin, 0, th[NegativeMargin], f.Margin < th[NegativeMargin])
	above(PaymentDefault, true, b2f(f.Defaulted), 0, th[PaymentDefault])
	above(Fraud, true, b2f(f.Fraud), 0, th[Fraud])
}

func (r *Report) set(id SignalID, evaluated bool, value, baseline, threshold float64, fired bool) {
	fired = evaluated && fired
	r.Signals[id] = Signal{ID: id, Evaluated: evaluated, Fired: fired, Value: value, Baseline: baseline, Threshold: threshold}
	if fired {
		r.Fired = r.Fired.With(id)
	}
}

func (r *Report) below(id SignalID, evaluated bool, value, baseline, threshold float64) {
	r.set(id, evaluated, value, baseline, threshold, value <= threshold)
}

func (r *Report) above(id SignalID, evaluated bool, value, baseline, threshold float64) {
	r.set(id, evaluated, value, baseline, threshold, value >= threshold)
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// String renders a signal as "id: value (baseline b, threshold t) fired".
func (s Signal) String() string {
	state := "quiet"
	switch {
	case !s.Evaluated:
		state = "not evaluated"
	case s.Fired:
		state = "fired"
	}
	return fmt.Sprintf("%v: %.4g (baseline %.4g, threshold %.4g) %s", s.ID, s.Value, s.Baseline, s.Threshold, state)
}
