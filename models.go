package winback

import (
	"fmt"
	"slices"

	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/money"
)

// ModelFit reports how FitModels went.
type ModelFit struct {
	Transactions clv.FitInfo `json:"transactions"`
	Spend        clv.FitInfo `json:"spend"`
	// Customers is the number of customers the transaction model was
	// fitted on; Skipped those left out because their first purchase was
	// at the calibration end (T = 0) or they bought only in the holdout.
	Customers int `json:"customers"`
	Skipped   int `json:"skipped"`
	// RepeatBuyers is the number of customers the spend model was fitted on
	// (X ≥ 1 and a positive mean repeat spend; the Gamma-Gamma model has no
	// room for repeat purchases that are all free).
	RepeatBuyers int `json:"repeat_buyers"`
}

// FitModels fits the models Decide needs from per-customer summaries: the
// BG/NBD transaction model on (X, Tx, T) of every customer with a
// calibration purchase and T > 0, the Gamma-Gamma spend model on the repeat
// buyers' (X, mean repeat spend) where that spend is positive, and the population's typical
// inter-purchase time (the median of the repeat buyers' mean
// inter-purchase times). Time is in the summaries' unit. opts are passed to
// both fits; the zero value is fine. The returned Models has no win-back
// model.
func FitModels(s Summaries, opts clv.FitOptions) (Models, ModelFit, error) {
	unit := s.Options().Unit
	var rows []clv.History
	var spend []clv.SpendHistory
	var intervals []float64
	var fit ModelFit
	for c := range s.All() {
		if c.Purchases == 0 || c.T <= 0 {
			fit.Skipped++
			continue
		}
		rows = append(rows, clv.History{X: c.X, Tx: c.Tx, T: c.T})
		if c.X >= 1 {
			intervals = append(intervals, c.MeanInterPurchase*unit.Days())
		}
		if c.X >= 1 && c.MeanRepeatSpend.Sign() > 0 {
			spend = append(spend, clv.SpendHistory{X: c.X, MeanSpend: money.ToFloat(c.MeanRepeatSpend)})
		}
	}
	if len(spend) == 0 {
		return Models{}, fit, check.New(ErrUndefined, "summaries", "no repeat buyers: the spend model cannot be fitted")
	}
	fit.Customers, fit.RepeatBuyers = len(rows), len(spend)
	tm, ti, err := clv.FitBGNBD(rows, opts)
	fit.Transactions = ti
	if err != nil {
		return Models{}, fit, fmt.Errorf("BG/NBD: %w", err)
	}
	gg, gi, err := clv.FitGammaGamma(spend, opts)
	fit.Spend = gi
	if err != nil {
		return Models{}, fit, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	return Models{Unit: unit, Transactions: tm, Spend: gg, PopulationIntervalDays: median(intervals)}, fit, nil
}

// median of a non-empty slice; it sorts v.
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
