package scoring

import (
	"fmt"
	"math"
	"runtime"
	"strings"

	"github.com/kundenwert/winback/internal/check"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// Logistic is a fitted logistic regression
//
//	P(y = 1 | x) = σ(Intercept + Σⱼ Coef[j]·x[j]),  σ(z) = 1/(1+e^(−z)),
//
// for example the probability that a lapsed customer is won back (or that an
// active one churns) given numeric features. The same model is stored on the
// standardised scale, zⱼ = (xⱼ − Mean[j])/SD[j]:
//
//	P(y = 1 | x) = σ(StdIntercept + Σⱼ StdCoef[j]·zⱼ),
//
// where StdCoef[j] is the change in log-odds per standard deviation of
// feature j (comparable across features) and StdIntercept is the log-odds
// at the mean feature vector. The zero Logistic has no features and
// predicts 0.5.
type Logistic struct {
	Intercept    float64   `json:"intercept"`     // natural-scale intercept (log-odds at x = 0)
	Coef         []float64 `json:"coef"`          // natural-scale coefficients, log-odds per unit of feature j
	StdIntercept float64   `json:"std_intercept"` // standardised-scale intercept
	StdCoef      []float64 `json:"std_coef"`      // standardised-scale coefficients, log-odds per SD of feature j
	Mean         []float64 `json:"mean"`          // training mean of feature j
	SD           []float64 `json:"sd"`            // training standard deviation of feature j (population form, > 0)
}

// LogisticOptions tune FitLogistic. The zero value fits without
// regularisation using every core.
type LogisticOptions struct {
	// Lambda is the L2 penalty on the standardised coefficients (not the
	// intercept): FitLogistic minimises
	//   −(1/n)·Σᵢ log L(yᵢ | xᵢ) + (Lambda/2)·Σⱼ StdCoef[j]²,
	// so Lambda does not depend on n. Must be ≥ 0; 0 is maximum likelihood.
	Lambda float64 `json:"lambda"`
	// MaxIterations caps the optimiser's major iterations; 0 means 200.
	MaxIterations int `json:"max_iterations"`
	// GradTol is the convergence threshold on the infinity norm of the
	// gradient of the objective above; 0 means 1e-9.
	GradTol float64 `json:"grad_tol"`
	// Workers is the number of goroutines evaluating the objective; 0
	// means runtime.GOMAXPROCS(0). Results differ across Workers only by
	// floating-point rounding.
	Workers int `json:"workers"`
}

// FitInfo describes a logistic fit.
type FitInfo struct {
	LogLikelihood float64 `json:"log_likelihood"` // unpenalised log-likelihood at the estimate
	Objective     float64 `json:"objective"`      // minimised penalised mean objective
	Iterations    int     `json:"iterations"`     // optimiser major iterations
	Evaluations   int     `json:"evaluations"`    // objective-and-gradient evaluations
	Converged     bool    `json:"converged"`      // the gradient criterion was met
	GradNorm      float64 `json:"grad_norm"`      // infinity norm of the objective's gradient at the estimate
	// StdErr holds asymptotic standard errors on the natural scale,
	// intercept first, then Coef: the square roots of the diagonal of the
	// inverse (penalised) Hessian of the negative log-likelihood. With
	// Lambda > 0 they are the usual ridge approximation. NaN where the
	// Hessian is singular.
	StdErr    []float64 `json:"std_err"`
	Rows      int       `json:"rows"`      // training rows
	Positives int       `json:"positives"` // training rows with y = true
}

// FitLogistic fits P(y | x) by penalised maximum likelihood with BFGS
// (gonum/optimize) and the analytic gradient, after standardising each
// column of X. X is row-major: X[i] holds the features of row i; all rows
// have the same length. Errors: mismatched lengths or NaN/Inf features
// (ErrInvalidInput); fewer than two rows, one class only, a constant column
// or, with Lambda = 0, perfectly separated classes (ErrDegenerate); an
// optimiser that does not meet GradTol (ErrNotConverged, with FitInfo).
func FitLogistic(X [][]float64, y []bool, opts LogisticOptions) (Logistic, FitInfo, error) {
	d, err := newDesign(X, y)
	if err != nil {
		return Logistic{}, FitInfo{}, err
	}
	if math.IsNaN(opts.Lambda) || math.IsInf(opts.Lambda, 0) || opts.Lambda < 0 {
		return Logistic{}, FitInfo{}, check.New(ErrInvalidInput, "opts.Lambda", "must be finite and ≥ 0, got %v", opts.Lambda)
	}
	if opts.MaxIterations <= 0 {
		opts.MaxIterations = 200
	}
	if !(opts.GradTol > 0) {
		opts.GradTol = 1e-9
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	obj := newObjective(d, opts.Lambda, opts.Workers)
	theta0 := make([]float64, d.p+1)
	ybar := float64(d.pos) / float64(d.n)
	theta0[0] = math.Log(ybar / (1 - ybar))
	settings := &optimize.Settings{
		GradientThreshold: opts.GradTol,
		MajorIterations:   opts.MaxIterations,
		Converger:         optimize.NeverTerminate{},
	}
	prob := optimize.Problem{Func: obj.f, Grad: obj.g}
	res, err := optimize.Minimize(prob, theta0, settings, &optimize.BFGS{})
	if res == nil {
		return Logistic{}, FitInfo{}, fmt.Errorf("%w: %v", ErrNotConverged, err)
	}
	theta := res.X
	grad := make([]float64, d.p+1)
	f := obj.eval(theta, grad)
	gnorm := 0.0
	for _, v := range grad {
		gnorm = max(gnorm, math.Abs(v))
	}
	info := FitInfo{
		Objective:   f,
		Iterations:  res.Stats.MajorIterations,
		Evaluations: obj.evals,
		GradNorm:    gnorm,
		Converged:   gnorm <= 10*opts.GradTol,
		Rows:        d.n,
		Positives:   d.pos,
	}
	penalty := 0.0
	for _, v := range theta[1:] {
		penalty += v * v
	}
	info.LogLikelihood = -float64(d.n) * (f - opts.Lambda/2*penalty)
	if !info.Converged {
		return Logistic{}, info, fmt.Errorf("%w: status %v, gradient norm %.3g after %d iterations (with Lambda = 0 the classes may be separated; try Lambda > 0)",
			ErrNotConverged, res.Status, gnorm, info.Iterations)
	}
	if opts.Lambda == 0 && d.separated(theta) {
		return Logistic{}, info, check.New(ErrDegenerate, "y", "the classes are perfectly separated by the features; the maximum-likelihood estimate does not exist (use Lambda > 0)")
	}
	m := Logistic{
		StdIntercept: theta[0],
		StdCoef:      append([]float64(nil), theta[1:]...),
		Mean:         d.mean,
		SD:           d.sd,
		Coef:         make([]float64, d.p),
	}
	m.Intercept = theta[0]
	for j := range d.p {
		m.Coef[j] = theta[j+1] / d.sd[j]
		m.Intercept -= theta[j+1] * d.mean[j] / d.sd[j]
	}
	info.StdErr = d.stdErr(theta, opts.Lambda)
	return m, info, nil
}

// Predict returns P(y = 1 | x) in [0, 1]. x must have one finite value per
// feature; it does not allocate.
func (m Logistic) Predict(x []float64) (float64, error) {
	if len(x) != len(m.StdCoef) || len(m.Mean) != len(m.StdCoef) || len(m.SD) != len(m.StdCoef) {
		return 0, check.New(ErrInvalidInput, "x", "want %d features, got %d", len(m.StdCoef), len(x))
	}
	eta := m.StdIntercept
	for j, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, check.New(ErrInvalidInput, fmt.Sprintf("x[%d]", j), "must be a finite number, got %v", v)
		}
		eta += m.StdCoef[j] * (v - m.Mean[j]) / m.SD[j]
	}
	if math.IsNaN(eta) {
		return 0, check.New(ErrInvalidInput, "model", "Logistic has non-finite coefficients")
	}
	return sigmoid(eta), nil
}

