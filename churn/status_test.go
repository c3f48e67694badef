package churn

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"
)

// TestStatusIsRelativeToOwnInterval reproduces the rule of seed 003
// ("Identifizieren Sie verlorene Kund:innen": not the absolute pause but the
// usual interval counts; a half-year pause says more about a monthly buyer
// than about a quarterly one) and DOMAIN §2 (a two-weekly buyer is overdue
// after six weeks, a yearly buyer is not).
func TestStatusIsRelativeToOwnInterval(t *testing.T) {
	opts := DefaultStatusOptions()
	cases := []struct {
		name      string
		purchases []Purchase
		pause     int // days from the last purchase to asOf
		want      State
		ratio     float64 // independent: pause / step
	}{
		// monthly (30 d) buyer, 180 d pause: 6 intervals ≥ Lost 3
		{"monthly buyer after half a year", every(0, 30, 6, 50), 180, Lost, 6},
		// quarterly (90 d) buyer, 180 d pause: 2 intervals ≥ Lapsed 2
		{"quarterly buyer after half a year", every(0, 90, 6, 50), 180, Lapsed, 2},
		// two-weekly buyer, six weeks: 3 intervals
		{"two-weekly buyer after six weeks", every(0, 14, 10, 50), 42, Lost, 3},
		// yearly buyer, six weeks: 42/365 of an interval
		{"yearly buyer after six weeks", every(0, 365, 4, 50), 42, Active, 42.0 / 365},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			last := c.purchases[len(c.purchases)-1].Date
			l, err := Status(History{Purchases: c.purchases}, last.AddDate(0, 0, c.pause), opts)
			if err != nil {
				t.Fatal(err)
			}
			if l.State != c.want || math.Abs(l.Overdue-c.ratio) > 1e-12 || l.Source != SourceOwn {
				t.Errorf("got %v ratio %v source %v, want %v ratio %v own", l.State, l.Overdue, l.Source, c.want, c.ratio)
			}
			step := c.purchases[1].Date.Sub(c.purchases[0].Date)
			if l.Interval != step || !l.ExpectedNext.Equal(last.Add(step)) {
				t.Errorf("interval %v next %v, want %v and %v", l.Interval, l.ExpectedNext, step, last.Add(step))
			}
		})
	}
}

