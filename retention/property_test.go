package retention

import (
	"errors"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// anyCount draws counts including negative and huge ones, to exercise the
// error paths as well as the formulas.
func anyCount(t *rapid.T, label string) int {
	return rapid.OneOf(
		rapid.IntRange(-3, 50),
		rapid.IntRange(-1_000_000, 1_000_000),
		rapid.SampledFrom([]int{math.MinInt, math.MaxInt, math.MaxInt - 1}),
	).Draw(t, label)
}

// checkFractionOrError fails unless err is a field error matching one of
// the two sentinels, or v is a fraction in [lo, 1].
func checkFractionOrError(t *rapid.T, name string, v float64, err error, lo float64) {
	if err != nil {
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field == "" {
			t.Fatalf("%s: error %v is not an *InputError naming a field", name, err)
		}
		if !errors.Is(err, ErrInvalidInput) && !errors.Is(err, ErrUndefined) {
			t.Fatalf("%s: error %v matches neither sentinel", name, err)
		}
		return
	}
	if math.IsNaN(v) || v < lo || v > 1 {
		t.Fatalf("%s = %v, outside [%v, 1]", name, v, lo)
	}
}

func propRetentionRateBounds(t *rapid.T) {
	s, e, n := anyCount(t, "S"), anyCount(t, "E"), anyCount(t, "N")
	v, err := RetentionRate(s, e, n)
	checkFractionOrError(t, "RetentionRate", v, err, 0)
}

// TestRatesAreFractionsOrErrors: every rate of a part in a whole is a fraction
// in [0, 1] or an error naming a field; never NaN, never outside the bounds,
// whatever the counts.
func TestRatesAreFractionsOrErrors(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		propRetentionRateBounds(t)
		a, b := anyCount(t, "a"), anyCount(t, "b")
		for name, f := range map[string]func(int, int) (float64, error){
			"ChurnRate": ChurnRate, "RepeatPurchaseRate": RepeatPurchaseRate,
			"WinBackRate": WinBackRate, "SustainedReactivation": SustainedReactivation,
			"UnsubscribeRate": UnsubscribeRate, "ComplaintRate": ComplaintRate,
		} {
			v, err := f(a, b)
			checkFractionOrError(t, name, v, err, 0)
		}
		pf, err := PurchaseFrequency(a, b)
		if err == nil && (math.IsNaN(pf) || pf < 0) {
			t.Fatalf("PurchaseFrequency(%d, %d) = %v", a, b, pf)
		}
	})
}

func propNPSBounds(t *rapid.T) {
	p, q, d := anyCount(t, "promoters"), anyCount(t, "passives"), anyCount(t, "detractors")
	v, err := NPSFromCounts(p, q, d)
	checkFractionOrError(t, "NPSFromCounts", v, err, -1)
	answers := rapid.SliceOfN(rapid.IntRange(-2, 12), 0, 30).Draw(t, "answers")
	v, err = NPS(answers)
	checkFractionOrError(t, "NPS", v, err, -1)
}

// TestNPSIsInMinusOneToOneOrErrors: the NPS is in [−1, 1] or an error.
func TestNPSIsInMinusOneToOneOrErrors(t *testing.T) {
	rapid.Check(t, propNPSBounds)
}

// startCounts draws a consistent period: S > 0 customers at the start, lost
// of them lost, the others kept, and N new ones.
func startCounts(t *rapid.T) (s, lost, n int) {
	s = rapid.IntRange(1, 1_000_000).Draw(t, "S")
	lost = rapid.IntRange(0, s).Draw(t, "lost")
	n = rapid.IntRange(0, 1_000_000).Draw(t, "N")
	return s, lost, n
}

// TestRetentionPlusChurnIsOneWhenStartCustomersAreKeptOrLost: if every start
// customer is either kept or lost, E − N = S − lost, and CRR + churn = 1.
func TestRetentionPlusChurnIsOneWhenStartCustomersAreKeptOrLost(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, lost, n := startCounts(t)
		crr, err1 := RetentionRate(s, s-lost+n, n)
		churn, err2 := ChurnRate(lost, s)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if math.Abs(crr+churn-1) > 1e-12 {
			t.Fatalf("CRR %v + churn %v = %v, want 1", crr, churn, crr+churn)
		}
	})
}

