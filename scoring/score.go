package scoring

import (
	"fmt"
	"math"
	"time"

	"github.com/kundenwert/winback/internal/check"
)

// Contribution is one firing of a rule in a score's trail.
type Contribution struct {
	RuleID string    // the rule that fired
	Date   time.Time // the event's date, or for an absence rule the end of the absence span
	// Raw is the rule's signed amount: +Points (add), −Points (subtract),
	// or the level Points (set).
	Raw float64
	// Applied is the change actually made to the score after capping (for
	// set: the new level, capped).
	Applied float64
	// Value is what the contribution is worth as of the result's date:
	// Applied·2^(−(asOf−Date)/HalfLife), or Applied when the rule does not
	// decay; 0 when Superseded.
	Value float64
	// Superseded is true when a later Set rule replaced the score.
	Superseded bool
}

// Crossing records that the score crossed a threshold.
type Crossing struct {
	Threshold string    // the threshold's name
	Action    string    // the threshold's action
	Direction Direction // the direction of the crossing
	// Date is when the crossing happened: the date of the contribution
	// that caused it, or, when decay alone carried the score across
	// between two contributions, the first second at which the crossed
	// level was reached.
	Date  time.Time
	Score float64 // the (capped) score at Date, after the crossing
}

// Result is a score as of a date with its explanation.
type Result struct {
	AsOf time.Time
	// Score is the capped score as of AsOf.
	Score float64
	// Unclamped is the sum of the trail's Values. It equals Score unless
	// rules with different half-lives drifted the sum beyond a cap after
	// the last contribution.
	Unclamped float64
	// Trail lists every firing in date order (rules in model order at
	// equal dates).
	Trail []Contribution
	// Crossings lists the threshold crossings in date order.
	Crossings []Crossing
}

// Score returns the score as of asOf from a customer's events, with the trail
// of contributions and the threshold crossings. since is when observation of
// the customer began (e.g. sign-up or first order): absence clocks start
// there. Events must be sorted by date (ties allowed), on or after since;
// events after asOf are ignored. Score validates m on every call.
func (m Model) Score(events []Event, since, asOf time.Time) (Result, error) {
	r := Result{Trail: make([]Contribution, 0, 32)}
	err := m.ScoreInto(&r, events, since, asOf)
	return r, err
}

// ScoreInto is Score writing into dst and reusing the capacity of
// dst.Trail and dst.Crossings, so that scoring many customers in a loop does
// not allocate once the slices have grown (for models of up to 16 rules).
// On error *dst is left reset.
func (m Model) ScoreInto(dst *Result, events []Event, since, asOf time.Time) error {
	dst.Trail = dst.Trail[:0]
	dst.Crossings = dst.Crossings[:0]
	dst.AsOf, dst.Score, dst.Unclamped = asOf, 0, 0
	var s scorer
	if err := s.init(m, since, asOf, true); err != nil {
		return err
	}
	s.trail, s.crossings = dst.Trail, dst.Crossings
	if err := s.run(events); err != nil {
		dst.Trail, dst.Crossings = s.trail[:0], s.crossings[:0]
		return err
	}
	dst.Score, dst.Unclamped = s.caps.clamp(s.sum()), s.sum()
	dst.Trail, dst.Crossings = s.trail, s.crossings
	return nil
}

// Value returns only the capped score as of asOf (no trail, no crossings);
// it does not allocate for models of up to 16 rules.
func (m Model) Value(events []Event, since, asOf time.Time) (float64, error) {
	var s scorer
	if err := s.init(m, since, asOf, false); err != nil {
		return 0, err
	}
	if err := s.run(events); err != nil {
		return 0, err
	}
	return s.caps.clamp(s.sum()), nil
}

// stackRules is the model size up to which the scorer keeps its state in
// fixed arrays (no heap allocation).
const stackRules = 16

// ruleState is the running state of one rule.
type ruleState struct {
	group    int           // index of the rule's half-life group
	lastFire time.Duration // offset of the last firing
	fired    bool          // whether the rule has fired
	due      time.Duration // absence rules: offset at which the next absence firing is due
}

// scorer evaluates a model over one event history. The score is kept as
// one running amount per distinct half-life ("group"), all as of tau. The
// per-rule and per-group state lives in fixed arrays for small models and
// in heap slices (big = true) otherwise; the scorer holds no pointer to
// stack memory so that it can stay on the stack itself.
type scorer struct {
	rules      []Rule
	thresholds []Threshold
	caps       caps
	since      time.Time
	sinceSec   int64         // since as Unix seconds …
	sinceNs    int64         // … and nanoseconds within the second
	asOf       time.Duration // offset of asOf from since
	tau        time.Duration // offset the amounts refer to
	groups     int           // number of half-life groups
	decays     bool          // some group decays
	record     bool          // keep trail and crossings
	trail      []Contribution
	crossings  []Crossing
	live       int           // index of the first trail entry not superseded
	nextDue    time.Duration // no absence rule is due before this offset

	big                bool
	stA                [stackRules]ruleState
	amountA, hlA, facA [stackRules]float64
	stH                []ruleState
	amountH, hlH, facH []float64
}

