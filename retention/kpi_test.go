package retention

import (
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
)

// TestNPS checks the net promoter score against counts done by hand: the
// definition is the share of answers 9–10 minus the share of answers 0–6.
func TestNPS(t *testing.T) {
	for _, tc := range []struct {
		answers []int
		want    float64
	}{
		{[]int{10, 9, 8, 7, 6, 0}, 0},            // 2 promoters, 2 detractors of 6
		{[]int{10, 10, 10, 9, 8, 7, 3, 0}, 0.25}, // (4 − 2) / 8
		{[]int{9}, 1},                            // 9 is the lowest promoter answer
		{[]int{8}, 0},                            // 8 is passive
		{[]int{7}, 0},                            // 7 is the lowest passive answer
		{[]int{6}, -1},                           // 6 is the highest detractor answer
		{[]int{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, -5.0 / 11}, // (2 − 7) / 11
	} {
		got, err := NPS(tc.answers)
		if err != nil {
			t.Errorf("NPS(%v): %v", tc.answers, err)
			continue
		}
		if !near(got, tc.want) {
			t.Errorf("NPS(%v) = %v, want %v", tc.answers, got, tc.want)
		}
	}
	// (4 − 2) / 8, the second case above, from its counts.
	if got, err := NPSFromCounts(4, 2, 2); err != nil || !near(got, 0.25) {
		t.Errorf("NPSFromCounts(4, 2, 2) = %v, %v, want 0.25", got, err)
	}
}

func TestNPSGroupText(t *testing.T) {
	for g, id := range map[NPSGroup]string{Detractor: "detractor", Passive: "passive", Promoter: "promoter"} {
		b, err := json.Marshal(g)
		if err != nil || string(b) != `"`+id+`"` {
			t.Errorf("json.Marshal(%d) = %s, %v, want %q", g, b, err, id)
		}
		var back NPSGroup
		if err := json.Unmarshal(b, &back); err != nil || back != g {
			t.Errorf("round trip of %s = %v, %v", id, back, err)
		}
	}
	var g NPSGroup
	if err := g.UnmarshalText([]byte("fan")); err == nil {
		t.Error(`UnmarshalText("fan") succeeded`)
	}
	if _, err := NPSGroup(3).MarshalText(); err == nil {
		t.Error("MarshalText(3) succeeded")
	}
	if got := NPSGroup(7).String(); got != "retention.NPSGroup(7)" {
		t.Errorf("String(7) = %q", got)
	}
	if g, err := GroupOf(9); err != nil || g != Promoter {
		t.Errorf("GroupOf(9) = %v, %v", g, err)
	}
}

// TestBoundaries: the edges of the valid range are valid (independent:
// (250 − 50) / 200 = 1, (50 − 50) / 200 = 0, 500 / 500 = 1).
func TestBoundaries(t *testing.T) {
	for _, tc := range []struct {
		name    string
		v, want float64
	}{
		{"CRR all kept", first2(RetentionRate(200, 250, 50)), 1},
		{"CRR none kept", first2(RetentionRate(200, 50, 50)), 0},
		{"churn all lost", first2(ChurnRate(500, 500)), 1},
		{"win-back none", first2(WinBackRate(0, 100)), 0},
	} {
		if !near(tc.v, tc.want) {
			t.Errorf("%s = %v, want %v", tc.name, tc.v, tc.want)
		}
	}
}

func first2(v float64, err error) float64 {
	if err != nil {
		panic(err)
	}
	return v
}

// TestMessageRates: independent computations, 3 / 1000 and 1 / 4.
func TestMessageRates(t *testing.T) {
	if got, err := UnsubscribeRate(3, 1000); err != nil || !near(got, 0.003) {
		t.Errorf("UnsubscribeRate(3, 1000) = %v, %v", got, err)
	}
	if got, err := ComplaintRate(1, 4); err != nil || !near(got, 0.25) {
		t.Errorf("ComplaintRate(1, 4) = %v, %v", got, err)
	}
}

// TestMoneyRounding checks the documented scale: half away from zero at 2
// places (independent: 100 / 3 = 33.333…, 2 / 3 = 0.666…, 0.125 × 1 = 0.125).
func TestMoneyRounding(t *testing.T) {
	d := decimal.RequireFromString
	for _, tc := range []struct {
		name string
		got  decimal.Decimal
		err  error
		want string
	}{
		{"AOV 100/3", first(AverageOrderValue(d("100"), 3)), nil, "33.33"},
		{"revenue/reactivated 2/3", first(RevenuePerReactivated(d("2"), 3)), nil, "0.67"},
		{"CV 0.125×1", first(CustomerValue(d("0.125"), 1)), nil, "0.13"},
		{"CLV 10×0.5", first(FormulaCLV(d("10"), 0.5)), nil, "5"},
		{"cost 1/8", first(CostPerWinBack(d("1"), 8)), nil, "0.13"},
	} {
		if !tc.got.Equal(d(tc.want)) {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}

func first(d decimal.Decimal, err error) decimal.Decimal {
	if err != nil {
		panic(err)
	}
	return d
}

func TestSummarizeWaitsEvenMedianAndInputUntouched(t *testing.T) {
	waits := []time.Duration{4, 1, 3, 2}
	s, err := SummarizeWaits(waits)
	if err != nil {
		t.Fatal(err)
	}
	// Independent: sorted 1 2 3 4, median (2 + 3) / 2 = 2.5 → 2 (integer ns, toward the lower),
	// mean 10 / 4 = 2.5 → 3 (rounded half away from zero).
	if s.Median != 2 || s.Mean != 3 || s.Min != 1 || s.Max != 4 || s.Buyers != 4 {
		t.Errorf("SummarizeWaits = %+v", s)
	}
	if waits[0] != 4 || waits[3] != 2 {
		t.Errorf("input modified: %v", waits)
	}
}

// TestSummarizeWaitsDoesNotOverflow: three waits of 250 years sum to more
// than the int64 nanoseconds of a time.Duration; the mean of equal waits is
// the wait itself, and the mean of 250 and 251 years is 250.5 years.
func TestSummarizeWaitsDoesNotOverflow(t *testing.T) {
	year := 365 * 24 * time.Hour
	s, err := SummarizeWaits([]time.Duration{250 * year, 250 * year, 250 * year})
	if err != nil || s.Mean != 250*year {
		t.Errorf("mean of 3 × 250 years = %v, %v", s.Mean, err)
	}
	s, err = SummarizeWaits([]time.Duration{250 * year, 251 * year})
	if err != nil || s.Mean != 250*year+year/2 || s.Median != s.Mean {
		t.Errorf("mean of 250 and 251 years = %v (median %v), %v", s.Mean, s.Median, err)
	}
}

// TestRevenueGrowthOutOfFloatRange: a growth beyond float64 is an error,
// not +Inf.
func TestRevenueGrowthOutOfFloatRange(t *testing.T) {
	_, err := RevenueGrowth(decimal.New(1, -400), decimal.New(1, 400))
	var ie *InputError
	if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != "after" {
		t.Errorf("RevenueGrowth(1e-400, 1e400) error = %v", err)
	}
}

// TestErrors checks that each undefined or impossible input returns an
// *InputError naming the field, matching the right sentinel.
func TestErrors(t *testing.T) {
	d := decimal.RequireFromString
	t0 := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	errOf := func(_ any, err error) error { return err }
	for _, tc := range []struct {
		name  string
		err   error
		want  error
		field string
	}{
		{"CRR S=0", errOf(RetentionRate(0, 10, 10)), ErrUndefined, "start"},
		{"CRR S<0", errOf(RetentionRate(-1, 10, 10)), ErrInvalidInput, "start"},
		{"CRR E<0", errOf(RetentionRate(5, -1, 0)), ErrInvalidInput, "end"},
		{"CRR N<0", errOf(RetentionRate(5, 5, -1)), ErrInvalidInput, "newCustomers"},
		{"CRR E<N", errOf(RetentionRate(200, 40, 50)), ErrInvalidInput, "end"},
		{"CRR E−N>S", errOf(RetentionRate(200, 260, 50)), ErrInvalidInput, "end"},
		{"CRR E−N=S+1", errOf(RetentionRate(200, 251, 50)), ErrInvalidInput, "end"},
		{"churn S=0", errOf(ChurnRate(0, 0)), ErrUndefined, "start"},
		{"churn lost>S", errOf(ChurnRate(501, 500)), ErrInvalidInput, "lost"},
		{"churn lost<0", errOf(ChurnRate(-1, 500)), ErrInvalidInput, "lost"},
		{"RPR no customers", errOf(RepeatPurchaseRate(0, 0)), ErrUndefined, "customers"},
		{"RPR repeaters>customers", errOf(RepeatPurchaseRate(9, 8)), ErrInvalidInput, "repeaters"},
		{"PF no customers", errOf(PurchaseFrequency(4, 0)), ErrUndefined, "customers"},
		{"PF purchases<0", errOf(PurchaseFrequency(-4, 2)), ErrInvalidInput, "purchases"},
		{"AOV no orders", errOf(AverageOrderValue(d("10"), 0)), ErrUndefined, "orders"},
		{"AOV revenue<0", errOf(AverageOrderValue(d("-10"), 2)), ErrInvalidInput, "revenue"},
		{"CV aov<0", errOf(CustomerValue(d("-1"), 2)), ErrInvalidInput, "aov"},
		{"CV frequency NaN", errOf(CustomerValue(d("1"), nan())), ErrInvalidInput, "frequency"},
		{"CV frequency<0", errOf(CustomerValue(d("1"), -2)), ErrInvalidInput, "frequency"},
		{"CLV value<0", errOf(FormulaCLV(d("-1"), 2)), ErrInvalidInput, "customerValue"},
		{"CLV lifespan Inf", errOf(FormulaCLV(d("1"), inf())), ErrInvalidInput, "lifespan"},
		{"win-back nobody approached", errOf(WinBackRate(0, 0)), ErrUndefined, "approached"},
		{"win-back won>approached", errOf(WinBackRate(21, 20)), ErrInvalidInput, "wonBack"},
		{"cost nobody won", errOf(CostPerWinBack(d("5000"), 0)), ErrUndefined, "wonBack"},
		{"cost<0", errOf(CostPerWinBack(d("-1"), 3)), ErrInvalidInput, "cost"},
		{"revenue/reactivated none", errOf(RevenuePerReactivated(d("1"), 0)), ErrUndefined, "reactivated"},
		{"revenue/reactivated revenue<0", errOf(RevenuePerReactivated(d("-1"), 1)), ErrInvalidInput, "revenue"},
		{"sustained nobody won", errOf(SustainedReactivation(0, 0)), ErrUndefined, "wonBack"},
		{"sustained active>won", errOf(SustainedReactivation(21, 20)), ErrInvalidInput, "activeAfter"},
		{"growth before=0", errOf(RevenueGrowth(d("0"), d("10"))), ErrUndefined, "before"},
		{"growth before<0", errOf(RevenueGrowth(d("-1"), d("10"))), ErrInvalidInput, "before"},
		{"growth after<0", errOf(RevenueGrowth(d("1"), d("-10"))), ErrInvalidInput, "after"},
		{"unsubscribe nothing sent", errOf(UnsubscribeRate(0, 0)), ErrUndefined, "sent"},
		{"unsubscribe > sent", errOf(UnsubscribeRate(2, 1)), ErrInvalidInput, "unsubscribes"},
		{"complaint nothing sent", errOf(ComplaintRate(0, 0)), ErrUndefined, "sent"},
		{"complaint < 0", errOf(ComplaintRate(-1, 3)), ErrInvalidInput, "complaints"},
		{"NPS no answers", errOf(NPS(nil)), ErrUndefined, "answers"},
		{"NPS answer 11", errOf(NPS([]int{10, 11})), ErrInvalidInput, "answers[1]"},
		{"NPS answer -1", errOf(NPS([]int{-1})), ErrInvalidInput, "answers[0]"},
		{"NPS no respondents", errOf(NPSFromCounts(0, 0, 0)), ErrUndefined, "promoters+passives+detractors"},
		{"NPS passives<0", errOf(NPSFromCounts(1, -1, 0)), ErrInvalidInput, "passives"},
		{"GroupOf 11", errOf(GroupOf(11)), ErrInvalidInput, "answer"},
		{"wait zero contact", errOf(TimeToNextPurchase(time.Time{}, t0)), ErrInvalidInput, "contact"},
		{"wait zero order", errOf(TimeToNextPurchase(t0, time.Time{})), ErrInvalidInput, "firstOrder"},
		{"wait order before contact", errOf(TimeToNextPurchase(t0, t0.Add(-time.Hour))), ErrInvalidInput, "firstOrder"},
		{"waits nobody bought", errOf(SummarizeWaits(nil)), ErrUndefined, "waits"},
		{"waits negative", errOf(SummarizeWaits([]time.Duration{1, -1})), ErrInvalidInput, "waits[1]"},
	} {
		if !errors.Is(tc.err, tc.want) {
			t.Errorf("%s: error %v, want %v", tc.name, tc.err, tc.want)
			continue
		}
		var ie *InputError
		if !errors.As(tc.err, &ie) || ie.Field != tc.field {
			t.Errorf("%s: error %v, want field %q", tc.name, tc.err, tc.field)
		}
	}
}

func nan() float64 { z := 0.0; return z / z }
func inf() float64 { z := 0.0; return 1 / z }
