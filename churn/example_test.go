package churn_test

import (
	"fmt"
	"slices"
	"time"

	"github.com/kundenwert/winback/churn"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// monthly returns n purchases of amount, one every 30 days from start.
func monthly(start time.Time, n int, amount float64) []churn.Purchase {
	var ps []churn.Purchase
	for i := range n {
		ps = append(ps, churn.Purchase{Date: start.AddDate(0, 0, 30*i), Amount: amount})
	}
	return ps
}

// Seed 003: a half-year pause says more about a monthly buyer than about a
// quarterly one.
func ExampleStatus() {
	h := churn.History{Purchases: monthly(date(2024, 1, 1), 6, 40)} // last purchase 2024-05-30
	l, err := churn.Status(h, date(2024, 11, 26), churn.DefaultStatusOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(l.State, l.Interval, l.ExpectedNext.Format(time.DateOnly))
	fmt.Printf("overdue %.1f× the own interval\n", l.Overdue)
	// Output:
	// lost 720h0m0s 2024-06-29
	// overdue 6.0× the own interval
}

// A single purchase has no cycle of its own: it borrows the population's.
func ExampleStatus_population() {
	opts := churn.DefaultStatusOptions()
	opts.PopulationInterval = 60 * 24 * time.Hour
	h := churn.History{Purchases: []churn.Purchase{{Date: date(2024, 3, 1), Amount: 25}}}
	l, err := churn.Status(h, date(2024, 6, 1), opts)
	if err != nil {
		panic(err)
	}
	fmt.Println(l.State, l.Source, l.Interval.Hours()/24, "days")
	// Output: at_risk population 60 days
}

func ExamplePopulationInterval() {
	customers := [][]churn.Purchase{
		monthly(date(2024, 1, 1), 4, 10),                                                 // mean 30 days
		{{Date: date(2024, 1, 1)}, {Date: date(2024, 3, 1)}},                             // 60 days
		{{Date: date(2024, 2, 1)}, {Date: date(2024, 2, 11)}, {Date: date(2024, 2, 21)}}, // 10 days
		{{Date: date(2024, 5, 5)}},                                                       // one purchase: skipped
	}
	d, err := churn.PopulationInterval(slices.Values(customers), date(2024, 12, 31))
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Hours()/24, "days")
	// Output: 30 days
}

// A monthly customer who stopped buying after a rejected complaint: the
// offended type of seed 003, with apology and personal contact recommended.
// Scores: offended 1.5 + 0.5 = 2, disappointed 1 + 0.5 = 1.5, unknown 1, so
// the confidence is 2/4.5.
func ExampleAssess() {
	asOf := date(2024, 12, 1)
	h := churn.History{
		Purchases: monthly(date(2023, 1, 1), 22, 80),
		Events: []churn.Event{
			{Date: date(2024, 9, 20), Kind: churn.Complaint, Outcome: churn.Rejected},
			{Date: date(2024, 10, 1), Kind: churn.NPS, Score: 2},
		},
	}
	a, err := churn.Assess(h, asOf, churn.DefaultOptions())
	if err != nil {
		panic(err)
	}
	c := a.Classification
	fmt.Println("status:", a.Lapse.State)
	fmt.Printf("type: %v (confidence %.2f), runner-up %v\n", c.Type, c.Confidence, c.RunnerUp)
	for _, s := range a.Evidence() {
		fmt.Println("evidence:", s)
	}
	r := c.Response
	fmt.Println("win back:", r.WinBack, "effort:", r.Effort, "incentive:", r.Incentive, "tone:", r.Tone, "personal:", r.PersonalContact)
	// Output:
	// status: lapsed
	// type: offended (confidence 0.44), runner-up disappointed
	// evidence: failed_complaints: 1 (baseline 0, threshold 1) fired
	// evidence: low_nps: 2 (baseline 2, threshold 6) fired
	// win back: true effort: high incentive: material tone: apology personal: true
}

func ExampleSignals() {
	// a customer who used to open newsletters and stopped
	asOf := date(2024, 12, 1)
	var h churn.History
	for d := 100; d < 300; d += 10 { // 20 opens in the baseline window
		h.Events = append(h.Events, churn.Event{Date: asOf.AddDate(0, 0, -d), Kind: churn.EmailOpened})
	}
	r, err := churn.Signals(h, asOf, churn.DefaultSignalOptions())
	if err != nil {
		panic(err)
	}
	fmt.Println(r.Signals[churn.FewerEmailOpens])
	// Output: fewer_email_opens: 0 (baseline 1.644, threshold 0.8219) fired
}

func ExampleTallyReasons() {
	answers := []churn.Reason{churn.Delivery, churn.Delivery, churn.Service, churn.Communication}
	s, err := churn.TallyReasons(answers)
	if err != nil {
		panic(err)
	}
	fmt.Printf("top %v: %.0f%%\n", s.Top(), 100*s.Share(s.Top()))
	for t := range churn.Delivery.LikelyTypes().All() {
		fmt.Println("delivery points to", t)
	}
	// Output:
	// top delivery: 50%
	// delivery points to disappointed
	// delivery points to switcher
}
