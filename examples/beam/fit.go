package main

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
)

// Fitting runs on one worker, but on grouped rows: every customer's
// summaries become keys, and identical keys are counted by the runner
// (SumPerKey) before the fit sees them. The keys are
//
//	"h X Tx T"    a transaction-model row (BG/NBD), one per customer with a
//	              calibration purchase and T > 0
//	"s X m"       a spend-model row (Gamma-Gamma), X ≥ 1, m the mean repeat
//	              spend as float64
//	"i d"         a repeat buyer's mean inter-purchase time in days
//	"skip"        a customer left out (no calibration purchase, or T = 0)
//
// with numbers in Go's shortest exact form ('g', -1), so grouping loses
// nothing. This is the selection winback.FitModels makes from whole
// summaries; the test checks that the two give the same models.

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// rowKeys returns the keys of one customer's summary.
func rowKeys(s winback.Summary, unit winback.TimeUnit) []string {
	if s.Purchases == 0 || s.T <= 0 {
		return []string{"skip"}
	}
	keys := []string{"h " + fmtFloat(s.X) + " " + fmtFloat(s.Tx) + " " + fmtFloat(s.T)}
	if s.X >= 1 {
		m, _ := s.MeanRepeatSpend.Float64()
		keys = append(keys, "s "+fmtFloat(s.X)+" "+fmtFloat(m), "i "+fmtFloat(s.MeanInterPurchase*unit.Days()))
	}
	return keys
}

// rowsFn emits the keys of every customer's summaries, each with count 1.
type rowsFn struct {
	Cfg Config `json:"cfg"`
}

func (f *rowsFn) ProcessElement(id string, h history, emit func(string, int)) {
	s := h.sum
	sm, ok := s.Get(id)
	if !ok {
		return // only orders after the calibration (or holdout) end: not in the summaries
	}
	for _, k := range rowKeys(sm, s.Options().Unit) {
		emit(k, 1)
	}
}

// grouped is the fitting data collected from the counted keys.
type grouped struct {
	rows      []clv.Weighted
	spend     []spendCount
	intervals []valueCount
	skipped   int
}

type spendCount struct {
	clv.SpendHistory
	n int
}

type valueCount struct {
	v float64
	n int
}

func parseFloats(s string, n int) ([]float64, error) {
	f := strings.Fields(s)
	if len(f) != n {
		return nil, fmt.Errorf("fitting key %q: want %d numbers", s, n)
	}
	out := make([]float64, n)
	for i, x := range f {
		v, err := strconv.ParseFloat(x, 64)
		if err != nil {
			return nil, fmt.Errorf("fitting key %q: %w", s, err)
		}
		out[i] = v
	}
	return out, nil
}

// add records one counted key.
func (g *grouped) add(key string, n int) error {
	kind, rest, _ := strings.Cut(key, " ")
	switch kind {
	case "skip":
		g.skipped += n
		return nil
	case "h":
		v, err := parseFloats(rest, 3)
		if err != nil {
			return err
		}
		g.rows = append(g.rows, clv.Weighted{History: clv.History{X: v[0], Tx: v[1], T: v[2]}, Count: float64(n)})
	case "s":
		v, err := parseFloats(rest, 2)
		if err != nil {
			return err
		}
		g.spend = append(g.spend, spendCount{clv.SpendHistory{X: v[0], MeanSpend: v[1]}, n})
	case "i":
		v, err := parseFloats(rest, 1)
		if err != nil {
			return err
		}
		g.intervals = append(g.intervals, valueCount{v[0], n})
	default:
		return fmt.Errorf("fitting key %q: unknown kind", key)
	}
	return nil
}

// fitted is what the fit produces: the models Decide reads, how the fit
// went, and how small the grouped data were.
type fitted struct {
	Models winback.Models
	Fit    winback.ModelFit
	// Rows and SpendRows are the distinct rows the two models were fitted
	// on.
	Rows, SpendRows int
}