// TestRetentionIsOneMinusChurnWithoutNewCustomers: with N = 0 the customers
// at the end are exactly the kept ones, so CRR = 1 − churn.
func TestRetentionIsOneMinusChurnWithoutNewCustomers(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, lost, _ := startCounts(t)
		crr, err1 := RetentionRate(s, s-lost, 0)
		churn, err2 := ChurnRate(lost, s)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if math.Abs(crr-(1-churn)) > 1e-12 {
			t.Fatalf("CRR %v, 1 − churn %v", crr, 1-churn)
		}
	})
}

// TestRetentionRateIsMonotone: more customers at the end (S, N fixed) never
// lowers the CRR; more new customers (S, E fixed) never raises it.
func TestRetentionRateIsMonotone(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		s, lost, n := startCounts(t)
		e := s - lost + n
		more := rapid.IntRange(0, lost).Draw(t, "more")
		lo, err1 := RetentionRate(s, e, n)
		hi, err2 := RetentionRate(s, e+more, n)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if hi < lo {
			t.Fatalf("CRR fell from %v to %v when E rose by %d", lo, hi, more)
		}
		if n > 0 {
			fewer, err := RetentionRate(s, e, n-1)
			if err == nil && fewer < lo {
				t.Fatalf("CRR %v with N−1 is below %v with N", fewer, lo)
			}
		}
	})
}

// TestPartRatesAreMonotoneInThePart: churn, repeat-purchase, win-back,
// sustained-reactivation, unsubscribe and complaint rates never fall when
// their part grows; the cost per win-back never rises when the win-backs do.
func TestPartRatesAreMonotoneInThePart(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		w := rapid.IntRange(1, 1_000_000).Draw(t, "whole")
		p := rapid.IntRange(0, w-1).Draw(t, "part")
		for name, f := range map[string]func(int, int) (float64, error){
			"ChurnRate": ChurnRate, "RepeatPurchaseRate": RepeatPurchaseRate,
			"WinBackRate": WinBackRate, "SustainedReactivation": SustainedReactivation,
			"UnsubscribeRate": UnsubscribeRate, "ComplaintRate": ComplaintRate,
		} {
			lo, err1 := f(p, w)
			hi, err2 := f(p+1, w)
			if err1 != nil || err2 != nil {
				t.Fatal(name, err1, err2)
			}
			if hi <= lo {
				t.Fatalf("%s(%d, %d) = %v is not above %s(%d, %d) = %v", name, p+1, w, hi, name, p, w, lo)
			}
		}
		cost := decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "cost cents"), -2)
		c1, err1 := CostPerWinBack(cost, p+1)
		c2, err2 := CostPerWinBack(cost, p+2)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if c2.Cmp(c1) > 0 {
			t.Fatalf("cost per win-back rose from %s to %s", c1, c2)
		}
	})
}

// TestNPSNeverFallsWhenAnAnswerRises: raising one answer moves the
// respondent to the same or a better group, so the NPS cannot fall.
func TestNPSNeverFallsWhenAnAnswerRises(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOfN(rapid.IntRange(0, 10), 1, 40).Draw(t, "answers")
		i := rapid.IntRange(0, len(answers)-1).Draw(t, "i")
		before, err := NPS(answers)
		if err != nil {
			t.Fatal(err)
		}
		raised := slices.Clone(answers)
		raised[i] = rapid.IntRange(answers[i], 10).Draw(t, "raised")
		after, err := NPS(raised)
		if err != nil {
			t.Fatal(err)
		}
		if after < before {
			t.Fatalf("NPS fell from %v to %v", before, after)
		}
	})
}

