package clv

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/stat/distuv"
	"pgregory.net/rapid"
)

// Fader, Hardie & Shang (2010), "Customer-base analysis in a discrete-time
// noncontractual setting", Marketing Science 29(6), parameter estimates for
// the donations data (11,104 donors of 1995, six yearly opportunities
// 1996–2001): α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6.
func TestFitBGBBReproducesDonations(t *testing.T) {
	rows := donationRows(t)
	m, info, err := FitBGBB(rows, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("alpha = %.6f, beta = %.6f, gamma = %.6f, delta = %.6f, LL = %.6f", m.Alpha, m.Beta, m.Gamma, m.Delta, info.LogLikelihood)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"alpha", m.Alpha, 1.204}, {"beta", m.Beta, 0.750}, {"gamma", m.Gamma, 0.657}, {"delta", m.Delta, 2.783}} {
		if roundPlaces(c.got, 3) != c.want {
			t.Errorf("%s = %.6f, published %.3f", c.name, c.got, c.want)
		}
	}
	if roundPlaces(info.LogLikelihood, 1) != -33225.6 || info.Customers != 11104 {
		t.Errorf("LL = %.4f over %v donors, published −33,225.6 over 11,104", info.LogLikelihood, info.Customers)
	}
}

func TestBGBBGradientMatchesFiniteDifferences(t *testing.T) {
	rows := donationRows(t)
	rows = append(rows, DiscreteWeighted{DiscreteHistory{X: 3, Tx: 10, N: 40}, 2}, DiscreteWeighted{DiscreteHistory{N: 25}, 1})
	f := func(theta, grad []float64) float64 {
		if grad != nil {
			clear(grad)
		}
		return bgbbNegLL(theta[0], theta[1], theta[2], theta[3], rows, grad)
	}
	for _, theta := range [][]float64{{1.204, 0.75, 0.657, 2.783}, {0.1, 5, 3, 0.2}, {30, 2, 0.05, 60}} {
		gradientMatchesDifferences(t, "BG/BB", theta, f)
	}
}

// bgbbByIntegration evaluates posterior expectations of the BG/BB model by
// brute-force two-dimensional Gauss–Legendre integration over p and θ with
// their beta densities: an independent check of the closed forms. It
// returns ∫∫ num·f(p)f(θ) / ∫∫ den·f(p)f(θ).
func bgbbByIntegration(m BGBB, num, den func(p, th float64) float64) float64 {
	fp := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta}
	ft := distuv.Beta{Alpha: m.Gamma, Beta: m.Delta}
	integrate := func(g func(p, th float64) float64) float64 {
		return quad.Fixed(func(p float64) float64 {
			return fp.Prob(p) * quad.Fixed(func(th float64) float64 { return ft.Prob(th) * g(p, th) }, 0, 1, 200, nil, 0)
		}, 0, 1, 200, nil, 0)
	}
	if den == nil {
		return integrate(num)
	}
	return integrate(num) / integrate(den)
}

// individual likelihood given p and θ (Fader, Hardie & Shang 2010, eq. 4).
func bgbbIndividual(h DiscreteHistory) func(p, th float64) float64 {
	x, tx, n := float64(h.X), float64(h.Tx), float64(h.N)
	return func(p, th float64) float64 {
		l := math.Pow(p, x) * math.Pow(1-p, n-x) * math.Pow(1-th, n)
		for i := 0.0; i <= n-tx-1; i++ {
			l += math.Pow(p, x) * math.Pow(1-p, tx-x+i) * th * math.Pow(1-th, tx+i)
		}
		return l
	}
}

