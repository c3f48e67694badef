package retention_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback/retention"
)

// The sports-wear shop of seed 002: 200 customers at the start of the month,
// 50 new ones, 220 at the end.
func ExampleRetentionRate() {
	crr, err := retention.RetentionRate(200, 220, 50)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("CRR %.0f %%\n", retention.Percent(crr))

	// A shop with no customers at the start has no retention rate.
	_, err = retention.RetentionRate(0, 50, 50)
	fmt.Println(errors.Is(err, retention.ErrUndefined), err)
	// Output:
	// CRR 85 %
	// true retention: undefined: start: is 0, so the retention rate is undefined
}

// The electronics shop of seed 002: AOV 30 €, 8 purchases a year, customers
// stay 3 years.
func ExampleFormulaCLV() {
	cv, err := retention.CustomerValue(decimal.NewFromInt(30), 8)
	if err != nil {
		fmt.Println(err)
		return
	}
	clv, err := retention.FormulaCLV(cv, 3)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("CV %s €/year, CLV %s €\n", cv.StringFixed(retention.Places), clv.StringFixed(retention.Places))
	// Output: CV 240.00 €/year, CLV 720.00 €
}

// The win-back campaign of seed 003: 100 lost customers approached for
// 5,000 €, 20 won back, 15 of them still active six months later.
func ExampleWinBackRate() {
	rate, _ := retention.WinBackRate(20, 100)
	cost, _ := retention.CostPerWinBack(decimal.NewFromInt(5000), 20)
	sustained, _ := retention.SustainedReactivation(15, 20)
	uplift := retention.CLVUplift(decimal.NewFromInt(300), decimal.NewFromInt(400))
	fmt.Printf("win-back rate %.0f %%, cost per win-back %s €\n", retention.Percent(rate), cost.StringFixed(2))
	fmt.Printf("still active after %d months %.0f %%, CLV uplift %s €\n",
		retention.DefaultSustainMonths, retention.Percent(sustained), uplift)
	// Output:
	// win-back rate 20 %, cost per win-back 250.00 €
	// still active after 6 months 75 %, CLV uplift 100 €
}

func ExampleNPS() {
	nps, err := retention.NPS([]int{10, 9, 9, 8, 7, 6, 3, 10})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("NPS %+.1f\n", retention.Percent(nps))

	_, err = retention.NPS([]int{10, 12})
	fmt.Println(err)
	// Output:
	// NPS +25.0
	// retention: invalid input: answers[1]: NPS answer must be in 0–10, got 12
}

func ExampleSummarizeWaits() {
	contact := time.Date(2024, 3, 1, 9, 0, 0, 0, time.UTC)
	var waits []time.Duration
	for _, order := range []time.Time{
		time.Date(2024, 3, 11, 9, 0, 0, 0, time.UTC),
		time.Date(2024, 3, 31, 9, 0, 0, 0, time.UTC),
		time.Date(2024, 4, 30, 9, 0, 0, 0, time.UTC),
	} {
		w, err := retention.TimeToNextPurchase(contact, order)
		if err != nil {
			fmt.Println(err)
			return
		}
		waits = append(waits, w)
	}
	s, err := retention.SummarizeWaits(waits)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%d buyers, mean %.1f days, median %.0f days\n",
		s.Buyers, retention.Days(s.Mean), retention.Days(s.Median))
	// Output: 3 buyers, mean 33.3 days, median 30 days
}