// state returns the per-rule states.
func (s *scorer) state() []ruleState {
	if s.big {
		return s.stH
	}
	return s.stA[:len(s.rules)]
}

// group returns the running amounts, half-lives (ns, 0 = none) and decay
// scratch factors of the groups.
func (s *scorer) group() (amount, hl, fac []float64) {
	if s.big {
		return s.amountH[:s.groups], s.hlH[:s.groups], s.facH[:s.groups]
	}
	return s.amountA[:s.groups], s.hlA[:s.groups], s.facA[:s.groups]
}

func (s *scorer) init(m Model, since, asOf time.Time, record bool) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if err := check.NotZeroTime(ErrInvalidInput, "since", since); err != nil {
		return err
	}
	if err := check.NotZeroTime(ErrInvalidInput, "asOf", asOf); err != nil {
		return err
	}
	if err := check.Ordered(ErrInvalidInput, "since", since, "asOf", asOf); err != nil {
		return err
	}
	span := asOf.Sub(since)
	if span > MaxSpan {
		return check.New(ErrInvalidInput, "asOf", "more than %v after since", MaxSpan)
	}
	s.rules, s.thresholds, s.caps = m.Rules, m.Thresholds, m.caps()
	s.since, s.asOf, s.record = since, span, record
	s.sinceSec, s.sinceNs = since.Unix(), int64(since.Nanosecond())
	n := len(m.Rules)
	if n > stackRules {
		s.big = true
		s.stH = make([]ruleState, n)
		s.amountH, s.hlH, s.facH = make([]float64, n), make([]float64, n), make([]float64, n)
	}
	st := s.state()
	_, hl, _ := s.group()
	hl = hl[:cap(hl)]
	for i := range m.Rules {
		r := &m.Rules[i]
		h := float64(r.HalfLife)
		g := -1
		for k, v := range hl[:s.groups] {
			if v == h {
				g = k
				break
			}
		}
		if g < 0 {
			g = s.groups
			hl[g] = h
			s.groups++
			s.decays = s.decays || h > 0
		}
		st[i] = ruleState{group: g, due: r.After}
	}
	return nil
}

func (s *scorer) sum() float64 {
	amount, _, _ := s.group()
	var t float64
	for _, a := range amount {
		t += a
	}
	return t
}

// sumAfter returns the unclamped score dt after tau.
func (s *scorer) sumAfter(dt time.Duration) float64 {
	amount, hl, _ := s.group()
	var t float64
	for g, a := range amount {
		if hl[g] > 0 {
			a *= math.Exp2(-float64(dt) / hl[g])
		}
		t += a
	}
	return t
}

func (s *scorer) run(events []Event) error {
	st := s.state()
	prev := time.Duration(-1)
	for i := range events {
		e := &events[i]
		off, where := s.offset(e.Date)
		if where > 0 {
			break // after asOf: ignored
		}
		if where < 0 || off < prev {
			return s.dateError(i, events)
		}
		for j := range e.Attrs {
			if a := &e.Attrs[j]; a.Numeric && (math.IsNaN(a.Num) || math.IsInf(a.Num, 0)) {
				return check.New(ErrInvalidInput, fmt.Sprintf("events[%d].Attrs[%d].Num", i, j), "must be a finite number, got %v", a.Num)
			}
		}
		prev = off
		if off > s.nextDue {
			s.fireAbsences(off, false)
		}
		for k := range s.rules {
			r := &s.rules[k]
			if !r.matches(e) {
				continue
			}
			if r.Trigger == OnAbsence {
				st[k].due = off + r.After
				continue
			}
			s.fire(k, off, e.Date)
		}
	}
	s.fireAbsences(s.asOf, true)
	s.advance(s.asOf)
	return nil
}

// offset returns the offset of t from since and where t lies: −1 before
// since, +1 after asOf, 0 in between (then the offset is valid). It works
// on Unix seconds and nanoseconds, which is much cheaper than time.Sub.
func (s *scorer) offset(t time.Time) (time.Duration, int) {
	sec, ns := t.Unix(), int64(t.Nanosecond())
	if sec < s.sinceSec || (sec == s.sinceSec && ns < s.sinceNs) {
		return 0, -1
	}
	if sec > s.sinceSec+int64(s.asOf/time.Second)+1 {
		return 0, 1
	}
	off := time.Duration((sec-s.sinceSec)*1e9 + ns - s.sinceNs)
	if off > s.asOf {
		return 0, 1
	}
	return off, 0
}