// TestNPSEqualsNPSFromItsCounts: scoring the answers equals scoring their
// group counts.
func TestNPSEqualsNPSFromItsCounts(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		answers := rapid.SliceOfN(rapid.IntRange(0, 10), 1, 40).Draw(t, "answers")
		var n [3]int
		for _, a := range answers {
			g, err := GroupOf(a)
			if err != nil {
				t.Fatal(err)
			}
			n[g]++
		}
		a, err1 := NPS(answers)
		b, err2 := NPSFromCounts(n[Promoter], n[Passive], n[Detractor])
		if err1 != nil || err2 != nil || a != b {
			t.Fatalf("NPS %v (%v) ≠ NPSFromCounts %v (%v)", a, err1, b, err2)
		}
	})
}

// TestCustomerValueIsRevenuePerCustomer: AOV × PF = (revenue / orders) ×
// (orders / customers) = revenue / customers, up to the documented rounding
// (AOV to the cent, then the product to the cent).
func TestCustomerValueIsRevenuePerCustomer(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		revenue := decimal.New(rapid.Int64Range(0, 1e11).Draw(t, "revenue cents"), -2)
		customers := rapid.IntRange(1, 100_000).Draw(t, "customers")
		orders := rapid.IntRange(1, 1_000_000).Draw(t, "orders")
		aov, err := AverageOrderValue(revenue, orders)
		if err != nil {
			t.Fatal(err)
		}
		pf, err := PurchaseFrequency(orders, customers)
		if err != nil {
			t.Fatal(err)
		}
		cv, err := CustomerValue(aov, pf)
		if err != nil {
			t.Fatal(err)
		}
		exact := revenue.InexactFloat64() / float64(customers)
		// AOV error ≤ 0.005, scaled by PF; final rounding ≤ 0.005; float slack.
		bound := 0.005*pf + 0.005 + 1e-9*math.Max(1, exact)
		if d := math.Abs(cv.InexactFloat64() - exact); d > bound {
			t.Fatalf("CV %s vs revenue/customers %v: off by %v > %v", cv, exact, d, bound)
		}
	})
}

// TestRevenueGrowthHasTheSignOfTheChange: growth is 0 for equal revenue and
// has the sign of after − before.
func TestRevenueGrowthHasTheSignOfTheChange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		b := decimal.New(rapid.Int64Range(1, 1e12).Draw(t, "before cents"), -2)
		a := decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "after cents"), -2)
		g, err := RevenueGrowth(b, a)
		if err != nil {
			t.Fatal(err)
		}
		if want := a.Cmp(b); (g > 0) != (want > 0) || (g < 0) != (want < 0) {
			t.Fatalf("growth %v for before %s after %s", g, b, a)
		}
		if g < -1 {
			t.Fatalf("growth %v below −100 %%", g)
		}
	})
}

// TestWaitSummaryIsOrdered: Min ≤ Median ≤ Max and Min ≤ Mean ≤ Max, and the
// summary does not depend on the order of the waits.
func TestWaitSummaryIsOrdered(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		waits := rapid.SliceOfN(rapid.OneOf(
			rapid.Int64Range(0, int64(400*24*time.Hour)),
			rapid.Int64Range(math.MaxInt64-10, math.MaxInt64),
		), 1, 30).Draw(t, "waits")
		ds := make([]time.Duration, len(waits))
		for i, w := range waits {
			ds[i] = time.Duration(w)
		}
		s, err := SummarizeWaits(ds)
		if err != nil {
			t.Fatal(err)
		}
		if s.Min > s.Median || s.Median > s.Max || s.Min > s.Mean || s.Mean > s.Max || s.Buyers != len(ds) {
			t.Fatalf("summary %+v out of order", s)
		}
		slices.Reverse(ds)
		if r, _ := SummarizeWaits(ds); r != s {
			t.Fatalf("summary depends on order: %+v vs %+v", r, s)
		}
	})
}

// FuzzRetentionRateBounds runs the retention-rate bound property under the
// native fuzzer.
func FuzzRetentionRateBounds(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 220, 0, 0, 0, 0, 0, 0, 0, 50})
	f.Fuzz(rapid.MakeFuzz(propRetentionRateBounds))
}

// FuzzNPSBounds runs the NPS bound property under the native fuzzer.
func FuzzNPSBounds(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Fuzz(rapid.MakeFuzz(propNPSBounds))
}
