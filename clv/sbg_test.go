package clv

import (
	"errors"
	"math"
	"testing"

	"pgregory.net/rapid"
)

// Fader & Hardie (2007), "How to project customer retention", Journal of
// Interactive Marketing 21(1), Table 1: customers (of 1000 acquired) still
// active after t = 0 … 7 years, for the "regular" and the "high end"
// segments, and the sBG estimates from those first 7 years reported in the
// text: regular α = 0.704, β = 1.182; high end α = 0.668, β = 3.806.
var sbgPublished = []struct {
	name        string
	survivors   []float64
	alpha, beta float64
}{
	{"regular", []float64{1000, 631, 468, 382, 326, 289, 262, 241}, 0.704, 1.182},
	{"high end", []float64{1000, 869, 743, 653, 593, 551, 517, 491}, 0.668, 3.806},
}

func TestFitShiftedBetaGeometricReproducesFaderHardie2007(t *testing.T) {
	for _, c := range sbgPublished {
		m, info, err := FitShiftedBetaGeometric(c.survivors, FitOptions{})
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		t.Logf("%s: alpha = %.6f, beta = %.6f, LL = %.6f", c.name, m.Alpha, m.Beta, info.LogLikelihood)
		if roundPlaces(m.Alpha, 3) != c.alpha || roundPlaces(m.Beta, 3) != c.beta {
			t.Errorf("%s: alpha = %.6f, beta = %.6f; published %.3f, %.3f", c.name, m.Alpha, m.Beta, c.alpha, c.beta)
		}
		pub, err := ShiftedBetaGeometric{Alpha: c.alpha, Beta: c.beta}.LogLikelihood(c.survivors)
		if err != nil || info.LogLikelihood < pub {
			t.Errorf("%s: fitted LL %.4f below LL %.4f at the published estimates (%v)", c.name, info.LogLikelihood, pub, err)
		}
	}
}

// Fader & Hardie (2015), "Simple probability models for computing CLV and
// CE", section on the aggregation illusion: a BG with γ = 0.764, δ = 1.296,
// $100 a period and a 10 % discount rate gives residual lifetime values of
// $288, $394 and $568 at the end of periods 1, 2 and 5.
func TestDERLMatchesFaderHardie2015(t *testing.T) {
	m := ShiftedBetaGeometric{Alpha: 0.764, Beta: 1.296}
	for _, c := range []struct {
		n    int
		want float64
	}{{1, 288}, {2, 394}, {5, 568}} {
		v, err := m.DiscountedExpectedResidualLifetime(0.1, c.n)
		if err != nil || math.Round(100*v) != c.want {
			t.Errorf("n = %d: 100·DERL = %.3f (%v), published $%v", c.n, 100*v, err, c.want)
		}
	}
}

// DEL and DERL against their defining sums, evaluated term by term from
// Survival (independent of the hypergeometric series).
func TestDiscountedLifetimesAreTheDefiningSums(t *testing.T) {
	for _, m := range []ShiftedBetaGeometric{{0.704, 1.182}, {0.668, 3.806}, {3, 0.5}, {0.2, 20}} {
		for _, d := range []float64{0.05, 0.1, 0.5} {
			direct := func(from int) float64 {
				s0, _ := m.Survival(from - 1)
				sum := 0.0
				for j := 0; j < 5000; j++ {
					s, _ := m.Survival(from + j)
					sum += s / s0 * math.Pow(1+d, -float64(j))
				}
				return sum
			}
			for _, n := range []int{1, 3, 10} {
				got, err := m.DiscountedExpectedResidualLifetime(d, n)
				if err != nil || !relClose(got, direct(n), 1e-9) {
					t.Errorf("%+v d=%v n=%d: DERL %v, sum %v (%v)", m, d, n, got, direct(n), err)
				}
			}
			del, err := m.DiscountedExpectedLifetime(d)
			want := 0.0
			for j := 0; j < 5000; j++ {
				s, _ := m.Survival(j)
				want += s * math.Pow(1+d, -float64(j))
			}
			if err != nil || !relClose(del, want, 1e-9) {
				t.Errorf("%+v d=%v: DEL %v, sum %v (%v)", m, d, del, want, err)
			}
		}
	}
}

func TestShiftedBetaGeometricIdentities(t *testing.T) {
	m := ShiftedBetaGeometric{Alpha: 0.704, Beta: 1.182}
	cum := 0.0
	for tt := 1; tt <= 50; tt++ {
		p, _ := m.Prob(tt)
		s, _ := m.Survival(tt)
		sPrev, _ := m.Survival(tt - 1)
		r, _ := m.Retention(tt)
		cum += p
		if !relClose(cum+s, 1, 1e-12) || !relClose(sPrev-s, p, 1e-10) || !relClose(s/sPrev, r, 1e-12) {
			t.Fatalf("t = %d: P = %v, S = %v, S(t−1) = %v, r = %v", tt, p, s, sPrev, r)
		}
	}
	// E[T] = (α+β−1)/(α−1) against Σ_{t≥0} S(t) for α = 3, β = 4: 3.
	m = ShiftedBetaGeometric{Alpha: 3, Beta: 4}
	e, err := m.ExpectedLifetime()
	sum := 0.0
	for tt := 0; tt < 200000; tt++ {
		s, _ := m.Survival(tt)
		sum += s
	}
	if err != nil || !relClose(e, 3, 1e-14) || !relClose(sum, 3, 1e-6) {
		t.Errorf("E[T] = %v (%v), ΣS = %v, want 3", e, err, sum)
	}
	// d = 0: (β+n−1)/(α−1), the posterior expected remaining payments.
	if v, err := m.DiscountedExpectedResidualLifetime(0, 3); err != nil || !relClose(v, 3, 1e-14) {
		t.Errorf("DERL(d = 0, n = 3) = %v (%v), want (4+2)/2 = 3", v, err)
	}
}

