package clv

import (
	"math"
	"strconv"
	"testing"
)

// tmCDNOWSummary loads the CDNOW sample calibration summary published with
// Fader, Hardie & Lee (2005): 2,357 customers, weeks, 39-week calibration.
func tmCDNOWSummary(t testing.TB) []History {
	t.Helper()
	recs := readTestCSV(t, "cdnow_customers_summary.csv")
	var err error
	out := make([]History, 0, len(recs))
	for _, r := range recs {
		var v [3]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(r[i+1], 64); err != nil {
				t.Fatal(err)
			}
		}
		out = append(out, History{X: v[0], Tx: v[1], T: v[2]})
	}
	if len(out) != 2357 {
		t.Fatalf("got %d customers, want 2357", len(out))
	}
	return out
}

// tmRoundTo rounds v to the given number of decimals.
func tmRoundTo(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}

// TestFitBGNBDReproducesFHL2005 fits BG/NBD to the CDNOW calibration summary.
// Source: Fader, Hardie & Lee (2005), Marketing Science 24(2), section 4:
// r = 0.2426, α = 4.4137, a = 0.7930, b = 2.4262, LL = −9582.43 (also in
// /work/shared/DOMAIN.md). The paper's figures come from Excel's Solver,
// which stops on a looser criterion: at the fourth decimal α and b differ
// from the exact maximum by 2–4e−4, i.e. 1/1000 of their standard errors
// (0.38 and 0.71), and the log-likelihood at the printed values is the same
// to the printed two decimals. So the test asserts agreement to three
// decimals for every parameter (the precision of the paper's Table 1), the
// four-decimal figures within 5e−4, and LL to the printed two decimals.
func TestFitBGNBDReproducesFHL2005(t *testing.T) {
	rows := tmCDNOWSummary(t)
	m, info, err := FitBGNBD(rows, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BG/NBD: r=%.6g α=%.6g a=%.6g b=%.6g LL=%.6f iters=%d se=%.3g", m.R, m.Alpha, m.A, m.B, info.LogLikelihood, info.Iterations, info.StdErr)
	got := []float64{m.R, m.Alpha, m.A, m.B}
	want := []float64{0.2426, 4.4137, 0.7930, 2.4262}
	for i := range got {
		if tmRoundTo(got[i], 3) != tmRoundTo(want[i], 3) {
			t.Errorf("param %d = %.6g, want %.3f at three decimals", i, got[i], tmRoundTo(want[i], 3))
		}
		if math.Abs(got[i]-want[i]) > 5e-4 {
			t.Errorf("param %d = %.6g, want %.4f ± 5e-4", i, got[i], want[i])
		}
	}
	if tmRoundTo(info.LogLikelihood, 2) != -9582.43 {
		t.Errorf("LL = %.4f, want -9582.43", info.LogLikelihood)
	}
	if !info.Converged || info.Customers != 2357 {
		t.Errorf("info = %+v", info)
	}
	// The published parameters give the published LL too (independent of
	// the optimiser).
	g, _ := Group(rows)
	ll, err := BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}.LogLikelihood(g)
	if err != nil || tmRoundTo(ll, 2) != -9582.43 {
		t.Errorf("LL at published parameters = %.4f, %v", ll, err)
	}
	if ll > info.LogLikelihood {
		t.Errorf("published parameters have a higher LL %.6f than our maximum %.6f", ll, info.LogLikelihood)
	}
}

// TestBGNBDConditionalExpectationFHL2005 checks the paper's worked example:
// a customer with x = 2, t_x = 30.43, T = 38.86 is expected to make 1.226
// purchases in the next 39 weeks (Fader, Hardie & Lee 2005, section 5,
// using the published parameters).
func TestBGNBDConditionalExpectationFHL2005(t *testing.T) {
	m := BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	got, err := m.ConditionalExpectedPurchases(39, History{X: 2, Tx: 30.43, T: 38.86})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("E[Y(39) | 2, 30.43, 38.86] = %.6f", got)
	if tmRoundTo(got, 3) != 1.226 {
		t.Errorf("got %.6f, want 1.226", got)
	}
}

// TestFitParetoNBDReproducesFHL2005 fits Pareto/NBD to the same summary.
// Source: Fader, Hardie & Lee (2005), Marketing Science 24(2), section 4,
// where the Pareto/NBD benchmark on the CDNOW sample is reported as
// r = 0.55, α = 10.58, s = 0.61, β = 11.67 with LL = −9595.0.
func TestFitParetoNBDReproducesFHL2005(t *testing.T) {
	rows := tmCDNOWSummary(t)
	m, info, err := FitParetoNBD(rows, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("Pareto/NBD: r=%.6g α=%.6g s=%.6g β=%.6g LL=%.6f se=%.3g", m.R, m.Alpha, m.S, m.Beta, info.LogLikelihood, info.StdErr)
	got := []float64{tmRoundTo(m.R, 2), tmRoundTo(m.Alpha, 2), tmRoundTo(m.S, 2), tmRoundTo(m.Beta, 2)}
	want := []float64{0.55, 10.58, 0.61, 11.67}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("param %d = %v, want %v", i, got[i], want[i])
		}
	}
	if tmRoundTo(info.LogLikelihood, 1) != -9595.0 {
		t.Errorf("LL = %.4f, want -9595.0", info.LogLikelihood)
	}
}

// TestFitMBGNBDOnCDNOWIsConsistent: no MBG/NBD estimates on the CDNOW
// sample are published (Batislam et al. 2007 used grocery data), so this
// cross-checks the fit: it converges; its maximised LL is at least the
// MBG/NBD LL at the BG/NBD estimates (an independent evaluation of the
// same likelihood); LogLikelihood reproduces FitInfo's value; the fitted
// model's P(alive) for a one-time buyer is below 1, unlike BG/NBD's; and
// the standard errors are finite.
func TestFitMBGNBDOnCDNOWIsConsistent(t *testing.T) {
	rows := tmCDNOWSummary(t)
	m, info, err := FitMBGNBD(rows, FitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("MBG/NBD: r=%.6g α=%.6g a=%.6g b=%.6g LL=%.6f", m.R, m.Alpha, m.A, m.B, info.LogLikelihood)
	g, _ := Group(rows)
	at, err := MBGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}.LogLikelihood(g)
	if err != nil || at > info.LogLikelihood {
		t.Errorf("LL at BG/NBD estimates %.4f > maximum %.4f (%v)", at, info.LogLikelihood, err)
	}
	ll, err := m.LogLikelihood(g)
	if err != nil || math.Abs(ll-info.LogLikelihood) > 1e-6 {
		t.Errorf("LogLikelihood = %.6f, FitInfo says %.6f", ll, info.LogLikelihood)
	}
	pa, _ := m.ProbAlive(History{T: 38.86})
	if !(pa < 1 && pa > 0) {
		t.Errorf("P(alive) of a one-time buyer = %v, want in (0, 1)", pa)
	}
	// FitInfo's standard errors are finite and smaller than the estimates.
	for i, se := range info.StdErr {
		if !(se > 0) || math.IsInf(se, 0) {
			t.Errorf("StdErr[%d] = %v", i, se)
		}
	}
}
