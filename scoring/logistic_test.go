package scoring

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// challenger is the launch temperature (°F) and O-ring failure (at least one
// O-ring failure on the launch) of the 24 space shuttle launches before the
// Challenger accident, as tabulated in Montgomery & Runger, Applied
// Statistics and Probability for Engineers, 3rd ed., supplement S11
// ("Binary Logistic Regression: O-Ring Failure versus Temperature").
var challenger = []struct {
	temp float64
	fail bool
}{
	{53, true}, {56, true}, {57, true}, {63, false}, {66, false}, {67, false}, {67, false}, {67, false},
	{68, false}, {69, false}, {70, false}, {70, true}, {70, true}, {70, true}, {72, false}, {73, false},
	{75, false}, {75, true}, {76, false}, {76, false}, {78, false}, {79, false}, {80, false}, {81, false},
}

// TestLogisticReproducesMontgomeryChallenger compares with the Minitab
// output printed in Montgomery & Runger (supplement S11): constant 10.875
// (SE 5.703), temperature −0.17132 (SE 0.08344), log-likelihood −11.515.
func TestLogisticReproducesMontgomeryChallenger(t *testing.T) {
	X := make([][]float64, len(challenger))
	y := make([]bool, len(challenger))
	for i, r := range challenger {
		X[i], y[i] = []float64{r.temp}, r.fail
	}
	m, info, err := FitLogistic(X, y, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name      string
		got, want float64
		tol       float64 // half a unit in the last printed digit
	}{
		{"constant", m.Intercept, 10.875, 5e-4},
		{"temperature", m.Coef[0], -0.17132, 5e-6},
		{"SE constant", info.StdErr[0], 5.703, 5e-4},
		{"SE temperature", info.StdErr[1], 0.08344, 5e-6},
		{"log-likelihood", info.LogLikelihood, -11.515, 5e-4},
	} {
		if math.Abs(c.got-c.want) > c.tol {
			t.Errorf("%s = %.6f, want %v (Montgomery & Runger, S11)", c.name, c.got, c.want)
		}
	}
	if !info.Converged || info.Rows != 24 || info.Positives != 7 {
		t.Errorf("info = %+v", info)
	}
}

// irls fits the logistic model by Newton–Raphson (iteratively reweighted
// least squares) directly, as an independent check: it minimises
// −(1/n)·ΣlogL + (λ/2)·Σ_{j≥1} β_j² over β for the design with an intercept
// column prepended.
func irls(X [][]float64, y []bool, lambda float64) []float64 {
	n, k := len(X), len(X[0])+1
	beta := make([]float64, k)
	row := make([]float64, k)
	for range 100 {
		g := make([]float64, k)
		h := make([][]float64, k)
		for a := range h {
			h[a] = make([]float64, k)
		}
		for i := range n {
			row[0] = 1
			copy(row[1:], X[i])
			eta := 0.0
			for j := range k {
				eta += beta[j] * row[j]
			}
			p := 1 / (1 + math.Exp(-eta))
			yi := 0.0
			if y[i] {
				yi = 1
			}
			for a := range k {
				g[a] += (p - yi) * row[a] / float64(n)
				for b := range k {
					h[a][b] += p * (1 - p) * row[a] * row[b] / float64(n)
				}
			}
		}
		for j := 1; j < k; j++ {
			g[j] += lambda * beta[j]
			h[j][j] += lambda
		}
		step := solve(h, g)
		done := true
		for j := range beta {
			beta[j] -= step[j]
			if math.Abs(step[j]) > 1e-13*(1+math.Abs(beta[j])) {
				done = false
			}
		}
		if done {
			break
		}
	}
	return beta
}

