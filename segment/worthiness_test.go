package segment

import (
	"slices"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

func TestWorthinessSeedExamples(t *testing.T) {
	// Seed 003, "Wann lohnt eine Kundenrückgewinnung?". The seed gives the
	// stories, not amounts: the amounts below are illustrative, chosen to
	// match each story; the expected verdict is the seed's.
	rules := DefaultWorthinessRules()
	rules.MinValue = dec("1000") // the bank's yearly revenue threshold
	tests := []struct {
		name        string
		p           Profile
		worth       bool
		wantReasons []Reason
	}{
		{
			// Karl Jansen: a dormant depot with two dividends a year; "you
			// can absorb his cancellation".
			"Karl Jansen", Profile{Value: dec("60"), Margin: dec("20"), Orders: 12},
			false, []Reason{ReasonNoGrounds},
		},
		{
			// Christina Schmidt: two to three five-figure trades a month;
			// the bank keeps her on the old terms.
			"Christina Schmidt", Profile{Value: dec("9000"), Margin: dec("6500"), Orders: 30},
			true, []Reason{ReasonHighValue},
		},
		{
			// Multiplier: a blogger who contributes little revenue but
			// talks about the shop ("Sind die Kund:innen wichtige
			// Multiplikator:innen?").
			"influencer", Profile{Value: dec("150"), Margin: dec("30"), Referrals: 12, Reviews: 40, Orders: 4},
			true, []Reason{ReasonMultiplier},
		},
		{
			// Prestige: a well-known company whose departure would send a
			// signal ("Haben die Kund:innen ein gewisses Prestige?").
			"prestige", Profile{Value: dec("400"), Margin: dec("80"), Prestige: true, Orders: 5},
			true, []Reason{ReasonPrestige},
		},
		{
			// Seed 001: no sense investing in customers who cost more than
			// they bring — even a famous, high-revenue multiplier.
			"unprofitable star", Profile{Value: dec("50000"), Margin: dec("-300"), Referrals: 10, Prestige: true, Orders: 50},
			false, []Reason{ReasonUnprofitable, ReasonHighValue, ReasonMultiplier, ReasonPrestige},
		},
		{
			// "Kund:innen, über die Sie nur spärliche Kenntnisse haben" —
			// one order is too little to judge under the default rules.
			"unknown", Profile{Value: dec("5000"), Margin: dec("900"), Orders: 1},
			false, []Reason{ReasonInsufficientData, ReasonHighValue},
		},
		{
			"zero margin", Profile{Value: dec("5000"), Margin: dec("0"), Orders: 9},
			false, []Reason{ReasonUnprofitable, ReasonHighValue},
		},
	}
	for _, tt := range tests {
		v, err := Worthiness(tt.p, rules)
		if err != nil {
			t.Fatal(err)
		}
		if v.Worth != tt.worth || !slices.Equal(v.Reasons, tt.wantReasons) {
			t.Errorf("%s: %+v, want worth=%v reasons %v", tt.name, v, tt.worth, tt.wantReasons)
		}
	}
}

func TestWorthinessHighMarginGround(t *testing.T) {
	rules := DefaultWorthinessRules()
	rules.MinValue = dec("10000")
	rules.MinMargin = dec("500")
	v, err := Worthiness(Profile{Value: dec("2000"), Margin: dec("800"), Orders: 3}, rules)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Worth || !slices.Equal(v.Reasons, []Reason{ReasonHighMargin}) {
		t.Errorf("%+v", v)
	}
}

func TestUnprofitableCustomerIsNeverWorthIt(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Profile{
			Value:     genMoney().Draw(t, "value"),
			Margin:    decimal.New(rapid.Int64Range(-100000, 0).Draw(t, "margin"), -2),
			Referrals: rapid.IntRange(0, 100).Draw(t, "referrals"),
			Reviews:   rapid.IntRange(0, 100).Draw(t, "reviews"),
			Prestige:  rapid.Bool().Draw(t, "prestige"),
			Orders:    rapid.IntRange(0, 100).Draw(t, "orders"),
		}
		r := WorthinessRules{
			MinValue:     genMoney().Draw(t, "minValue"),
			MinMargin:    genMoney().Draw(t, "minMargin"),
			MinReferrals: rapid.IntRange(0, 10).Draw(t, "minRef"),
			MinReviews:   rapid.IntRange(0, 10).Draw(t, "minRev"),
			MinOrders:    rapid.IntRange(0, 10).Draw(t, "minOrders"),
		}
		v, err := Worthiness(p, r)
		if err != nil {
			t.Fatal(err)
		}
		if v.Worth || !slices.Contains(v.Reasons, ReasonUnprofitable) {
			t.Fatalf("margin %s: %+v", p.Margin, v)
		}
	})
}

func TestWorthinessVerdictIsConsistent(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Profile{
			Value:     genMoney().Draw(t, "value"),
			Margin:    genMoney().Draw(t, "margin"),
			Referrals: rapid.IntRange(0, 20).Draw(t, "referrals"),
			Reviews:   rapid.IntRange(0, 20).Draw(t, "reviews"),
			Prestige:  rapid.Bool().Draw(t, "prestige"),
			Orders:    rapid.IntRange(0, 20).Draw(t, "orders"),
		}
		v, err := Worthiness(p, DefaultWorthinessRules())
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Reasons) == 0 || !slices.IsSorted(v.Reasons) {
			t.Fatalf("reasons %v", v.Reasons)
		}
		veto := slices.ContainsFunc(v.Reasons, Reason.IsVeto)
		grounds := slices.ContainsFunc(v.Reasons, func(r Reason) bool { return !r.IsVeto() && r != ReasonNoGrounds })
		if v.Worth != (!veto && grounds) || slices.Contains(v.Reasons, ReasonNoGrounds) != (!veto && !grounds) {
			t.Fatalf("%+v", v)
		}
	})
}

func TestWorthinessRejectsNegativeCounts(t *testing.T) {
	_, err := Worthiness(Profile{Referrals: -1}, DefaultWorthinessRules())
	wantInputError(t, err, "profile.Referrals")
	r := DefaultWorthinessRules()
	r.MinOrders = -2
	_, err = Worthiness(Profile{}, r)
	wantInputError(t, err, "rules.MinOrders")
}
