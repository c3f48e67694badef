package clv

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// ParetoNBD is the Pareto/NBD model of Schmittlein, Morrison & Colombo
// (1987), "Counting your customers: who are they and what will they do
// next?", Management Science 33(1), in the notation of Fader & Hardie
// (2005), "A note on deriving the Pareto/NBD model and related expressions".
//
// While alive, a customer purchases as a Poisson process with rate λ; the
// customer's unobserved lifetime is exponential with rate μ. Across
// customers λ ~ Gamma(R, Alpha) and μ ~ Gamma(S, Beta), independently. Time
// is in the caller's unit.
//
// The zero value is not a valid model; Validate reports why.
type ParetoNBD struct {
	R     float64 `json:"r"`     // shape of the Gamma distribution of purchase rates; R > 0
	Alpha float64 `json:"alpha"` // rate of that Gamma distribution, in 1/time unit; Alpha > 0
	S     float64 `json:"s"`     // shape of the Gamma distribution of dropout rates; S > 0
	Beta  float64 `json:"beta"`  // rate of that Gamma distribution, in 1/time unit (mean lifetime Beta/(S-1) for S > 1); Beta > 0
}

var _ TransactionModel = ParetoNBD{}

// NumParameters returns 4.
func (ParetoNBD) NumParameters() int { return 4 }

// Validate reports an *InputError naming the first parameter that is not a
// finite positive number.
func (m ParetoNBD) Validate() error {
	return checkParams("ParetoNBD", []string{"R", "Alpha", "S", "Beta"}, m.R, m.Alpha, m.S, m.Beta)
}

func (m ParetoNBD) checked(h History) error {
	if err := m.Validate(); err != nil {
		return err
	}
	return checkHistory(h)
}

// pnbdParts is one customer's likelihood split into its pieces, in logs:
// L = exp(base) · (e^{l1} + e^{l2} − e^{l3}), with l1 = ln of "alive at T",
// l2 − l3 = ln s + ln(F(t_x) − F(T)) the "died in (t_x, T]" part.
type pnbdParts struct {
	base, l1, l2, l3 float64
	g1, g2, g3       [4]float64 // gradients of l1, l2, l3
}

func pnbdLogBase(r, alpha, s, beta, x float64) (float64, [4]float64) {
	lp, dlp := lnPoch(r, x)
	return lp + r*math.Log(alpha) + s*math.Log(beta),
		[4]float64{dlp + math.Log(alpha), r / alpha, math.Log(beta), s / beta}
}

// pnbdAlive is ln[(α+T)^-(r+x) (β+T)^-s] and its gradient.
func pnbdAlive(r, alpha, s, beta, x, T float64) (float64, [4]float64) {
	la, lb := math.Log(alpha+T), math.Log(beta+T)
	p := r + x
	return -p*la - s*lb, [4]float64{-la, -p / (alpha + T), -lb, -s / (beta + T)}
}

// pnbdCombine returns ln(e^{l1} + e^{l2} − e^{l3}) and the weights of the
// three gradients. l2 ≥ l3 and l1 > l3 hold mathematically; ok is false
// when rounding leaves no positive sum.
func pnbdCombine(l1, l2, l3 float64) (lse, w1, w2, w3 float64, ok bool) {
	m := max(l1, l2)
	e1, e2, e3 := math.Exp(l1-m), math.Exp(l2-m), math.Exp(l3-m)
	sum := e1 + e2 - e3
	if !(sum > 0) {
		return 0, 0, 0, 0, false
	}
	return m + math.Log(sum), e1 / sum, e2 / sum, -e3 / sum, true
}