// solve solves A x = b by Gaussian elimination with partial pivoting.
func solve(A [][]float64, b []float64) []float64 {
	k := len(b)
	M := make([][]float64, k)
	for i := range M {
		M[i] = append(append([]float64(nil), A[i]...), b[i])
	}
	for c := range k {
		p := c
		for r := c + 1; r < k; r++ {
			if math.Abs(M[r][c]) > math.Abs(M[p][c]) {
				p = r
			}
		}
		M[c], M[p] = M[p], M[c]
		for r := c + 1; r < k; r++ {
			f := M[r][c] / M[c][c]
			for j := c; j <= k; j++ {
				M[r][j] -= f * M[c][j]
			}
		}
	}
	x := make([]float64, k)
	for r := k - 1; r >= 0; r-- {
		s := M[r][k]
		for j := r + 1; j < k; j++ {
			s -= M[r][j] * x[j]
		}
		x[r] = s / M[r][r]
	}
	return x
}

// synthetic draws n rows of three features on very different scales and
// labels from a known logistic model.
func synthetic(n int, seed uint64) ([][]float64, []bool) {
	r := rand.New(rand.NewPCG(seed, 7))
	X := make([][]float64, n)
	y := make([]bool, n)
	for i := range X {
		x := []float64{50 + 10*r.NormFloat64(), r.Float64(), 1000 * r.NormFloat64()}
		eta := -3 + 0.05*x[0] + 1.2*x[1] - 0.0008*x[2]
		X[i], y[i] = x, r.Float64() < 1/(1+math.Exp(-eta))
	}
	return X, y
}

