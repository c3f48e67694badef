package clv

import "fmt"

// TransactionModel is the vocabulary shared by the continuous-time
// transaction models of this package (BGNBD, MBGNBD, ParetoNBD). Time is in
// the caller's unit throughout, the same unit the model was fitted in.
type TransactionModel interface {
	// LogLikelihood returns the total log-likelihood of grouped rows.
	LogLikelihood(rows []Weighted) (float64, error)
	// ProbAlive returns P(alive | X, Tx, T) at the end of observation.
	ProbAlive(h History) (float64, error)
	// ExpectedPurchases returns E[X(t)], the expected number of purchases
	// of a new customer in (0, t].
	ExpectedPurchases(t float64) (float64, error)
	// ConditionalExpectedPurchases returns E[Y(t) | X, Tx, T], the expected
	// number of purchases in (T, T+t] of a customer with history h.
	ConditionalExpectedPurchases(t float64, h History) (float64, error)
}

// Prediction is one customer's P(alive) at the end of observation and the
// expected number of purchases in the next t time units.
type Prediction struct {
	ProbAlive float64 `json:"prob_alive"` // P(alive | X, Tx, T)
	Expected  float64 `json:"expected"`   // E[Y(t) | X, Tx, T]
}

// Predict computes the Prediction for every history, splitting the rows
// over workers goroutines (0 means GOMAXPROCS). It returns the first error
// with the row index in the field name, and no predictions then.
func Predict(m TransactionModel, t float64, rows []History, workers int) ([]Prediction, error) {
	if err := checkHorizon(t); err != nil {
		return nil, err
	}
	out := make([]Prediction, len(rows))
	errs := make([]error, len(rows))
	workers = FitOptions{Workers: workers}.withDefaults().Workers
	bad := parallelSum(len(rows), workers, 0, nil, func(lo, hi int, _ []float64) float64 {
		if ok, bad := predictRows(m, t, rows, out, errs, lo, hi); ok {
			return bad
		}
		for i := lo; i < hi; i++ {
			pa, err := m.ProbAlive(rows[i])
			if err == nil {
				out[i].ProbAlive = pa
				out[i].Expected, err = m.ConditionalExpectedPurchases(t, rows[i])
			}
			if err != nil {
				errs[i] = err
				return 1
			}
		}
		return 0
	})
	if bad > 0 {
		for i, err := range errs {
			if err != nil {
				if fe, ok := err.(*InputError); ok && len(fe.Field) > 1 && fe.Field[:2] == "h." {
					fe.Field = fmt.Sprintf("rows[%d].%s", i, fe.Field[2:])
				}
				return nil, err
			}
		}
	}
	return out, nil
}
