package clv

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// drawBeta draws from Beta(a, b). For very small shapes both gamma draws can
// underflow to zero; the Beta distribution is then essentially a Bernoulli
// with mean a/(a+b), which is what is returned.
func drawBeta(rng *rand.Rand, a, b float64) float64 {
	x := distuv.Gamma{Alpha: a, Beta: 1, Src: rng}.Rand()
	y := distuv.Gamma{Alpha: b, Beta: 1, Src: rng}.Rand()
	if s := x + y; s > 0 && !math.IsInf(s, 0) {
		return x / s
	}
	if rng.Float64() < a/(a+b) {
		return 1
	}
	return 0
}

// drawPoisson draws a Poisson count with the given mean as a float64, so
// that astronomically large means stay representable.
func drawPoisson(rng *rand.Rand, mean float64) float64 {
	switch {
	case mean <= 0:
		return 0
	case mean > 1e15:
		return math.Round(mean + math.Sqrt(mean)*rng.NormFloat64())
	default:
		return distuv.Poisson{Lambda: mean, Src: rng}.Rand()
	}
}

// drawGeometric draws the number of the trial with the first success,
// success probability p (≥ 1; +Inf when p = 0).
func drawGeometric(rng *rand.Rand, p float64) float64 {
	if p >= 1 {
		return 1
	}
	if p <= 0 {
		return math.Inf(1)
	}
	u := 1 - rng.Float64() // (0, 1]
	return 1 + math.Floor(math.Log(u)/math.Log1p(-p))
}

// lastOfUniform draws the maximum of n uniform times on (0, T], > 0.
func lastOfUniform(rng *rand.Rand, n, T float64) float64 {
	u := 1 - rng.Float64()
	return max(T*math.Exp(math.Log(u)/n), math.SmallestNonzeroFloat64)
}
