package clv

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// tmLogUniform draws from [lo, hi] uniformly on a log scale.
func tmLogUniform(t *rapid.T, lo, hi float64, label string) float64 {
	u := rapid.Float64Range(math.Log(lo), math.Log(hi)).Draw(t, label)
	return math.Exp(u)
}

// tmDrawHistory draws a valid history with x ≤ 1e4 and T ≤ 1e4.
func tmDrawHistory(t *rapid.T) History {
	T := tmLogUniform(t, 1e-3, 1e4, "T")
	x := math.Floor(tmLogUniform(t, 1, 1e4+1, "x1") - 1)
	if x == 0 {
		return History{T: T}
	}
	tx := T * rapid.Float64Range(1e-6, 1).Draw(t, "txFrac")
	return History{X: x, Tx: tx, T: T}
}

// allModels draws one of the three transaction models with every
// parameter in [1e-6, 1e6].
func tmDrawModel(t *rapid.T) interface {
	TransactionModel
	LogLikelihoodOne(History) (float64, error)
	ProbPurchases(int, float64) (float64, error)
} {
	p := func(name string) float64 { return tmLogUniform(t, 1e-6, 1e6, name) }
	switch rapid.IntRange(0, 2).Draw(t, "model") {
	case 0:
		return BGNBD{R: p("r"), Alpha: p("alpha"), A: p("a"), B: p("b")}
	case 1:
		return MBGNBD{R: p("r"), Alpha: p("alpha"), A: p("a"), B: p("b")}
	default:
		return ParetoNBD{R: p("r"), Alpha: p("alpha"), S: p("s"), Beta: p("beta")}
	}
}

// tmFiniteOrError fails unless (v, err) is a finite value or an error that
// wraps one of the package sentinels.
func tmFiniteOrError(t *rapid.T, what string, v float64, err error) bool {
	if err != nil {
		if !errors.Is(err, ErrUndefined) && !errors.Is(err, ErrInvalidInput) {
			t.Fatalf("%s: unexpected error %v", what, err)
		}
		return false
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		t.Fatalf("%s = %v", what, v)
	}
	return true
}

// TestEveryPredictionIsFiniteOrAnError is the headline robustness property:
// for parameters in [1e-6, 1e6], x ≤ 1e4, T ≤ 1e4 and horizons up to 1e4,
// every method returns a finite value or an error, P(alive) and
// probabilities lie in [0, 1], and expectations are ≥ 0.
func TestEveryPredictionIsFiniteOrAnError(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := tmDrawModel(t)
		h := tmDrawHistory(t)
		hz := tmLogUniform(t, 1e-3, 1e4, "t")
		if v, err := m.LogLikelihoodOne(h); tmFiniteOrError(t, "LogLikelihoodOne", v, err) && v > 1e-9 && h.X == 0 {
			// a probability (x = 0, t_x = 0 is a discrete event) has ln ≤ 0
			t.Fatalf("LogLikelihoodOne(%+v) = %v > 0", h, v)
		}
		if v, err := m.ProbAlive(h); tmFiniteOrError(t, "ProbAlive", v, err) && (v < 0 || v > 1) {
			t.Fatalf("ProbAlive = %v", v)
		}
		if v, err := m.ExpectedPurchases(hz); tmFiniteOrError(t, "ExpectedPurchases", v, err) && v < 0 {
			t.Fatalf("ExpectedPurchases = %v", v)
		}
		if v, err := m.ConditionalExpectedPurchases(hz, h); tmFiniteOrError(t, "ConditionalExpectedPurchases", v, err) && v < 0 {
			t.Fatalf("ConditionalExpectedPurchases = %v", v)
		}
		n := rapid.IntRange(0, 50).Draw(t, "n")
		if v, err := m.ProbPurchases(n, hz); tmFiniteOrError(t, "ProbPurchases", v, err) && (v < 0 || v > 1) {
			t.Fatalf("ProbPurchases = %v", v)
		}
		if pm, ok := m.(ParetoNBD); ok {
			d := tmLogUniform(t, 1e-6, 10, "delta")
			if v, err := pm.DiscountedResidualTransactions(h, d); tmFiniteOrError(t, "DERT", v, err) && v < 0 {
				t.Fatalf("DERT = %v", v)
			}
		}
	})
}

