package clv

import (
	"math"
	"testing"
)

// tmCheckGradient compares an objective's analytic gradient with central
// finite differences (relative step 1e-6) at theta.
func tmCheckGradient(t *testing.T, name string, f objective, theta []float64) {
	t.Helper()
	n := len(theta)
	grad := make([]float64, n)
	f0 := f(theta, grad)
	if math.IsInf(f0, 0) || math.IsNaN(f0) {
		t.Fatalf("%s: objective %v at %v", name, f0, theta)
	}
	for i := range n {
		h := 1e-6 * theta[i]
		tp := append([]float64(nil), theta...)
		tm := append([]float64(nil), theta...)
		tp[i] += h
		tm[i] -= h
		fd := (f(tp, nil) - f(tm, nil)) / (2 * h)
		scale := max(math.Abs(fd), math.Abs(grad[i]), 1e-3*math.Abs(f0)/theta[i])
		if math.Abs(fd-grad[i]) > 1e-5*scale {
			t.Errorf("%s at %v: d/dθ%d analytic %.10g, finite difference %.10g", name, theta, i, grad[i], fd)
		}
	}
}

// TestAnalyticGradientsMatchFiniteDifferences checks the likelihood
// gradients of all three models on the CDNOW summary at the optimum and
// at points away from it, serially and with parallel workers.
func TestAnalyticGradientsMatchFiniteDifferences(t *testing.T) {
	g, err := Group(tmCDNOWSummary(t))
	if err != nil {
		t.Fatal(err)
	}
	d := newDesign(g, false)
	dp := newDesign(g, true)
	points := [][]float64{
		{0.2426, 4.4137, 0.7930, 2.4262},
		{1.3, 0.7, 2.5, 0.4},
		{0.05, 40, 0.2, 9},
		{3, 2, 20, 50},
	}
	for _, w := range []int{1, 2} {
		for _, p := range points {
			tmCheckGradient(t, "BG/NBD", bgObjective(d, false, w), p)
			tmCheckGradient(t, "MBG/NBD", bgObjective(d, true, w), p)
		}
	}
	pp := [][]float64{
		{0.5533, 10.578, 0.6062, 11.668}, // near the optimum, α < β
		{0.5, 30, 0.6, 2},                // α > β
		{2, 200, 1.5, 0.5},               // α ≫ β: quadrature fallback for small t
		{0.3, 0.4, 3, 300},               // β ≫ α with r+x < 1 for x = 0
	}
	for _, w := range []int{1, 2} {
		for _, p := range pp {
			tmCheckGradient(t, "Pareto/NBD", paretoObjective(dp, w), p)
		}
	}
}

// TestObjectiveMatchesLogLikelihoodMethods checks that the fast grouped
// objectives equal the per-customer methods summed directly.
func TestObjectiveMatchesLogLikelihoodMethods(t *testing.T) {
	g, _ := Group(tmCDNOWSummary(t))
	d := newDesign(g, true)
	th := []float64{0.7, 5, 1.2, 3}
	for _, c := range []struct {
		name string
		f    objective
		ll   func() (float64, error)
	}{
		{"BG/NBD", bgObjective(d, false, 2), func() (float64, error) { return BGNBD{0.7, 5, 1.2, 3}.LogLikelihood(g) }},
		{"MBG/NBD", bgObjective(d, true, 2), func() (float64, error) { return MBGNBD{0.7, 5, 1.2, 3}.LogLikelihood(g) }},
		{"Pareto/NBD", paretoObjective(d, 2), func() (float64, error) { return ParetoNBD{0.7, 5, 1.2, 3}.LogLikelihood(g) }},
	} {
		want, err := c.ll()
		if err != nil {
			t.Fatal(err)
		}
		if got := -c.f(th, nil); math.Abs(got-want) > 1e-9*math.Abs(want) {
			t.Errorf("%s: objective %.10f, LogLikelihood %.10f", c.name, got, want)
		}
	}
}

// TestObjectiveDoesNotAllocate: the likelihood inner loop promises zero
// allocations (serial evaluation; the parallel path allocates only its
// per-worker partial sums).
func TestObjectiveDoesNotAllocate(t *testing.T) {
	g, _ := Group(tmCDNOWSummary(t))
	d := newDesign(g, true)
	th := []float64{0.5, 10, 0.6, 11}
	grad := make([]float64, 4)
	for name, f := range map[string]objective{
		"BG/NBD":     bgObjective(d, false, 1),
		"Pareto/NBD": paretoObjective(d, 1),
	} {
		if a := testing.AllocsPerRun(20, func() { f(th, grad) }); a != 0 {
			t.Errorf("%s: %v allocations per evaluation", name, a)
		}
	}
}
