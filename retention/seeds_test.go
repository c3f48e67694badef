package retention

import (
	"math"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

const tol = 1e-12

func near(a, b float64) bool { return math.Abs(a-b) <= tol }

// TestSeedRates reproduces every worked example with a rate result in seeds
// 002 and 003 (the expected values are the articles' own).
func TestSeedRates(t *testing.T) {
	for _, tc := range []struct {
		name string
		f    func() (float64, error)
		want float64
	}{
		// seed 002, "So berechnest du deine Kundenbindungsrate": S=200, E=220, N=50 → 85 %.
		{"CRR", func() (float64, error) { return RetentionRate(200, 220, 50) }, 0.85},
		// seed 002, "Kundenabwanderungsrate (CCR)": 25 of 500 → 5 %.
		{"CCR", func() (float64, error) { return ChurnRate(25, 500) }, 0.05},
		// seed 002, "Wiederkaufrate (RPR)": 200 of 800 → 25 %.
		{"RPR", func() (float64, error) { return RepeatPurchaseRate(200, 800) }, 0.25},
		// seed 002, "Kaufhäufigkeit (PF)": 4,000 bags to 800 customers → 5.
		{"PF", func() (float64, error) { return PurchaseFrequency(4000, 800) }, 5},
		// seed 003, "Schritt 4: Controlling", Beispiel: 20 of 100 lost customers won back → 20 %.
		{"win-back rate", func() (float64, error) { return WinBackRate(20, 100) }, 0.20},
		// seed 003, same Beispiel: 15 of the 20 still active six months later → 75 %.
		{"sustained reactivation", func() (float64, error) { return SustainedReactivation(15, 20) }, 0.75},
		// seed 003, same Beispiel: revenue +10 % against the revenue before churn. The seed
		// gives only the percentage; 1,000 € → 1,100 € are illustrative amounts with that ratio.
		{"revenue growth", func() (float64, error) {
			return RevenueGrowth(decimal.RequireFromString("1000"), decimal.RequireFromString("1100"))
		}, 0.10},
	} {
		got, err := tc.f()
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if !near(got, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestSeedPercent checks the presentation of seed 002's CRR example: 85 %.
func TestSeedPercent(t *testing.T) {
	crr, err := RetentionRate(200, 220, 50)
	if err != nil {
		t.Fatal(err)
	}
	if got := Percent(crr); math.Abs(got-85) > 1e-9 {
		t.Errorf("Percent(CRR) = %v, want 85", got)
	}
}

// TestSeedMoney reproduces the money examples of seeds 002 and 003.
func TestSeedMoney(t *testing.T) {
	d := decimal.RequireFromString
	must := func(v decimal.Decimal, err error) decimal.Decimal {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	cv := must(CustomerValue(d("30"), 8))
	for _, tc := range []struct {
		name      string
		got, want decimal.Decimal
	}{
		// seed 002, "Durchschnittlicher Bestellwert (AOV)": 120,000 € over 3,000 orders → 40 €.
		{"AOV", must(AverageOrderValue(d("120000"), 3000)), d("40")},
		// seed 002, "Kundenlebenszeitwert (CLV)": CV = AOV × PF = 30 € × 8 = 240 €.
		{"CV", cv, d("240")},
		// seed 002, same section: CLV = 240 € × 3 years = 720 €.
		{"CLV", must(FormulaCLV(cv, 3)), d("720")},
		// seed 003, "Schritt 4: Controlling", Beispiel: 5,000 € / 20 won back → 250 €.
		{"cost per win-back", must(CostPerWinBack(d("5000"), 20)), d("250")},
		// seed 003, same Beispiel: CLV 300 € before, 400 € after → uplift 100 €.
		{"CLV uplift", CLVUplift(d("300"), d("400")), d("100")},
	} {
		if !tc.got.Equal(tc.want) {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}

// TestSeedTimeToNextPurchase: seed 003, "Schritt 4: Controlling", Beispiel:
// the average time to win a customer back was 30 days. The dates are
// illustrative: a contact on 1 March and an order on 31 March are 30 days
// apart (independent count: March 1 + 30 days).
func TestSeedTimeToNextPurchase(t *testing.T) {
	contact := time.Date(2024, 3, 1, 10, 0, 0, 0, time.UTC)
	order := time.Date(2024, 3, 31, 10, 0, 0, 0, time.UTC)
	got, err := TimeToNextPurchase(contact, order)
	if err != nil {
		t.Fatal(err)
	}
	if Days(got) != 30 {
		t.Errorf("TimeToNextPurchase = %v days, want 30", Days(got))
	}
	// A population averaging 30 days (independent: (20 + 30 + 40) / 3 = 30).
	day := 24 * time.Hour
	s, err := SummarizeWaits([]time.Duration{40 * day, 20 * day, 30 * day})
	if err != nil {
		t.Fatal(err)
	}
	want := WaitSummary{Buyers: 3, Mean: 30 * day, Median: 30 * day, Min: 20 * day, Max: 40 * day}
	if s != want {
		t.Errorf("SummarizeWaits = %+v, want %+v", s, want)
	}
}
