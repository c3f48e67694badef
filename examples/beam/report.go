package main

import (
	"encoding/json"
	"fmt"
	"maps"

	"github.com/shopspring/decimal"
)

// Report is the summary of a run (summary.json): how many customers were
// decided, counted per lapse status, quadrant, churn type, action and
// channel, and the budget the contacting actions may spend (the sum of
// their budget caps).
type Report struct {
	Customers   int            `json:"customers"`
	Decided     int            `json:"decided"`
	Undecided   int            `json:"undecided"` // no purchase on or before the decision date
	ByStatus    map[string]int `json:"by_status"`
	ByQuadrant  map[string]int `json:"by_quadrant"`
	ByChurnType map[string]int `json:"by_churn_type"`
	ByAction    map[string]int `json:"by_action"`
	ByChannel   map[string]int `json:"by_channel"`
	Contacting  int            `json:"contacting"`
	BudgetUsed  string         `json:"budget_used"`
}

func newReport() Report {
	return Report{ByStatus: map[string]int{}, ByQuadrant: map[string]int{}, ByChurnType: map[string]int{},
		ByAction: map[string]int{}, ByChannel: map[string]int{}, BudgetUsed: "0"}
}

// add counts one outcome into r.
func (r Report) add(o outcome) (Report, error) {
	r.Customers++
	if !o.Decided {
		r.Undecided++
		return r, nil
	}
	r.Decided++
	r.ByStatus[o.Status]++
	r.ByQuadrant[o.Quadrant]++
	r.ByChurnType[o.ChurnType]++
	r.ByAction[o.Action]++
	r.ByChannel[o.Channel]++
	if o.Budget != "" {
		r.Contacting++
		return r.addBudget(o.Budget)
	}
	return r, nil
}

func (r Report) addBudget(s string) (Report, error) {
	a, err := decimal.NewFromString(r.BudgetUsed)
	if err != nil {
		return r, fmt.Errorf("report budget %q: %w", r.BudgetUsed, err)
	}
	b, err := decimal.NewFromString(s)
	if err != nil {
		return r, fmt.Errorf("decision budget %q: %w", s, err)
	}
	r.BudgetUsed = a.Add(b).String()
	return r, nil
}

// merge adds the counts of b to r.
func (r Report) merge(b Report) (Report, error) {
	r.Customers += b.Customers
	r.Decided += b.Decided
	r.Undecided += b.Undecided
	r.Contacting += b.Contacting
	for _, p := range [][2]map[string]int{{r.ByStatus, b.ByStatus}, {r.ByQuadrant, b.ByQuadrant},
		{r.ByChurnType, b.ByChurnType}, {r.ByAction, b.ByAction}, {r.ByChannel, b.ByChannel}} {
		for k, v := range p[1] {
			p[0][k] += v
		}
	}
	return r.addBudget(b.BudgetUsed)
}

// clone returns a deep copy, so that a report used as an accumulator is
// never shared.
func (r Report) clone() Report {
	r.ByStatus, r.ByQuadrant, r.ByChurnType = maps.Clone(r.ByStatus), maps.Clone(r.ByQuadrant), maps.Clone(r.ByChurnType)
	r.ByAction, r.ByChannel = maps.Clone(r.ByAction), maps.Clone(r.ByChannel)
	return r
}

// reportFn is the global CombineFn that counts the outcomes.
type reportFn struct{}

func (reportFn) CreateAccumulator() Report { return newReport() }

func (reportFn) AddInput(r Report, o outcome) (Report, error) { return r.add(o) }

func (reportFn) MergeAccumulators(a, b Report) (Report, error) { return a.clone().merge(b) }

func (reportFn) ExtractOutput(r Report) (string, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	return string(b), err
}

// encodeReport, decodeReport, encodeOutcome and decodeOutcome are the
// coders of Report and outcome (JSON).
func encodeReport(r Report) ([]byte, error) { return json.Marshal(r) }

func decodeReport(b []byte) (Report, error) {
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return Report{}, err
	}
	for _, m := range []*map[string]int{&r.ByStatus, &r.ByQuadrant, &r.ByChurnType, &r.ByAction, &r.ByChannel} {
		if *m == nil {
			*m = map[string]int{}
		}
	}
	if r.BudgetUsed == "" {
		r.BudgetUsed = "0"
	}
	return r, nil
}

func encodeOutcome(o outcome) ([]byte, error) { return json.Marshal(o) }

func decodeOutcome(b []byte) (outcome, error) {
	var o outcome
	err := json.Unmarshal(b, &o)
	return o, err
}
