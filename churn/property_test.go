package churn

import (
	"errors"
	"math"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// genDate draws a date within [base, base+span days), to the second.
func genDate(t *rapid.T, label string, span int) time.Time {
	return base.Add(time.Duration(rapid.Int64Range(0, int64(span)*86400-1).Draw(t, label)) * time.Second)
}

func genPurchase(span int) *rapid.Generator[Purchase] {
	return rapid.Custom(func(t *rapid.T) Purchase {
		return Purchase{
			Date:     genDate(t, "date", span),
			Amount:   float64(rapid.IntRange(0, 50000).Draw(t, "cents")) / 100,
			Discount: float64(rapid.IntRange(0, 2000).Draw(t, "discount")) / 100 * float64(rapid.IntRange(0, 1).Draw(t, "discounted")),
			Items:    rapid.IntRange(0, 5).Draw(t, "items"),
			Returned: rapid.Bool().Draw(t, "returned"),
		}
	})
}

func genEvent(span int) *rapid.Generator[Event] {
	return rapid.Custom(func(t *rapid.T) Event {
		return Event{
			Date:     genDate(t, "date", span),
			Kind:     EventKind(rapid.IntRange(1, int(numEventKinds)-1).Draw(t, "kind")),
			Outcome:  Outcome(rapid.IntRange(0, int(numOutcomes)-1).Draw(t, "outcome")),
			Quality:  rapid.Bool().Draw(t, "quality"),
			Answered: rapid.Bool().Draw(t, "answered"),
			Score:    rapid.IntRange(0, 10).Draw(t, "score"),
			Reason:   Reason(rapid.IntRange(0, NumReasons-1).Draw(t, "reason")),
		}
	})
}

// genHistory draws a valid history within 3 years after base.
func genHistory(t *rapid.T) History {
	const span = 3 * 365
	h := History{
		Purchases: rapid.SliceOfN(genPurchase(span), 0, 40).Draw(t, "purchases"),
		Events:    rapid.SliceOfN(genEvent(span), 0, 60).Draw(t, "events"),
	}
	if rapid.Bool().Draw(t, "facts") {
		h.Facts = Facts{
			Margin:    float64(rapid.IntRange(-1000, 1000).Draw(t, "margin")),
			Defaulted: rapid.IntRange(0, 9).Draw(t, "default") == 0,
			Fraud:     rapid.IntRange(0, 19).Draw(t, "fraud") == 0,
			PAlive:    rapid.Float64Range(0, 1).Draw(t, "palive"),
			HasPAlive: rapid.Bool().Draw(t, "haspalive"),
		}
	}
	return h
}

func genOptions(t *rapid.T) Options {
	o := DefaultOptions()
	if rapid.Bool().Draw(t, "population") {
		o.Status.PopulationInterval = time.Duration(rapid.IntRange(1, 400).Draw(t, "popDays")) * 24 * time.Hour
	}
	return o
}

// sameOutcome compares two Assess results exactly (== on the whole value).
func sameOutcome(t *rapid.T, a Assessment, errA error, b Assessment, errB error) {
	if (errA == nil) != (errB == nil) || (errA != nil && errA.Error() != errB.Error()) {
		t.Fatalf("errors differ: %v vs %v", errA, errB)
	}
	if a != b {
		t.Fatalf("results differ:\n%+v\n%+v", a.Lapse, b.Lapse)
	}
}

func permute[T any](t *rapid.T, label string, s []T) []T {
	out := make([]T, len(s))
	copy(out, s)
	for i := len(out) - 1; i > 0; i-- {
		j := rapid.IntRange(0, i).Draw(t, label)
		out[i], out[j] = out[j], out[i]
	}
	return out
}

func TestAssessIsIndependentOfEntryOrder(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := genHistory(t)
		opts := genOptions(t)
		asOf := genDate(t, "asOf", 4*365)
		a, errA := Assess(h, asOf, opts)
		p := History{Purchases: permute(t, "pp", h.Purchases), Events: permute(t, "pe", h.Events), Facts: h.Facts}
		b, errB := Assess(p, asOf, opts)
		sameOutcome(t, a, errA, b, errB)
	})
}