// PredictAll returns Predict for every row of X (for evaluation with AUC,
// LogLoss, Brier or Calibration). An error names the row, e.g. "X[4][1]".
func (m Logistic) PredictAll(X [][]float64) ([]float64, error) {
	out := make([]float64, len(X))
	for i, x := range X {
		p, err := m.Predict(x)
		if err != nil {
			if fe, ok := err.(*InputError); ok && strings.HasPrefix(fe.Field, "x") {
				fe.Field = fmt.Sprintf("X[%d]", i) + fe.Field[1:] // "x[2]" → "X[4][2]"
			}
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// softplus returns log(1 + e^z) without overflow.
func softplus(z float64) float64 {
	return max(z, 0) + math.Log1p(math.Exp(-math.Abs(z)))
}

// design is the standardised training data, row-major, without the
// intercept column.
type design struct {
	n, p     int
	z        []float64 // n×p standardised features
	y        []float64 // 0 or 1
	pos      int
	mean, sd []float64
}

func newDesign(X [][]float64, y []bool) (*design, error) {
	if len(X) != len(y) {
		return nil, check.New(ErrInvalidInput, "y", "has %d labels for %d rows of X", len(y), len(X))
	}
	n := len(X)
	if n < 2 {
		return nil, check.New(ErrDegenerate, "X", "need at least 2 rows, got %d", n)
	}
	p := len(X[0])
	d := &design{n: n, p: p, z: make([]float64, n*p), y: make([]float64, n), mean: make([]float64, p), sd: make([]float64, p)}
	for i, row := range X {
		if len(row) != p {
			return nil, check.New(ErrInvalidInput, fmt.Sprintf("X[%d]", i), "has %d features, X[0] has %d", len(row), p)
		}
		for j, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, check.New(ErrInvalidInput, fmt.Sprintf("X[%d][%d]", i, j), "must be a finite number, got %v", v)
			}
			d.mean[j] += v
		}
		if y[i] {
			d.y[i] = 1
			d.pos++
		}
	}
	if d.pos == 0 || d.pos == n {
		return nil, check.New(ErrDegenerate, "y", "all %d labels are %v; need both classes", n, y[0])
	}
	for j := range d.mean {
		d.mean[j] /= float64(n)
	}
	for _, row := range X {
		for j, v := range row {
			r := v - d.mean[j]
			d.sd[j] += r * r
		}
	}
	for j := range d.sd {
		d.sd[j] = math.Sqrt(d.sd[j] / float64(n))
		if !(d.sd[j] > 0) || math.IsInf(d.sd[j], 0) || d.sd[j] < 1e-12*max(1, math.Abs(d.mean[j])) {
			return nil, check.New(ErrDegenerate, fmt.Sprintf("X[:][%d]", j), "column is constant (or its spread is not finite); drop it")
		}
	}
	for i, row := range X {
		zi := d.z[i*p : (i+1)*p]
		for j, v := range row {
			zi[j] = (v - d.mean[j]) / d.sd[j]
		}
	}
	return d, nil
}

// separated reports whether the linear predictor at theta ranks every
// positive above every negative.
func (d *design) separated(theta []float64) bool {
	minPos, maxNeg := math.Inf(1), math.Inf(-1)
	for i := range d.n {
		eta := d.eta(theta, i)
		if d.y[i] == 1 {
			minPos = min(minPos, eta)
		} else {
			maxNeg = max(maxNeg, eta)
		}
	}
	return minPos > maxNeg
}

func (d *design) eta(theta []float64, i int) float64 {
	eta := theta[0]
	for j, v := range d.z[i*d.p : (i+1)*d.p] {
		eta += theta[j+1] * v
	}
	return eta
}

// stdErr returns natural-scale standard errors from the inverse of the
// penalised Hessian Zᵀ W Z + nλ·I (intercept unpenalised).
func (d *design) stdErr(theta []float64, lambda float64) []float64 {
	k := d.p + 1
	h := mat.NewSymDense(k, nil)
	row := make([]float64, k)
	row[0] = 1
	for i := range d.n {
		copy(row[1:], d.z[i*d.p:(i+1)*d.p])
		pr := sigmoid(d.eta(theta, i))
		w := pr * (1 - pr)
		for a := range k {
			for b := a; b < k; b++ {
				h.SetSym(a, b, h.At(a, b)+w*row[a]*row[b])
			}
		}
	}
	for j := 1; j < k; j++ {
		h.SetSym(j, j, h.At(j, j)+float64(d.n)*lambda)
	}
	se := make([]float64, k)
	var chol mat.Cholesky
	if !chol.Factorize(h) {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	var cov mat.SymDense
	if err := chol.InverseTo(&cov); err != nil {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	// natural = T · standardised with T[0] = (1, −m₁/s₁, …), T[j][j] = 1/sⱼ.
	t := mat.NewDense(k, k, nil)
	t.Set(0, 0, 1)
	for j := range d.p {
		t.Set(0, j+1, -d.mean[j]/d.sd[j])
		t.Set(j+1, j+1, 1/d.sd[j])
	}
	var tc, nat mat.Dense
	tc.Mul(t, &cov)
	nat.Mul(&tc, t.T())
	for i := range se {
		se[i] = math.Sqrt(nat.At(i, i))
	}
	return se
}