// TestStatusThresholdBoundaries checks every threshold of the interval rule
// at the boundary (the state applies at exactly k intervals) and one
// nanosecond before it. Interval 10 days from three purchases 10 days apart.
func TestStatusThresholdBoundaries(t *testing.T) {
	opts := DefaultStatusOptions()
	h := History{Purchases: every(0, 10, 3, 20)}
	last := dayN(20)
	for _, c := range []struct {
		k           float64
		at, justBef State
	}{{opts.AtRisk, AtRisk, Active}, {opts.Lapsed, Lapsed, AtRisk}, {opts.Lost, Lost, Lapsed}} {
		asOf := last.Add(time.Duration(c.k * float64(days(10))))
		l, err := Status(h, asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if l.State != c.at {
			t.Errorf("at %v intervals: %v, want %v", c.k, l.State, c.at)
		}
		l, _ = Status(h, asOf.Add(-time.Nanosecond), opts)
		if l.State != c.justBef {
			t.Errorf("1 ns before %v intervals: %v, want %v", c.k, l.State, c.justBef)
		}
	}
}

// TestPAliveThresholdBoundaries: a P(alive) strictly below a threshold gives
// that state; at the threshold it does not. The customer is on schedule, so
// the combined state is the P(alive) state (the worse of the two).
func TestPAliveThresholdBoundaries(t *testing.T) {
	opts := DefaultStatusOptions()
	h := History{Purchases: every(0, 10, 3, 20)}
	asOf := dayN(21)
	for _, c := range []struct {
		p      float64
		at, jb State // at the threshold, just below it
	}{{opts.PAliveAtRisk, Active, AtRisk}, {opts.PAliveLapsed, AtRisk, Lapsed}, {opts.PAliveLost, Lapsed, Lost}} {
		for _, x := range []struct {
			p    float64
			want State
		}{{c.p, c.at}, {math.Nextafter(c.p, 0), c.jb}} {
			h.Facts = Facts{PAlive: x.p, HasPAlive: true}
			l, err := Status(h, asOf, opts)
			if err != nil {
				t.Fatal(err)
			}
			if l.ByInterval != Active || l.ByPAlive != x.want || l.State != x.want {
				t.Errorf("P(alive) %v: by interval %v, by P(alive) %v, state %v; want active, %v, %v",
					x.p, l.ByInterval, l.ByPAlive, l.State, x.want, x.want)
			}
		}
	}
	// the interval rule wins when it is worse: lost by interval, P(alive) 0.9
	h.Facts = Facts{PAlive: 0.9, HasPAlive: true}
	l, _ := Status(h, dayN(60), opts)
	if l.State != Lost || l.ByPAlive != Active {
		t.Errorf("interval lost, P(alive) 0.9: got %v (by P(alive) %v), want lost", l.State, l.ByPAlive)
	}
}

// TestShrinkageFormula checks (m·own + k·pop)/(m + k) by hand.
func TestShrinkageFormula(t *testing.T) {
	opts := DefaultStatusOptions()
	opts.PopulationInterval = days(40)
	cases := []struct {
		name      string
		purchases []Purchase
		k         float64
		want      time.Duration
		source    IntervalSource
	}{
		// one purchase: m = 0, the population interval itself
		{"single purchase", every(0, 1, 1, 10), 1, days(40), SourcePopulation},
		// two purchases 10 d apart, k = 1: (1·10 + 1·40)/2 = 25 d
		{"two purchases k=1", every(0, 10, 2, 10), 1, days(25), SourceShrunk},
		// k = 3: (10 + 120)/4 = 32.5 d
		{"two purchases k=3", every(0, 10, 2, 10), 3, days(32) + 12*time.Hour, SourceShrunk},
		// three purchases: m = 2 = MinOwnIntervals, own 10 d unshrunk
		{"three purchases", every(0, 10, 3, 10), 1, days(10), SourceOwn},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := opts
			o.PopulationWeight = c.k
			last := c.purchases[len(c.purchases)-1].Date
			l, err := Status(History{Purchases: c.purchases}, last.AddDate(0, 0, 30), o)
			if err != nil {
				t.Fatal(err)
			}
			if l.Interval != c.want || l.Source != c.source {
				t.Errorf("interval %v (%v), want %v (%v)", l.Interval, l.Source, c.want, c.source)
			}
			if want := float64(days(30)) / float64(c.want); math.Abs(l.Overdue-want) > 1e-12 {
				t.Errorf("overdue %v, want %v", l.Overdue, want)
			}
		})
	}
	// without a population interval two purchases use their own interval and
	// one purchase has no cycle at all
	l, err := Status(History{Purchases: every(0, 10, 2, 10)}, dayN(15), DefaultStatusOptions())
	if err != nil || l.Interval != days(10) || l.Source != SourceOwn {
		t.Errorf("two purchases, no population: %v %v %v", l.Interval, l.Source, err)
	}
	_, err = Status(History{Purchases: every(0, 10, 1, 10)}, dayN(15), DefaultStatusOptions())
	if !errors.Is(err, ErrNoCycle) {
		t.Errorf("single purchase, no population: err = %v, want ErrNoCycle", err)
	}
}

func TestMinIntervalFloorsSameDayPurchases(t *testing.T) {
	h := History{Purchases: []Purchase{{Date: dayN(5)}, {Date: dayN(5)}, {Date: dayN(5)}}}
	l, err := Status(h, dayN(7), DefaultStatusOptions())
	if err != nil {
		t.Fatal(err)
	}
	// own interval 0, floored at 24 h; two days since → 2 intervals → lapsed
	if l.OwnInterval != 0 || l.Interval != 24*time.Hour || l.State != Lapsed {
		t.Errorf("got own %v interval %v state %v", l.OwnInterval, l.Interval, l.State)
	}
}

