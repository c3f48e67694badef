package segment

import (
	"encoding/json"
	"testing"

	"pgregory.net/rapid"
)

func TestSegmentOfMatchesDomainTable(t *testing.T) {
	// DOMAIN.md section 7, pair "RF" → segment, copied from its list.
	table := map[RFMSegment][]string{
		Hibernating:        {"11", "12", "21", "22"},
		AtRisk:             {"13", "14", "23", "24"},
		CantLoseThem:       {"15", "25"},
		AboutToSleep:       {"31", "32"},
		NeedAttention:      {"33"},
		Loyal:              {"34", "35", "44", "45"},
		Promising:          {"41"},
		NewCustomers:       {"51"},
		PotentialLoyalists: {"42", "43", "52", "53"},
		Champions:          {"54", "55"},
	}
	seen := map[string]bool{}
	for want, pairs := range table {
		for _, p := range pairs {
			r, f := p[0]-'0', p[1]-'0'
			got, err := SegmentOf(r, f)
			if err != nil || got != want {
				t.Errorf("SegmentOf(%d, %d) = %v, %v; want %v", r, f, got, err, want)
			}
			if seen[p] {
				t.Errorf("pair %s listed twice", p)
			}
			seen[p] = true
		}
	}
	if len(seen) != 25 {
		t.Errorf("table covers %d pairs, want 25", len(seen))
	}
}

func TestSegmentAssignmentIsTotal(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		r := rapid.Uint8().Draw(t, "r")
		f := rapid.Uint8().Draw(t, "f")
		seg, err := SegmentOf(r, f)
		inRange := r >= 1 && r <= 5 && f >= 1 && f <= 5
		if inRange != (err == nil) {
			t.Fatalf("SegmentOf(%d, %d): err = %v", r, f, err)
		}
		if inRange && !seg.IsValid() {
			t.Fatalf("SegmentOf(%d, %d) = invalid %d", r, f, seg)
		}
		s, ok := RFMScore{R: r, F: f, M: 3}.Segment()
		if ok != inRange || (ok && s != seg) {
			t.Fatalf("RFMScore.Segment disagrees with SegmentOf for %d%d", r, f)
		}
	})
}

func TestCountSegmentsAddsUpToPopulation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		cs := rapid.SliceOfN(genRFMCustomer(), 1, 80).Draw(t, "cs")
		scores, err := ScoreRFMQuintiles(cs)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := CountSegments(scores)
		if err != nil {
			t.Fatal(err)
		}
		total := 0
		for _, seg := range RFMSegments() {
			n, present := counts[seg]
			if !present {
				t.Fatalf("segment %v missing", seg)
			}
			total += n
		}
		if total != len(scores) || len(counts) != len(RFMSegments()) {
			t.Fatalf("counts %v add up to %d of %d", counts, total, len(scores))
		}
	})
}

func TestCountSegmentsExampleAndJSON(t *testing.T) {
	scores := []RFMScore{{5, 5, 5}, {5, 4, 1}, {1, 1, 1}, {3, 3, 3}, {5, 1, 2}}
	counts, err := CountSegments(scores)
	if err != nil {
		t.Fatal(err)
	}
	if counts[Champions] != 2 || counts[Hibernating] != 1 || counts[NeedAttention] != 1 || counts[NewCustomers] != 1 || counts[Loyal] != 0 {
		t.Errorf("counts = %v", counts)
	}
	js, err := json.Marshal(map[RFMSegment]int{Champions: 2, CantLoseThem: 1})
	if err != nil || string(js) != `{"cant_lose_them":1,"champions":2}` {
		t.Errorf("JSON = %s, %v", js, err)
	}
	_, err = CountSegments([]RFMScore{{5, 5, 5}, {0, 3, 3}})
	wantInputError(t, err, "scores[1]")
}

func TestRFMSegmentIdentifiersAreStable(t *testing.T) {
	want := []string{"hibernating", "at_risk", "cant_lose_them", "about_to_sleep", "need_attention",
		"loyal", "promising", "new_customers", "potential_loyalists", "champions"}
	for i, seg := range RFMSegments() {
		if int(seg) != i || seg.String() != want[i] {
			t.Errorf("segment %d = %q, want %q", i, seg, want[i])
		}
		var back RFMSegment
		if err := back.UnmarshalText([]byte(want[i])); err != nil || back != seg {
			t.Errorf("UnmarshalText(%q) = %v, %v", want[i], back, err)
		}
	}
}
