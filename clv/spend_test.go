package clv

import (
	"errors"
	"math"
	"slices"
	"testing"

	"pgregory.net/rapid"
)

// Fader, Hardie & Lee (2005), "RFM and CLV: Using iso-value curves for
// customer base analysis", JMR 42(4): the Gamma-Gamma estimates for the 946
// CDNOW sample customers with repeat purchases in the 39-week calibration
// period, p = 6.25, q = 3.74, γ = 15.44 (section "Assessing the model";
// repeated in Fader & Hardie 2013, "The Gamma-Gamma model of monetary
// value", section 3).
func TestFitGammaGammaReproducesCDNOW(t *testing.T) {
	rows := cdnowSpend(t)
	g, info, err := FitGammaGamma(rows, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("p = %.6f, q = %.6f, v = %.6f, LL = %.6f, SE = %v", g.P, g.Q, g.V, info.LogLikelihood, info.StdErr)
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"p", g.P, 6.25}, {"q", g.Q, 3.74}, {"gamma", g.V, 15.44}} {
		if roundPlaces(c.got, 2) != c.want {
			t.Errorf("%s = %.6f, published %.2f", c.name, c.got, c.want)
		}
	}
	if !info.Converged || info.Customers != 946 {
		t.Errorf("info = %+v, want converged over 946 repeat buyers", info)
	}
	// The maximum must be at least as high as the likelihood at the
	// published (rounded) estimates.
	grouped, _ := GroupSpend(rows)
	llPub, err := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}.LogLikelihood(grouped)
	if err != nil || info.LogLikelihood < llPub {
		t.Errorf("fitted LL %.4f below LL %.4f at the published estimates (%v)", info.LogLikelihood, llPub, err)
	}
	// FHL (2005): the model's mean transaction value differs from the
	// observed mean (over the 946 repeat buyers' m_x) by $0.09.
	mean, err := g.Mean()
	if err != nil {
		t.Fatal(err)
	}
	obs, n := 0.0, 0
	for _, r := range rows {
		if r.X > 0 {
			obs += r.MeanSpend
			n++
		}
	}
	obs /= float64(n)
	if d := roundPlaces(math.Abs(mean-obs), 2); d != 0.09 {
		t.Errorf("|model mean %.4f − observed mean %.4f| = %.2f, published 0.09", mean, obs, d)
	}
}

// The spend summary itself against the descriptive statistics that Fader,
// Hardie & Lee (2005) print for the average repeat transaction value of the
// 946 repeat buyers: minimum 3, 25th percentile 16, median 27, 75th
// percentile 42, maximum 300, mean 35, standard deviation 30 (dollars,
// rounded; quartiles here by linear interpolation). It checks the data definition (same-day
// orders merged, first purchase excluded, calibration to 1997-09-30).
func TestCDNOWSpendSummaryMatchesPublishedStatistics(t *testing.T) {
	var m []float64
	for _, r := range cdnowSpend(t) {
		if r.X > 0 {
			m = append(m, r.MeanSpend)
		}
	}
	if len(m) != 946 {
		t.Fatalf("%d repeat buyers, published 946", len(m))
	}
	slices.Sort(m)
	sum, sq := 0.0, 0.0
	for _, v := range m {
		sum += v
	}
	mean := sum / float64(len(m))
	for _, v := range m {
		sq += (v - mean) * (v - mean)
	}
	sd := math.Sqrt(sq / float64(len(m)-1))
	quantile := func(p float64) float64 {
		pos := p * float64(len(m)-1)
		i := int(pos)
		return m[i] + (pos-float64(i))*(m[i+1]-m[i])
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"min", m[0], 3}, {"q25", quantile(0.25), 16}, {"median", quantile(0.5), 27}, {"q75", quantile(0.75), 42}, {"max", m[len(m)-1], 300}, {"mean", mean, 35}, {"sd", sd, 30}} {
		if math.Round(c.got) != c.want {
			t.Errorf("%s = %.3f, published %v", c.name, c.got, c.want)
		}
	}
}

