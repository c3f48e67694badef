package churn

import (
	"errors"
	"math"
	"testing"
)

// TestTallyReasons: 10 answers, computed by hand: delivery 4/10, service
// 3/10, price_transparency 2/10, other 1/10.
func TestTallyReasons(t *testing.T) {
	answers := []Reason{Delivery, Service, Delivery, PriceTransparency, Service, Delivery, OtherReason, Service, Delivery, PriceTransparency}
	s, err := TallyReasons(answers)
	if err != nil {
		t.Fatal(err)
	}
	want := map[Reason]float64{Delivery: 0.4, Service: 0.3, PriceTransparency: 0.2, OtherReason: 0.1}
	sum := 0.0
	for r, sh := range s.Shares() {
		if sh != want[Reason(r)] {
			t.Errorf("share of %v = %v, want %v", Reason(r), sh, want[Reason(r)])
		}
		sum += sh
	}
	if math.Abs(sum-1) > 1e-15 || s.Total != 10 || s.Top() != Delivery {
		t.Errorf("sum %v total %d top %v", sum, s.Total, s.Top())
	}
	// type shares: delivery → disappointed, switcher (0.2 each); service →
	// neglected, demanding (0.15 each); price → bargain_hunter, cash_strapped
	// (0.1 each); other → unknown (0.1)
	ts := s.TypeShares()
	wantT := map[Type]float64{Disappointed: 0.2, Switcher: 0.2, Neglected: 0.15, Demanding: 0.15, BargainHunter: 0.1, CashStrapped: 0.1, Unknown: 0.1}
	sum = 0
	for ty, sh := range ts {
		if math.Abs(sh-wantT[Type(ty)]) > 1e-15 {
			t.Errorf("type share of %v = %v, want %v", Type(ty), sh, wantT[Type(ty)])
		}
		sum += sh
	}
	if math.Abs(sum-1) > 1e-15 {
		t.Errorf("type shares sum to %v", sum)
	}
}

func TestTallyReasonsErrors(t *testing.T) {
	if _, err := TallyReasons(nil); !errors.Is(err, ErrNoAnswers) {
		t.Errorf("empty survey: err = %v, want ErrNoAnswers", err)
	}
	_, err := TallyReasons([]Reason{Delivery, 42})
	var ie *InputError
	if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != "answers[1]" {
		t.Errorf("invalid reason: err = %v", err)
	}
	if got := (SurveyResult{}).Share(Delivery); got != 0 {
		t.Errorf("zero SurveyResult share = %v", got)
	}
}

// TestReasonLikelyTypes pins the mapping of the package documentation. The
// reasons are seed 000's ("Gründe für die Abwanderung") plus better offer,
// not needed and other; the types are seed 003's.
func TestReasonLikelyTypes(t *testing.T) {
	want := map[Reason][]Type{
		PriceTransparency: {CashStrapped, BargainHunter}, // unclear costs hit the price-sensitive
		Delivery:          {Disappointed, Switcher},      // slower than others: disappointment, comparison
		PaymentOptions:    {CashStrapped, Switcher},      // no instalments / preferred method elsewhere
		Personalisation:   {Neglected},                   // "unzureichendes Verständnis": second-class treatment
		Service:           {Neglected, Demanding},        // unanswered requests; service experience
		Communication:     {Overwhelmed},                 // too frequent or irrelevant messages
		BetterOffer:       {Switcher, BargainHunter},     // changes provider for an offer
		NotNeeded:         {Relocated},                   // needs changed (seed 003 Neustarter)
		OtherReason:       nil,
	}
	for r := Reason(0); r < numReasons; r++ {
		var got []Type
		for ty := range r.LikelyTypes().All() {
			got = append(got, ty)
		}
		w := want[r]
		if len(got) != len(w) {
			t.Errorf("%v → %v, want %v", r, got, w)
			continue
		}
		for i := range got {
			if got[i] != w[i] {
				t.Errorf("%v → %v, want %v", r, got, w)
			}
		}
	}
	if Reason(99).LikelyTypes() != 0 {
		t.Error("invalid reason maps to types")
	}
	var rs ReasonSet
	rs = rs.With(Service).With(Delivery)
	if rs.Len() != 2 || !rs.Has(Service) || rs.Has(NotNeeded) {
		t.Errorf("ReasonSet %b", rs)
	}
	var ts TypeSet
	if ts.With(Offended).Len() != 1 || !ts.With(Offended).Has(Offended) {
		t.Error("TypeSet")
	}
}