// TestCancellation covers explicit loss (DOMAIN §2): a cancellation or
// deletion on or after the last purchase is in force; a later purchase
// revokes it.
func TestCancellation(t *testing.T) {
	ps := every(0, 10, 5, 20) // last purchase day 40
	opts := DefaultStatusOptions()
	cases := []struct {
		name   string
		h      History
		want   State
		cancel time.Time
	}{
		{"cancelled after last purchase", History{Purchases: ps, Events: []Event{ev(45, Cancellation)}}, Cancelled, dayN(45)},
		{"account deleted on the day of the last purchase", History{Purchases: ps, Events: []Event{ev(40, AccountDeleted)}}, Cancelled, dayN(40)},
		{"purchase after cancellation revokes it", History{Purchases: ps, Events: []Event{ev(35, Cancellation)}}, Active, time.Time{}},
		{"cancellation after asOf is ignored", History{Purchases: ps, Events: []Event{ev(60, Cancellation)}}, Active, time.Time{}},
		{"cancelled without purchases", History{Events: []Event{ev(3, Cancellation)}}, Cancelled, dayN(3)},
		{"single purchase then cancelled, no cycle", History{Purchases: ps[:1], Events: []Event{ev(5, Cancellation)}}, Cancelled, dayN(5)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := Status(c.h, dayN(48), opts)
			if err != nil {
				t.Fatal(err)
			}
			if l.State != c.want || !l.Cancelled.Equal(c.cancel) {
				t.Errorf("state %v cancelled %v, want %v %v", l.State, l.Cancelled, c.want, c.cancel)
			}
		})
	}
}

func TestStatusErrors(t *testing.T) {
	good := History{Purchases: every(0, 10, 3, 20)}
	bad := func(mod func(*History)) History {
		h := History{Purchases: slices.Clone(good.Purchases), Events: []Event{ev(1, NPS)}}
		mod(&h)
		return h
	}
	opt := func(mod func(*StatusOptions)) StatusOptions {
		o := DefaultStatusOptions()
		mod(&o)
		return o
	}
	def := DefaultStatusOptions()
	cases := []struct {
		name  string
		h     History
		asOf  time.Time
		opts  StatusOptions
		field string
		is    error
	}{
		{"zero asOf", good, time.Time{}, def, "asOf", ErrInvalidInput},
		{"NaN amount", bad(func(h *History) { h.Purchases[1].Amount = math.NaN() }), dayN(30), def, "purchases[1].Amount", ErrInvalidInput},
		{"negative discount", bad(func(h *History) { h.Purchases[2].Discount = -1 }), dayN(30), def, "purchases[2].Discount", ErrInvalidInput},
		{"huge amount", bad(func(h *History) { h.Purchases[0].Amount = 2e8 }), dayN(30), def, "purchases[0].Amount", ErrInvalidInput},
		{"negative items", bad(func(h *History) { h.Purchases[0].Items = -1 }), dayN(30), def, "purchases[0].Items", ErrInvalidInput},
		{"zero purchase date", bad(func(h *History) { h.Purchases[0].Date = time.Time{} }), dayN(30), def, "purchases[0].Date", ErrInvalidInput},
		{"date out of range", bad(func(h *History) { h.Purchases[0].Date = time.Date(1850, 1, 1, 0, 0, 0, 0, time.UTC) }), dayN(30), def, "purchases[0].Date", ErrInvalidInput},
		{"NPS 11", bad(func(h *History) { h.Events[0].Score = 11 }), dayN(30), def, "events[0].Score", ErrInvalidInput},
		{"unspecified kind", bad(func(h *History) { h.Events[0].Kind = KindUnspecified }), dayN(30), def, "events[0].Kind", ErrInvalidInput},
		{"kind out of range", bad(func(h *History) { h.Events[0].Kind = 99 }), dayN(30), def, "events[0].Kind", ErrInvalidInput},
		{"bad outcome", bad(func(h *History) { h.Events[0] = Event{Date: dayN(1), Kind: Complaint, Outcome: 9} }), dayN(30), def, "events[0].Outcome", ErrInvalidInput},
		{"bad reason", bad(func(h *History) { h.Events[0] = Event{Date: dayN(1), Kind: ExitReason, Reason: 99} }), dayN(30), def, "events[0].Reason", ErrInvalidInput},
		{"P(alive) 1.5", bad(func(h *History) { h.Facts = Facts{PAlive: 1.5, HasPAlive: true} }), dayN(30), def, "facts.PAlive", ErrInvalidInput},
		{"margin Inf", bad(func(h *History) { h.Facts.Margin = math.Inf(-1) }), dayN(30), def, "facts.Margin", ErrInvalidInput},
		{"AtRisk 0", good, dayN(30), opt(func(o *StatusOptions) { o.AtRisk = 0 }), "opts.AtRisk", ErrInvalidInput},
		{"Lapsed below AtRisk", good, dayN(30), opt(func(o *StatusOptions) { o.Lapsed = 1 }), "opts.Lapsed", ErrInvalidInput},
		{"Lost below Lapsed", good, dayN(30), opt(func(o *StatusOptions) { o.Lost = 1.8 }), "opts.Lost", ErrInvalidInput},
		{"negative population", good, dayN(30), opt(func(o *StatusOptions) { o.PopulationInterval = -1 }), "opts.PopulationInterval", ErrInvalidInput},
		{"population too long", good, dayN(30), opt(func(o *StatusOptions) { o.PopulationInterval = 1 << 62 }), "opts.PopulationInterval", ErrInvalidInput},
		{"MinInterval too long", good, dayN(30), opt(func(o *StatusOptions) { o.MinInterval = 1 << 62 }), "opts.MinInterval", ErrInvalidInput},
		{"weight 0", good, dayN(30), opt(func(o *StatusOptions) { o.PopulationWeight = 0 }), "opts.PopulationWeight", ErrInvalidInput},
		{"MinOwnIntervals -1", good, dayN(30), opt(func(o *StatusOptions) { o.MinOwnIntervals = -1 }), "opts.MinOwnIntervals", ErrInvalidInput},
		{"MinInterval 0", good, dayN(30), opt(func(o *StatusOptions) { o.MinInterval = 0 }), "opts.MinInterval", ErrInvalidInput},
		{"PAlive thresholds out of order", good, dayN(30), opt(func(o *StatusOptions) { o.PAliveLost = 0.4 }), "opts.PAliveLost", ErrInvalidInput},
		{"PAliveLapsed above AtRisk", good, dayN(30), opt(func(o *StatusOptions) { o.PAliveLapsed = 0.6 }), "opts.PAliveLapsed", ErrInvalidInput},
		{"PAliveAtRisk NaN", good, dayN(30), opt(func(o *StatusOptions) { o.PAliveAtRisk = math.NaN() }), "opts.PAliveAtRisk", ErrInvalidInput},
		{"no purchases", History{}, dayN(30), def, "", ErrNoPurchases},
		{"purchases only after asOf", good, dayN(-1), def, "", ErrNoPurchases},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Status(c.h, c.asOf, c.opts)
			if !errors.Is(err, c.is) {
				t.Fatalf("err = %v, want %v", err, c.is)
			}
			var ie *InputError
			if c.field != "" && (!errors.As(err, &ie) || ie.Field != c.field) {
				t.Errorf("err = %v, want field %q", err, c.field)
			}
		})
	}
}