// fit fits the models on grouped data, making the choices of
// winback.FitModels: BG/NBD on the rows, Gamma-Gamma on the repeat buyers,
// the population interval as the median of the repeat buyers' mean
// inter-purchase times.
func (g grouped) fit(unit winback.TimeUnit, opts clv.FitOptions) (fitted, error) {
	var out fitted
	out.Fit.Skipped = g.skipped
	nSpend := 0
	for _, s := range g.spend {
		nSpend += s.n
	}
	if nSpend == 0 {
		return out, errors.New("no repeat buyers: the spend model cannot be fitted")
	}
	for _, r := range g.rows {
		out.Fit.Customers += int(r.Count)
	}
	out.Fit.RepeatBuyers = nSpend
	slices.SortFunc(g.rows, func(a, b clv.Weighted) int {
		return cmp.Or(cmp.Compare(a.X, b.X), cmp.Compare(a.Tx, b.Tx), cmp.Compare(a.T, b.T))
	})
	out.Rows, out.SpendRows = len(g.rows), len(g.spend)
	tm, ti, err := clv.FitBGNBDWeighted(g.rows, opts)
	out.Fit.Transactions = ti
	if err != nil {
		return out, fmt.Errorf("BG/NBD: %w", err)
	}
	// Gamma-Gamma has no grouped entry point; it groups identical rows
	// itself, so the expansion costs memory per repeat buyer (16 bytes),
	// not likelihood evaluations.
	spend := make([]clv.SpendHistory, 0, nSpend)
	for _, s := range g.spend {
		for range s.n {
			spend = append(spend, s.SpendHistory)
		}
	}
	gg, gi, err := clv.FitGammaGamma(spend, opts)
	out.Fit.Spend = gi
	if err != nil {
		return out, fmt.Errorf("Gamma-Gamma: %w", err)
	}
	out.Models = winback.Models{Unit: unit, Transactions: tm, Spend: gg, PopulationIntervalDays: weightedMedian(g.intervals)}
	return out, nil
}

// weightedMedian is the median of the values, each repeated n times, as
// winback.FitModels takes it: the middle value, or the mean of the two
// middle values of an even count. It sorts v.
func weightedMedian(v []valueCount) float64 {
	slices.SortFunc(v, func(a, b valueCount) int { return cmp.Compare(a.v, b.v) })
	total := 0
	for _, x := range v {
		total += x.n
	}
	at := func(k int) float64 { // the k-th value (from 0) of the expanded list
		for _, x := range v {
			if k < x.n {
				return x.v
			}
			k -= x.n
		}
		return math.NaN()
	}
	if total%2 == 1 {
		return at(total / 2)
	}
	return (at(total/2-1) + at(total/2)) / 2
}

// fitFn runs once (on an impulse) with all counted keys as a side input and
// emits the models as JSON for the deciding workers, and the report of the
// fit (models.json).
type fitFn struct {
	Cfg Config `json:"cfg"`
}

func (f *fitFn) ProcessElement(_ []byte, keys func(*string, *int) bool, emitModels func(string), emitReport func(string)) error {
	st, err := f.Cfg.resolve()
	if err != nil {
		return err
	}
	var g grouped
	var k string
	var n int
	for keys(&k, &n) {
		if err := g.add(k, n); err != nil {
			return err
		}
	}
	fd, err := g.fit(st.opts.Unit, st.fit)
	if err != nil {
		return fmt.Errorf("fitting the models: %w", err)
	}
	m, err := json.Marshal(fd.Models)
	if err != nil {
		return err
	}
	r, err := fd.reportJSON()
	if err != nil {
		return err
	}
	emitModels(string(m))
	emitReport(r)
	return nil
}

// fitInfo is clv.FitInfo for JSON: standard errors that are NaN (a
// singular Hessian) become null.
type fitInfo struct {
	clv.FitInfo
	StdErr []*float64 `json:"StdErr"`
}

func newFitInfo(fi clv.FitInfo) fitInfo {
	out := fitInfo{FitInfo: fi}
	for _, v := range fi.StdErr {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			out.StdErr = append(out.StdErr, nil)
		} else {
			out.StdErr = append(out.StdErr, &v)
		}
	}
	return out
}

// fitReport is the content of models.json.
type fitReport struct {
	Models winback.Models `json:"models"`
	Fit    struct {
		Transactions fitInfo `json:"transactions"`
		Spend        fitInfo `json:"spend"`
		Customers    int     `json:"customers"`
		Skipped      int     `json:"skipped"`
		RepeatBuyers int     `json:"repeat_buyers"`
		Rows         int     `json:"distinct_rows"`
		SpendRows    int     `json:"distinct_spend_rows"`
	} `json:"fit"`
}

// reportJSON renders models.json.
func (fd fitted) reportJSON() (string, error) {
	r := fitReport{Models: fd.Models}
	r.Fit.Transactions, r.Fit.Spend = newFitInfo(fd.Fit.Transactions), newFitInfo(fd.Fit.Spend)
	r.Fit.Customers, r.Fit.Skipped, r.Fit.RepeatBuyers = fd.Fit.Customers, fd.Fit.Skipped, fd.Fit.RepeatBuyers
	r.Fit.Rows, r.Fit.SpendRows = fd.Rows, fd.SpendRows
	b, err := json.MarshalIndent(r, "", "  ")
	return string(b), err
}