func TestBGBBClosedFormsAgreeWithIntegration(t *testing.T) {
	// Shapes ≥ 2 keep the integrands smooth for Gauss–Legendre.
	m := BGBB{Alpha: 2.5, Beta: 3, Gamma: 2.2, Delta: 4}
	for _, h := range []DiscreteHistory{{0, 0, 6}, {2, 3, 6}, {4, 6, 6}, {1, 1, 9}} {
		lik := bgbbIndividual(h)
		x, n := float64(h.X), float64(h.N)
		ll, _ := m.LogLikelihood([]DiscreteWeighted{{h, 1}})
		if want := math.Log(bgbbByIntegration(m, lik, nil)); !relClose(ll, want, 1e-8) {
			t.Errorf("%+v: ln L = %v, integration %v", h, ll, want)
		}
		alive, _ := m.ProbAlive(h)
		want := bgbbByIntegration(m, func(p, th float64) float64 {
			return math.Pow(p, x) * math.Pow(1-p, n-x) * math.Pow(1-th, n+1)
		}, lik)
		if !relClose(alive, want, 1e-8) {
			t.Errorf("%+v: P(alive) = %v, integration %v", h, alive, want)
		}
		for _, ns := range []int{1, 5, 20} {
			ce, _ := m.ConditionalExpectedPurchases(ns, h)
			want := bgbbByIntegration(m, func(p, th float64) float64 {
				s := 0.0
				for k := 1; k <= ns; k++ {
					s += math.Pow(1-th, float64(k))
				}
				return math.Pow(p, x) * math.Pow(1-p, n-x) * math.Pow(1-th, n) * p * s
			}, lik)
			if !relClose(ce, want, 1e-8) {
				t.Errorf("%+v n* = %d: E = %v, integration %v", h, ns, ce, want)
			}
		}
	}
	for _, n := range []int{1, 6, 30} {
		e, _ := m.ExpectedPurchases(n)
		want := bgbbByIntegration(m, func(p, th float64) float64 {
			s := 0.0
			for k := 1; k <= n; k++ {
				s += math.Pow(1-th, float64(k))
			}
			return p * s
		}, nil)
		if !relClose(e, want, 1e-8) {
			t.Errorf("E[X(%d)] = %v, integration %v", n, e, want)
		}
	}
}

// P(X(n) = x) sums to 1 over x and its mean is E[X(n)].
func TestBGBBProbPurchasesIsADistributionWithMeanExpectedPurchases(t *testing.T) {
	for _, m := range []BGBB{{1.204, 0.750, 0.657, 2.783}, {0.3, 4, 1, 0.5}, {20, 1, 0.01, 9}} {
		for _, n := range []int{0, 1, 6, 50} {
			total, mean := 0.0, 0.0
			for x := 0; x <= n; x++ {
				p, err := m.ProbPurchases(x, n)
				if err != nil {
					t.Fatal(err)
				}
				total += p
				mean += float64(x) * p
			}
			e, _ := m.ExpectedPurchases(n)
			if !relClose(total, 1, 1e-12) || math.Abs(mean-e) > 1e-11*max(1, e) {
				t.Errorf("%+v n = %d: ΣP = %v, Σx·P = %v, E[X(n)] = %v", m, n, total, mean, e)
			}
		}
	}
}

// DERT (Fader & Hardie 2015, eq. 3.20) against its definition: the
// conditional expected purchases of each future opportunity k, discounted
// by (1+d)^−k, summed term by term.
func TestBGBBDERTIsTheDiscountedSumOfConditionalPurchases(t *testing.T) {
	m := BGBB{1.204, 0.750, 0.657, 2.783}
	for _, h := range []DiscreteHistory{{0, 0, 6}, {3, 5, 6}, {6, 6, 6}} {
		for _, d := range []float64{0.1, 0.5} {
			got, err := m.DiscountedResidualTransactions(h, d)
			if err != nil {
				t.Fatal(err)
			}
			sum, prev := 0.0, 0.0
			for k := 1; k <= 2000; k++ {
				e, _ := m.ConditionalExpectedPurchases(k, h)
				sum += (e - prev) * math.Pow(1+d, -float64(k))
				prev = e
			}
			if !relClose(got, sum, 1e-9) {
				t.Errorf("%+v d = %v: DERT %v, sum %v", h, d, got, sum)
			}
		}
	}
}

