package clv

import (
	"errors"
	"math"
	"testing"
)

// modelOnly hides the concrete type so that Predict takes its generic path.
type modelOnly struct{ TransactionModel }

// TestPredictMatchesPerCustomerMethods: the memoized batch paths give the
// same numbers as ProbAlive and ConditionalExpectedPurchases called one by
// one (the generic path), and name the bad row on invalid input.
func TestPredictMatchesPerCustomerMethods(t *testing.T) {
	rows := tmCDNOWSummary(t)
	for _, m := range []TransactionModel{
		BGNBD{R: 0.2426, Alpha: 4.4137, A: 0.7930, B: 2.4262},
		MBGNBD{R: 0.5248, Alpha: 6.183, A: 0.8914, B: 1.614},
		ParetoNBD{R: 0.5533, Alpha: 10.578, S: 0.6062, Beta: 11.668},
	} {
		fast, err := Predict(m, 39, rows, 2)
		if err != nil {
			t.Fatal(err)
		}
		slow, err := Predict(modelOnly{m}, 39, rows, 1)
		if err != nil {
			t.Fatal(err)
		}
		for i := range rows {
			if math.Abs(fast[i].ProbAlive-slow[i].ProbAlive) > 1e-12 || math.Abs(fast[i].Expected-slow[i].Expected) > 1e-12*max(1, slow[i].Expected) {
				t.Fatalf("%T row %d: fast %+v, per customer %+v", m, i, fast[i], slow[i])
			}
		}
		bad := append([]History(nil), rows[:5]...)
		bad[3].Tx = 100
		_, err = Predict(m, 39, bad, 1)
		var fe *InputError
		if !errors.As(err, &fe) || fe.Field != "rows[3].Tx" {
			t.Errorf("%T: invalid row gave %v", m, err)
		}
	}
}
