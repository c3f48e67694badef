package segment

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/kundenwert/winback/internal/check"
	"github.com/kundenwert/winback/internal/money"
	"github.com/shopspring/decimal"
)

// ExpectedRegainProfit returns the expected profit of a win-back campaign
// after Stauss & Friege (1999), "Regaining service customers", Journal of
// Service Research 1(4):347–361, in the simplified form of DOMAIN.md
// section 4:
//
//	profit = approached × winBackRate × secondLifetimeValue − cost
//
// approached is the number of lost customers addressed (≥ 0), winBackRate
// the share of them expected to return (in [0, 1]), secondLifetimeValue the
// average value of a won-back customer and cost the campaign's total cost
// (≥ 0). The result is rounded half away from zero to 2 decimal places.
func ExpectedRegainProfit(approached int, winBackRate float64, secondLifetimeValue, cost decimal.Decimal) (decimal.Decimal, error) {
	if approached < 0 {
		return decimal.Decimal{}, check.New(ErrInvalidInput, "approached", "must be ≥ 0, got %d", approached)
	}
	if err := check.Probability(ErrInvalidInput, "winBackRate", winBackRate); err != nil {
		return decimal.Decimal{}, err
	}
	if cost.IsNegative() {
		return decimal.Decimal{}, check.New(ErrInvalidInput, "cost", "must be ≥ 0, got %s", cost)
	}
	regain := decimal.NewFromInt(int64(approached)).Mul(decimal.NewFromFloat(winBackRate)).Mul(secondLifetimeValue)
	return regain.Sub(cost).Round(money.Places), nil
}

// Candidate is one lost customer considered for a campaign.
type Candidate struct {
	// Value is the customer's value if won back (second lifetime value).
	Value decimal.Decimal `json:"value"`
	// Prob is the probability that the approach wins the customer back,
	// in [0, 1].
	Prob float64 `json:"prob"`
	// Cost is the cost of approaching this customer, ≥ 0.
	Cost decimal.Decimal `json:"cost"`
}

// Ranked is a candidate with its expected profit; Index is its position in
// the input slice.
type Ranked struct {
	Index          int             `json:"index"`
	ExpectedProfit decimal.Decimal `json:"expected_profit"` // Prob × Value − Cost, rounded to 2 places
	Cost           decimal.Decimal `json:"cost"`
}

// expectedProfit is the campaign formula for one customer (approached = 1).
func (c Candidate) expectedProfit() decimal.Decimal {
	return c.Value.Mul(decimal.NewFromFloat(c.Prob)).Sub(c.Cost).Round(money.Places)
}

func rankAll(cs []Candidate) ([]Ranked, error) {
	rs := make([]Ranked, len(cs))
	for i, c := range cs {
		if err := check.Probability(ErrInvalidInput, fmt.Sprintf("candidates[%d].Prob", i), c.Prob); err != nil {
			return nil, err
		}
		if c.Cost.IsNegative() {
			return nil, check.New(ErrInvalidInput, fmt.Sprintf("candidates[%d].Cost", i), "must be ≥ 0, got %s", c.Cost)
		}
		rs[i] = Ranked{Index: i, ExpectedProfit: c.expectedProfit(), Cost: c.Cost}
	}
	return rs, nil
}

// RankByExpectedProfit returns all candidates ordered by expected profit,
// highest first; equal profits keep input order.
func RankByExpectedProfit(cs []Candidate) ([]Ranked, error) {
	rs, err := rankAll(cs)
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(rs, func(a, b Ranked) int { return cmpDecimal(b.ExpectedProfit, a.ExpectedProfit) })
	return rs, nil
}

// Selection is the outcome of SelectWithinBudget.
type Selection struct {
	Chosen         []Ranked        `json:"chosen"`          // in greedy order
	Cost           decimal.Decimal `json:"cost"`            // total cost of Chosen, never above the budget
	ExpectedProfit decimal.Decimal `json:"expected_profit"` // total expected profit of Chosen
}

// SelectWithinBudget chooses whom to approach with a total budget.
//
// It is the greedy heuristic for the 0/1 knapsack problem: only candidates
// with positive expected profit are considered, in the greedy order
//
//  1. expected profit per unit of cost, highest first (computed in
//     float64; a free approach with positive profit ranks first),
//  2. then expected profit, highest first,
//  3. then input order;
//
// and each one is chosen if its cost still fits the remaining budget,
// otherwise skipped (the walk goes on, so a cheaper candidate further down
// may still be chosen). The total cost never exceeds the budget. The
// selection is optimal when all costs are equal; in general it is the
// greedy answer, not the knapsack optimum.
func SelectWithinBudget(cs []Candidate, budget decimal.Decimal) (Selection, error) {
	if budget.IsNegative() {
		return Selection{}, check.New(ErrInvalidInput, "budget", "must be ≥ 0, got %s", budget)
	}
	rs, err := rankAll(cs)
	if err != nil {
		return Selection{}, err
	}
	type keyed struct {
		Ranked
		ratio float64
	}
	ks := make([]keyed, 0, len(rs))
	for _, r := range rs {
		if !r.ExpectedProfit.IsPositive() {
			continue
		}
		ratio := math.Inf(1)
		if r.Cost.IsPositive() {
			ratio = r.ExpectedProfit.InexactFloat64() / r.Cost.InexactFloat64()
		}
		ks = append(ks, keyed{r, ratio})
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if c := cmp.Compare(b.ratio, a.ratio); c != 0 {
			return c
		}
		if c := cmpDecimal(b.ExpectedProfit, a.ExpectedProfit); c != 0 {
			return c
		}
		return cmp.Compare(a.Index, b.Index)
	})
	sel := Selection{Cost: decimal.Zero, ExpectedProfit: decimal.Zero}
	for _, k := range ks {
		if next := sel.Cost.Add(k.Cost); next.Cmp(budget) <= 0 {
			sel.Chosen = append(sel.Chosen, k.Ranked)
			sel.Cost = next
			sel.ExpectedProfit = sel.ExpectedProfit.Add(k.ExpectedProfit)
		}
	}
	return sel, nil
}
