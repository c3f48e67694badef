package clv

import (
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize"
)

// FitOptions tune maximum-likelihood fitting. The zero value gives sensible
// defaults for every field.
type FitOptions struct {
	// Start is the initial parameter vector in the model's natural order
	// (e.g. r, alpha, a, b for BG/NBD). Nil means the model's default
	// starts. Further starts are tried when a start does not converge.
	Start []float64 `json:"start"`
	// MaxIterations caps the optimiser's major iterations per start.
	// Zero means 500.
	MaxIterations int `json:"max_iterations"`
	// GradTol is the convergence threshold on the infinity norm of the
	// gradient of the mean negative log-likelihood with respect to the
	// log-parameters. Zero means 1e-7.
	GradTol float64 `json:"grad_tol"`
	// Workers is the number of goroutines evaluating the likelihood.
	// Zero means runtime.GOMAXPROCS(0); 1 evaluates serially.
	Workers int `json:"workers"`
}

// FitInfo describes a fit: where it ended and how reliable it is.
type FitInfo struct {
	LogLikelihood float64   `json:"log_likelihood"` // maximised total log-likelihood
	Iterations    int       `json:"iterations"`     // optimiser major iterations of the successful start
	Evaluations   int       `json:"evaluations"`    // likelihood evaluations of the successful start
	Starts        int       `json:"starts"`         // starts tried, including the successful one
	Converged     bool      `json:"converged"`      // the gradient criterion was met
	GradNorm      float64   `json:"grad_norm"`      // infinity norm of the log-parameter gradient of the mean negative log-likelihood at the optimum
	StdErr        []float64 `json:"std_err"`        // asymptotic standard errors of the parameters (natural scale, delta method), NaN where the Hessian is singular
	Customers     float64   `json:"customers"`      // number of customers (sum of group counts)
	Rows          int       `json:"rows"`           // number of distinct rows the likelihood was evaluated on
}