func TestEntriesAfterAsOfChangeNothing(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := genHistory(t)
		opts := genOptions(t)
		asOf := genDate(t, "asOf", 3*365)
		a, errA := Assess(h, asOf, opts)
		later := func(d time.Time) time.Time { return asOf.Add(time.Nanosecond + d.Sub(base)) }
		extra := h
		extra.Purchases = append([]Purchase(nil), h.Purchases...)
		extra.Events = append([]Event(nil), h.Events...)
		for _, p := range rapid.SliceOfN(genPurchase(365), 1, 10).Draw(t, "laterPurchases") {
			p.Date = later(p.Date)
			extra.Purchases = append(extra.Purchases, p)
		}
		for _, e := range rapid.SliceOfN(genEvent(365), 1, 10).Draw(t, "laterEvents") {
			e.Date = later(e.Date)
			extra.Events = append(extra.Events, e)
		}
		extra.Purchases = permute(t, "pp", extra.Purchases)
		extra.Events = permute(t, "pe", extra.Events)
		b, errB := Assess(extra, asOf, opts)
		sameOutcome(t, a, errA, b, errB)
	})
}

// A customer who buys every d days and whose next purchase is not yet due
// (asOf at most d after the last) is active, whatever the population
// interval—so in particular never lapsed.
func TestCustomerBuyingOnScheduleIsNeverLapsed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.IntRange(1, 365).Draw(t, "stepDays")
		n := rapid.IntRange(3, 30).Draw(t, "purchases")
		h := History{Purchases: every(0, d, n, 10)}
		h.Events = rapid.SliceOfN(genEvent(n*d), 0, 20).Draw(t, "events")
		for i := range h.Events { // no explicit cancellation: that is loss, not lapse
			if k := h.Events[i].Kind; k == Cancellation || k == AccountDeleted {
				h.Events[i].Kind = SiteVisit
			}
		}
		opts := genOptions(t)
		last := dayN((n - 1) * d)
		asOf := last.Add(time.Duration(rapid.Int64Range(0, int64(days(d))).Draw(t, "wait")))
		l, err := Status(h, asOf, opts.Status)
		if err != nil {
			t.Fatal(err)
		}
		if l.State != Active || l.Overdue > 1 || l.Source != SourceOwn {
			t.Fatalf("on schedule but %v (overdue %v, source %v)", l.State, l.Overdue, l.Source)
		}
	})
}

// With fewer purchases the customer borrows the population interval; if the
// population buys at the customer's own pace the verdict is the same.
func TestShortHistoryOnPopulationScheduleIsNeverLapsed(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := rapid.IntRange(1, 365).Draw(t, "stepDays")
		n := rapid.IntRange(1, 2).Draw(t, "purchases")
		opts := DefaultStatusOptions()
		opts.PopulationInterval = days(d)
		opts.PopulationWeight = rapid.Float64Range(0.1, 10).Draw(t, "k")
		last := dayN((n - 1) * d)
		asOf := last.Add(time.Duration(rapid.Int64Range(0, int64(days(d))).Draw(t, "wait")))
		l, err := Status(History{Purchases: every(0, d, n, 10)}, asOf, opts)
		if err != nil {
			t.Fatal(err)
		}
		if l.State >= Lapsed || l.Interval != days(d) {
			t.Fatalf("on the population's schedule but %v (interval %v)", l.State, l.Interval)
		}
	})
}

// Without new purchases, time only makes the status worse.
func TestStatusNeverImprovesWithoutPurchases(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		h := genHistory(t)
		opts := genOptions(t)
		t1 := genDate(t, "t1", 3*365)
		gap := time.Duration(rapid.Int64Range(0, 500*86400).Draw(t, "gap")) * time.Second
		t2 := t1.Add(gap)
		for _, p := range h.Purchases {
			if p.Date.After(t1) && !p.Date.After(t2) {
				return // a purchase in between may legitimately improve the status
			}
		}
		l1, err1 := Status(h, t1, opts.Status)
		l2, err2 := Status(h, t2, opts.Status)
		if err1 != nil || err2 != nil {
			return
		}
		if l2.State < l1.State {
			t.Fatalf("status improved from %v to %v without a purchase", l1.State, l2.State)
		}
	})
}

