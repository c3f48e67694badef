package clv

import (
	"math"
)

// bgbbLogL returns ln L(α, β, γ, δ | x, t_x, n) (Fader, Hardie & Shang 2010,
// eq. 5):
//
//	L = B(α+x, β+n−x)/B(α,β) · B(γ, δ+n)/B(γ,δ)
//	  + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α,β) · B(γ+1, δ+t_x+i)/B(γ,δ),
//
// the first term for a customer still alive at opportunity n, the others
// for one who dropped out at the start of opportunity t_x+i+1. The sum is
// taken in log space. When grad is non-nil it receives ∂ ln L/∂(α, β, γ, δ).
func bgbbLogL(a, b, g, d float64, h DiscreteHistory, grad *[4]float64) float64 {
	x, tx, n := float64(h.X), float64(h.Tx), float64(h.N)
	lA := lnBetaRatio(a, b, x, n-x) + lnBetaRatio(g, d, 0, n)
	if h.Tx == h.N && grad == nil {
		return lA
	}
	var pAB, pA, pB, pAX, pGD, pD float64
	var gA [4]float64
	if grad != nil {
		pAB, pA, pB, pAX = digammaPos(a+b), digammaPos(a), digammaPos(b), digammaPos(a+x)
		pGD, pD = digammaPos(g+d), digammaPos(d)
		pABN := digammaPos(a + b + n)
		pGDN := digammaPos(g + d + n)
		gA = [4]float64{
			pAX - pA - pABN + pAB,
			digammaPos(b+n-x) - pB - pABN + pAB,
			pGD - pGDN,
			digammaPos(d+n) - pD - pGDN + pGD,
		}
	}
	// Online log-sum-exp over the terms with their gradients.
	m := lA
	s := 1.0
	gs := gA
	k := h.N - h.Tx
	if k > 0 {
		// i-dependent arguments at i = 0
		bi := b + tx - x      // β + t_x − x + i
		abi := a + b + tx     // α + β + t_x + i
		di := d + tx          // δ + t_x + i
		gdi := g + d + 1 + tx // γ + δ + 1 + t_x + i
		l := lnBetaRatio(a, b, x, tx-x) + lnBetaRatio(g, d, 1, tx)
		var pBi, pABi, pDi, pGDi float64
		if grad != nil {
			pBi, pABi, pDi, pGDi = digammaPos(bi), digammaPos(abi), digammaPos(di), digammaPos(gdi)
		}
		for i := 0; i < k; i++ {
			if i > 0 {
				l += math.Log(bi/abi) + math.Log(di/gdi)
				if grad != nil {
					pBi += 1 / bi
					pABi += 1 / abi
					pDi += 1 / di
					pGDi += 1 / gdi
				}
				bi++
				abi++
				di++
				gdi++
			}
			var w float64
			if l > m {
				scale := math.Exp(m - l)
				s *= scale
				for j := range gs {
					gs[j] *= scale
				}
				m = l
				w = 1
			} else {
				w = math.Exp(l - m)
			}
			s += w
			if grad != nil {
				gs[0] += w * (pAX - pA - pABi + pAB)
				gs[1] += w * (pBi - pB - pABi + pAB)
				gs[2] += w * (1/g - pGDi + pGD)
				gs[3] += w * (pDi - pD - pGDi + pGD)
			}
		}
	}
	if grad != nil {
		for j := range gs {
			grad[j] = gs[j] / s
		}
	}
	return m + math.Log(s)
}

// bgbbNegLL returns −Σ Count·ln L over rows and, when grad is non-nil, adds
// its gradient into grad.
func bgbbNegLL(a, b, g, d float64, rows []DiscreteWeighted, grad []float64) float64 {
	nll := 0.0
	var gr [4]float64
	for _, r := range rows {
		if grad == nil {
			nll -= r.Count * bgbbLogL(a, b, g, d, r.DiscreteHistory, nil)
			continue
		}
		nll -= r.Count * bgbbLogL(a, b, g, d, r.DiscreteHistory, &gr)
		for j := range gr {
			grad[j] -= r.Count * gr[j]
		}
	}
	return nll
}

// LogLikelihood returns the total log-likelihood of grouped discrete
// histories, Σ Count·ln L(α, β, γ, δ | x, t_x, n).
func (m BGBB) LogLikelihood(rows []DiscreteWeighted) (float64, error) {
	if err := m.validate(); err != nil {
		return 0, err
	}
	if err := validateDiscrete(rows); err != nil {
		return 0, err
	}
	return resultFinite(-bgbbNegLL(m.Alpha, m.Beta, m.Gamma, m.Delta, rows, nil), "BGBB.LogLikelihood")
}
