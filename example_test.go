package winback_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/internal/sample"
)

func day(m time.Month, d int) time.Time { return time.Date(2024, m, d, 12, 0, 0, 0, time.UTC) }

func Example() {
	// Rebuild the calibration summary of the CDNOW sample under the BTYD
	// convention (Fader, Hardie and Lee 2005).
	s, err := winback.Summarize(
		winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample),
		winback.SummaryOptions{
			Unit:           winback.Week,
			CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
			MergeSameDay:   true,
			HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
		})
	if err != nil {
		panic(err)
	}
	t := s.Totals()
	fmt.Println("customers:", t.Customers)
	fmt.Println("calibration purchases:", t.Purchases, "repeat:", t.RepeatPurchases)
	fmt.Println("holdout purchases:", t.HoldoutPurchases)
	c, _ := s.Get("00004") // sample id 1
	fmt.Printf("x = %.0f, t_x = %.2f, T = %.2f weeks\n", c.X, c.Tx, c.T)
	// Output:
	// customers: 2357
	// calibration purchases: 4814 repeat: 2457
	// holdout purchases: 1882
	// x = 2, t_x = 30.43, T = 38.86 weeks
}

func ExampleSummaries_Merge() {
	log := []winback.Order{
		{CustomerID: "ann", Time: day(1, 3), Amount: decimal.NewFromInt(40)},
		{CustomerID: "ann", Time: day(1, 17), Amount: decimal.NewFromInt(25)},
		{CustomerID: "ann", Time: day(1, 31), Amount: decimal.NewFromInt(35)},
	}
	opts := winback.SummaryOptions{Unit: winback.Day, CalibrationEnd: day(2, 2)}
	// Two workers each see part of the log, even of one customer.
	a, _ := winback.Summarize(winback.FromSlice(log[:1]), opts)
	b, _ := winback.Summarize(winback.FromSlice(log[1:]), opts)
	all, _ := a.Merge(b)
	ann, _ := all.Get("ann")
	fmt.Println(ann.X, ann.Tx, ann.T, ann.RepeatRevenue, ann.MeanRepeatSpend, ann.MeanInterPurchase)
	// Output: 2 28 30 60 30 14
}

func ExampleActivityOf() {
	log := []winback.Order{
		{CustomerID: "ann", Time: day(1, 3), Amount: decimal.NewFromInt(40)},
		{CustomerID: "bob", Time: day(1, 9), Amount: decimal.NewFromInt(20)},
		{CustomerID: "ann", Time: day(2, 5), Amount: decimal.NewFromInt(25)},
		{CustomerID: "cem", Time: day(2, 6), Amount: decimal.NewFromInt(15)},
		{CustomerID: "bob", Time: day(3, 1), Amount: decimal.NewFromInt(30)},
	}
	a, _ := winback.ActivityOf(winback.FromSlice(log), winback.ActivityOptions{Period: winback.Monthly})
	for _, p := range a.Periods() {
		fmt.Printf("%s active %d new %d retained %d reactivated %d lost %d revenue %s\n",
			p.Start.Format("2006-01"), p.Active, p.New, p.Retained, p.Reactivated, p.Lost, p.Revenue)
	}
	for _, c := range a.Cohorts() {
		fmt.Println("cohort", c.Start.Format("2006-01"), c.Active)
	}
	r, _ := winback.RetentionByPeriod(a.Periods())
	for _, p := range r {
		fmt.Printf("%s retention %.2f churn %.2f\n", p.Start.Format("2006-01"), p.RetentionRate, p.ChurnRate)
	}
	// Output:
	// 2024-01 active 2 new 2 retained 0 reactivated 0 lost 0 revenue 60
	// 2024-02 active 2 new 1 retained 1 reactivated 0 lost 1 revenue 40
	// 2024-03 active 1 new 0 retained 0 reactivated 1 lost 2 revenue 30
	// cohort 2024-01 [2 1 1]
	// cohort 2024-02 [1 0]
	// 2024-02 retention 0.50 churn 0.50
	// 2024-03 retention 0.00 churn 1.00
}

func ExampleReadCSV() {
	const log = "order,customer,placed,total\n" +
		"A-1,ann,2024-01-03 10:00:00,40.00\n" +
		"A-2,ann,2024-01-17 18:30:00,25.50\n" +
		"B-1,bob,yesterday,12.00\n"
	m := winback.CSVMapping{OrderID: "order", CustomerID: "customer", Time: "placed", Amount: "total",
		TimeLayout: time.DateTime}
	for o, err := range winback.ReadCSV(strings.NewReader(log), m) {
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(o.OrderID, o.CustomerID, o.Time.Format(time.RFC3339), o.Amount)
	}
	// Output:
	// A-1 ann 2024-01-03T10:00:00Z 40
	// A-2 ann 2024-01-17T18:30:00Z 25.5
	// winback: invalid input: line 4: placed: "yesterday" does not match layout "2006-01-02 15:04:05"
}
