package clv

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