func TestPopulationIntervalIsMedianOfMeans(t *testing.T) {
	seq := func(hs ...[]Purchase) func(func([]Purchase) bool) {
		return slices.Values(hs)
	}
	asOf := dayN(1000)
	// means 10, 30, 20 d (and a single-purchase customer, skipped) → median 20 d
	got, err := PopulationInterval(seq(every(0, 10, 4, 1), every(0, 30, 2, 1), every(0, 1, 1, 1), every(5, 20, 3, 1)), asOf)
	if err != nil || got != days(20) {
		t.Errorf("odd count: %v, %v; want 20 days", got, err)
	}
	// means 10 and 30 d → the mean of the middle two, 20 d
	got, err = PopulationInterval(seq(every(0, 10, 4, 1), every(0, 30, 2, 1)), asOf)
	if err != nil || got != days(20) {
		t.Errorf("even count: %v, %v; want 20 days", got, err)
	}
	if _, err := PopulationInterval(seq(every(0, 1, 1, 1)), asOf); !errors.Is(err, ErrNoCycle) {
		t.Errorf("no repeat buyer: err = %v, want ErrNoCycle", err)
	}
	bad := every(0, 10, 2, 1)
	bad[1].Amount = -3
	_, err = PopulationInterval(seq(every(0, 10, 2, 1), bad), asOf)
	var ie *InputError
	if !errors.As(err, &ie) || ie.Field != "customers[1]: purchases[1].Amount" {
		t.Errorf("bad customer: err = %v", err)
	}
	// purchases after asOf do not count: mean over the first two only
	d, m, err := MeanInterval(every(0, 10, 5, 1), dayN(15))
	if err != nil || d != days(10) || m != 1 {
		t.Errorf("MeanInterval = %v, %d, %v; want 10 days, 1", d, m, err)
	}
}