// Only V carries the money unit: amounts in cents give the same P and Q
// and 100 times V (a property of the model, checked on the CDNOW data).
func TestFitGammaGammaIsInvariantToTheMoneyUnit(t *testing.T) {
	rows := cdnowSpend(t)
	cents := make([]SpendHistory, len(rows))
	for i, r := range rows {
		cents[i] = SpendHistory{X: r.X, MeanSpend: r.MeanSpend * 100}
	}
	g1, _, err1 := FitGammaGamma(rows, FitOptions{})
	g2, _, err2 := FitGammaGamma(cents, FitOptions{})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if !relClose(g1.P, g2.P, 1e-5) || !relClose(g1.Q, g2.Q, 1e-5) || !relClose(100*g1.V, g2.V, 1e-5) {
		t.Errorf("dollars %+v, cents %+v", g1, g2)
	}
}

func TestGammaGammaGradientMatchesFiniteDifferences(t *testing.T) {
	rows, _ := GroupSpend(cdnowSpend(t))
	f := func(theta, grad []float64) float64 {
		if grad != nil {
			clear(grad)
		}
		return spendNegLL(theta[0], theta[1], theta[2], rows, grad)
	}
	for _, theta := range [][]float64{{6.25, 3.74, 15.44}, {0.5, 1.2, 3}, {40, 0.3, 900}} {
		gradientMatchesDifferences(t, "Gamma-Gamma", theta, f)
	}
}

func TestGammaGammaConditionalMean(t *testing.T) {
	g := GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	for _, s := range []SpendHistory{{0, 0}, {1, 100}, {2, 17.5}, {10, 42}} {
		got, err := g.ConditionalMean(s)
		if err != nil {
			t.Fatal(err)
		}
		// FHL (2005), eq. 4, first form, computed directly.
		want := (g.V + s.MeanSpend*s.X) * g.P / (g.P*s.X + g.Q - 1)
		if !relClose(got, want, 1e-13) {
			t.Errorf("%+v: got %v, want %v", s, got, want)
		}
		dec, err := g.ConditionalExpectedSpend(s)
		if err != nil || dec.StringFixed(2) != decimalFromFloat2(want) {
			t.Errorf("%+v: decimal %v, want %s (%v)", s, dec, decimalFromFloat2(want), err)
		}
	}
}

func TestGammaGammaErrors(t *testing.T) {
	good := GammaGamma{P: 1, Q: 2, V: 3}
	if _, err := (GammaGamma{P: 1, Q: 1, V: 3}).Mean(); !errors.Is(err, ErrUndefined) {
		t.Errorf("Mean with Q = 1: %v, want ErrUndefined", err)
	}
	if _, err := (GammaGamma{P: 1, Q: 0.5, V: 3}).ConditionalMean(SpendHistory{}); !errors.Is(err, ErrUndefined) {
		t.Errorf("ConditionalMean with Q < 1, X = 0: %v, want ErrUndefined", err)
	}
	// P·x + Q > 1 makes the conditional mean exist even for Q < 1.
	if _, err := (GammaGamma{P: 1, Q: 0.5, V: 3}).ConditionalMean(SpendHistory{X: 1, MeanSpend: 10}); err != nil {
		t.Errorf("ConditionalMean with P·x + Q > 1: %v", err)
	}
	cases := []struct {
		g     GammaGamma
		s     SpendHistory
		field string
	}{
		{GammaGamma{P: 0, Q: 2, V: 3}, SpendHistory{}, "GammaGamma.P"},
		{GammaGamma{P: 1, Q: math.NaN(), V: 3}, SpendHistory{}, "GammaGamma.Q"},
		{GammaGamma{P: 1, Q: 2, V: math.Inf(1)}, SpendHistory{}, "GammaGamma.V"},
		{good, SpendHistory{X: -1, MeanSpend: 1}, "spend.X"},
		{good, SpendHistory{X: 1.5, MeanSpend: 1}, "spend.X"},
		{good, SpendHistory{X: 1, MeanSpend: 0}, "spend.MeanSpend"},
		{good, SpendHistory{X: 1, MeanSpend: math.NaN()}, "spend.MeanSpend"},
		{good, SpendHistory{X: 0, MeanSpend: -2}, "spend.MeanSpend"},
	}
	for _, c := range cases {
		_, err := c.g.ConditionalMean(c.s)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("%+v %+v: %v, want InputError on %s", c.g, c.s, err, c.field)
		}
	}
	for _, c := range []struct {
		rows  []SpendHistory
		field string
	}{
		{nil, "rows"},
		{[]SpendHistory{{0, 0}, {0, 0}}, "rows"},
		{[]SpendHistory{{1, 5}, {2, -1}}, "rows[1].MeanSpend"},
	} {
		_, _, err := FitGammaGamma(c.rows, FitOptions{})
		var ie *InputError
		if !errors.As(err, &ie) || ie.Field != c.field {
			t.Errorf("FitGammaGamma(%v): %v, want InputError on %s", c.rows, err, c.field)
		}
	}
	if _, err := good.LogLikelihood([]WeightedSpend{{SpendHistory{1, 5}, 0}}); err == nil {
		t.Error("LogLikelihood with Count 0: no error")
	}
}