func (o FitOptions) withDefaults() FitOptions {
	if o.MaxIterations <= 0 {
		o.MaxIterations = 500
	}
	if o.GradTol <= 0 {
		o.GradTol = 1e-7
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	return o
}

// objective is a model's negative log-likelihood in its natural parameters
// theta (all > 0). It writes d(-LL)/d(theta) into grad when grad is non-nil
// and returns -LL, or +Inf where the likelihood is not finite.
type objective func(theta, grad []float64) float64

// fitProblem is what a model hands to maximize.
type fitProblem struct {
	names     []string    // parameter names, for errors
	nll       objective   // total negative log-likelihood
	starts    [][]float64 // default starts, natural scale
	customers float64     // total weight, used to scale the objective
	rows      int
}

// maximize maximises the likelihood over log-parameters with BFGS and
// analytic gradients, trying each start in turn until one converges.
func maximize(p fitProblem, opts FitOptions) ([]float64, FitInfo, error) {
	opts = opts.withDefaults()
	starts := p.starts
	if opts.Start != nil {
		if len(opts.Start) != len(p.names) {
			return nil, FitInfo{}, fmt.Errorf("%w: FitOptions.Start: want %d values %v, got %d",
				ErrInvalidInput, len(p.names), p.names, len(opts.Start))
		}
		for i, v := range opts.Start {
			if !(v > 0) || math.IsInf(v, 0) {
				return nil, FitInfo{}, fmt.Errorf("%w: FitOptions.Start[%d] (%s): must be finite and > 0, got %v",
					ErrInvalidInput, i, p.names[i], v)
			}
		}
		starts = append([][]float64{opts.Start}, starts...)
	}
	var lastErr error
	for k, start := range starts {
		theta, info, err := maximizeFrom(p, start, opts)
		info.Starts = k + 1
		if err == nil {
			return theta, info, nil
		}
		lastErr = err
	}
	return nil, FitInfo{Starts: len(starts)}, fmt.Errorf("%w after %d starts: %v", ErrNotConverged, len(starts), lastErr)
}

func maximizeFrom(p fitProblem, start []float64, opts FitOptions) ([]float64, FitInfo, error) {
	n := len(start)
	scale := 1 / p.customers
	theta := make([]float64, n)
	gth := make([]float64, n)
	toTheta := func(phi []float64) bool {
		for i, v := range phi {
			theta[i] = math.Exp(v)
			if theta[i] == 0 || math.IsInf(theta[i], 0) {
				return false
			}
		}
		return true
	}
	f := func(phi []float64) float64 {
		if !toTheta(phi) {
			return math.Inf(1)
		}
		return p.nll(theta, nil) * scale
	}
	g := func(grad, phi []float64) {
		if !toTheta(phi) {
			for i := range grad {
				grad[i] = math.NaN()
			}
			return
		}
		p.nll(theta, gth)
		for i := range grad {
			grad[i] = gth[i] * theta[i] * scale
		}
	}
	phi0 := make([]float64, n)
	for i, v := range start {
		phi0[i] = math.Log(v)
	}
	settings := &optimize.Settings{
		GradientThreshold: opts.GradTol,
		MajorIterations:   opts.MaxIterations,
		Converger:         optimize.NeverTerminate{},
	}
	res, err := optimize.Minimize(optimize.Problem{Func: f, Grad: g}, phi0, settings, &optimize.BFGS{})
	if res == nil {
		return nil, FitInfo{}, err
	}
	grad := make([]float64, n)
	g(grad, res.X)
	gnorm := infNorm(grad)
	info := FitInfo{
		LogLikelihood: -res.F / scale,
		Iterations:    res.Stats.MajorIterations,
		Evaluations:   res.Stats.FuncEvaluations + res.Stats.GradEvaluations,
		GradNorm:      gnorm,
		Converged:     gnorm <= opts.GradTol*10 && !math.IsNaN(gnorm),
		Customers:     p.customers,
		Rows:          p.rows,
	}
	if !info.Converged {
		if err == nil {
			err = errors.New(res.Status.String())
		}
		return nil, info, fmt.Errorf("status %v, gradient norm %.3g: %v", res.Status, gnorm, err)
	}
	out := make([]float64, n)
	for i, v := range res.X {
		out[i] = math.Exp(v)
	}
	info.StdErr = stdErrors(p, out)
	return out, info, nil
}

// stdErrors returns delta-method standard errors of the natural parameters
// from a central-difference Hessian of the analytic gradient in
// log-parameter space.
func stdErrors(p fitProblem, theta []float64) []float64 {
	n := len(theta)
	se := make([]float64, n)
	phi := make([]float64, n)
	for i, v := range theta {
		phi[i] = math.Log(v)
	}
	gradAt := func(x []float64) []float64 {
		th := make([]float64, n)
		for i, v := range x {
			th[i] = math.Exp(v)
		}
		gth := make([]float64, n)
		p.nll(th, gth)
		for i := range gth {
			gth[i] *= th[i]
		}
		return gth
	}
	h := mat.NewSymDense(n, nil)
	const eps = 1e-5
	cols := make([][]float64, n)
	for j := range n {
		xp := append([]float64(nil), phi...)
		xm := append([]float64(nil), phi...)
		xp[j] += eps
		xm[j] -= eps
		gp, gm := gradAt(xp), gradAt(xm)
		cols[j] = make([]float64, n)
		for i := range n {
			cols[j][i] = (gp[i] - gm[i]) / (2 * eps)
		}
	}
	for i := range n {
		for j := i; j < n; j++ {
			h.SetSym(i, j, (cols[i][j]+cols[j][i])/2)
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(h) {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	var inv mat.SymDense
	if err := chol.InverseTo(&inv); err != nil {
		for i := range se {
			se[i] = math.NaN()
		}
		return se
	}
	for i := range n {
		se[i] = theta[i] * math.Sqrt(inv.At(i, i))
	}
	return se
}

func infNorm(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		if math.IsNaN(x) {
			return math.NaN()
		}
		m = max(m, math.Abs(x))
	}
	return m
}

// parallelSum splits [0, n) into contiguous chunks, one per worker, calls
// term(lo, hi, grad) on each with a zeroed gradient buffer of length dim
// (nil when want is false), and returns the sum of the returned values with
// the gradients summed into grad. The chunking is fixed by n and workers,
// so results are deterministic for a given Workers setting.
func parallelSum(n, workers, dim int, grad []float64, term func(lo, hi int, grad []float64) float64) float64 {
	const minChunk = 2048
	if workers > 1 && n >= 2*minChunk {
		workers = min(workers, n/minChunk)
	} else {
		workers = 1
	}
	if workers == 1 {
		if grad != nil {
			clear(grad)
		}
		return term(0, n, grad)
	}
	sums := make([]float64, workers)
	var grads [][]float64
	if grad != nil {
		grads = make([][]float64, workers)
	}
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := n*w/workers, n*(w+1)/workers
		var gw []float64
		if grad != nil {
			gw = make([]float64, dim)
			grads[w] = gw
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			sums[w] = term(lo, hi, gw)
		}()
	}
	wg.Wait()
	total := 0.0
	if grad != nil {
		clear(grad)
	}
	for w := range workers {
		total += sums[w]
		for i := range grad {
			grad[i] += grads[w][i]
		}
	}
	return total
}