func TestLogisticMatchesIndependentNewton(t *testing.T) {
	X, y := synthetic(300, 1)
	m, info, err := FitLogistic(X, y, LogisticOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := irls(X, y, 0) // natural scale, unpenalised
	got := append([]float64{m.Intercept}, m.Coef...)
	for j := range want {
		if math.Abs(got[j]-want[j]) > 1e-6*(1+math.Abs(want[j])) {
			t.Errorf("β[%d] = %.10g, Newton gives %.10g", j, got[j], want[j])
		}
	}
	if info.GradNorm > 1e-8 {
		t.Errorf("gradient norm %v", info.GradNorm)
	}

	// Penalised: the penalty is on the standardised scale, so Newton runs
	// on standardised columns (population SD) computed here.
	const lambda = 0.05
	Z := make([][]float64, len(X))
	for i := range Z {
		Z[i] = make([]float64, len(X[i]))
	}
	for j := range X[0] {
		var mean, ss float64
		for i := range X {
			mean += X[i][j]
		}
		mean /= float64(len(X))
		for i := range X {
			ss += (X[i][j] - mean) * (X[i][j] - mean)
		}
		sd := math.Sqrt(ss / float64(len(X)))
		for i := range X {
			Z[i][j] = (X[i][j] - mean) / sd
		}
	}
	want = irls(Z, y, lambda)
	mp, _, err := FitLogistic(X, y, LogisticOptions{Lambda: lambda})
	if err != nil {
		t.Fatal(err)
	}
	got = append([]float64{mp.StdIntercept}, mp.StdCoef...)
	for j := range want {
		if math.Abs(got[j]-want[j]) > 1e-6*(1+math.Abs(want[j])) {
			t.Errorf("penalised standardised β[%d] = %.10g, Newton gives %.10g", j, got[j], want[j])
		}
	}
	// The two scales describe one model.
	for _, x := range X[:10] {
		p, err := mp.Predict(x)
		if err != nil {
			t.Fatal(err)
		}
		eta := mp.Intercept
		for j, v := range x {
			eta += mp.Coef[j] * v
		}
		if q := 1 / (1 + math.Exp(-eta)); math.Abs(p-q) > 1e-12 {
			t.Errorf("Predict %v, natural-scale formula %v", p, q)
		}
	}
}

func TestLogisticGradientMatchesFiniteDifferences(t *testing.T) {
	X, y := synthetic(200, 2)
	d, err := newDesign(X, y)
	if err != nil {
		t.Fatal(err)
	}
	for _, lambda := range []float64{0, 0.3} {
		o := newObjective(d, lambda, 1)
		theta := []float64{0.3, -0.7, 1.1, 0.2}
		grad := make([]float64, len(theta))
		o.eval(theta, grad)
		tmp := make([]float64, len(theta))
		for j := range theta {
			const h = 1e-6
			copy(tmp, theta)
			tmp[j] += h
			fp := o.eval(tmp, make([]float64, len(theta)))
			tmp[j] -= 2 * h
			fm := o.eval(tmp, make([]float64, len(theta)))
			fd := (fp - fm) / (2 * h)
			if math.Abs(fd-grad[j]) > 1e-7*(1+math.Abs(fd)) {
				t.Errorf("λ=%v: ∂f/∂θ[%d] analytic %.10g, finite difference %.10g", lambda, j, grad[j], fd)
			}
		}
	}
}

// TestLogisticRecoversTrueCoefficients fits 20 000 rows drawn from a known
// model, serially and with two workers.
func TestLogisticRecoversTrueCoefficients(t *testing.T) {
	X, y := synthetic(20000, 3)
	truth := []float64{-3, 0.05, 1.2, -0.0008}
	m1, info, err := FitLogistic(X, y, LogisticOptions{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	m2, _, err := FitLogistic(X, y, LogisticOptions{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	got := append([]float64{m1.Intercept}, m1.Coef...)
	for j, b := range truth {
		if z := math.Abs(got[j]-b) / info.StdErr[j]; z > 4 {
			t.Errorf("β[%d] = %v, true %v, %.1f standard errors away", j, got[j], b, z)
		}
	}
	for j := range m1.StdCoef {
		if math.Abs(m1.StdCoef[j]-m2.StdCoef[j]) > 1e-6 {
			t.Errorf("workers 1 vs 2: StdCoef[%d] %v vs %v", j, m1.StdCoef[j], m2.StdCoef[j])
		}
	}
}

func TestLogisticErrors(t *testing.T) {
	good := [][]float64{{1, 2}, {2, 1}, {3, 5}, {4, 3}}
	yes := []bool{true, false, true, false}
	for _, tc := range []struct {
		name     string
		X        [][]float64
		y        []bool
		opts     LogisticOptions
		sentinel error
		field    string
	}{
		{"mismatched lengths", good, yes[:3], LogisticOptions{}, ErrInvalidInput, "y"},
		{"NaN feature", [][]float64{{1, 2}, {2, math.NaN()}, {3, 5}, {4, 3}}, yes, LogisticOptions{}, ErrInvalidInput, "X[1][1]"},
		{"Inf feature", [][]float64{{1, 2}, {2, 1}, {math.Inf(1), 5}, {4, 3}}, yes, LogisticOptions{}, ErrInvalidInput, "X[2][0]"},
		{"ragged", [][]float64{{1, 2}, {2}, {3, 5}, {4, 3}}, yes, LogisticOptions{}, ErrInvalidInput, "X[1]"},
		{"one class", good, []bool{true, true, true, true}, LogisticOptions{}, ErrDegenerate, "y"},
		{"constant column", [][]float64{{1, 7}, {2, 7}, {3, 7}, {4, 7}}, yes, LogisticOptions{}, ErrDegenerate, "X[:][1]"},
		{"one row", good[:1], yes[:1], LogisticOptions{}, ErrDegenerate, "X"},
		{"negative lambda", good, yes, LogisticOptions{Lambda: -1}, ErrInvalidInput, "opts.Lambda"},
		{"separated", [][]float64{{1}, {2}, {3}, {4}}, []bool{false, false, true, true}, LogisticOptions{}, ErrDegenerate, "y"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := FitLogistic(tc.X, tc.y, tc.opts)
			var ie *InputError
			if !errors.Is(err, tc.sentinel) || !errors.As(err, &ie) || ie.Field != tc.field {
				if tc.name == "separated" && errors.Is(err, ErrNotConverged) {
					return // also an honest answer for separated data
				}
				t.Fatalf("err = %v, want %v on %q", err, tc.sentinel, tc.field)
			}
		})
	}
	// Separated data fit fine with a penalty.
	if _, _, err := FitLogistic([][]float64{{1}, {2}, {3}, {4}}, []bool{false, false, true, true}, LogisticOptions{Lambda: 0.1}); err != nil {
		t.Errorf("penalised fit of separated data: %v", err)
	}
}

func TestPredictValidatesAndDoesNotAllocate(t *testing.T) {
	X, y := synthetic(300, 4)
	m, _, err := FitLogistic(X, y, LogisticOptions{Lambda: 0.01})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Predict([]float64{1, 2}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("short x: err = %v", err)
	}
	if _, err := m.Predict([]float64{1, math.NaN(), 3}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("NaN x: err = %v", err)
	}
	x := X[0]
	allocs := testing.AllocsPerRun(100, func() {
		if p, err := m.Predict(x); err != nil || p < 0 || p > 1 {
			t.Fatal(p, err)
		}
	})
	if allocs != 0 {
		t.Errorf("Predict allocates %v times", allocs)
	}
}

func BenchmarkFitLogistic100kx10(b *testing.B) {
	r := rand.New(rand.NewPCG(11, 13))
	const n, p = 100_000, 10
	X := make([][]float64, n)
	y := make([]bool, n)
	for i := range X {
		X[i] = make([]float64, p)
		eta := -0.5
		for j := range X[i] {
			X[i][j] = float64(j+1) * r.NormFloat64()
			eta += 0.3 * float64(j%3-1) * X[i][j] / float64(j+1)
		}
		y[i] = r.Float64() < 1/(1+math.Exp(-eta))
	}
	b.ReportAllocs()
	for b.Loop() {
		_, info, err := FitLogistic(X, y, LogisticOptions{Lambda: 1e-4})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(info.Evaluations), "evals")
	}
}

func BenchmarkPredict(b *testing.B) {
	X, y := synthetic(300, 5)
	m, _, err := FitLogistic(X, y, LogisticOptions{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := m.Predict(X[0]); err != nil {
			b.Fatal(err)
		}
	}
}

// TestFitEvaluateOnHeldOutRows runs the whole evaluation chain on a split:
// a model fitted on the training rows must rank held-out rows better than
// chance and beat the constant predictor's log-loss.
func TestFitEvaluateOnHeldOutRows(t *testing.T) {
	X, y := synthetic(4000, 6)
	train, test, err := StratifiedSplit(y, 0.25, rand.New(rand.NewPCG(3, 3)))
	if err != nil {
		t.Fatal(err)
	}
	pick := func(idx []int) ([][]float64, []bool) {
		xs, ys := make([][]float64, len(idx)), make([]bool, len(idx))
		for k, i := range idx {
			xs[k], ys[k] = X[i], y[i]
		}
		return xs, ys
	}
	Xtr, ytr := pick(train)
	Xte, yte := pick(test)
	m, info, err := FitLogistic(Xtr, ytr, LogisticOptions{Lambda: 1e-3})
	if err != nil {
		t.Fatal(err)
	}
	p, err := m.PredictAll(Xte)
	if err != nil {
		t.Fatal(err)
	}
	auc, err := AUC(p, yte)
	if err != nil || auc <= 0.6 {
		t.Errorf("held-out AUC %v, %v", auc, err)
	}
	ll, err := LogLoss(p, yte)
	base := float64(info.Positives) / float64(info.Rows)
	constant := make([]float64, len(p))
	for i := range constant {
		constant[i] = base
	}
	llc, _ := LogLoss(constant, yte)
	if err != nil || ll >= llc {
		t.Errorf("held-out log-loss %v, constant predictor %v (%v)", ll, llc, err)
	}
	if _, err := m.PredictAll([][]float64{{1, 2, 3}, {1, math.NaN(), 3}}); err == nil {
		t.Error("PredictAll accepted NaN")
	} else if ie := (*InputError)(nil); !errors.As(err, &ie) || ie.Field != "X[1][1]" {
		t.Errorf("PredictAll error field %q", ie.Field)
	}
	if _, err := m.PredictAll([][]float64{{1, 2, 3}, {1, 2}}); err == nil {
		t.Error("PredictAll accepted a short row")
	} else if ie := (*InputError)(nil); !errors.As(err, &ie) || ie.Field != "X[1]" {
		t.Errorf("PredictAll error field %q", ie.Field)
	}
}
