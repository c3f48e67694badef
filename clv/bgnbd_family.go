package clv

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// bgFamily implements BG/NBD (modified = false) and MBG/NBD (modified =
// true), which differ only in whether a customer may also drop out right
// after the first purchase, at time 0.
type bgFamily struct {
	modified       bool
	r, alpha, a, b float64
}

func (f bgFamily) name() string {
	if f.modified {
		return "MBGNBD"
	}
	return "BGNBD"
}

func (f bgFamily) validate() error {
	return checkParams(f.name(), []string{"R", "Alpha", "A", "B"}, f.r, f.alpha, f.a, f.b)
}

func (f bgFamily) logLikelihoodOne(h History) (float64, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	if err := checkHistory(h); err != nil {
		return 0, err
	}
	return result(bgLogLikelihoodOne(f.modified, f.r, f.alpha, f.a, f.b, h, nil), "log-likelihood")
}

func (f bgFamily) logLikelihood(rows []Weighted) (float64, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	return weightedLogLikelihood(rows, func(h History) float64 {
		return bgLogLikelihoodOne(f.modified, f.r, f.alpha, f.a, f.b, h, nil)
	})
}

// probAlive is 1/(1 + odds) with the odds of "dropped out at t_x" against
// "alive at T" (Fader, Hardie & Lee 2008 note "Computing P(alive) using the
// BG/NBD model", eq. 2; the MBG/NBD analogue has b+x in place of b+x−1 and
// applies at x = 0 too).
func (f bgFamily) probAlive(h History) float64 {
	var lodds float64
	if f.modified {
		lodds = math.Log(f.a) - math.Log(f.b+h.X)
	} else {
		if h.X == 0 {
			return 1
		}
		lodds = math.Log(f.a) - math.Log(f.b+h.X-1)
	}
	lodds += (f.r + h.X) * math.Log1p((h.T-h.Tx)/(f.alpha+h.Tx))
	if lodds > 0 {
		e := math.Exp(-lodds)
		return e / (1 + e)
	}
	return 1 / (1 + math.Exp(lodds))
}

func (f bgFamily) checked(h History) error {
	if err := f.validate(); err != nil {
		return err
	}
	return checkHistory(h)
}

func (f bgFamily) expectedPurchases(t float64) (float64, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	theta := t / f.alpha
	if f.modified {
		// E = b/(a+b) · Q(a, b+1): alive after the first purchase with
		// probability b/(a+b), and then p ~ Beta(a, b+1).
		q, ok := hyp2f1Mean(f.a, f.b+1, f.r, theta)
		if !ok {
			return 0, errNumeric("expected purchases")
		}
		return result(f.b/(f.a+f.b)*q, "expected purchases")
	}
	q, ok := hyp2f1Mean(f.a, f.b, f.r, theta)
	if !ok {
		return 0, errNumeric("expected purchases")
	}
	return result(q, "expected purchases")
}

// conditionalExpected is P(alive) times the expected purchases of an alive
// customer whose posterior is λ ~ Gamma(r+x, α+T) and p ~ Beta(a, b+x)
// (BG/NBD) or Beta(a, b+x+1) (MBG/NBD); this equals Fader, Hardie & Lee
// (2005) eq. 10 and Batislam et al. (2007) eq. 9.
func (f bgFamily) conditionalExpected(t float64, h History) (float64, error) {
	if err := f.checked(h); err != nil {
		return 0, err
	}
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	pa := f.probAlive(h)
	b := f.b + h.X
	if f.modified {
		b++
	}
	q, ok := hyp2f1Mean(f.a, b, f.r+h.X, t/(f.alpha+h.T))
	if !ok {
		return 0, errNumeric("conditional expected purchases")
	}
	return result(pa*q, "conditional expected purchases")
}

// probPurchases is P(X(t) = n) for a new customer (Fader, Hardie & Lee
// 2005, eq. 8; Batislam et al. 2007, eq. 7), with the sum of NBD
// probabilities written as a regularized incomplete beta function.
func (f bgFamily) probPurchases(n int, t float64) (float64, error) {
	if err := f.validate(); err != nil {
		return 0, err
	}
	if err := checkHorizon(t); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, &InputError{Field: "n", Reason: "must be ≥ 0", Sentinel: ErrInvalidInput}
	}
	x := float64(n)
	if t == 0 {
		if n == 0 {
			return 1, nil
		}
		return 0, nil
	}
	lpr, _ := lnPoch(f.r, x)
	lz := math.Log(t) - math.Log(f.alpha+t) // ln z, z = t/(α+t)
	lnNB := lpr - spLgamma(x+1) - f.r*math.Log1p(t/f.alpha) + x*lz
	if n == 0 {
		lnNB = -f.r * math.Log1p(t/f.alpha)
	}
	lnBab := spLnBeta(f.a, f.b)
	z := t / (f.alpha + t)
	var p float64
	if f.modified {
		p = math.Exp(spLnBeta(f.a, f.b+x+1) - lnBab + lnNB)
		tail := 1.0
		if n > 0 {
			tail = mathext.RegIncBeta(x, f.r, z)
		}
		p += math.Exp(spLnBeta(f.a+1, f.b+x)-lnBab) * tail
	} else {
		p = math.Exp(spLnBeta(f.a, f.b+x) - lnBab + lnNB)
		if n > 0 {
			p += math.Exp(spLnBeta(f.a+1, f.b+x-1)-lnBab) * mathext.RegIncBeta(x, f.r, z)
		}
	}
	return result(min(max(p, 0), 1), "probability")
}

// simulate draws one customer per age: λ ~ Gamma(r, α), p ~ Beta(a, b);
// purchases form a Poisson process with rate λ, and after each purchase
// (for MBG/NBD also after the first, at time 0) the customer drops out with
// probability p. The drop-out purchase K ~ Geometric(p) and the number of
// purchases N ~ Poisson(λT) are drawn directly, so the cost does not grow
// with the number of purchases.
func (f bgFamily) simulate(rng *rand.Rand, ages []float64) ([]History, error) {
	if err := f.validate(); err != nil {
		return nil, err
	}
	if err := checkAges(ages); err != nil {
		return nil, err
	}
	out := make([]History, len(ages))
	lam := distuv.Gamma{Alpha: f.r, Beta: f.alpha, Src: rng}
	for i, T := range ages {
		lambda := lam.Rand()
		p := drawBeta(rng, f.a, f.b)
		if f.modified && rng.Float64() < p {
			out[i] = History{T: T}
			continue
		}
		out[i] = simulateDropout(rng, lambda, p, T)
	}
	return out, nil
}

// simulateDropout draws a history of a customer alive at 0 with purchase
// rate λ who drops out after each purchase with probability p.
func simulateDropout(rng *rand.Rand, lambda, p, T float64) History {
	n := drawPoisson(rng, lambda*T) // purchases had the customer never dropped out
	if n == 0 {
		return History{T: T}
	}
	k := drawGeometric(rng, p) // purchase after which the customer drops out
	if k >= n {
		// all n purchases happen; the last of n uniform times
		return History{X: n, Tx: lastOfUniform(rng, n, T), T: T}
	}
	// drop out after purchase k < n: the k-th of n uniform order statistics
	u := drawBeta(rng, k, n-k+1)
	return History{X: k, Tx: max(u*T, math.SmallestNonzeroFloat64), T: T}
}

func errNumeric(what string) error {
	return &numericError{what: what}
}

type numericError struct{ what string }

func (e *numericError) Error() string {
	return "clv: undefined for these parameters: " + e.what + ": numerical evaluation did not converge"
}

func (e *numericError) Unwrap() error { return ErrUndefined }
