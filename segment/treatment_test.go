package segment

import (
	"encoding/json"
	"math"
	"testing"
)

func TestDefaultTreatmentsFollowTheMatrix(t *testing.T) {
	// DOMAIN.md section 4: star top priority, personal contact; question
	// case by case with a capped budget; windfall automated offer; loss no
	// spend. Shares are the package's documented convention.
	ts := DefaultTreatments()
	tests := []struct {
		q       Quadrant
		prio    int
		contact ContactMode
		share   float64
	}{
		{Star, 1, ContactPersonal, 0.5},
		{Question, 2, ContactPersonal, 0.25},
		{Windfall, 3, ContactAutomated, 0.1},
		{Loss, 4, ContactNone, 0},
	}
	for _, tt := range tests {
		got := ts.For(tt.q)
		if got.Priority != tt.prio || got.Contact != tt.contact || got.BudgetShare != tt.share {
			t.Errorf("%v: %+v", tt.q, got)
		}
	}
	if err := ts.Validate(); err != nil {
		t.Error(err)
	}
	if ts.For(Quadrant(200)) != ts.Loss {
		t.Error("an invalid quadrant must get the Loss treatment")
	}
}

func TestBudgetCap(t *testing.T) {
	star := DefaultTreatments().Star
	tests := []struct {
		regain, want string
	}{
		{"80.00", "40.00"}, // seed 003 example regain 400 × 0.2 = 80; half of it
		{"0.03", "0.02"},   // 0.015 rounds half away from zero
		{"0", "0.00"},
		{"-12.00", "0.00"}, // never negative
	}
	for _, tt := range tests {
		got, err := star.BudgetCap(dec(tt.regain), 2)
		if err != nil {
			t.Fatal(err)
		}
		if got.StringFixed(2) != tt.want {
			t.Errorf("BudgetCap(%s) = %s, want %s", tt.regain, got.StringFixed(2), tt.want)
		}
	}
	bad := Treatment{Priority: 1, Contact: ContactPersonal, BudgetShare: 1.5}
	_, err := bad.BudgetCap(dec("1"), 2)
	wantInputError(t, err, "treatment.BudgetShare")
}

func TestTreatmentsValidateNamesField(t *testing.T) {
	ts := DefaultTreatments()
	ts.Windfall.Priority = 0
	wantInputError(t, ts.Validate(), "treatments.windfall.Priority")
	ts = DefaultTreatments()
	ts.Question.Contact = ContactMode(7)
	wantInputError(t, ts.Validate(), "treatments.question.Contact")
	ts = DefaultTreatments()
	ts.Star.BudgetShare = math.NaN()
	wantInputError(t, ts.Validate(), "treatments.star.BudgetShare")
}

func TestRecommend(t *testing.T) {
	th := Thresholds{Value: dec("250"), Prob: 0.15}
	// seed 003 "Schritt 4" example numbers: CLV 400 €, win-back rate 20 %.
	// 400 ≥ 250 and 0.2 ≥ 0.15 → star; regain 80.00; cap 0.5 × 80 = 40.00.
	rec, err := DefaultTreatments().Recommend(dec("400"), 0.2, th, 2)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Quadrant != Star || rec.RecoveryValue.StringFixed(2) != "80.00" || rec.BudgetCap.StringFixed(2) != "40.00" ||
		rec.Treatment.Contact != ContactPersonal {
		t.Errorf("Recommend = %+v", rec)
	}
	// Same customer, rate 0.1 → question; regain 40; cap 0.25 × 40 = 10.
	rec, err = DefaultTreatments().Recommend(dec("400"), 0.1, th, 2)
	if err != nil {
		t.Fatal(err)
	}
	if rec.Quadrant != Question || rec.BudgetCap.StringFixed(2) != "10.00" {
		t.Errorf("Recommend = %+v", rec)
	}
	_, err = DefaultTreatments().Recommend(dec("400"), 2, th, 2)
	wantInputError(t, err, "prob")
	_, err = DefaultTreatments().Recommend(dec("400"), 0.2, Thresholds{Prob: -1}, 2)
	wantInputError(t, err, "thresholds.Prob")
}

func TestContactModeText(t *testing.T) {
	js, err := json.Marshal([]ContactMode{ContactNone, ContactAutomated, ContactPersonal})
	if err != nil || string(js) != `["none","automated","personal"]` {
		t.Errorf("JSON = %s, %v", js, err)
	}
	var m ContactMode
	if err := json.Unmarshal([]byte(`"personal"`), &m); err != nil || m != ContactPersonal {
		t.Errorf("unmarshal: %v, %v", m, err)
	}
	if ContactMode(5).IsValid() || ContactMode(5).String() != "segment.ContactMode(5)" {
		t.Error("invalid contact mode")
	}
}
