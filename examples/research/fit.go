package main

import (
	"fmt"
	"math"

	"github.com/kundenwert/winback/clv"
)

// param is one estimated parameter beside its published value.
type param struct {
	name   string
	est    float64
	stdErr float64 // NaN when not available
	pub    float64 // NaN when not published
	places int     // decimals of the published value
}

// fitRow is one model fitted to one data set: a block of the estimates
// table and a line of the log-likelihood table.
type fitRow struct {
	model, data string
	params      []param
	info        clv.FitInfo
	pubLL       float64 // NaN when not published
	pubLLPlaces int
	llAtPub     float64 // log-likelihood at the published parameters; NaN without them
	ref         int     // reference key, 0 for none
}

// newFitRow assembles a fitRow. pub may be nil (nothing published); llAt
// evaluates the log-likelihood of the same data at a parameter vector.
func newFitRow(model, data string, names []string, est []float64, info clv.FitInfo, pub *publication, ref int, llAt func([]float64) (float64, error)) (fitRow, error) {
	r := fitRow{model: model, data: data, info: info, pubLL: math.NaN(), llAtPub: math.NaN(), ref: ref}
	for i, n := range names {
		p := param{name: n, est: est[i], stdErr: math.NaN(), pub: math.NaN()}
		if i < len(info.StdErr) {
			p.stdErr = info.StdErr[i]
		}
		if pub != nil {
			p.pub, p.places = pub.params[i], pub.places
		}
		r.params = append(r.params, p)
	}
	if pub != nil {
		r.pubLL, r.pubLLPlaces, r.ref = pub.ll, pub.llPlaces, pub.ref
		ll, err := llAt(pub.params)
		if err != nil {
			return fitRow{}, fmt.Errorf("%s: log-likelihood at the published parameters: %w", model, err)
		}
		r.llAtPub = ll
	}
	return r, nil
}

// countModel is a continuous-time transaction model that also gives the
// distribution of the number of repeat purchases of a new customer; all
// three clv transaction models have it.
type countModel interface {
	clv.TransactionModel
	ProbPurchases(n int, t float64) (float64, error)
}

// transFit is a fitted transaction model.
type transFit struct {
	name string
	m    countModel
	row  fitRow
}

// fitTransactionModels fits BG/NBD, Pareto/NBD and MBG/NBD to the grouped
// histories. With published set, the rows carry the published CDNOW sample
// values.
func fitTransactionModels(g []clv.Weighted, data string, published bool) ([]transFit, error) {
	var opts clv.FitOptions
	pick := func(p publication) *publication {
		if published {
			return &p
		}
		return nil
	}
	var out []transFit

	bg, info, err := clv.FitBGNBDWeighted(g, opts)
	if err != nil {
		return nil, fmt.Errorf("BG/NBD on %s: %w", data, err)
	}
	row, err := newFitRow("BG/NBD", data, []string{"r", "alpha", "a", "b"}, []float64{bg.R, bg.Alpha, bg.A, bg.B}, info,
		pick(pubBGNBD()), 0, func(p []float64) (float64, error) {
			return clv.BGNBD{R: p[0], Alpha: p[1], A: p[2], B: p[3]}.LogLikelihood(g)
		})
	if err != nil {
		return nil, err
	}
	out = append(out, transFit{"BG/NBD", bg, row})

	pn, info, err := clv.FitParetoNBDWeighted(g, opts)
	if err != nil {
		return nil, fmt.Errorf("Pareto/NBD on %s: %w", data, err)
	}
	row, err = newFitRow("Pareto/NBD", data, []string{"r", "alpha", "s", "beta"}, []float64{pn.R, pn.Alpha, pn.S, pn.Beta}, info,
		pick(pubParetoNBD()), 0, func(p []float64) (float64, error) {
			return clv.ParetoNBD{R: p[0], Alpha: p[1], S: p[2], Beta: p[3]}.LogLikelihood(g)
		})
	if err != nil {
		return nil, err
	}
	out = append(out, transFit{"Pareto/NBD", pn, row})

	mb, info, err := clv.FitMBGNBDWeighted(g, opts)
	if err != nil {
		return nil, fmt.Errorf("MBG/NBD on %s: %w", data, err)
	}
	ref := 0
	if published {
		ref = refBDF2007
	}
	row, err = newFitRow("MBG/NBD", data, []string{"r", "alpha", "a", "b"}, []float64{mb.R, mb.Alpha, mb.A, mb.B}, info, nil, ref, nil)
	if err != nil {
		return nil, err
	}
	out = append(out, transFit{"MBG/NBD", mb, row})
	return out, nil
}

// fitSpend fits the Gamma-Gamma model to the repeat buyers' spend.
func fitSpend(rows []clv.SpendHistory, data string, published bool) (clv.GammaGamma, fitRow, error) {
	gg, info, err := clv.FitGammaGamma(rows, clv.FitOptions{})
	if err != nil {
		return clv.GammaGamma{}, fitRow{}, fmt.Errorf("Gamma-Gamma on %s: %w", data, err)
	}
	var pub *publication
	if published {
		p := pubGammaGamma()
		pub = &p
	}
	grouped, err := clv.GroupSpend(rows)
	if err != nil {
		return clv.GammaGamma{}, fitRow{}, err
	}
	row, err := newFitRow("Gamma-Gamma", data, []string{"p", "q", "gamma"}, []float64{gg.P, gg.Q, gg.V}, info, pub, 0,
		func(p []float64) (float64, error) {
			return clv.GammaGamma{P: p[0], Q: p[1], V: p[2]}.LogLikelihood(grouped)
		})
	return gg, row, err
}

// fitDonations fits BG/BB to the donations data.
func fitDonations(rows []clv.DiscreteWeighted) (clv.BGBB, fitRow, error) {
	m, info, err := clv.FitBGBB(rows, clv.FitOptions{})
	if err != nil {
		return clv.BGBB{}, fitRow{}, fmt.Errorf("BG/BB on donations: %w", err)
	}
	pub := pubBGBB()
	grouped, err := clv.GroupDiscrete(rows)
	if err != nil {
		return clv.BGBB{}, fitRow{}, err
	}
	row, err := newFitRow("BG/BB", "donations", []string{"alpha", "beta", "gamma", "delta"},
		[]float64{m.Alpha, m.Beta, m.Gamma, m.Delta}, info, &pub, 0, func(p []float64) (float64, error) {
			return clv.BGBB{Alpha: p[0], Beta: p[1], Gamma: p[2], Delta: p[3]}.LogLikelihood(grouped)
		})
	return m, row, err
}

// fitSurvivors fits the shifted-beta-geometric model to both cohorts of
// Fader & Hardie (2007).
func fitSurvivors() ([]fitRow, error) {
	var out []fitRow
	for _, c := range sbgCohorts() {
		m, info, err := clv.FitShiftedBetaGeometric(c.survivors, clv.FitOptions{})
		if err != nil {
			return nil, fmt.Errorf("sBG on %s: %w", c.name, err)
		}
		row, err := newFitRow("sBG", c.name+" (F&H 2007)", []string{"alpha", "beta"}, []float64{m.Alpha, m.Beta}, info, &c.pub, 0,
			func(p []float64) (float64, error) {
				return clv.ShiftedBetaGeometric{Alpha: p[0], Beta: p[1]}.LogLikelihood(c.survivors)
			})
		if err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, nil
}
