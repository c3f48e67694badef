package clv

import "math/rand/v2"

// MBGNBD is the modified beta-geometric/NBD model of Batislam, Denizel &
// Filiztekin (2007), "Empirical validation and comparison of models for
// customer base analysis", International Journal of Research in Marketing
// 24(3).
//
// It is BG/NBD with one change: the customer may drop out (with
// probability p) right after the first purchase too, at time 0, not only
// after repeat purchases. Customers without repeat purchases are therefore
// not certainly alive, which is the main weakness of BG/NBD that it fixes.
// λ ~ Gamma(R, Alpha) and p ~ Beta(A, B) as in BGNBD; time is in the
// caller's unit.
//
// The zero value is not a valid model; Validate reports why.
type MBGNBD struct {
	R     float64 `json:"r"`     // shape of the Gamma distribution of purchase rates; R > 0
	Alpha float64 `json:"alpha"` // rate of that Gamma distribution, in 1/time unit; Alpha > 0
	A     float64 `json:"a"`     // first shape of the Beta distribution of dropout probabilities; A > 0
	B     float64 `json:"b"`     // second shape of that Beta distribution; B > 0
}

var _ TransactionModel = MBGNBD{}

func (m MBGNBD) family() bgFamily { return bgFamily{true, m.R, m.Alpha, m.A, m.B} }

// NumParameters returns 4.
func (MBGNBD) NumParameters() int { return 4 }

// Validate reports an *InputError naming the first parameter that is not a
// finite positive number.
func (m MBGNBD) Validate() error { return m.family().validate() }

// LogLikelihoodOne returns the log-likelihood of one customer's history
// (Batislam et al. 2007, eq. 4).
func (m MBGNBD) LogLikelihoodOne(h History) (float64, error) { return m.family().logLikelihoodOne(h) }

// LogLikelihood returns the total log-likelihood of grouped rows.
func (m MBGNBD) LogLikelihood(rows []Weighted) (float64, error) {
	return m.family().logLikelihood(rows)
}

// ProbAlive returns the probability that a customer with history h is alive
// at T.
func (m MBGNBD) ProbAlive(h History) (float64, error) {
	f := m.family()
	if err := f.checked(h); err != nil {
		return 0, err
	}
	return f.probAlive(h), nil
}

// ExpectedPurchases returns E[X(t)] for a new customer.
func (m MBGNBD) ExpectedPurchases(t float64) (float64, error) { return m.family().expectedPurchases(t) }

// ConditionalExpectedPurchases returns E[Y(t) | X, Tx, T].
func (m MBGNBD) ConditionalExpectedPurchases(t float64, h History) (float64, error) {
	return m.family().conditionalExpected(t, h)
}

// ProbPurchases returns P(X(t) = n) for a new customer.
func (m MBGNBD) ProbPurchases(n int, t float64) (float64, error) {
	return m.family().probPurchases(n, t)
}

// Simulate draws one synthetic customer per entry of ages.
func (m MBGNBD) Simulate(rng *rand.Rand, ages []float64) ([]History, error) {
	return m.family().simulate(rng, ages)
}