// Classification is a pure function of the report and the rules: the same
// inputs give the same result, the winner has the highest score, and the
// confidence lies in (0, 1].
func TestClassifyIsDeterministic(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		var r Report
		r.Fired = SignalSet(rapid.Uint64Range(0, 1<<NumSignals-1).Draw(t, "fired"))
		r.Reasons = ReasonSet(rapid.Uint16Range(0, 1<<NumReasons-1).Draw(t, "reasons"))
		rules := DefaultRules()
		if rapid.Bool().Draw(t, "randomWeights") {
			for ty := 1; ty < NumTypes; ty++ {
				for s := range NumSignals {
					rules.Weights[ty][s] = rapid.Float64Range(-3, 3).Draw(t, "w")
				}
			}
		}
		a, errA := Classify(r, rules)
		b, errB := Classify(r, rules)
		if errA != nil || errB != nil || a != b {
			t.Fatalf("not deterministic: %+v vs %+v (%v, %v)", a, b, errA, errB)
		}
		for ty, s := range a.Scores {
			if s > a.Score || (s == a.Score && Type(ty) < a.Type) {
				t.Fatalf("%v scores %v, beating the winner %v with %v", Type(ty), s, a.Type, a.Score)
			}
		}
		if !(a.Confidence > 0 && a.Confidence <= 1) || math.IsNaN(a.Confidence) {
			t.Fatalf("confidence %v", a.Confidence)
		}
		if a.RunnerUp == a.Type || a.RunnerUpScore > a.Score {
			t.Fatalf("runner-up %v (%v) vs winner %v (%v)", a.RunnerUp, a.RunnerUpScore, a.Type, a.Score)
		}
	})
}

// FuzzAssess feeds arbitrary, often invalid, histories (NaN amounts, dates
// out of range, bad kinds) to Assess: it must return an error or a result
// without NaN, never panic.
func FuzzAssess(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
	f.Add([]byte("\xff\xff\xff\xff\x00\x00\x00\x00\x80\x80\x80\x80"))
	f.Fuzz(rapid.MakeFuzz(func(t *rapid.T) {
		anyDate := rapid.Custom(func(t *rapid.T) time.Time {
			return time.Unix(rapid.Int64Range(-5e9, 1e10).Draw(t, "sec"), rapid.Int64Range(0, 1e9-1).Draw(t, "ns")).UTC()
		})
		anyFloat := rapid.OneOf(rapid.Float64(), rapid.SampledFrom([]float64{math.NaN(), math.Inf(1), -1, 0, 1e8, 2e8}))
		var h History
		for range rapid.IntRange(0, 8).Draw(t, "np") {
			h.Purchases = append(h.Purchases, Purchase{Date: anyDate.Draw(t, "d"), Amount: anyFloat.Draw(t, "a"),
				Discount: anyFloat.Draw(t, "disc"), Items: rapid.IntRange(-1, 3).Draw(t, "i"), Returned: rapid.Bool().Draw(t, "r")})
		}
		for range rapid.IntRange(0, 8).Draw(t, "ne") {
			h.Events = append(h.Events, Event{Date: anyDate.Draw(t, "d"), Kind: EventKind(rapid.Uint8().Draw(t, "k")),
				Outcome: Outcome(rapid.Uint8().Draw(t, "o")), Score: rapid.IntRange(-2, 12).Draw(t, "s"),
				Reason: Reason(rapid.Uint8().Draw(t, "rs")), Quality: rapid.Bool().Draw(t, "q"), Answered: rapid.Bool().Draw(t, "ans")})
		}
		h.Facts = Facts{Margin: anyFloat.Draw(t, "m"), PAlive: anyFloat.Draw(t, "pa"), HasPAlive: rapid.Bool().Draw(t, "hp"),
			Defaulted: rapid.Bool().Draw(t, "def"), Fraud: rapid.Bool().Draw(t, "fr")}
		opts := DefaultOptions()
		opts.Status.PopulationInterval = time.Duration(rapid.Int64Range(-1, math.MaxInt64).Draw(t, "pop"))
		a, err := Assess(h, anyDate.Draw(t, "asOf"), opts)
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) && !errors.Is(err, ErrNoPurchases) && !errors.Is(err, ErrNoCycle) {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		c := a.Classification
		vals := []float64{a.Lapse.Overdue, c.Confidence, c.Score}
		for _, s := range a.Report.Signals {
			vals = append(vals, s.Value, s.Baseline, s.Threshold)
		}
		for _, v := range vals {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite output %v in %+v", v, a)
			}
		}
	}))
}