func (m ParetoNBD) parts(h History) (pnbdParts, bool) {
	var p pnbdParts
	r, a, s, b := m.R, m.Alpha, m.S, m.Beta
	p.base, _ = pnbdLogBase(r, a, s, b, h.X)
	p.l1, p.g1 = pnbdAlive(r, a, s, b, h.X, h.T)
	ftx, ok1 := pnbdTailAt(r, a, s, b, h.X, h.Tx)
	fT, ok2 := pnbdTailAt(r, a, s, b, h.X, h.T)
	if !ok1 || !ok2 {
		return p, false
	}
	ls := math.Log(s)
	p.l2, p.l3 = ls+ftx.lnF, ls+fT.lnF
	p.g2, p.g3 = ftx.grad, fT.grad
	p.g2[2] += 1 / s
	p.g3[2] += 1 / s
	return p, true
}

func (m ParetoNBD) logLikelihoodOne(h History) (float64, bool) {
	p, ok := m.parts(h)
	if !ok {
		return 0, false
	}
	lse, _, _, _, ok := pnbdCombine(p.l1, p.l2, p.l3)
	return p.base + lse, ok
}

// LogLikelihoodOne returns the log-likelihood of one customer's history
// (Fader & Hardie 2005 note, eq. 22 with the Gaussian hypergeometric
// function evaluated as described at pnbdTailAt).
func (m ParetoNBD) LogLikelihoodOne(h History) (float64, error) {
	if err := m.checked(h); err != nil {
		return 0, err
	}
	ll, ok := m.logLikelihoodOne(h)
	if !ok {
		return 0, errNumeric("Pareto/NBD log-likelihood")
	}
	return result(ll, "log-likelihood")
}

// LogLikelihood returns the total log-likelihood of grouped rows.
func (m ParetoNBD) LogLikelihood(rows []Weighted) (float64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	failed := false
	ll, err := weightedLogLikelihood(rows, func(h History) float64 {
		v, ok := m.logLikelihoodOne(h)
		failed = failed || !ok
		return v
	})
	if err == nil && failed {
		return 0, errNumeric("Pareto/NBD log-likelihood")
	}
	return ll, err
}

// ProbAlive returns P(alive | X, Tx, T) (Schmittlein, Morrison & Colombo
// 1987, eq. 11; Fader & Hardie 2005 note, eq. 24): the "alive at T" part of
// the likelihood over the whole.
func (m ParetoNBD) ProbAlive(h History) (float64, error) {
	if err := m.checked(h); err != nil {
		return 0, err
	}
	if h.Tx == h.T {
		return 1, nil
	}
	p, ok := m.parts(h)
	if !ok {
		return 0, errNumeric("Pareto/NBD P(alive)")
	}
	_, w1, _, _, ok := pnbdCombine(p.l1, p.l2, p.l3)
	if !ok {
		return 0, errNumeric("Pareto/NBD P(alive)")
	}
	return result(min(w1, 1), "P(alive)")
}

// residualFactor returns [1 − (b/(b+t))^(s−1)]/(s−1), continuous at s = 1
// where it is ln((b+t)/b).
func residualFactor(s, b, t float64) float64 {
	l := math.Log1p(t / b)
	u := (s - 1) * l
	if u >= 0 {
		return l * spExpm1Rel(u)
	}
	// s < 1: [ (1+t/b)^(1-s) − 1 ] / (1−s)
	return math.Expm1(-u) / (1 - s)
}

// ExpectedPurchases returns E[X(t)] = rβ/(α(s−1)) [1 − (β/(β+t))^(s−1)]
// (Schmittlein, Morrison & Colombo 1987, eq. 17), continuous at s = 1.
func (m ParetoNBD) ExpectedPurchases(t float64) (float64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	return result(m.R*m.Beta/m.Alpha*residualFactor(m.S, m.Beta, t), "expected purchases")
}

// ConditionalExpectedPurchases returns E[Y(t) | X, Tx, T] = P(alive) ·
// (r+x)(β+T)/((α+T)(s−1)) [1 − ((β+T)/(β+T+t))^(s−1)] (Schmittlein,
// Morrison & Colombo 1987, eq. 22).
func (m ParetoNBD) ConditionalExpectedPurchases(t float64, h History) (float64, error) {
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	pa, err := m.ProbAlive(h)
	if err != nil {
		return 0, err
	}
	bt := m.Beta + h.T
	return result(pa*(m.R+h.X)*bt/(m.Alpha+h.T)*residualFactor(m.S, bt, t), "conditional expected purchases")
}