// logUniform draws from [lo, hi] uniformly on the log scale.
func logUniform(lo, hi float64) *rapid.Generator[float64] {
	return rapid.Custom(func(t *rapid.T) float64 {
		u := rapid.Float64Range(math.Log(lo), math.Log(hi)).Draw(t, "log")
		return math.Exp(u)
	})
}

func TestGammaGammaIsFiniteOrErrorOverWideRanges(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := GammaGamma{
			P: logUniform(1e-6, 1e6).Draw(t, "p"),
			Q: logUniform(1e-6, 1e6).Draw(t, "q"),
			V: logUniform(1e-6, 1e6).Draw(t, "v"),
		}
		x := float64(rapid.IntRange(0, 10000).Draw(t, "x"))
		s := SpendHistory{X: x}
		if x > 0 {
			s.MeanSpend = logUniform(1e-6, 1e6).Draw(t, "m")
		}
		if v, err := g.ConditionalMean(s); err == nil && (math.IsNaN(v) || math.IsInf(v, 0) || v <= 0) {
			t.Fatalf("ConditionalMean = %v", v)
		}
		if v, err := g.Mean(); err == nil && (math.IsNaN(v) || math.IsInf(v, 0)) {
			t.Fatalf("Mean = %v", v)
		}
		if x > 0 {
			ll, err := g.LogLikelihood([]WeightedSpend{{s, 1}})
			if err == nil && (math.IsNaN(ll) || math.IsInf(ll, 0)) {
				t.Fatalf("LogLikelihood = %v", ll)
			}
			grad := make([]float64, 3)
			spendNegLL(g.P, g.Q, g.V, []WeightedSpend{{s, 1}}, grad)
			if !finiteAll(grad...) {
				t.Fatalf("gradient %v", grad)
			}
		}
	})
}

// FHL (2005), eq. 4: the conditional mean is a weighted average of the
// population mean and the customer's own mean, so it lies between them,
// and it moves toward the own mean as x grows.
func TestGammaGammaConditionalMeanIsBetweenPopulationAndOwnMean(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		g := GammaGamma{
			P: logUniform(1e-3, 1e3).Draw(t, "p"),
			Q: 1 + logUniform(1e-3, 1e3).Draw(t, "q-1"),
			V: logUniform(1e-3, 1e3).Draw(t, "v"),
		}
		x := float64(rapid.IntRange(1, 1000).Draw(t, "x"))
		m := logUniform(1e-3, 1e3).Draw(t, "m")
		pop, _ := g.Mean()
		e1, err1 := g.ConditionalMean(SpendHistory{X: x, MeanSpend: m})
		e2, err2 := g.ConditionalMean(SpendHistory{X: x + 1, MeanSpend: m})
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		lo, hi := min(pop, m)*(1-1e-12), max(pop, m)*(1+1e-12)
		if e1 < lo || e1 > hi {
			t.Fatalf("E = %v outside [%v, %v]", e1, pop, m)
		}
		if math.Abs(e2-m) > math.Abs(e1-m)+1e-12*m {
			t.Fatalf("x+1 moved away from own mean: %v → %v (m = %v)", e1, e2, m)
		}
	})
}

func BenchmarkFitGammaGammaCDNOW(b *testing.B) {
	rows := cdnowSpend(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := FitGammaGamma(rows, FitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
