package winback

import (
	"cmp"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// PlanOptions tune Plan. The zero value decides for everyone with no budget
// limit and no holdout group.
type PlanOptions struct {
	// Budget is the total the campaign may spend on contacts and
	// incentives, ≥ 0; zero means no limit.
	Budget decimal.Decimal `json:"budget"`
	// HoldoutShare is the share of the selected customers kept as a
	// control group (decided for but not contacted), in [0, 1).
	HoldoutShare float64 `json:"holdout_share"`
	// Seed makes the holdout assignment reproducible (see InHoldout).
	Seed uint64 `json:"seed"`
	// Workers is the number of goroutines deciding; zero means
	// runtime.GOMAXPROCS(0).
	Workers int `json:"workers"`
	// ValuePercentile and ProbPercentile, when > 0, replace the policy's
	// quadrant thresholds by percentiles (nearest rank, in (0, 100]) of
	// the values and win-back probabilities of the customers who are not
	// active (all customers when everyone is active); see
	// segment.PercentileThresholds. Campaign.Thresholds reports the
	// thresholds used.
	ValuePercentile float64 `json:"value_percentile"`
	ProbPercentile  float64 `json:"prob_percentile"`
}

// Entry is one customer of a campaign plan.
type Entry struct {
	Decision Decision `json:"decision"`
	// Cost is what approaching the customer costs: the contact cost of the
	// action's mode plus the incentive budget cap; zero unless the action
	// contacts.
	Cost decimal.Decimal `json:"cost"`
	// ExpectedProfit is RecoveryValue − Cost (Stauss & Friege 1999: the
	// expected regain of one approach).
	ExpectedProfit decimal.Decimal `json:"expected_profit"`
	// Rank orders the entries by expected profit, 1 the highest.
	Rank int `json:"rank"`
	// Selected is true for the customers chosen within the budget;
	// Holdout for the selected ones kept as control group (not contacted).
	Selected bool `json:"selected"`
	Holdout  bool `json:"holdout"`
}

// Contacted reports whether the entry is to be contacted: selected and not
// held out.
func (e Entry) Contacted() bool { return e.Selected && !e.Holdout }

// PlanSummary counts a campaign plan.
type PlanSummary struct {
	Customers   int                      `json:"customers"`
	Skipped     int                      `json:"skipped"` // customers without a purchase on or before the date
	ByQuadrant  map[segment.Quadrant]int `json:"by_quadrant"`
	ByChurnType map[churn.Type]int       `json:"by_churn_type"`
	ByAction    map[Action]int           `json:"by_action"`
	Eligible    int                      `json:"eligible"` // customers whose action contacts
	Selected    int                      `json:"selected"`
	Holdout     int                      `json:"holdout"`
	Contacted   int                      `json:"contacted"`
	// BudgetUsed is the cost of the contacted customers; ExpectedProfit
	// their expected profit.
	BudgetUsed     decimal.Decimal `json:"budget_used"`
	ExpectedProfit decimal.Decimal `json:"expected_profit"`
}

// Campaign is a plan: every customer's entry, ranked, and the summary.
type Campaign struct {
	AsOf       time.Time          `json:"as_of"`
	Thresholds segment.Thresholds `json:"thresholds"`
	Entries    []Entry            `json:"entries"` // by Rank
	Summary    PlanSummary        `json:"summary"`
}

// Plan decides for every customer of a population streamed as
// iter.Seq2[Customer, error], ranks the decisions by expected regain
// profit, selects whom to approach within the budget (the greedy order of
// segment.SelectWithinBudget: profit per cost), and holds out a
// deterministic random share of the selected customers as control group
// (InHoldout with the seed). Customers without a purchase on or before asOf
// are skipped and counted; any other error stops the plan and names the
// customer. Deciding runs on opts.Workers goroutines; the result does not
// depend on their number.
func Plan(customers iter.Seq2[Customer, error], m Models, p Policy, asOf time.Time, opts PlanOptions) (Campaign, error) {
	if err := validatePlan(m, p, asOf, opts); err != nil {
		return Campaign{}, err
	}
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	assessed, skipped, err := assessAll(customers, m, p, asOf, workers)
	if err != nil {
		return Campaign{}, err
	}
	if p.Thresholds, err = planThresholds(assessed, p.Thresholds, opts); err != nil {
		return Campaign{}, err
	}
	entries, err := finishAll(assessed, p, workers)
	if err != nil {
		return Campaign{}, err
	}
	if err := selectEntries(entries, opts); err != nil {
		return Campaign{}, err
	}
	entries = rankEntries(entries)
	c := Campaign{AsOf: asOf, Thresholds: p.Thresholds, Entries: entries, Summary: summarize(entries)}
	c.Summary.Skipped = skipped
	return c, nil
}

func validatePlan(m Models, p Policy, asOf time.Time, opts PlanOptions) error {
	if err := checkDecisionDate(asOf); err != nil {
		return err
	}
	if err := m.Validate(); err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return err
	}
	if opts.Budget.Sign() < 0 {
		return check.New(ErrInvalidInput, "opts.budget", "must be ≥ 0, got %s", opts.Budget)
	}
	if v := opts.ValuePercentile; !(v >= 0 && v <= 100) {
		return check.New(ErrInvalidInput, "opts.value_percentile", "must be in [0, 100], got %v", v)
	}
	if v := opts.ProbPercentile; !(v >= 0 && v <= 100) {
		return check.New(ErrInvalidInput, "opts.prob_percentile", "must be in [0, 100], got %v", v)
	}
	if !(opts.HoldoutShare >= 0 && opts.HoldoutShare < 1) {
		return check.New(ErrInvalidInput, "opts.holdout_share", "must be in [0, 1), got %v", opts.HoldoutShare)
	}
	return nil
}

