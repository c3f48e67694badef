package clv

import (
	"testing"
)

// cdnowCustomers returns, for every CDNOW sample customer, the weekly
// calibration summary (x, t_x, T) together with the spend summary, both
// derived from the embedded order log by cdnowPurchases.
func cdnowCustomers(t testing.TB) ([]History, []SpendHistory) {
	t.Helper()
	purchases := cdnowPurchases(t)
	spend := cdnowSpend(t)
	hs := make([]History, len(spend))
	for id := 1; id <= len(spend); id++ {
		ps := purchases[id]
		first := ps[0].day
		h := History{T: cdnowCalibrationEnd.Sub(first).Hours() / 24 / 7}
		for _, p := range ps[1:] {
			if p.day.After(cdnowCalibrationEnd) {
				break
			}
			h.X++
			h.Tx = p.day.Sub(first).Hours() / 24 / 7
		}
		hs[id-1] = h
	}
	return hs, spend
}

// cdnowValuation values a customer as in Fader, Hardie & Lee (2005, "RFM
// and CLV"): 30 % margin, 15 % a year discounted continuously per week.
func cdnowValuation(t testing.TB) Valuation {
	rate, err := ContinuousRate(0.15, 52)
	if err != nil {
		t.Fatal(err)
	}
	return Valuation{Margin: 0.3, Rate: rate}
}

// BG/NBD as published for the CDNOW sample (Fader, Hardie & Lee 2005,
// "Counting your customers the easy way") and the Gamma-Gamma estimates of
// "RFM and CLV".
var (
	cdnowBGNBD      = BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	cdnowGammaGamma = GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
)

// Every CDNOW customer gets a finite, non-negative value, and the value
// given alive is at least the residual value.
func TestCustomerValueOnCDNOWIsFinite(t *testing.T) {
	hs, sp := cdnowCustomers(t)
	v := cdnowValuation(t)
	total := 0.0
	for i, h := range hs {
		val, err := CustomerValue(cdnowBGNBD, cdnowGammaGamma, h, sp[i].MeanSpend, v)
		if err != nil {
			t.Fatalf("customer %d %+v: %v", i+1, h, err)
		}
		res, _ := val.Residual.Float64()
		if res < 0 || !finiteAll(res, val.DiscountedTransactions) {
			t.Fatalf("customer %d: %+v", i+1, val)
		}
		if val.ProbAlive > 0 {
			slv, err := val.SecondLifetime()
			if err != nil || slv.Cmp(val.Residual) < 0 {
				t.Fatalf("customer %d: second lifetime %v < residual %v (%v)", i+1, slv, val.Residual, err)
			}
		}
		total += res
	}
	t.Logf("CDNOW sample, BG/NBD + Gamma-Gamma, 30%% margin, 15%%/year: mean residual value $%.2f over %d customers", total/float64(len(hs)), len(hs))
}

// The Pareto/NBD's closed-form DERT (FHL 2005, eq. 2) and the numerical
// sum over weekly periods agree within the sum's documented accuracy (its
// 1e−6 tail bound dominates).
func TestNumericDERTAgreesWithParetoNBDClosedForm(t *testing.T) {
	var m TransactionModel = ParetoNBD{R: 0.55, Alpha: 10.58, S: 0.61, Beta: 11.67}
	d, ok := m.(DERTModel)
	if !ok {
		t.Skip("ParetoNBD has no DiscountedResidualTransactions yet")
	}
	v := cdnowValuation(t)
	for _, h := range []History{{0, 0, 38.86}, {2, 30.43, 38.86}, {7, 35, 39}, {1, 2, 78}} {
		closed, err := d.DiscountedResidualTransactions(h, v.Rate)
		if err != nil {
			t.Fatal(err)
		}
		num, err := numericDERT(m, h, v)
		if err != nil {
			t.Fatal(err)
		}
		if !relClose(num, closed, 2e-6) {
			t.Errorf("%+v: numerical %v, closed form %v", h, num, closed)
		}
	}
}

func BenchmarkCustomerValueCDNOW(b *testing.B) {
	hs, sp := cdnowCustomers(b)
	for _, c := range []struct {
		name string
		v    Valuation
	}{
		{"unbounded", cdnowValuation(b)},
		{"52weeks", Valuation{Margin: 0.3, Rate: cdnowValuation(b).Rate, Horizon: 52}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for i, h := range hs {
					if _, err := CustomerValue(cdnowBGNBD, cdnowGammaGamma, h, sp[i].MeanSpend, c.v); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(hs)), "ns/customer")
		})
	}
}
