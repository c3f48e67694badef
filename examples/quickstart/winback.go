package main

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/synth"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// The campaign of the report: decided on the last day of the log, a budget
// of 1,500 $ for contacts and incentives, 10 % of the selected customers
// held out as control group, quadrant thresholds at the 75th value and the
// 50th probability percentile of the lapsed customers.
var (
	decisionDate   = time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)
	campaignBudget = decimal.NewFromInt(1500)
)

const synthSeed = 2026

// winBackReport fits the models on the calibration period, gives every
// sample customer synthetic events and consents (the CDNOW log has none),
// plans a campaign and prints it.
func winBackReport(p *printer, calibration winback.Summaries) error {
	models, fit, err := winback.FitModels(calibration, clv.FitOptions{})
	if err != nil {
		return err
	}
	t, s := models.Transactions, models.Spend
	p.f("\nModels fitted on the calibration period (weeks)\n")
	p.f("  BG/NBD       r %.4f  alpha %.4f  a %.4f  b %.4f   LL %.2f  (%d customers)\n",
		t.R, t.Alpha, t.A, t.B, fit.Transactions.LogLikelihood, fit.Customers)
	p.f("  Gamma-Gamma  p %.4f  q %.4f  v %.4f            LL %.2f  (%d repeat buyers)\n",
		s.P, s.Q, s.V, fit.Spend.LogLikelihood, fit.RepeatBuyers)

	customers, err := synth.Customers(orders(), decisionDate, synthSeed)
	if err != nil {
		return err
	}
	plan, err := winback.Plan(func(yield func(winback.Customer, error) bool) {
		for _, c := range customers {
			if !yield(c, nil) {
				return
			}
		}
	}, models, winback.DefaultPolicy(), decisionDate, winback.PlanOptions{
		Budget: campaignBudget, HoldoutShare: 0.1, Seed: synthSeed, ValuePercentile: 75, ProbPercentile: 50,
	})
	if err != nil {
		return err
	}
	printPlan(p, plan)
	return nil
}

func printPlan(p *printer, c winback.Campaign) {
	sum := c.Summary
	p.f("\nWin-back campaign as of %s (events and consents are SYNTHETIC, seed %d)\n", c.AsOf.Format(time.DateOnly), synthSeed)
	p.f("  thresholds: value ≥ %s $ is high, win-back probability ≥ %.2f is high\n",
		c.Thresholds.Value.StringFixed(2), c.Thresholds.Prob)
	p.f("  quadrants:   %s\n", counts(sum.ByQuadrant, segment.Quadrants()))
	p.f("  churn types: %s\n", countsByName(sum.ByChurnType))
	p.f("  actions:     %s\n", countsByName(sum.ByAction))
	p.f("  permitted channels (customers): %s\n", permitted(c.Entries))
	p.f("  eligible %d, selected %d (holdout %d, contacted %d), budget used %s of %s $, expected profit %s $\n",
		sum.Eligible, sum.Selected, sum.Holdout, sum.Contacted,
		sum.BudgetUsed.StringFixed(2), campaignBudget.StringFixed(2), sum.ExpectedProfit.StringFixed(2))

	p.f("\nTop 10 customers to approach\n")
	shown := 0
	for _, e := range c.Entries {
		if !e.Contacted() || shown == 10 {
			continue
		}
		shown++
		d := e.Decision
		p.f("%2d. customer %s  %s via %s, %s incentive, budget %s $, expected profit %s $\n",
			shown, d.CustomerID, d.Action, d.Channel, d.Incentive, d.BudgetCap.StringFixed(2), e.ExpectedProfit.StringFixed(2))
		for _, r := range d.Reasons {
			p.f("      %s\n", r)
		}
	}
}

// counts lists n per key in the given order, e.g. "star 12, question 3".
func counts[K comparable](n map[K]int, order []K) string {
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%v %d", k, n[k]))
	}
	return strings.Join(parts, ", ")
}

// countsByName lists the non-zero counts sorted by their key's text.
func countsByName[K interface {
	comparable
	fmt.Stringer
}](n map[K]int) string {
	keys := make([]K, 0, len(n))
	for k := range n {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b K) int { return strings.Compare(a.String(), b.String()) })
	return counts(n, keys)
}

func permitted(entries []winback.Entry) string {
	var n [consent.NumChannels]int
	for _, e := range entries {
		for ch, d := range e.Decision.Channels {
			if d.Allowed {
				n[ch]++
			}
		}
	}
	var parts []string
	for ch := 1; ch < consent.NumChannels; ch++ {
		parts = append(parts, fmt.Sprintf("%s %d", consent.Channel(ch), n[ch]))
	}
	return strings.Join(parts, ", ")
}