// dateError explains why events[i].Date is not acceptable.
func (s *scorer) dateError(i int, events []Event) error {
	field := fmt.Sprintf("events[%d].Date", i)
	d := events[i].Date
	switch {
	case d.IsZero():
		return check.New(ErrInvalidInput, field, "date is missing (zero time)")
	case d.Before(s.since):
		return check.New(ErrInvalidInput, field, "%s is before since %s", d.Format(time.RFC3339), s.since.Format(time.RFC3339))
	}
	return check.New(ErrInvalidInput, field, "%s is before events[%d].Date %s (events must be sorted by date)",
		d.Format(time.RFC3339), i-1, events[i-1].Date.Format(time.RFC3339))
}

// fireAbsences fires, in date order, every absence rule due before limit
// (or at limit when inclusive).
//
// It leaves nextDue at the earliest pending due date; resets by matching
// events only postpone dues, so a stale nextDue merely causes a needless
// scan.
func (s *scorer) fireAbsences(limit time.Duration, inclusive bool) {
	st := s.state()
	for {
		best := -1
		next := time.Duration(math.MaxInt64)
		for k := range s.rules {
			if s.rules[k].Trigger != OnAbsence {
				continue
			}
			d := st[k].due
			if d > limit || (d == limit && !inclusive) {
				next = min(next, d)
				continue
			}
			if best < 0 || d < st[best].due {
				best = k
			}
		}
		if best < 0 {
			s.nextDue = next
			return
		}
		d := st[best].due
		st[best].due = d + s.rules[best].After
		s.fire(best, d, s.since.Add(d))
	}
}

// fire applies rule k at offset off unless its window suppresses it.
func (s *scorer) fire(k int, off time.Duration, date time.Time) {
	r, st := &s.rules[k], &s.state()[k]
	if st.fired && r.Window > 0 && off < st.lastFire+r.Window {
		return
	}
	st.fired, st.lastFire = true, off
	s.advance(off)
	amount, hl, _ := s.group()
	before := s.sum()
	raw := r.signed()
	var applied float64
	if r.Op == Set {
		clear(amount)
		applied = s.caps.clamp(raw)
		amount[st.group] = applied
		if s.record {
			for i := s.live; i < len(s.trail); i++ {
				s.trail[i].Value, s.trail[i].Superseded = 0, true
			}
			s.live = len(s.trail)
		}
	} else {
		applied = s.caps.limit(raw, before)
		amount[st.group] += applied
	}
	if !s.record {
		return
	}
	value := applied
	if h := hl[st.group]; h > 0 {
		value *= math.Exp2(-float64(s.asOf-off) / h)
	}
	s.trail = append(s.trail, Contribution{RuleID: r.ID, Date: date, Raw: raw, Applied: applied, Value: value})
	s.cross(s.caps.clamp(before), s.caps.clamp(s.sum()), date)
}

// advance decays the amounts from tau to off, recording any crossing that
// decay alone causes on the way.
func (s *scorer) advance(off time.Duration) {
	if off <= s.tau {
		return
	}
	dt := off - s.tau
	if !s.decays {
		s.tau = off
		return
	}
	amount, hl, fac := s.group()
	for g := range fac {
		fac[g] = 1
		if hl[g] > 0 {
			fac[g] = math.Exp2(-float64(dt) / hl[g])
		}
	}
	if s.record && len(s.thresholds) > 0 {
		before := s.caps.clamp(s.sum())
		var after float64
		for g, a := range amount {
			after += a * fac[g]
		}
		after = s.caps.clamp(after)
		n := len(s.crossings)
		for i := range s.thresholds {
			t := &s.thresholds[i]
			if t.crossed(before, after) {
				s.bisect(t, before, dt)
			}
		}
		// Several thresholds crossed in one interval: keep date order.
		for i := n + 1; i < len(s.crossings); i++ {
			for j := i; j > n && s.crossings[j].Date.Before(s.crossings[j-1].Date); j-- {
				s.crossings[j], s.crossings[j-1] = s.crossings[j-1], s.crossings[j]
			}
		}
	}
	for g := range amount {
		amount[g] *= fac[g]
	}
	s.tau = off
}

// bisect dates a decay-driven crossing of t within (tau, tau+dt] to the
// second and records it.
func (s *scorer) bisect(t *Threshold, before float64, dt time.Duration) {
	lo, hi := time.Duration(0), dt
	for hi-lo > time.Second {
		mid := lo + (hi-lo)/2
		if t.crossed(before, s.caps.clamp(s.sumAfter(mid))) {
			hi = mid
		} else {
			lo = mid
		}
	}
	s.crossings = append(s.crossings, Crossing{
		Threshold: t.Name, Action: t.Action, Direction: t.Direction,
		Date: s.since.Add(s.tau + hi), Score: s.caps.clamp(s.sumAfter(hi)),
	})
}

// cross records the crossings caused by a contribution at date.
func (s *scorer) cross(before, after float64, date time.Time) {
	for i := range s.thresholds {
		t := &s.thresholds[i]
		if t.crossed(before, after) {
			s.crossings = append(s.crossings, Crossing{
				Threshold: t.Name, Action: t.Action, Direction: t.Direction, Date: date, Score: after,
			})
		}
	}
}
