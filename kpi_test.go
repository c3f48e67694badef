package winback

import (
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// logOf builds a log in which customer i places counts[i] orders of the
// given amounts (cycled), one a day from 2024-01-01, all in January.
func logOf(counts []int, amounts ...string) []Order {
	var log []Order
	k := 0
	for i, n := range counts {
		for j := 0; j < n; j++ {
			log = append(log, Order{
				CustomerID: fmt.Sprintf("c%04d", i),
				Time:       time.Date(2024, 1, 1+j%28, j/28, 0, 0, 0, time.UTC),
				Amount:     decimal.RequireFromString(amounts[k%len(amounts)]),
			})
			k++
		}
	}
	return log
}

func repeat(n, v int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func totalsOf(t *testing.T, log []Order) Totals {
	t.Helper()
	s, err := Summarize(FromSlice(log), SummaryOptions{CalibrationEnd: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	return s.Totals()
}

// TestTotalsKPIsMatchSeed002 rebuilds the worked examples of seed 002
// ("Wiederkaufrate", "Kaufhäufigkeit", "Durchschnittlicher Bestellwert",
// "Kundenlebenszeitwert") as order logs and computes them from summaries.
func TestTotalsKPIsMatchSeed002(t *testing.T) {
	// 800 customers, 200 of whom order again; 4,000 orders in all:
	// 600 × 1 + 200 × 17 = 4,000. RPR = 200/800 = 25 %, PF = 4,000/800 = 5.
	tot := totalsOf(t, logOf(append(repeat(600, 1), repeat(200, 17)...), "10"))
	if rpr, err := tot.RepeatPurchaseRate(); err != nil || rpr != 0.25 {
		t.Errorf("RepeatPurchaseRate = %v, %v; want 0.25", rpr, err)
	}
	if pf, err := tot.PurchaseFrequency(); err != nil || pf != 5 {
		t.Errorf("PurchaseFrequency = %v, %v; want 5", pf, err)
	}
	// 3,000 orders, 120,000 € revenue (1,500 × 30 + 1,500 × 50): AOV = 40 €.
	tot = totalsOf(t, logOf(repeat(300, 10), "30", "50"))
	if aov, err := tot.AverageOrderValue(); err != nil || !aov.Equal(decimal.NewFromInt(40)) || !tot.Revenue.Equal(decimal.NewFromInt(120000)) {
		t.Errorf("AverageOrderValue = %v, %v (revenue %s); want 40", aov, err, tot.Revenue)
	}
	// AOV 30 €, PF 8: CV = 240 €.
	tot = totalsOf(t, logOf(repeat(10, 8), "30"))
	if cv, err := tot.CustomerValue(); err != nil || !cv.Equal(decimal.NewFromInt(240)) {
		t.Errorf("CustomerValue = %v, %v; want 240", cv, err)
	}
}

// TestRetentionByPeriodMatchesSeed002 rebuilds the CRR example of seed 002
// ("So berechnest du deine Kundenbindungsrate"): 200 customers at the
// start of the month, 50 new, 220 at the end, CRR = (220 − 50)/200 = 85 %.
// As activity: 200 customers buy in January; 170 of them and 50 new ones
// in February.
func TestRetentionByPeriodMatchesSeed002(t *testing.T) {
	var log []Order
	for i := 0; i < 200; i++ {
		log = append(log, order(fmt.Sprintf("old%03d", i), at(1, 1+i%28, 0), "10"))
		if i < 170 {
			log = append(log, order(fmt.Sprintf("old%03d", i), at(2, 1+i%28, 0), "10"))
		}
	}
	for i := 0; i < 50; i++ {
		log = append(log, order(fmt.Sprintf("new%03d", i), at(2, 1+i%28, 0), "10"))
	}
	a, err := ActivityOf(FromSlice(log), ActivityOptions{Period: Monthly})
	if err != nil {
		t.Fatal(err)
	}
	r, err := RetentionByPeriod(a.Periods())
	if err != nil {
		t.Fatal(err)
	}
	if len(r) != 1 {
		t.Fatalf("%d rows, want 1 (February)", len(r))
	}
	feb := r[0]
	if feb.StartCustomers != 200 || feb.Active != 220 || feb.New != 50 || feb.Lost != 30 ||
		math.Abs(feb.RetentionRate-0.85) > 1e-15 || math.Abs(feb.ChurnRate-0.15) > 1e-15 {
		t.Errorf("February = %+v, want S 200, E 220, N 50, CRR 0.85, churn 0.15", feb)
	}
}

func TestKPIsOfEmptyDataAreUndefined(t *testing.T) {
	var tot Totals
	_, err1 := tot.RepeatPurchaseRate()
	_, err2 := tot.PurchaseFrequency()
	_, err3 := tot.AverageOrderValue()
	_, err4 := tot.CustomerValue()
	_, err5 := PeriodStats{}.AverageOrderValue()
	_, err6 := RetentionByPeriod(nil)
	for i, err := range []error{err1, err2, err3, err4, err5, err6} {
		var ie *InputError
		if !errors.Is(err, ErrUndefined) || !errors.As(err, &ie) {
			t.Errorf("KPI %d of empty data: %v, want ErrUndefined", i+1, err)
		}
	}
}

func TestRetentionByPeriodRejectsInconsistentPeriods(t *testing.T) {
	a, _ := ActivityOf(FromSlice(activityLog()), ActivityOptions{Period: Monthly})
	ps := a.Periods()
	gap := []PeriodStats{ps[0], ps[2]}
	var ie *InputError
	if _, err := RetentionByPeriod(gap); !errors.As(err, &ie) || ie.Field != "periods[1]" || !errors.Is(err, ErrInvalidInput) {
		t.Errorf("gap: %v, want an InputError on periods[1]", err)
	}
	bad := append([]PeriodStats(nil), ps...)
	bad[1].Lost++
	if _, err := RetentionByPeriod(bad); !errors.As(err, &ie) || ie.Field != "periods[1]" {
		t.Errorf("Lost inconsistent: %v, want an InputError on periods[1]", err)
	}
	// activityLog by hand (see TestActivityPeriodsByHand): Feb keeps 2 of
	// 2, Mar 1 of 3, Apr 0 of 1.
	r, err := RetentionByPeriod(ps)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []float64{1, 1.0 / 3, 0} {
		if math.Abs(r[i].RetentionRate-want) > 1e-15 || math.Abs(r[i].RetentionRate+r[i].ChurnRate-1) > 1e-15 {
			t.Errorf("row %d: %+v, want CRR %v", i, r[i], want)
		}
	}
}
