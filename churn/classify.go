package churn

// Classification is the churn type of one customer with its evidence and the
// recommended response.
type Classification struct {
	Type          Type              `json:"type"`            // the best-scoring type, Unknown when none beats Rules.UnknownScore
	Confidence    float64           `json:"confidence"`      // Score as a share of all positive scores, unknown's included; in (0, 1]
	Score         float64           `json:"score"`           // the winner's score
	RunnerUp      Type              `json:"runner_up"`       // the second-best candidate (may be Unknown)
	RunnerUpScore float64           `json:"runner_up_score"` // its score
	Scores        [NumTypes]float64 `json:"scores"`          // every type's score; Scores[Unknown] is Rules.UnknownScore
	Evidence      SignalSet         `json:"evidence"`        // fired signals with a positive weight for Type
	Reasons       ReasonSet         `json:"reasons"`         // stated exit reasons whose likely types include Type
	Response      Response          `json:"response"`        // Rules.Responses[Type]
}

// Classify scores every churn type from the fired signals and stated exit
// reasons of r and picks the best. A type's score is the sum of
// rules.Weights[type][signal] over the fired signals plus rules.ReasonWeight
// for every stated reason that points to it (Reason.LikelyTypes). Unknown
// competes with the fixed score rules.UnknownScore; a higher score wins, and
// on a tie the lower Type value wins (Unknown first), so the result is
// deterministic. Errors: ErrInvalidInput for invalid rules.
func Classify(r Report, rules Rules) (Classification, error) {
	if err := rules.validate(); err != nil {
		return Classification{}, err
	}
	var c Classification
	classify(&c, r.Fired, r.Reasons, &rules)
	return c, nil
}

// classify is Classify without validation; it overwrites *c and only reads
// rules.
func classify(c *Classification, fired SignalSet, reasons ReasonSet, rules *Rules) {
	*c = Classification{}
	c.Scores[Unknown] = rules.UnknownScore
	for t := Type(1); t < numTypes; t++ {
		var s float64
		w := &rules.Weights[t]
		for v := uint64(fired); v != 0; v &= v - 1 {
			s += w[trailingZeros(v)]
		}
		c.Scores[t] = s
	}
	for v := uint16(reasons); v != 0; v &= v - 1 {
		rs := Reason(trailingZeros(uint64(v)))
		for u := uint16(rs.LikelyTypes()); u != 0; u &= u - 1 {
			c.Scores[trailingZeros(uint64(u))] += rules.ReasonWeight
		}
	}
	best, second := Type(0), Type(0)
	for t := Type(1); t < numTypes; t++ {
		if c.Scores[t] > c.Scores[best] {
			best = t
		}
	}
	first := true
	var total float64
	for t := Type(0); t < numTypes; t++ {
		if c.Scores[t] > 0 {
			total += c.Scores[t]
		}
		if t == best {
			continue
		}
		if first || c.Scores[t] > c.Scores[second] {
			second, first = t, false
		}
	}
	c.Type, c.Score = best, c.Scores[best]
	c.RunnerUp, c.RunnerUpScore = second, c.Scores[second]
	c.Confidence = c.Score / total
	if best != Unknown {
		w := &rules.Weights[best]
		for v := uint64(fired); v != 0; v &= v - 1 {
			if id := trailingZeros(v); w[id] > 0 {
				c.Evidence = c.Evidence.With(SignalID(id))
			}
		}
		for v := uint16(reasons); v != 0; v &= v - 1 {
			if rs := Reason(trailingZeros(uint64(v))); rs.LikelyTypes().Has(best) {
				c.Reasons = c.Reasons.With(rs)
			}
		}
	}
	c.Response = rules.Responses[best]
}
