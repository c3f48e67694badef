package churn

import (
	"fmt"
	"iter"
	"math"
	"slices"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// State is a customer's lapse status on a date, ordered by severity: a
// larger value is worse. Identifiers are stable; see String.
type State uint8

// Lapse states.
const (
	Active    State = iota // buying within the expected rhythm
	AtRisk                 // overdue by at least StatusOptions.AtRisk intervals
	Lapsed                 // overdue by at least StatusOptions.Lapsed intervals
	Lost                   // overdue by at least StatusOptions.Lost intervals
	Cancelled              // explicit loss: cancellation or account deletion not followed by a purchase
	numStates
)

// IntervalSource says how the interval of a Lapse was obtained.
type IntervalSource uint8

// Interval sources.
const (
	SourceNone       IntervalSource = iota // no interval (cancelled customer without a cycle)
	SourceOwn                              // the customer's own mean inter-purchase time
	SourceShrunk                           // own mean shrunk towards the population interval
	SourcePopulation                       // the population interval (a single purchase)
	numSources
)

// StatusOptions are the thresholds of the lapse rule. Start from
// DefaultStatusOptions and change what you need; every field is validated.
type StatusOptions struct {
	// AtRisk, Lapsed and Lost are overdue ratios (time since the last
	// purchase divided by the interval) at or above which a customer has
	// that state; 0 < AtRisk ≤ Lapsed ≤ Lost. Defaults 1.5, 2, 3.
	AtRisk float64 `json:"at_risk"`
	Lapsed float64 `json:"lapsed"`
	Lost   float64 `json:"lost"`
	// PopulationInterval is the typical interval of the customer base (see
	// PopulationInterval), borrowed by customers with fewer than
	// MinOwnIntervals own intervals; 0 means none (then a single-purchase
	// customer has no status: ErrNoCycle); at most 100 years. Default 0.
	PopulationInterval time.Duration `json:"population_interval"`
	// PopulationWeight is k in the shrinkage (m·own + k·pop)/(m + k): the
	// population interval counts as k observed intervals; > 0. Default 1.
	PopulationWeight float64 `json:"population_weight"`
	// MinOwnIntervals is the number of own intervals (purchases − 1) from
	// which the own mean is used unshrunk; ≥ 0. Default 2, so customers with
	// one or two purchases borrow from the population.
	MinOwnIntervals int `json:"min_own_intervals"`
	// MinInterval is the floor of the interval, guarding same-day repeat
	// purchases; > 0, at most 100 years. Default 24 h.
	MinInterval time.Duration `json:"min_interval"`
	// PAliveAtRisk, PAliveLapsed and PAliveLost: when the history carries a
	// P(alive), a value strictly below the threshold gives at least that
	// state; 1 ≥ PAliveAtRisk ≥ PAliveLapsed ≥ PAliveLost ≥ 0. Defaults 0.5,
	// 0.3, 0.1.
	PAliveAtRisk float64 `json:"p_alive_at_risk"`
	PAliveLapsed float64 `json:"p_alive_lapsed"`
	PAliveLost   float64 `json:"p_alive_lost"`
}

// DefaultStatusOptions returns the documented defaults (DOMAIN convention:
// overdue at 2–3 times the own interval).
func DefaultStatusOptions() StatusOptions {
	return StatusOptions{
		AtRisk: 1.5, Lapsed: 2, Lost: 3,
		PopulationWeight: 1,
		MinOwnIntervals:  2,
		MinInterval:      24 * time.Hour,
		PAliveAtRisk:     0.5, PAliveLapsed: 0.3, PAliveLost: 0.1,
	}
}

// Validate reports the first invalid option, named "opts.<Field>".
func (o StatusOptions) Validate() error { return o.validate() }

func (o *StatusOptions) validate() error {
	for _, f := range []struct {
		name string
		v    float64
	}{{"opts.AtRisk", o.AtRisk}, {"opts.Lapsed", o.Lapsed}, {"opts.Lost", o.Lost}, {"opts.PopulationWeight", o.PopulationWeight}} {
		if err := check.Positive(ErrInvalidInput, f.name, f.v); err != nil {
			return err
		}
	}
	if o.Lapsed < o.AtRisk {
		return check.New(ErrInvalidInput, "opts.Lapsed", "must be ≥ AtRisk %v, got %v", o.AtRisk, o.Lapsed)
	}
	if o.Lost < o.Lapsed {
		return check.New(ErrInvalidInput, "opts.Lost", "must be ≥ Lapsed %v, got %v", o.Lapsed, o.Lost)
	}
	if o.PopulationInterval < 0 || o.PopulationInterval > maxInterval {
		return check.New(ErrInvalidInput, "opts.PopulationInterval", "must be in [0, 100 years], got %v", o.PopulationInterval)
	}
	if o.MinOwnIntervals < 0 {
		return check.New(ErrInvalidInput, "opts.MinOwnIntervals", "must be ≥ 0, got %d", o.MinOwnIntervals)
	}
	if o.MinInterval <= 0 || o.MinInterval > maxInterval {
		return check.New(ErrInvalidInput, "opts.MinInterval", "must be in (0, 100 years], got %v", o.MinInterval)
	}
	for _, f := range []struct {
		name string
		v    float64
	}{{"opts.PAliveAtRisk", o.PAliveAtRisk}, {"opts.PAliveLapsed", o.PAliveLapsed}, {"opts.PAliveLost", o.PAliveLost}} {
		if err := check.Probability(ErrInvalidInput, f.name, f.v); err != nil {
			return err
		}
	}
	if o.PAliveLapsed > o.PAliveAtRisk {
		return check.New(ErrInvalidInput, "opts.PAliveLapsed", "must be ≤ PAliveAtRisk %v, got %v", o.PAliveAtRisk, o.PAliveLapsed)
	}
	if o.PAliveLost > o.PAliveLapsed {
		return check.New(ErrInvalidInput, "opts.PAliveLost", "must be ≤ PAliveLapsed %v, got %v", o.PAliveLapsed, o.PAliveLost)
	}
	return nil
}

// maxInterval bounds the interval options so that date arithmetic stays
// within range.
const maxInterval = 100 * 365 * 24 * time.Hour

// Lapse is a customer's status on a date relative to their own buying cycle.
type Lapse struct {
	State      State `json:"state"`       // the combined state: the worse of ByInterval and ByPAlive, or Cancelled
	ByInterval State `json:"by_interval"` // state from the overdue ratio alone (Active when there is no interval)
	ByPAlive   State `json:"by_p_alive"`  // state from P(alive) alone; Active when the history has none

	Purchases    int            `json:"purchases"` // purchases on or before the decision date
	First        time.Time      `json:"first"`
	Last         time.Time      `json:"last"`          // first and last of them; zero when there are none
	Cancelled    time.Time      `json:"cancelled"`     // date of the cancellation or deletion in force; zero when none
	OwnInterval  time.Duration  `json:"own_interval"`  // mean own inter-purchase time (Last−First)/(Purchases−1); 0 below two purchases
	Interval     time.Duration  `json:"interval"`      // interval the rule used (after shrinkage and the MinInterval floor)
	Source       IntervalSource `json:"source"`        // how Interval was derived
	ExpectedNext time.Time      `json:"expected_next"` // Last + Interval: when the next purchase was due; zero without an interval
	Overdue      float64        `json:"overdue"`       // (asOf − Last) / Interval; 0 without an interval
}

// Status decides the lapse state of one customer on asOf.
//
// Rule: a cancellation or account deletion dated on or after the last
// purchase gives Cancelled (a later purchase revokes it). Otherwise the
// interval I is the customer's mean inter-purchase time, shrunk towards
// opts.PopulationInterval when the customer has fewer than
// opts.MinOwnIntervals intervals; the overdue ratio (asOf − last purchase)/I
// gives Active, AtRisk (≥ opts.AtRisk), Lapsed (≥ opts.Lapsed) or Lost
// (≥ opts.Lost). A P(alive) in h.Facts gives its own state by the PAlive
// thresholds, and the worse of the two is the result. Entries after asOf are
// ignored. Errors: ErrInvalidInput, ErrNoPurchases, ErrNoCycle.
func Status(h History, asOf time.Time, opts StatusOptions) (Lapse, error) {
	if err := checkAsOf(asOf); err != nil {
		return Lapse{}, err
	}
	if err := opts.validate(); err != nil {
		return Lapse{}, err
	}
	asOfN := nanos(asOf)
	s, err := collect(&h, asOfN, nil)
	if err != nil {
		return Lapse{}, err
	}
	return status(&s, &h.Facts, asOf, &opts)
}

// status is Status on a validated tally.
func status(s *tally, facts *Facts, asOf time.Time, opts *StatusOptions) (Lapse, error) {
	asOfN := nanos(asOf)
	loc := asOf.Location()
	var l Lapse
	l.Purchases = s.purchases
	if s.purchases > 0 {
		l.First = time.Unix(0, s.first).In(loc)
		l.Last = time.Unix(0, s.last).In(loc)
	}
	cancelled := s.hasCancel && (s.purchases == 0 || s.cancel >= s.last)
	if cancelled {
		l.Cancelled = time.Unix(0, s.cancel).In(loc)
	}
	if s.purchases == 0 {
		if cancelled {
			l.State = Cancelled
			return l, nil
		}
		return Lapse{}, fmt.Errorf("%w (as of %s)", ErrNoPurchases, asOf.Format(time.DateOnly))
	}
	m := int64(s.purchases - 1)
	var own int64
	if m > 0 {
		own = (s.last - s.first) / m
		l.OwnInterval = time.Duration(own)
	}
	var interval int64
	switch pop := int64(opts.PopulationInterval); {
	case m >= int64(opts.MinOwnIntervals) && m > 0:
		interval, l.Source = own, SourceOwn
	case pop > 0:
		k := opts.PopulationWeight
		// (m·own + k·pop)/(m + k), written so that own == pop gives pop exactly
		interval = own + int64(math.Round(float64(pop-own)*(k/(float64(m)+k))))
		l.Source = SourceShrunk
		if m == 0 {
			l.Source = SourcePopulation
		}
	case m > 0:
		interval, l.Source = own, SourceOwn
	}
	if l.Source == SourceNone {
		if cancelled {
			l.State = Cancelled
			return l, nil
		}
		return Lapse{}, fmt.Errorf("%w: a single purchase and no PopulationInterval", ErrNoCycle)
	}
	interval = max(interval, int64(opts.MinInterval))
	l.Interval = time.Duration(interval)
	l.ExpectedNext = time.Unix(0, s.last+interval).In(loc)
	l.Overdue = float64(asOfN-s.last) / float64(interval)
	l.ByInterval = stateByRatio(l.Overdue, opts)
	if facts.HasPAlive {
		l.ByPAlive = stateByPAlive(facts.PAlive, opts)
	}
	l.State = max(l.ByInterval, l.ByPAlive)
	if cancelled {
		l.State = Cancelled
	}
	return l, nil
}

func stateByRatio(r float64, o *StatusOptions) State {
	switch {
	case r >= o.Lost:
		return Lost
	case r >= o.Lapsed:
		return Lapsed
	case r >= o.AtRisk:
		return AtRisk
	}
	return Active
}

func stateByPAlive(p float64, o *StatusOptions) State {
	switch {
	case p < o.PAliveLost:
		return Lost
	case p < o.PAliveLapsed:
		return Lapsed
	case p < o.PAliveAtRisk:
		return AtRisk
	}
	return Active
}

// MeanInterval returns the mean inter-purchase time of the purchases on or
// before asOf, (last − first)/(n − 1), and the number of intervals n − 1.
// Fewer than two purchases give ErrNoCycle.
func MeanInterval(purchases []Purchase, asOf time.Time) (time.Duration, int, error) {
	if err := checkAsOf(asOf); err != nil {
		return 0, 0, err
	}
	h := History{Purchases: purchases}
	s, err := collect(&h, nanos(asOf), nil)
	if err != nil {
		return 0, 0, err
	}
	if s.purchases < 2 {
		return 0, 0, fmt.Errorf("%w: %d purchase(s) on or before %s", ErrNoCycle, s.purchases, asOf.Format(time.DateOnly))
	}
	m := int64(s.purchases - 1)
	return time.Duration((s.last - s.first) / m), int(m), nil
}

// PopulationInterval returns the median of the mean inter-purchase times of
// all customers with at least two purchases on or before asOf (the mean of
// the two middle values for an even count). Use it as
// StatusOptions.PopulationInterval. Customers with fewer purchases are
// skipped; if none remains the error is ErrNoCycle. An invalid purchase gives
// ErrInvalidInput naming the customer, e.g. "customers[4]: purchases[0].Date".
func PopulationInterval(customers iter.Seq[[]Purchase], asOf time.Time) (time.Duration, error) {
	if err := checkAsOf(asOf); err != nil {
		return 0, err
	}
	var means []int64
	i := 0
	for ps := range customers {
		d, _, err := MeanInterval(ps, asOf)
		switch {
		case err == nil:
			means = append(means, int64(d))
		case errIsNoCycle(err):
		default:
			if fe, ok := err.(*InputError); ok {
				return 0, check.New(ErrInvalidInput, fmt.Sprintf("customers[%d]: %s", i, fe.Field), "%s", fe.Reason)
			}
			return 0, err
		}
		i++
	}
	if len(means) == 0 {
		return 0, fmt.Errorf("%w: no customer with two purchases among %d", ErrNoCycle, i)
	}
	slices.Sort(means)
	n := len(means)
	if n%2 == 1 {
		return time.Duration(means[n/2]), nil
	}
	a, b := means[n/2-1], means[n/2]
	return time.Duration(a + (b-a)/2), nil
}
