// Command quickstart runs winback on the CDNOW sample embedded in the
// module and prints a short report: the size of the customer base, the
// retention KPIs per quarter, the repeat-purchase rate, the average order
// value, a cohort table, the BG/NBD and Gamma-Gamma models fitted on the
// calibration period, and a win-back campaign planned for every customer
// (counts per quadrant, churn type and action, permitted channels, budget
// used, and the top ten customers to approach with their reasons). The
// CDNOW log has orders only, so events and consents are synthetic
// (package internal/synth, fixed seed) and the report says so.
//
//	go run ./examples/quickstart
package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/kundenwert/winback/retention"
)

func main() {
	if err := run(os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// orders reads the embedded sample afresh; a reader can be ranged once.
func orders() func(func(winback.Order, error) bool) {
	return winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample)
}

func run(w io.Writer) error {
	p := &printer{w: w}
	utc := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

	// The whole log, 1997-01-01 to 1998-06-30, with orders of one customer
	// on one day counted as one purchase.
	all, err := winback.Summarize(orders(), winback.SummaryOptions{
		Unit: winback.Week, CalibrationEnd: utc(1998, 6, 30), MergeSameDay: true,
	})
	if err != nil {
		return err
	}
	tot := all.Totals()
	rpr, err := tot.RepeatPurchaseRate()
	if err != nil {
		return err
	}
	pf, err := tot.PurchaseFrequency()
	if err != nil {
		return err
	}
	aov, err := tot.AverageOrderValue()
	if err != nil {
		return err
	}
	cv, err := tot.CustomerValue()
	if err != nil {
		return err
	}
	p.f("winback quickstart: CDNOW sample (embedded), orders 1997-01-01 to 1998-06-30\n\n")
	p.f("  customers                %8s\n", thousands(tot.Customers))
	p.f("  order lines              %8s\n", thousands(tot.Orders))
	p.f("  purchases (days)         %8s\n", thousands(tot.Purchases))
	p.f("  revenue               %11s $\n", dollars(tot.Revenue))
	p.f("  repeat-purchase rate     %7.1f %%  (customers with more than one purchase)\n", retention.Percent(rpr))
	p.f("  purchase frequency       %8.2f   orders per customer in 18 months\n", pf)
	p.f("  average order value      %8s $\n", aov.StringFixed(2))
	p.f("  revenue per customer     %8s $\n\n", cv.StringFixed(2))

	quarters, err := winback.ActivityOf(orders(), winback.ActivityOptions{Period: winback.Quarterly})
	if err != nil {
		return err
	}
	periods := quarters.Periods()
	ret, err := winback.RetentionByPeriod(periods)
	if err != nil {
		return err
	}
	p.f("Retention by quarter (S = customers who bought in the quarter before)\n")
	p.f("  quarter      S  active  new  retained  reactivated  lost  retention   churn       AOV\n")
	for _, r := range ret {
		var ps winback.PeriodStats
		for _, q := range periods {
			if q.Start.Equal(r.Start) {
				ps = q
			}
		}
		aov, err := ps.AverageOrderValue()
		if err != nil {
			return err
		}
		p.f("  %s  %5d  %6d  %3d  %8d  %11d  %4d   %6.1f %%  %4.1f %%  %6s $\n",
			quarter(r.Start), r.StartCustomers, r.Active, r.New, r.Retained, r.Reactivated, r.Lost,
			retention.Percent(r.RetentionRate), retention.Percent(r.ChurnRate), aov.StringFixed(2))
	}

	months, err := winback.ActivityOf(orders(), winback.ActivityOptions{Period: winback.Monthly})
	if err != nil {
		return err
	}
	const show = 12
	p.f("\nCohorts: %% of each month's new customers who bought k months later\n")
	p.f("  cohort    size")
	for k := 1; k <= show; k++ {
		p.f("  %+3d", k)
	}
	p.f("\n")
	for _, c := range months.Cohorts() {
		p.f("  %s  %5d", c.Start.Format("2006-01"), c.Size)
		for k := 1; k <= show; k++ {
			if r, ok := c.Rate(k); ok {
				p.f("  %3.0f", 100*r)
			}
		}
		p.f("\n")
	}

	// The calibration/holdout split of the customer-base literature.
	btyd, err := winback.Summarize(orders(), winback.SummaryOptions{
		Unit: winback.Week, CalibrationEnd: utc(1997, 9, 30), MergeSameDay: true, HoldoutEnd: utc(1998, 6, 30),
	})
	if err != nil {
		return err
	}
	bt := btyd.Totals()
	p.f("\nBTYD summary (weeks, calibration to 1997-09-30): %s purchases, %s repeat; holdout %s purchases\n",
		thousands(bt.Purchases), thousands(bt.RepeatPurchases), thousands(bt.HoldoutPurchases))
	if err := winBackReport(p, btyd); err != nil {
		return err
	}
	return p.err
}

// printer writes formatted text and keeps the first write error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) f(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format, args...)
	}
}

func quarter(t time.Time) string { return fmt.Sprintf("%dQ%d", t.Year(), (int(t.Month())+2)/3) }

// thousands formats n ≥ 0 with commas, e.g. 6,919.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// dollars formats a non-negative amount with commas and cents, e.g.
// 244,092.35.
func dollars(d decimal.Decimal) string {
	s := d.StringFixed(2)
	whole, cents, _ := strings.Cut(s, ".")
	n, err := strconv.Atoi(whole)
	if err != nil {
		return s
	}
	return thousands(n) + "." + cents
}
