package main

import (
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
)

// cdnowOptions are the BTYD conventions of Fader, Hardie & Lee (2005) for
// the CDNOW cohort: weeks, calibration to 1997-09-30 (39 weeks), holdout to
// 1998-06-30 (39 weeks), orders of one customer on one day one purchase.
func cdnowOptions() winback.SummaryOptions {
	return winback.SummaryOptions{
		Unit:           winback.Week,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
		MergeSameDay:   true,
	}
}

// customer is one fitted customer of a CDNOW log.
type customer struct {
	id        string
	h         clv.History
	meanSpend float64 // mean repeat spend m_x; 0 when X = 0
	holdout   float64 // purchases in the holdout period
	firstDay  int     // day of the first purchase, counted from the cohort's first day
}

// cdnowResult is the analysis of one CDNOW order log.
type cdnowResult struct {
	label      string
	orderLines int
	opts       winback.SummaryOptions
	totals     winback.Totals
	customers  []customer // in ascending customer id order
	skipped    int        // customers left out: holdout-only or first purchase at the calibration end
	origin     time.Time  // the cohort's first purchase day
	calDay     int        // day index of the calibration end
	endDay     int        // day index of the holdout end
	horizon    float64    // holdout length in the summaries' unit
	models     []transFit // BG/NBD, Pareto/NBD, MBG/NBD
	spend      clv.GammaGamma
	spendRow   fitRow
	repeaters  int     // customers with X ≥ 1
	zeroSpend  int     // repeat buyers left out of the spend fit: mean repeat spend 0
	meanOfMx   float64 // average of the repeat buyers' mean repeat spends
	freq       freqTable
	cond       condTable
	agg        []aggregate // per model
	weekly     weeklyCurve
}

// result is everything the program reports.
type result struct {
	notes     []string
	sample    cdnowResult
	summary   summaryCheck
	bgbb      clv.BGBB
	donations fitRow
	survivors []fitRow
	master    *cdnowResult // nil without CDNOW_master.txt
}

// summaryCheck compares the summary built from the order log with the
// published calibration summary.
type summaryCheck struct {
	rows, published, agree int
	firstMismatch          string // empty when all agree
}

// fits returns every fit in table order.
func (r result) fits() []fitRow {
	var out []fitRow
	add := func(c *cdnowResult) {
		for _, m := range c.models {
			out = append(out, m.row)
		}
		out = append(out, c.spendRow)
	}
	add(&r.sample)
	out = append(out, r.donations)
	out = append(out, r.survivors...)
	if r.master != nil {
		add(r.master)
	}
	return out
}

// analyse runs the whole study on d.
func analyse(d dataset) (result, error) {
	r := result{notes: d.notes}
	var err error
	if r.sample, err = analyseCDNOW(d.sample, winback.CDNOWSample, "CDNOW sample", true); err != nil {
		return result{}, err
	}
	pub, err := publishedSummary(d.summary)
	if err != nil {
		return result{}, err
	}
	ids, err := sampleIDs(d.sample)
	if err != nil {
		return result{}, err
	}
	r.summary = compareSummary(r.sample.customers, ids, pub)

	rows, err := donationRows(d.donations)
	if err != nil {
		return result{}, err
	}
	if r.bgbb, r.donations, err = fitDonations(rows); err != nil {
		return result{}, err
	}
	if r.survivors, err = fitSurvivors(); err != nil {
		return result{}, err
	}
	if d.master != "" {
		m, err := analyseCDNOW(d.master, winback.CDNOWMaster, "CDNOW master", false)
		if err != nil {
			return result{}, err
		}
		r.master = &m
	}
	return r, nil
}