func TestShiftedBetaGeometricGradientMatchesFiniteDifferences(t *testing.T) {
	for _, c := range sbgPublished {
		f := func(theta, grad []float64) float64 { return sbgNegLL(theta[0], theta[1], c.survivors, grad) }
		for _, theta := range [][]float64{{0.7, 1.2}, {5, 0.1}, {0.05, 40}} {
			gradientMatchesDifferences(t, "sBG "+c.name, theta, f)
		}
	}
}

func TestShiftedBetaGeometricErrors(t *testing.T) {
	good := ShiftedBetaGeometric{Alpha: 1, Beta: 1}
	for _, c := range []struct {
		survivors []float64
		field     string
	}{
		{[]float64{1000}, "survivors"},
		{[]float64{0, 0}, "survivors[0]"},
		{[]float64{1000, 1001}, "survivors[1]"},
		{[]float64{1000, 500, math.NaN()}, "survivors[2]"},
		{[]float64{1000, -1}, "survivors[1]"},
	} {
		_, _, err := FitShiftedBetaGeometric(c.survivors, FitOptions{})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%v: %v, want InputError on %s", c.survivors, err, c.field)
		}
	}
	if _, err := (ShiftedBetaGeometric{Alpha: 1, Beta: 2}).ExpectedLifetime(); !errors.Is(err, ErrUndefined) {
		t.Errorf("E[T] with α = 1: %v, want ErrUndefined", err)
	}
	if _, err := good.DiscountedExpectedResidualLifetime(0, 1); !errors.Is(err, ErrUndefined) {
		t.Errorf("DERL(d = 0) with α = 1: %v, want ErrUndefined", err)
	}
	for _, f := range []func() error{
		func() error { _, err := good.Survival(-1); return err },
		func() error { _, err := good.Prob(0); return err },
		func() error { _, err := good.Retention(0); return err },
		func() error { _, err := good.DiscountedExpectedResidualLifetime(0.1, 0); return err },
		func() error { _, err := good.DiscountedExpectedResidualLifetime(-0.1, 1); return err },
		func() error { _, err := (ShiftedBetaGeometric{Alpha: -1, Beta: 1}).Survival(1); return err },
		func() error { _, err := good.DiscountedExpectedResidualLifetime(1e-9, 1); return err },
	} {
		if err := f(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("got %v, want ErrInvalidInput", err)
		}
	}
}

// Fader & Hardie (2007): in a heterogeneous cohort the retention rate rises
// with tenure and survival falls.
func TestShiftedBetaGeometricRetentionRisesAndSurvivalFalls(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := ShiftedBetaGeometric{Alpha: logUniform(1e-6, 1e6).Draw(t, "alpha"), Beta: logUniform(1e-6, 1e6).Draw(t, "beta")}
		tt := rapid.IntRange(1, 10000).Draw(t, "t")
		r1, err1 := m.Retention(tt)
		r2, err2 := m.Retention(tt + 1)
		s1, err3 := m.Survival(tt)
		s2, err4 := m.Survival(tt + 1)
		p, err5 := m.Prob(tt)
		if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
			t.Fatal(err)
		}
		if !finiteAll(r1, r2, s1, s2, p) || r2 < r1 || s2 > s1 || r1 < 0 || r2 > 1 || s1 > 1 || s2 < 0 || p < 0 || p > 1 {
			t.Fatalf("r(t) = %v, r(t+1) = %v, S(t) = %v, S(t+1) = %v, P = %v", r1, r2, s1, s2, p)
		}
	})
}

func TestShiftedBetaGeometricIsFiniteOrErrorOverWideRanges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := ShiftedBetaGeometric{Alpha: logUniform(1e-6, 1e6).Draw(t, "alpha"), Beta: logUniform(1e-6, 1e6).Draw(t, "beta")}
		d := logUniform(1e-3, 1e6).Draw(t, "d")
		n := rapid.IntRange(1, 10000).Draw(t, "n")
		for _, f := range []func() (float64, error){
			func() (float64, error) { return m.DiscountedExpectedResidualLifetime(d, n) },
			func() (float64, error) { return m.DiscountedExpectedLifetime(d) },
			m.ExpectedLifetime,
			func() (float64, error) {
				return m.LogLikelihood([]float64{1000, 600, 400, 300})
			},
		} {
			v, err := f()
			if err == nil && !finiteAll(v) {
				t.Fatalf("%+v: got %v", m, v)
			}
		}
		grad := make([]float64, 2)
		sbgNegLL(m.Alpha, m.Beta, []float64{1000, 600, 400, 300}, grad)
		if !finiteAll(grad...) {
			t.Fatalf("%+v: gradient %v", m, grad)
		}
	})
}
