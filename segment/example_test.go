package segment_test

import (
	"encoding/json"
	"fmt"

	"github.com/kundenwert/winback/segment"
	"github.com/shopspring/decimal"
)

// A lost customer's quadrant, expected regain and budget cap.
func ExampleTreatments_Recommend() {
	th := segment.Thresholds{Value: decimal.RequireFromString("250"), Prob: 0.15}
	rec, err := segment.DefaultTreatments().Recommend(decimal.RequireFromString("400"), 0.2, th, 2)
	if err != nil {
		panic(err)
	}
	fmt.Println(rec.Quadrant, rec.Treatment.Contact, rec.RecoveryValue.StringFixed(2), rec.BudgetCap.StringFixed(2))
	// Output: star personal 80.00 40.00
}

// Thresholds at the 80th percentile of value and the median probability of
// the shop's own lost customers.
func ExamplePercentileThresholds() {
	values := []decimal.Decimal{
		decimal.RequireFromString("120"), decimal.RequireFromString("80"), decimal.RequireFromString("950"),
		decimal.RequireFromString("300"), decimal.RequireFromString("40"),
	}
	probs := []float64{0.05, 0.3, 0.1, 0.6, 0.25}
	th, err := segment.PercentileThresholds(values, probs, 80, 50)
	if err != nil {
		panic(err)
	}
	for i, v := range values {
		fmt.Println(v, probs[i], segment.Classify(v, probs[i], th))
	}
	// Output:
	// 120 0.05 loss
	// 80 0.3 windfall
	// 950 0.1 question
	// 300 0.6 star
	// 40 0.25 windfall
}

// The campaign of seed 003: 100 lost customers approached, 20 % won back,
// 400 € second lifetime value, 5000 € cost.
func ExampleExpectedRegainProfit() {
	p, err := segment.ExpectedRegainProfit(100, 0.2, decimal.NewFromInt(400), decimal.NewFromInt(5000))
	if err != nil {
		panic(err)
	}
	fmt.Println(p.StringFixed(2))
	// Output: 3000.00
}

func ExampleSelectWithinBudget() {
	cs := []segment.Candidate{
		{Value: decimal.NewFromInt(1000), Prob: 0.5, Cost: decimal.NewFromInt(100)},
		{Value: decimal.NewFromInt(1000), Prob: 0.2, Cost: decimal.NewFromInt(50)},
		{Value: decimal.NewFromInt(100), Prob: 0.9, Cost: decimal.NewFromInt(10)},
	}
	sel, err := segment.SelectWithinBudget(cs, decimal.NewFromInt(120))
	if err != nil {
		panic(err)
	}
	for _, r := range sel.Chosen {
		fmt.Println(r.Index, r.ExpectedProfit.StringFixed(2))
	}
	fmt.Println("cost", sel.Cost.StringFixed(2), "profit", sel.ExpectedProfit.StringFixed(2))
	// Output:
	// 2 80.00
	// 0 400.00
	// cost 110.00 profit 480.00
}

func ExampleScoreRFMQuintiles() {
	var cs []segment.RFMCustomer
	for i := 1; i <= 5; i++ {
		cs = append(cs, segment.RFMCustomer{
			Recency:   float64(10 * i), // days since the last order
			Frequency: float64(6 - i),  // orders
			Monetary:  decimal.NewFromInt(int64(50 * (6 - i))),
		})
	}
	scores, err := segment.ScoreRFMQuintiles(cs)
	if err != nil {
		panic(err)
	}
	for _, s := range scores {
		seg, _ := s.Segment()
		fmt.Println(s, seg)
	}
	counts, _ := segment.CountSegments(scores)
	js, _ := json.Marshal(counts)
	fmt.Println(string(js))
	// Output:
	// 555 champions
	// 444 loyal
	// 333 need_attention
	// 222 hibernating
	// 111 hibernating
	// {"about_to_sleep":0,"at_risk":0,"cant_lose_them":0,"champions":1,"hibernating":2,"loyal":1,"need_attention":1,"new_customers":0,"potential_loyalists":0,"promising":0}
}

func ExampleRFMEdges_Score() {
	e := segment.RFMEdges{
		Recency:   [4]float64{30, 90, 180, 365}, // days
		Frequency: [4]float64{1, 2, 4, 8},
		Monetary: [4]decimal.Decimal{decimal.NewFromInt(50), decimal.NewFromInt(100),
			decimal.NewFromInt(250), decimal.NewFromInt(500)},
	}
	s, err := e.Score(segment.RFMCustomer{Recency: 200, Frequency: 6, Monetary: decimal.RequireFromString("310.90")})
	if err != nil {
		panic(err)
	}
	seg, _ := s.Segment()
	fmt.Println(s, seg)
	// Output: 244 at_risk
}

func ExampleWorthiness() {
	rules := segment.DefaultWorthinessRules()
	rules.MinValue = decimal.NewFromInt(1000)
	v, err := segment.Worthiness(segment.Profile{
		Value:     decimal.NewFromInt(150),
		Margin:    decimal.NewFromInt(30),
		Referrals: 12,
		Orders:    4,
	}, rules)
	if err != nil {
		panic(err)
	}
	js, _ := json.Marshal(v)
	fmt.Println(string(js))
	// Output: {"worth":true,"reasons":["multiplier"]}
}
