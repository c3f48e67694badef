package clv

import (
	"math"
	"math/rand/v2"

	"github.com/kundenwert/winback/internal/check"
	"gonum.org/v1/gonum/stat/distuv"
)

func (m BGBB) checked(h DiscreteHistory) error {
	if err := m.validate(); err != nil {
		return err
	}
	return h.validate("h")
}

// ProbAlive returns P(alive at opportunity N+1 | X, Tx, N), the probability
// that the customer has not dropped out before the next opportunity (Fader,
// Hardie & Shang 2010, eq. 11).
func (m BGBB) ProbAlive(h DiscreteHistory) (float64, error) {
	if err := m.checked(h); err != nil {
		return 0, err
	}
	x, n := float64(h.X), float64(h.N)
	l := bgbbLogL(m.Alpha, m.Beta, m.Gamma, m.Delta, h, nil)
	p := math.Exp(lnBetaRatio(m.Alpha, m.Beta, x, n-x) + lnBetaRatio(m.Gamma, m.Delta, 0, n+1) - l)
	return resultFinite(min(p, 1), "BGBB.ProbAlive")
}

// ExpectedPurchases returns E[X(n)], the expected number of transactions of
// a new customer in the n ≥ 0 opportunities after the first transaction
// (Fader, Hardie & Shang 2010, eq. 7):
//
//	α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ)Γ(1+δ+n) / (Γ(γ+δ+n)Γ(1+δ))],
//
// taken to its limit α/(α+β) · δ · [ψ(1+δ+n) − ψ(1+δ)] at γ = 1.
func (m BGBB) ExpectedPurchases(n int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, check.New(ErrInvalidInput, "n", "must be ≥ 0, got %d", n)
	}
	fn := float64(n)
	g, d := m.Gamma, m.Delta
	// ln of Γ(γ+δ)Γ(1+δ+n)/(Γ(γ+δ+n)Γ(1+δ)), zero at γ = 1.
	lr := lnGammaDiff(1+d+fn, g+d+fn) - lnGammaDiff(1+d, g+d)
	f := oneMinusExpOver(lr, g-1, digammaPos(1+d+fn)-digammaPos(1+d))
	return resultFinite(m.Alpha/(m.Alpha+m.Beta)*d*f, "BGBB.ExpectedPurchases")
}

// oneMinusExpOver returns (1 − e^lr)/(γ − 1) for lr → 0 as γ → 1, using the
// limit −d lr/dγ at γ = 1 (given as limit) when |γ − 1| is tiny.
func oneMinusExpOver(lr, gm1, limit float64) float64 {
	if math.Abs(gm1) < 1e-12 {
		return limit
	}
	return -math.Expm1(lr) / gm1
}

// ConditionalExpectedPurchases returns E[X(N, N+nStar) | X, Tx, N], the
// expected number of transactions of a customer with history h in the next
// nStar ≥ 0 opportunities (Fader, Hardie & Shang 2010, eq. 13):
//
//	B(α+x+1, β+n−x)/B(α,β) · δ/(γ−1) · Γ(γ+δ)/Γ(1+δ)
//	  · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)] / L.
func (m BGBB) ConditionalExpectedPurchases(nStar int, h DiscreteHistory) (float64, error) {
	if err := m.checked(h); err != nil {
		return 0, err
	}
	if nStar < 0 {
		return 0, check.New(ErrInvalidInput, "nStar", "must be ≥ 0, got %d", nStar)
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	x, n, ns := float64(h.X), float64(h.N), float64(nStar)
	l := bgbbLogL(a, b, g, d, h, nil)
	// ln[Γ(γ+δ)Γ(1+δ+n)/(Γ(1+δ)Γ(γ+δ+n))]
	lead := lnGammaDiff(g+d, 1+d) + lnGammaDiff(1+d+n, g+d+n)
	lr := lnGammaDiff(1+d+n+ns, g+d+n+ns) - lnGammaDiff(1+d+n, g+d+n)
	f := oneMinusExpOver(lr, g-1, digammaPos(1+d+n+ns)-digammaPos(1+d+n))
	v := math.Exp(lnBetaRatio(a, b, x+1, n-x)+lead-l) * d * f
	return resultFinite(v, "BGBB.ConditionalExpectedPurchases")
}

// ProbPurchases returns P(X(n) = x), the probability that a new customer
// makes exactly x transactions in the n opportunities after the first
// (Fader, Hardie & Shang 2010, eq. 8), for 0 ≤ x ≤ n.
func (m BGBB) ProbPurchases(x, n int) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, check.New(ErrInvalidInput, "n", "must be ≥ 0, got %d", n)
	}
	if x < 0 || x > n {
		return 0, check.New(ErrInvalidInput, "x", "must be in [0, n = %d], got %d", n, x)
	}
	a, b, g, d := m.Alpha, m.Beta, m.Gamma, m.Delta
	fx, fn := float64(x), float64(n)
	// Alive through all n opportunities: C(n,x) B(α+x, β+n−x)/B(α,β) · S(n).
	terms := []float64{lnChoose(fn, fx) + lnBetaRatio(a, b, fx, fn-fx) + lnBetaRatio(g, d, 0, fn)}
	// Dropped out at the start of opportunity i+1, x ≤ i ≤ n−1, after x
	// transactions in the first i.
	for i := x; i < n; i++ {
		fi := float64(i)
		terms = append(terms, lnChoose(fi, fx)+lnBetaRatio(a, b, fx, fi-fx)+lnBetaRatio(g, d, 1, fi))
	}
	return resultFinite(min(math.Exp(logSumExp(terms)), 1), "BGBB.ProbPurchases")
}