// analyseCDNOW summarises a CDNOW order log, fits the transaction and spend
// models and compares them with the calibration and holdout data.
func analyseCDNOW(text string, format winback.CDNOWFormat, label string, published bool) (cdnowResult, error) {
	var orders []winback.Order
	for o, err := range winback.ReadCDNOW(strings.NewReader(text), format) {
		if err != nil {
			return cdnowResult{}, fmt.Errorf("%s: %w", label, err)
		}
		orders = append(orders, o)
	}
	opts := cdnowOptions()
	s, err := winback.Summarize(winback.FromSlice(orders), opts)
	if err != nil {
		return cdnowResult{}, fmt.Errorf("%s: %w", label, err)
	}
	c := cdnowResult{label: label, orderLines: len(orders), opts: opts, totals: s.Totals()}

	var firsts []time.Time
	var spend []clv.SpendHistory
	for su := range s.All() {
		if su.Purchases == 0 || !(su.T > 0) {
			c.skipped++
			continue
		}
		cu := customer{id: su.CustomerID, h: clv.History{X: su.X, Tx: su.Tx, T: su.T}, holdout: float64(su.HoldoutPurchases)}
		if su.X > 0 {
			// RepeatRevenue / X, not the four-decimal MeanRepeatSpend, so
			// that nothing is rounded before the fit.
			cu.meanSpend = su.RepeatRevenue.InexactFloat64() / su.X
			c.repeaters++
			c.meanOfMx += cu.meanSpend
		}
		c.customers = append(c.customers, cu)
		firsts = append(firsts, su.First)
		if cu.h.X > 0 && !(cu.meanSpend > 0) {
			// The Gamma-Gamma model needs positive amounts; CDNOW_master
			// has a few repeat buyers whose repeat orders are all $0.
			c.zeroSpend++
			continue
		}
		spend = append(spend, clv.SpendHistory{X: cu.h.X, MeanSpend: cu.meanSpend})
	}
	if len(c.customers) == 0 {
		return cdnowResult{}, fmt.Errorf("%s: no customer with a calibration purchase before the calibration end", label)
	}
	if c.repeaters > 0 {
		c.meanOfMx /= float64(c.repeaters)
	}
	c.origin = firsts[0]
	for _, f := range firsts {
		if f.Before(c.origin) {
			c.origin = f
		}
	}
	for i, f := range firsts {
		c.customers[i].firstDay = dayIndex(c.origin, f)
	}
	c.calDay = dayIndex(c.origin, opts.CalibrationEnd)
	c.endDay = dayIndex(c.origin, opts.HoldoutEnd)
	c.horizon = float64(c.endDay-c.calDay) / opts.Unit.Days()

	hs := make([]clv.History, len(c.customers))
	for i, cu := range c.customers {
		hs[i] = cu.h
	}
	g, err := clv.Group(hs)
	if err != nil {
		return cdnowResult{}, fmt.Errorf("%s: %w", label, err)
	}
	if c.models, err = fitTransactionModels(g, label, published); err != nil {
		return cdnowResult{}, err
	}
	if c.spend, c.spendRow, err = fitSpend(spend, label, published); err != nil {
		return cdnowResult{}, err
	}
	if err := c.compare(orders); err != nil {
		return cdnowResult{}, fmt.Errorf("%s: %w", label, err)
	}
	return c, nil
}

// dayIndex returns the number of calendar days from origin to t (both
// midnight dates in the same location).
func dayIndex(origin, t time.Time) int {
	return int(math.Round(t.Sub(origin).Hours() / 24))
}

// compareSummary checks the customers against the published summary, whose
// row i is the customer with sample id i+1, to its printed two decimals.
func compareSummary(cs []customer, ids map[string]int, pub []clv.History) summaryCheck {
	sc := summaryCheck{rows: len(cs), published: len(pub)}
	round2 := func(v float64) float64 { return math.Round(v*100) / 100 }
	for _, cu := range cs {
		i := ids[cu.id] - 1
		if i < 0 || i >= len(pub) {
			if sc.firstMismatch == "" {
				sc.firstMismatch = fmt.Sprintf("customer %s: no row in the published summary", cu.id)
			}
			continue
		}
		h, p := cu.h, pub[i]
		if h.X == p.X && round2(h.Tx) == p.Tx && round2(h.T) == p.T {
			sc.agree++
		} else if sc.firstMismatch == "" {
			sc.firstMismatch = fmt.Sprintf("row %d (customer %s): x=%v t_x=%.2f T=%.2f, published %v %.2f %.2f",
				i+1, cu.id, h.X, h.Tx, h.T, p.X, p.Tx, p.T)
		}
	}
	return sc
}
