package clv

import (
	"math"
	"math/rand/v2"
	"testing"
)

// tmAges returns n ages on the CDNOW pattern: first purchases spread over
// 12 weeks, observation to week 39, on a grid of days (weeks = days/7,
// two decimals as in the published summary).
func tmAges(rng *rand.Rand, n int) []float64 {
	ages := make([]float64, n)
	for i := range ages {
		ages[i] = tmRoundTo(float64(273-rng.IntN(84))/7, 2)
	}
	return ages
}

// TestConditionalExpectationsAddUpUnderTheModel: for customers simulated
// from a model, the law of total expectation makes the sum of conditional
// expectations E[Y_i(t) | history_i] an unbiased estimate of the cohort's
// unconditional forecast Σ E[X(T_i+t)] − E[X(T_i)], and the sum of the
// simulated calibration counts an unbiased estimate of Σ E[X(T_i)]. Both
// are checked to 4 empirical standard errors; the conditional formulas
// (posterior), unconditional formulas (prior) and simulator are written
// independently, so an error in any of them shows up here.
func TestConditionalExpectationsAddUpUnderTheModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	ages := tmAges(rng, 20000)
	models := []interface {
		TransactionModel
		Simulate(*rand.Rand, []float64) ([]History, error)
	}{
		BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262},
		MBGNBD{R: 0.5248, Alpha: 6.183, A: 0.8914, B: 1.614},
		ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.668},
		ParetoNBD{R: 2, Alpha: 5, S: 3, Beta: 20}, // s > 1 and α < β
	}
	for _, m := range models {
		hs, err := m.Simulate(rng, ages)
		if err != nil {
			t.Fatal(err)
		}
		var ce, ce2, un, cal, x, x2 float64
		for _, h := range hs {
			c, err := m.ConditionalExpectedPurchases(39, h)
			if err != nil {
				t.Fatal(err)
			}
			a, _ := m.ExpectedPurchases(h.T)
			b, _ := m.ExpectedPurchases(h.T + 39)
			ce += c
			ce2 += c * c
			un += b - a
			cal += a
			x += h.X
			x2 += h.X * h.X
		}
		n := float64(len(hs))
		seCE := math.Sqrt(ce2 - ce*ce/n)
		seX := math.Sqrt(x2 - x*x/n)
		t.Logf("%T: Σ conditional %.1f vs unconditional %.1f (se %.1f); simulated x %.0f vs expected %.1f (se %.1f)", m, ce, un, seCE, x, cal, seX)
		if math.Abs(ce-un) > 4*seCE {
			t.Errorf("%T: conditional sum %.1f, unconditional %.1f, se %.1f", m, ce, un, seCE)
		}
		if math.Abs(x-cal) > 4*seX {
			t.Errorf("%T: simulated purchases %.0f, expected %.1f, se %.1f", m, x, cal, seX)
		}
	}
}

// TestFitRecoversSimulatedParameters: fitting customers simulated from
// known parameters recovers them within 4 of the fit's own standard errors.
func TestFitRecoversSimulatedParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	ages := tmAges(rng, 20000)
	check := func(name string, want, got, se []float64) {
		for i := range want {
			if math.Abs(got[i]-want[i]) > 4*se[i] {
				t.Errorf("%s param %d: got %.4g ± %.2g, want %.4g", name, i, got[i], se[i], want[i])
			}
		}
	}
	// Each model simulates customers from known parameters and is fitted
	// back on them.
	for _, c := range []struct {
		name string
		want []float64
		fit  func() ([]float64, FitInfo, error)
	}{
		{"BG/NBD", []float64{0.5, 5, 0.8, 2.5}, func() ([]float64, FitInfo, error) {
			hs, _ := BGNBD{R: 0.5, Alpha: 5, A: 0.8, B: 2.5}.Simulate(rng, ages)
			m, info, err := FitBGNBD(hs, FitOptions{})
			return []float64{m.R, m.Alpha, m.A, m.B}, info, err
		}},
		{"MBG/NBD", []float64{0.5, 5, 0.8, 2.5}, func() ([]float64, FitInfo, error) {
			hs, _ := MBGNBD{R: 0.5, Alpha: 5, A: 0.8, B: 2.5}.Simulate(rng, ages)
			m, info, err := FitMBGNBD(hs, FitOptions{})
			return []float64{m.R, m.Alpha, m.A, m.B}, info, err
		}},
		{"Pareto/NBD", []float64{0.6, 8, 0.8, 10}, func() ([]float64, FitInfo, error) {
			hs, _ := ParetoNBD{R: 0.6, Alpha: 8, S: 0.8, Beta: 10}.Simulate(rng, ages)
			m, info, err := FitParetoNBD(hs, FitOptions{})
			return []float64{m.R, m.Alpha, m.S, m.Beta}, info, err
		}},
	} {
		got, info, err := c.fit()
		if err != nil {
			t.Fatal(err)
		}
		check(c.name, c.want, got, info.StdErr)
	}
}