// DiscountedResidualTransactions returns DERT, the expected number of
// future transactions of a customer with history h, the one at opportunity
// N+k discounted by (1+d)^−k, d > 0 per period (Fader & Hardie 2015,
// eq. 3.20):
//
//	B(α+x+1, β+n−x)/B(α,β) · B(γ, δ+n+1)/(B(γ,δ)(1+d))
//	  · ₂F₁(1, δ+n+1; γ+δ+n+1; 1/(1+d)) / L.
func (m BGBB) DiscountedResidualTransactions(h DiscreteHistory, d float64) (float64, error) {
	if err := m.checked(h); err != nil {
		return 0, err
	}
	if err := check.Positive(ErrInvalidInput, "d", d); err != nil {
		return 0, err
	}
	a, b, g, dl := m.Alpha, m.Beta, m.Gamma, m.Delta
	x, n := float64(h.X), float64(h.N)
	f, err := hyp2f1One(dl+n+1, g+dl+n+1, d)
	if err != nil {
		return 0, err
	}
	l := bgbbLogL(a, b, g, dl, h, nil)
	v := math.Exp(lnBetaRatio(a, b, x+1, n-x)+lnBetaRatio(g, dl, 0, n+1)-l-math.Log1p(d)) * f
	return resultFinite(v, "BGBB.DiscountedResidualTransactions")
}

// Simulate draws one synthetic customer over n ≥ 1 opportunities: p and θ
// from their beta distributions, then, opportunity by opportunity, dropout
// with probability θ and, while alive, a transaction with probability p.
func (m BGBB) Simulate(r *rand.Rand, n int) (DiscreteHistory, error) {
	if err := m.validate(); err != nil {
		return DiscreteHistory{}, err
	}
	if r == nil {
		return DiscreteHistory{}, check.New(ErrInvalidInput, "r", "no random source")
	}
	if n < 1 {
		return DiscreteHistory{}, check.New(ErrInvalidInput, "n", "must be ≥ 1, got %d", n)
	}
	p := distuv.Beta{Alpha: m.Alpha, Beta: m.Beta, Src: r}.Rand()
	theta := distuv.Beta{Alpha: m.Gamma, Beta: m.Delta, Src: r}.Rand()
	h := DiscreteHistory{N: n}
	for t := 1; t <= n; t++ {
		if r.Float64() < theta {
			break
		}
		if r.Float64() < p {
			h.X++
			h.Tx = t
		}
	}
	return h, nil
}

// lnChoose returns ln C(n, k) for 0 ≤ k ≤ n.
func lnChoose(n, k float64) float64 {
	return lnGammaPos(n+1) - lnGammaPos(k+1) - lnGammaPos(n-k+1)
}

// logSumExp returns ln Σ e^v.
func logSumExp(v []float64) float64 {
	m := math.Inf(-1)
	for _, x := range v {
		m = max(m, x)
	}
	if math.IsInf(m, -1) {
		return m
	}
	s := 0.0
	for _, x := range v {
		s += math.Exp(x - m)
	}
	return m + math.Log(s)
}

// hyp2f1One returns ₂F₁(1, b; c; 1/(1+d)) = Σ_j (b)_j/(c)_j (1+d)^−j for
// c > b > 0 and d > 0 by direct summation. Term ratios are below
// z = 1/(1+d), so the tail after a term is at most term·z/(1−z); it needs
// about ln(1e13)/ln(1+d) terms and gives an error beyond 10⁷.
func hyp2f1One(b, c, d float64) (float64, error) {
	z := 1 / (1 + d)
	tail := z / -math.Expm1(-math.Log1p(d))
	const maxTerms = 10_000_000
	term, sum := 1.0, 1.0
	for j := 0; j < maxTerms; j++ {
		if term*tail <= 1e-13*sum || term == 0 {
			return sum, nil
		}
		fj := float64(j)
		term *= z * (b + fj) / (c + fj)
		sum += term
	}
	return 0, check.New(ErrInvalidInput, "d", "discount rate %v per period is too small for the series (more than %d terms)", d, maxTerms)
}