// ProbPurchases returns P(X(t) = n) for a new customer (Fader & Hardie
// 2006, "Deriving an expression for P(X(t) = x) under the Pareto/NBD
// model"). Instead of that note's alternating sum of hypergeometric
// functions it integrates over the lifetime τ ~ Pareto(S, Beta):
//
//	P(X(t)=n) = NBD(n; r, α, t) (β/(β+t))^s + ∫_0^t NBD(n; r, α, τ) sβ^s/(β+τ)^(s+1) dτ,
//
// with an adaptive Gauss–Kronrod rule (no cancellation, all terms positive).
func (m ParetoNBD) ProbPurchases(n int, t float64) (float64, error) {
	if err := m.Validate(); err != nil {
		return 0, err
	}
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, &InputError{Field: "n", Reason: "must be ≥ 0", Sentinel: ErrInvalidInput}
	}
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	r, al, s, be, x := m.R, m.Alpha, m.S, m.Beta, float64(n)
	lpr, _ := lnPoch(r, x)
	lnNB := func(y float64) float64 {
		if y == 0 {
			if n == 0 {
				return 0
			}
			return math.Inf(-1)
		}
		v := lpr - spLgamma(x+1) - r*math.Log1p(y/al)
		if n > 0 {
			v += x * (math.Log(y) - math.Log(al+y))
		}
		return v
	}
	surv := lnNB(t) - s*math.Log1p(t/be)
	// integrand in u = ln(c+τ), c = min(α, β, t), τ ∈ [0, t]
	c := min(al, be, t)
	logf := func(u float64) float64 {
		e := math.Exp(u)
		tau := max(e-c, 0)
		return u + lnNB(tau) + math.Log(s) + s*math.Log(be) - (s+1)*math.Log(be+tau)
	}
	lo, hi := math.Log(c), math.Log(c+t)
	// locate the peak on a grid; breakpoints around it
	const grid = 64
	ref, at := math.Inf(-1), lo
	for i := range grid + 1 {
		u := lo + (hi-lo)*float64(i)/grid
		if v := logf(u); v > ref {
			ref, at = v, u
		}
	}
	var brk [16]float64
	breaks := quadPeakBreaks(brk[:0], lo, hi, at, (hi-lo)/grid)
	var integral float64
	if !math.IsInf(ref, -1) {
		sum, ok := quadIntegrate(func(u float64, out *[quadDim]float64) {
			out[0] = math.Exp(logf(u) - ref)
		}, breaks, 1, 1e-11)
		if !ok {
			return 0, errNumeric("Pareto/NBD P(X(t)=n)")
		}
		integral = sum[0] * math.Exp(ref)
	}
	p := math.Exp(surv) + integral
	return result(min(max(p, 0), 1), "probability")
}

// Simulate draws one synthetic customer per entry of ages: λ ~ Gamma(R,
// Alpha), μ ~ Gamma(S, Beta), lifetime τ ~ Exponential(μ), purchases a
// Poisson process with rate λ on (0, min(τ, T)].
func (m ParetoNBD) Simulate(rng *rand.Rand, ages []float64) ([]History, error) {
	if err := m.Validate(); err != nil {
		return nil, err
	}
	if err := checkAges(ages); err != nil {
		return nil, err
	}
	out := make([]History, len(ages))
	lam := distuv.Gamma{Alpha: m.R, Beta: m.Alpha, Src: rng}
	mu := distuv.Gamma{Alpha: m.S, Beta: m.Beta, Src: rng}
	for i, T := range ages {
		lambda, rate := lam.Rand(), mu.Rand()
		life := T
		if rate > 0 {
			life = min(rng.ExpFloat64()/rate, T)
		}
		n := drawPoisson(rng, lambda*life)
		if n == 0 {
			out[i] = History{T: T}
			continue
		}
		out[i] = History{X: n, Tx: lastOfUniform(rng, n, life), T: T}
	}
	return out, nil
}
