package clv_test

import (
	"fmt"

	"github.com/kundenwert/winback/clv"
)

// A few customers in weeks: X repeat purchases, the last at Tx, observed
// for T weeks since their first purchase.
func exampleRows() []clv.History {
	base := []clv.History{
		{X: 0, Tx: 0, T: 38.86}, {X: 0, Tx: 0, T: 38.86}, {X: 0, Tx: 0, T: 36.43},
		{X: 1, Tx: 1.71, T: 38.86}, {X: 2, Tx: 30.43, T: 38.86}, {X: 5, Tx: 29.43, T: 38.29},
		{X: 1, Tx: 20.14, T: 37.14}, {X: 3, Tx: 33.86, T: 36.57}, {X: 0, Tx: 0, T: 32.71},
		{X: 7, Tx: 35.71, T: 37.29}, {X: 0, Tx: 0, T: 27.57}, {X: 1, Tx: 5.00, T: 30.00},
	}
	var rows []clv.History
	for range 50 {
		rows = append(rows, base...)
	}
	return rows
}

func ExampleFitBGNBD() {
	m, info, err := clv.FitBGNBD(exampleRows(), clv.FitOptions{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("converged %v on %d distinct rows of %.0f customers\n", info.Converged, info.Rows, info.Customers)
	fmt.Printf("mean purchase rate %.3f per week\n", m.R/m.Alpha)
	// Output:
	// converged true on 11 distinct rows of 600 customers
	// mean purchase rate 0.058 per week
}

func ExampleBGNBD_ConditionalExpectedPurchases() {
	// Parameters of Fader, Hardie & Lee (2005) for the CDNOW sample, weeks.
	m := clv.BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262}
	h := clv.History{X: 2, Tx: 30.43, T: 38.86}
	pa, _ := m.ProbAlive(h)
	e, _ := m.ConditionalExpectedPurchases(39, h)
	fmt.Printf("P(alive) = %.3f, purchases in the next 39 weeks = %.3f\n", pa, e)
	// Output:
	// P(alive) = 0.727, purchases in the next 39 weeks = 1.226
}