// γ = 1 is a removable singularity of eqs. 7 and 13.
func TestBGBBIsContinuousAtGammaOne(t *testing.T) {
	h := DiscreteHistory{X: 2, Tx: 4, N: 6}
	for _, n := range []int{1, 10, 1000} {
		var e, c [3]float64
		for i, g := range []float64{1 - 1e-7, 1, 1 + 1e-7} {
			m := BGBB{1.2, 0.75, g, 2.8}
			e[i], _ = m.ExpectedPurchases(n)
			c[i], _ = m.ConditionalExpectedPurchases(n, h)
		}
		if !relClose(e[0], e[1], 1e-5) || !relClose(e[2], e[1], 1e-5) || !relClose(c[0], c[1], 1e-5) || !relClose(c[2], c[1], 1e-5) {
			t.Errorf("n = %d: E %v, conditional %v", n, e, c)
		}
	}
}

// Simulated cohorts follow the model: the mean frequency matches E[X(n)]
// and the share with x = 0 matches P(X(n) = 0), within 4 standard errors.
func TestBGBBSimulationMatchesTheModel(t *testing.T) {
	m := BGBB{1.204, 0.750, 0.657, 2.783}
	r := rand.New(rand.NewPCG(1, 2))
	const customers, n = 20000, 6
	sum, sq, zero := 0.0, 0.0, 0.0
	for range customers {
		h, err := m.Simulate(r, n)
		if err != nil {
			t.Fatal(err)
		}
		if err := h.validate("sim"); err != nil {
			t.Fatal(err)
		}
		x := float64(h.X)
		sum += x
		sq += x * x
		if h.X == 0 {
			zero++
		}
	}
	mean := sum / customers
	se := math.Sqrt((sq/customers - mean*mean) / customers)
	e, _ := m.ExpectedPurchases(n)
	p0, _ := m.ProbPurchases(0, n)
	if math.Abs(mean-e) > 4*se {
		t.Errorf("simulated mean %v, E[X(6)] = %v (se %v)", mean, e, se)
	}
	if share := zero / customers; math.Abs(share-p0) > 4*math.Sqrt(p0*(1-p0)/customers) {
		t.Errorf("simulated P(X=0) %v, model %v", share, p0)
	}
}

func TestBGBBErrors(t *testing.T) {
	m := BGBB{1, 1, 1, 1}
	for _, c := range []struct {
		h     DiscreteHistory
		field string
	}{
		{DiscreteHistory{X: 0, Tx: 0, N: 0}, "rows[0].N"},
		{DiscreteHistory{X: -1, Tx: 0, N: 6}, "rows[0].X"},
		{DiscreteHistory{X: 3, Tx: 2, N: 6}, "rows[0].X"},
		{DiscreteHistory{X: 1, Tx: 7, N: 6}, "rows[0].Tx"},
		{DiscreteHistory{X: 0, Tx: 2, N: 6}, "rows[0].Tx"},
		{DiscreteHistory{X: 1, Tx: 0, N: 6}, "rows[0].Tx"},
	} {
		_, err := m.LogLikelihood([]DiscreteWeighted{{c.h, 1}})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field || !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%+v: %v, want InputError on %s", c.h, err, c.field)
		}
	}
	var ie *InputError
	if _, _, err := FitBGBB([]DiscreteWeighted{{DiscreteHistory{N: 6}, 0}}, FitOptions{}); !errors.As(err, &ie) || ie.Field != "rows[0].Count" {
		t.Errorf("Count 0: %v", err)
	}
	if _, err := m.ProbAlive(DiscreteHistory{X: 2, Tx: 1, N: 3}); !errors.As(err, &ie) || ie.Field != "h.X" {
		t.Errorf("ProbAlive: %v, want InputError on h.X", err)
	}
	for _, f := range []func() error{
		func() error { _, err := (BGBB{0, 1, 1, 1}).ExpectedPurchases(3); return err },
		func() error { _, err := m.ExpectedPurchases(-1); return err },
		func() error { _, err := m.ConditionalExpectedPurchases(-1, DiscreteHistory{N: 1}); return err },
		func() error { _, err := m.ProbPurchases(4, 3); return err },
		func() error { _, err := m.DiscountedResidualTransactions(DiscreteHistory{N: 1}, 0); return err },
		func() error { _, err := m.Simulate(nil, 3); return err },
		func() error { _, err := m.Simulate(rand.New(rand.NewPCG(1, 1)), 0); return err },
	} {
		if err := f(); !errors.Is(err, ErrInvalidInput) {
			t.Errorf("got %v, want ErrInvalidInput", err)
		}
	}
}