// TestConditionalExpectationIsMonotoneInHorizon: more time cannot mean
// fewer expected purchases, in realistic parameter ranges.
func TestConditionalExpectationIsMonotoneInHorizon(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := func(name string) float64 { return tmLogUniform(t, 1e-2, 1e2, name) }
		ms := []TransactionModel{
			BGNBD{R: p("r"), Alpha: p("alpha"), A: p("a"), B: p("b")},
			MBGNBD{R: p("r"), Alpha: p("alpha"), A: p("a"), B: p("b")},
			ParetoNBD{R: p("r"), Alpha: p("alpha"), S: p("s"), Beta: p("beta")},
		}
		h := tmDrawHistory(t)
		t1 := tmLogUniform(t, 1e-2, 1e3, "t1")
		t2 := t1 * (1 + rapid.Float64Range(0.01, 10).Draw(t, "grow"))
		for _, m := range ms {
			a, err1 := m.ConditionalExpectedPurchases(t1, h)
			b, err2 := m.ConditionalExpectedPurchases(t2, h)
			if err1 != nil || err2 != nil {
				t.Fatalf("%T: %v %v", m, err1, err2)
			}
			if b < a*(1-1e-9) {
				t.Fatalf("%T: E[Y(%v)] = %v < E[Y(%v)] = %v", m, t2, b, t1, a)
			}
		}
	})
}

// TestProbPurchasesIsADistributionWithTheRightMean: Σ_n P(X(t)=n) = 1 and
// Σ_n n P(X(t)=n) = E[X(t)], computed by independent formulas (eq. 8 vs
// eq. 9 of Fader, Hardie & Lee 2005 and their analogues).
func TestProbPurchasesIsADistributionWithTheRightMean(t *testing.T) {
	models := []interface {
		ProbPurchases(int, float64) (float64, error)
		ExpectedPurchases(float64) (float64, error)
	}{
		BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262},
		MBGNBD{R: 0.5248, Alpha: 6.183, A: 0.8914, B: 1.614},
		ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.668},
		BGNBD{R: 3, Alpha: 2, A: 1, B: 0.5},
		ParetoNBD{R: 3, Alpha: 2, S: 2.5, Beta: 0.5},
	}
	for _, m := range models {
		for _, tt := range []float64{1, 39, 78} {
			var sum, mean float64
			for n := 0; n < 2000; n++ {
				p, err := m.ProbPurchases(n, tt)
				if err != nil {
					t.Fatalf("%T n=%d: %v", m, n, err)
				}
				sum += p
				mean += float64(n) * p
				if n > 50 && p < 1e-15 {
					break
				}
			}
			e, _ := m.ExpectedPurchases(tt)
			if math.Abs(sum-1) > 1e-8 || math.Abs(mean-e) > 1e-6*max(1, e) {
				t.Errorf("%T t=%v: Σp = %.12f, Σnp = %.10f, E[X(t)] = %.10f", m, tt, sum, mean, e)
			}
		}
	}
}

// TestInvalidInputNamesTheField checks the errors for bad data and
// parameters.
func TestInvalidInputNamesTheField(t *testing.T) {
	good := History{X: 1, Tx: 2, T: 3}
	cases := []struct {
		rows  []History
		field string
	}{
		{[]History{good, {X: -1, T: 3}}, "rows[1].X"},
		{[]History{{X: 1, Tx: 4, T: 3}}, "rows[0].Tx"},
		{[]History{good, good, {X: 2, Tx: 0, T: 3}}, "rows[2].Tx"},
		{[]History{{X: 0, T: math.NaN()}}, "rows[0].T"},
		{[]History{{X: 1.5, Tx: 1, T: 3}}, "rows[0].X"},
		{nil, "rows"},
	}
	for _, c := range cases {
		for name, fit := range map[string]func([]History) error{
			"BG":     func(r []History) error { _, _, err := FitBGNBD(r, FitOptions{}); return err },
			"MBG":    func(r []History) error { _, _, err := FitMBGNBD(r, FitOptions{}); return err },
			"Pareto": func(r []History) error { _, _, err := FitParetoNBD(r, FitOptions{}); return err },
		} {
			err := fit(c.rows)
			var fe *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &fe) || fe.Field != c.field {
				t.Errorf("%s %v: err %v, want field %s", name, c.rows, err, c.field)
			}
		}
	}
	_, err := BGNBD{R: 1, Alpha: -1, A: 1, B: 1}.ProbAlive(good)
	var fe *InputError
	if !errors.As(err, &fe) || fe.Field != "BGNBD.Alpha" {
		t.Errorf("bad parameter: %v", err)
	}
	_, err = ParetoNBD{R: 1, Alpha: 1, S: 1, Beta: 1}.ConditionalExpectedPurchases(1, History{X: 1, T: 2})
	if !errors.As(err, &fe) || fe.Field != "h.Tx" {
		t.Errorf("bad history: %v", err)
	}
	_, err = MBGNBD{R: 1, Alpha: 1, A: 1, B: 1}.ExpectedPurchases(math.Inf(1))
	if !errors.As(err, &fe) || fe.Field != "t" {
		t.Errorf("bad horizon: %v", err)
	}
	_, _, err = FitBGNBDWeighted([]Weighted{{History: good, Count: 0}}, FitOptions{})
	if !errors.As(err, &fe) || fe.Field != "rows[0].Count" {
		t.Errorf("bad count: %v", err)
	}
}