type job struct {
	i int
	c Customer
}

type outcome struct {
	i   int
	a   *assessment
	err error
}

// assessAll assesses every customer on workers goroutines and returns the
// assessments in input order, without the skipped customers.
func assessAll(customers iter.Seq2[Customer, error], m Models, p Policy, asOf time.Time, workers int) ([]*assessment, int, error) {
	jobs := make(chan job, 4*workers)
	results := make(chan outcome, 4*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var s decideState
			for j := range jobs {
				a := new(assessment)
				err := assessOne(&s, a, &j.c, m, p, asOf)
				results <- outcome{j.i, a, err}
			}
		}()
	}
	var feedErr error
	go func() {
		defer close(jobs)
		i := 0
		for c, err := range customers {
			if err != nil {
				feedErr = fmt.Errorf("customers[%d]: %w", i, err)
				return
			}
			jobs <- job{i, c}
			i++
		}
	}()
	go func() { wg.Wait(); close(results) }()
	var out []*assessment
	var ok []bool
	skipped := 0
	var firstErr error
	for r := range results {
		if r.i >= len(out) {
			out = slices.Grow(out, r.i+1-len(out))[:r.i+1]
			ok = slices.Grow(ok, r.i+1-len(ok))[:r.i+1]
		}
		switch {
		case r.err == nil:
			out[r.i], ok[r.i] = r.a, true
		case errors.Is(r.err, ErrUndefined):
			skipped++
		case firstErr == nil:
			firstErr = fmt.Errorf("customers[%d] (%s): %w", r.i, r.a.d.CustomerID, r.err)
		}
	}
	if feedErr != nil {
		return nil, 0, feedErr
	}
	if firstErr != nil {
		return nil, 0, firstErr
	}
	n := 0
	for i := range out {
		if ok[i] {
			out[n] = out[i]
			n++
		}
	}
	return out[:n], skipped, nil
}

// finishAll finishes the assessments into entries on workers goroutines.
func finishAll(as []*assessment, p Policy, workers int) ([]Entry, error) {
	entries := make([]Entry, len(as))
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := len(as)*w/workers, len(as)*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				e := &entries[i]
				if err := as[i].finishInto(&e.Decision, p); err != nil {
					errs[w] = fmt.Errorf("customer %s: %w", as[i].d.CustomerID, err)
					return
				}
				as[i] = nil // let the assessment go as soon as it is finished
				e.price(p)
			}
		}()
	}
	wg.Wait()
	return entries, errors.Join(errs...)
}

func assessOne(s *decideState, a *assessment, c *Customer, m Models, p Policy, asOf time.Time) error {
	if err := c.validateBase(); err != nil {
		a.d.CustomerID = c.ID
		return err
	}
	return s.assess(a, c, m, p, asOf)
}

// planThresholds returns the policy's thresholds, or percentiles of the
// population's values and win-back probabilities when opts ask for them.
func planThresholds(as []*assessment, t segment.Thresholds, opts PlanOptions) (segment.Thresholds, error) {
	if opts.ValuePercentile == 0 && opts.ProbPercentile == 0 || len(as) == 0 {
		return t, nil
	}
	var values []decimal.Decimal
	var probs []float64
	for pass := 0; pass < 2 && len(values) == 0; pass++ {
		for _, a := range as {
			if pass == 1 || a.d.Status != churn.Active {
				values = append(values, a.d.Value)
				probs = append(probs, a.d.WinBackProbability)
			}
		}
	}
	pt, err := segment.PercentileThresholds(values, probs, opts.ValuePercentile, opts.ProbPercentile)
	if err != nil {
		return t, fmt.Errorf("percentile thresholds: %w", err)
	}
	if opts.ValuePercentile > 0 {
		t.Value = pt.Value
	}
	if opts.ProbPercentile > 0 {
		t.Prob = pt.Prob
	}
	return t, nil
}