func drawBGBB(t *rapid.T) BGBB {
	return BGBB{
		Alpha: logUniform(1e-6, 1e6).Draw(t, "alpha"),
		Beta:  logUniform(1e-6, 1e6).Draw(t, "beta"),
		Gamma: logUniform(1e-6, 1e6).Draw(t, "gamma"),
		Delta: logUniform(1e-6, 1e6).Draw(t, "delta"),
	}
}

func drawDiscrete(t *rapid.T, maxN int) DiscreteHistory {
	n := rapid.IntRange(1, maxN).Draw(t, "n")
	tx := rapid.IntRange(0, n).Draw(t, "tx")
	x := 0
	if tx > 0 {
		x = rapid.IntRange(1, tx).Draw(t, "x")
	}
	return DiscreteHistory{X: x, Tx: tx, N: n}
}

func TestBGBBIsFiniteOrErrorOverWideRanges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawBGBB(t)
		h := drawDiscrete(t, 10000)
		ns := rapid.IntRange(0, 10000).Draw(t, "nStar")
		for name, f := range map[string]func() (float64, error){
			"LogLikelihood": func() (float64, error) { return m.LogLikelihood([]DiscreteWeighted{{h, 1}}) },
			"ProbAlive":     func() (float64, error) { return m.ProbAlive(h) },
			"Conditional":   func() (float64, error) { return m.ConditionalExpectedPurchases(ns, h) },
			"Expected":      func() (float64, error) { return m.ExpectedPurchases(ns) },
			"DERT":          func() (float64, error) { return m.DiscountedResidualTransactions(h, 0.1) },
		} {
			v, err := f()
			if err == nil && !finiteAll(v) {
				t.Fatalf("%s = %v", name, v)
			}
		}
		var g [4]float64
		bgbbLogL(m.Alpha, m.Beta, m.Gamma, m.Delta, h, &g)
		if !finiteAll(g[:]...) {
			t.Fatalf("gradient %v", g)
		}
	})
}

func TestBGBBProbAliveIsAProbabilityAndPurchasesGrowWithTheWindow(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		m := drawBGBB(t)
		h := drawDiscrete(t, 200)
		ns := rapid.IntRange(0, 200).Draw(t, "nStar")
		p, err := m.ProbAlive(h)
		if err != nil || p < 0 || p > 1 {
			t.Fatalf("P(alive) = %v (%v)", p, err)
		}
		e1, err1 := m.ConditionalExpectedPurchases(ns, h)
		e2, err2 := m.ConditionalExpectedPurchases(ns+1, h)
		if err1 != nil || err2 != nil || e1 < 0 || e2 < e1*(1-1e-9) || e2 > e1+1+1e-9 {
			t.Fatalf("E(n*) = %v, E(n*+1) = %v (%v, %v)", e1, e2, err1, err2)
		}
	})
}

func BenchmarkFitBGBBDonations(b *testing.B) {
	rows := donationRows(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FitBGBB(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
