package main

import (
	"math"
	"slices"

	"github.com/kundenwert/winback"
)

// buckets is the number of frequency classes of the comparisons: x = 0 … 6
// repeat purchases and 7 or more, as in Fader, Hardie & Lee (2005), Figures 1
// and 4.
const buckets = 8

// bucket returns the frequency class of x.
func bucket(x float64) int {
	return min(int(x), buckets-1)
}

// freqTable is the calibration-period histogram of repeat purchases: how
// many customers made x repeat purchases, actually and as expected,
// Σ_i P(X(T_i) = x) over the customers' own ages T_i.
type freqTable struct {
	actual   [buckets]float64
	expected [][buckets]float64 // per model
}

// condTable compares the holdout purchases per customer with the model's
// conditional expectation E[Y(h) | x, t_x, T], averaged over the customers
// of each calibration-frequency class.
type condTable struct {
	n        [buckets]int
	actual   [buckets]float64   // mean holdout purchases
	expected [][buckets]float64 // per model: mean E[Y(h) | x, t_x, T]
}

// aggregate sums one model's forecasts over all customers.
type aggregate struct {
	calActual   float64 // Σ x: repeat purchases in calibration
	calExpected float64 // Σ E[X(T_i)]
	holdActual  float64 // purchases in the holdout
	holdCond    float64 // Σ E[Y(h) | x_i, t_x,i, T_i]
	holdUncond  float64 // Σ E[X(T_i + h)] − E[X(T_i)], ignoring the histories
	mae         float64 // mean |E[Y(h) | …] − actual| per customer
}

// weeklyCurve is the cohort's cumulative repeat purchases at the end of each
// week since its first purchase day, actual and expected,
// Σ_i E[X(t − s_i)] over the customers who had made their first purchase
// s_i by t.
type weeklyCurve struct {
	calWeeks int         // weeks in calibration
	actual   []float64   // index w: through the end of week w (0: none)
	expected [][]float64 // per model
}

// relErr returns (pred − actual) / actual.
func relErr(pred, actual float64) float64 {
	return (pred - actual) / actual
}

// compare fills the comparison tables of c from its fitted models and the
// order log.
func (c *cdnowResult) compare(orders []winback.Order) error {
	unit := c.opts.Unit.Days()

	// Customers by age T (for P(X(T) = x)) and by first-purchase day.
	byT := map[float64]float64{}
	firsts := make([]float64, c.endDay+1)
	for _, cu := range c.customers {
		byT[cu.h.T]++
		c.freq.actual[bucket(cu.h.X)]++
		if cu.firstDay <= c.endDay {
			firsts[cu.firstDay]++
		}
	}
	ages := make([]float64, 0, len(byT))
	for t := range byT {
		ages = append(ages, t)
	}
	slices.Sort(ages)

	for _, tm := range c.models {
		var f [buckets]float64
		for _, t := range ages {
			rest := 1.0
			for x := range buckets - 1 {
				p, err := tm.m.ProbPurchases(x, t)
				if err != nil {
					return err
				}
				f[x] += byT[t] * p
				rest -= p
			}
			f[buckets-1] += byT[t] * rest
		}
		c.freq.expected = append(c.freq.expected, f)

		var ct [buckets]float64
		a := aggregate{}
		for _, cu := range c.customers {
			e, err := tm.m.ConditionalExpectedPurchases(c.horizon, cu.h)
			if err != nil {
				return err
			}
			e0, err := tm.m.ExpectedPurchases(cu.h.T)
			if err != nil {
				return err
			}
			e1, err := tm.m.ExpectedPurchases(cu.h.T + c.horizon)
			if err != nil {
				return err
			}
			ct[bucket(cu.h.X)] += e
			a.calActual += cu.h.X
			a.calExpected += e0
			a.holdActual += cu.holdout
			a.holdCond += e
			a.holdUncond += e1 - e0
			a.mae += math.Abs(e - cu.holdout)
		}
		a.mae /= float64(len(c.customers))
		c.agg = append(c.agg, a)
		c.cond.expected = append(c.cond.expected, ct)
	}
	for _, cu := range c.customers {
		b := bucket(cu.h.X)
		c.cond.n[b]++
		c.cond.actual[b] += cu.holdout
	}
	for b := range buckets {
		if n := float64(c.cond.n[b]); n > 0 {
			c.cond.actual[b] /= n
			for m := range c.cond.expected {
				c.cond.expected[m][b] /= n
			}
		}
	}

	// Distinct purchase days of the fitted customers, through the holdout end.
	fitted := make(map[string]bool, len(c.customers))
	for _, cu := range c.customers {
		fitted[cu.id] = true
	}
	type custDay struct {
		id  string
		day int
	}
	seen := map[custDay]bool{}
	purchases := make([]float64, c.endDay+1)
	for _, o := range orders {
		d := dayIndex(c.origin, o.Time)
		if !fitted[o.CustomerID] || d < 0 || d > c.endDay || seen[custDay{o.CustomerID, d}] {
			continue
		}
		seen[custDay{o.CustomerID, d}] = true
		purchases[d]++
	}

	weeks := (c.endDay + 7) / 7 // the last week may be cut at the holdout end
	c.weekly.calWeeks = (c.calDay + 1) / 7
	c.weekly.actual = make([]float64, weeks+1)
	c.weekly.expected = make([][]float64, len(c.models))
	for m := range c.models {
		c.weekly.expected[m] = make([]float64, weeks+1)
	}
	cum, day := 0.0, 0
	for w := 1; w <= weeks; w++ {
		end := min(7*w-1, c.endDay)
		for ; day <= end; day++ {
			cum += purchases[day] - firsts[day]
		}
		c.weekly.actual[w] = cum
		for m, tm := range c.models {
			var e float64
			for d := 0; d <= end; d++ {
				if firsts[d] == 0 {
					continue
				}
				x, err := tm.m.ExpectedPurchases(float64(end-d) / unit)
				if err != nil {
					return err
				}
				e += firsts[d] * x
			}
			c.weekly.expected[m][w] = e
		}
	}
	return nil
}