// price sets the cost of approaching the customer and the expected profit.
func (e *Entry) price(p Policy) {
	d := &e.Decision
	e.Cost = decimal.Zero
	switch d.Action {
	case ActionAutomatedOffer:
		e.Cost = p.AutomatedCost.Add(d.BudgetCap)
	case ActionPersonalContact:
		e.Cost = p.PersonalCost.Add(d.BudgetCap)
	}
	e.ExpectedProfit = d.RecoveryValue.Sub(e.Cost)
}

// selectEntries marks the selected and held-out entries.
func selectEntries(entries []Entry, opts PlanOptions) error {
	var cands []segment.Candidate
	var at []int
	for i := range entries {
		if e := &entries[i]; e.Decision.Action.Contacts() {
			cands = append(cands, segment.Candidate{Value: e.Decision.Value, Prob: e.Decision.WinBackProbability, Cost: e.Cost})
			at = append(at, i)
		}
	}
	budget := opts.Budget
	if budget.Sign() == 0 {
		budget = totalCost(cands)
	}
	sel, err := segment.SelectWithinBudget(cands, budget)
	if err != nil {
		return fmt.Errorf("budget selection: %w", err)
	}
	for _, r := range sel.Chosen {
		e := &entries[at[r.Index]]
		e.Selected = true
		e.Holdout = InHoldout(e.Decision.CustomerID, opts.Seed, opts.HoldoutShare)
	}
	return nil
}

func totalCost(cs []segment.Candidate) decimal.Decimal {
	sum := decimal.Zero
	for _, c := range cs {
		sum = sum.Add(c.Cost)
	}
	return sum
}

// rankEntries returns the entries sorted by expected profit, highest
// first, ties by customer id, with their ranks. It sorts compact
// (profit, index) keys (exact decimals break float ties) and moves every
// entry once, in place.
func rankEntries(entries []Entry) []Entry {
	type key struct {
		profit float64
		i      int32
	}
	keys := make([]key, len(entries))
	for i := range entries {
		keys[i] = key{entries[i].ExpectedProfit.InexactFloat64(), int32(i)}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if a.profit != b.profit {
			return cmp.Compare(b.profit, a.profit)
		}
		ea, eb := &entries[a.i], &entries[b.i]
		if c := eb.ExpectedProfit.Cmp(ea.ExpectedProfit); c != 0 {
			return c
		}
		if c := cmp.Compare(ea.Decision.CustomerID, eb.Decision.CustomerID); c != 0 {
			return c
		}
		return cmp.Compare(a.i, b.i)
	})
	// Apply the permutation in place, cycle by cycle: every entry moves
	// once and no second array of entries is needed.
	done := make([]bool, len(entries))
	for start := range entries {
		if done[start] {
			continue
		}
		held := entries[start]
		j := start
		for {
			done[j] = true
			src := int(keys[j].i)
			if src == start {
				entries[j] = held
				break
			}
			entries[j] = entries[src]
			j = src
		}
	}
	for k := range entries {
		entries[k].Rank = k + 1
	}
	return entries
}

func summarize(entries []Entry) PlanSummary {
	s := PlanSummary{
		Customers:      len(entries),
		ByQuadrant:     map[segment.Quadrant]int{},
		ByChurnType:    map[churn.Type]int{},
		ByAction:       map[Action]int{},
		BudgetUsed:     decimal.Zero,
		ExpectedProfit: decimal.Zero,
	}
	for i := range entries {
		e := &entries[i]
		d := &e.Decision
		s.ByQuadrant[d.Quadrant]++
		s.ByChurnType[d.ChurnType]++
		s.ByAction[d.Action]++
		if d.Action.Contacts() {
			s.Eligible++
		}
		if e.Selected {
			s.Selected++
		}
		if e.Holdout {
			s.Holdout++
		}
		if e.Contacted() {
			s.Contacted++
			s.BudgetUsed = s.BudgetUsed.Add(e.Cost)
			s.ExpectedProfit = s.ExpectedProfit.Add(e.ExpectedProfit)
		}
	}
	return s
}
