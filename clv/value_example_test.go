package clv_test

import (
	"fmt"

	"github.com/kundenwert/winback/clv"
	"github.com/shopspring/decimal"
)

// Expected spend per transaction and residual value of a CDNOW customer
// with two repeat purchases averaging $40, under the published BG/NBD and
// Gamma-Gamma estimates, a 30 % margin and 15 % a year.
func ExampleCustomerValue() {
	bgnbd := clv.BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	spend := clv.GammaGamma{P: 6.25, Q: 3.74, V: 15.44}
	rate, _ := clv.ContinuousRate(0.15, 52) // weeks
	h := clv.History{X: 2, Tx: 30.43, T: 38.86}
	v, err := clv.CustomerValue(bgnbd, spend, h, 40, clv.Valuation{Margin: 0.3, Rate: rate})
	if err != nil {
		fmt.Println(err)
		return
	}
	slv, _ := v.SecondLifetime()
	fmt.Printf("spend/transaction %s, P(alive) %.3f, residual value %s, if alive %s\n",
		v.ExpectedSpend.StringFixed(2), v.ProbAlive, v.Residual.StringFixed(2), slv.StringFixed(2))
	// Output:
	// spend/transaction 39.14, P(alive) 0.727, residual value 60.70, if alive 83.54
}

func ExampleFormulaCLV() {
	v, _ := clv.FormulaCLV(decimal.NewFromInt(100), 0.8, 0.1)
	five, _ := clv.FormulaCLVHorizon(decimal.NewFromInt(100), 0.8, 0.1, 5)
	fmt.Println(v, five)
	// Output: 266.67 212.41
}

// Residual lifetime value of a subscriber, $100 a period, 10 % discount
// rate, with the BG parameters of Fader & Hardie (2015): it rises with
// tenure as the cohort sorts itself.
func ExampleShiftedBetaGeometric_DiscountedExpectedResidualLifetime() {
	m := clv.ShiftedBetaGeometric{Alpha: 0.764, Beta: 1.296}
	for _, n := range []int{1, 2, 5} {
		derl, _ := m.DiscountedExpectedResidualLifetime(0.1, n)
		fmt.Printf("after period %d: $%.0f\n", n, 100*derl)
	}
	// Output:
	// after period 1: $288
	// after period 2: $394
	// after period 5: $568
}

func ExampleFitShiftedBetaGeometric() {
	// Fader & Hardie (2007), "regular" customers, 7 years.
	m, _, err := clv.FitShiftedBetaGeometric([]float64{1000, 631, 468, 382, 326, 289, 262, 241}, clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	r8, _ := m.Retention(8)
	fmt.Printf("alpha %.3f beta %.3f, retention in year 8 %.3f\n", m.Alpha, m.Beta, r8)
	// Output: alpha 0.704 beta 1.182, retention in year 8 0.921
}

func ExampleBGBB() {
	m := clv.BGBB{Alpha: 1.204, Beta: 0.750, Gamma: 0.657, Delta: 2.783}
	h := clv.DiscreteHistory{X: 4, Tx: 5, N: 6} // 4 donations in 6 years, the last in year 5
	alive, _ := m.ProbAlive(h)
	next5, _ := m.ConditionalExpectedPurchases(5, h)
	fmt.Printf("P(alive) %.3f, expected donations 2002-2006 %.2f\n", alive, next5)
	// Output: P(alive) 0.697, expected donations 2002-2006 2.03
}
