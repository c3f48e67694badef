package scoring

import (
	"errors"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"pgregory.net/rapid"
)

// pairAUC counts, over all positive–negative pairs, wins as 1 and ties as
// ½ — the definition of the AUC, computed by brute force.
func pairAUC(scores []float64, labels []bool) float64 {
	var wins, pairs float64
	for i := range scores {
		for j := range scores {
			if !labels[i] || labels[j] {
				continue
			}
			pairs++
			switch {
			case scores[i] > scores[j]:
				wins++
			case scores[i] == scores[j]:
				wins += 0.5
			}
		}
	}
	return wins / pairs
}

func TestAUCSmallCases(t *testing.T) {
	for _, tc := range []struct {
		name   string
		scores []float64
		labels []bool
		want   float64
	}{
		// Pairs (pos, neg): (0.35, 0.1) win, (0.35, 0.4) loss, (0.8, ·) two wins → 3/4.
		{"hand", []float64{0.1, 0.4, 0.35, 0.8}, []bool{false, false, true, true}, 0.75},
		// (1 vs 1) tie ½, (2 vs 1) win → 1.5/2.
		{"tie", []float64{1, 1, 2}, []bool{true, false, true}, 0.75},
		// All tied: every pair ½.
		{"all tied", []float64{3, 3, 3, 3}, []bool{true, false, true, false}, 0.5},
	} {
		got, err := AUC(tc.scores, tc.labels)
		if err != nil || got != tc.want {
			t.Errorf("%s: AUC = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
}

func genScored() *rapid.Generator[[2]any] {
	return rapid.Custom(func(t *rapid.T) [2]any {
		n := rapid.IntRange(2, 60).Draw(t, "n")
		scores := make([]float64, n)
		labels := make([]bool, n)
		for i := range scores {
			scores[i] = float64(rapid.IntRange(-20, 20).Draw(t, "s")) // small range: many ties
			labels[i] = rapid.Bool().Draw(t, "y")
		}
		labels[0], labels[1] = true, false
		return [2]any{scores, labels}
	})
}

func TestAUCEqualsPairCount(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genScored().Draw(t, "data")
		s, y := d[0].([]float64), d[1].([]bool)
		got, err := AUC(s, y)
		if err != nil {
			t.Fatal(err)
		}
		if want := pairAUC(s, y); math.Abs(got-want) > 1e-12 {
			t.Fatalf("AUC %v, pair count %v", got, want)
		}
	})
}

func TestAUCOfPerfectRankingIsOneAndOfReversedIsZero(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 80).Draw(t, "n")
		labels := make([]bool, n)
		for i := range labels {
			labels[i] = rapid.Bool().Draw(t, "y")
		}
		labels[0], labels[n-1] = true, false
		perfect := make([]float64, n)
		reversed := make([]float64, n)
		for i, y := range labels {
			// Positives all above negatives; ties within a class are harmless.
			base := rapid.Float64Range(0, 1).Draw(t, "u")
			if y {
				perfect[i], reversed[i] = 2+base, -2-base
			} else {
				perfect[i], reversed[i] = base, -base
			}
		}
		if a, err := AUC(perfect, labels); err != nil || a != 1 {
			t.Fatalf("perfect ranking: AUC %v, %v", a, err)
		}
		if a, err := AUC(reversed, labels); err != nil || a != 0 {
			t.Fatalf("reversed ranking: AUC %v, %v", a, err)
		}
	})
}

func TestAUCIsInvariantUnderMonotoneTransforms(t *testing.T) {
	transforms := map[string]func(float64) float64{
		"exp":    func(x float64) float64 { return math.Exp(x / 10) },
		"cube":   func(x float64) float64 { return x*x*x + 5*x },
		"atan":   math.Atan,
		"affine": func(x float64) float64 { return 3*x - 7 },
		"logit":  func(x float64) float64 { return 1 / (1 + math.Exp(-x/5)) },
	}
	rapid.Check(t, func(t *rapid.T) {
		d := genScored().Draw(t, "data")
		s, y := d[0].([]float64), d[1].([]bool)
		name := rapid.SampledFrom([]string{"exp", "cube", "atan", "affine", "logit"}).Draw(t, "f")
		f := transforms[name]
		ts := make([]float64, len(s))
		for i, v := range s {
			ts[i] = f(v)
		}
		a, err1 := AUC(s, y)
		b, err2 := AUC(ts, y)
		if err1 != nil || err2 != nil || a != b {
			t.Fatalf("AUC %v vs %v after %s (%v, %v)", a, b, name, err1, err2)
		}
	})
}

func TestLogLossBrierCalibration(t *testing.T) {
	probs := []float64{0.9, 0.2, 0.7, 0.1}
	labels := []bool{true, false, false, true}
	ll, err := LogLoss(probs, labels)
	if err != nil {
		t.Fatal(err)
	}
	// −(ln 0.9 + ln 0.8 + ln 0.3 + ln 0.1)/4, by hand.
	if want := -(math.Log(0.9) + math.Log(0.8) + math.Log(0.3) + math.Log(0.1)) / 4; math.Abs(ll-want) > 1e-15 {
		t.Errorf("LogLoss = %v, want %v", ll, want)
	}
	br, err := Brier(probs, labels)
	if err != nil {
		t.Fatal(err)
	}
	// (0.01 + 0.04 + 0.49 + 0.81)/4 = 0.3375.
	if math.Abs(br-0.3375) > 1e-15 {
		t.Errorf("Brier = %v, want 0.3375", br)
	}
	bins, err := Calibration(probs, labels, 2)
	if err != nil {
		t.Fatal(err)
	}
	// [0, .5): 0.2, 0.1 → mean 0.15, one positive of two; [.5, 1]: 0.9, 0.7 → 0.8, one of two.
	want := []CalibrationBin{
		{Lower: 0, Upper: 0.5, Count: 2, MeanPredicted: 0.15, ObservedRate: 0.5},
		{Lower: 0.5, Upper: 1, Count: 2, MeanPredicted: 0.8, ObservedRate: 0.5},
	}
	if len(bins) != len(want) {
		t.Fatalf("Calibration = %+v, want %+v", bins, want)
	}
	for i, w := range want {
		g := bins[i]
		if g.Lower != w.Lower || g.Upper != w.Upper || g.Count != w.Count ||
			math.Abs(g.MeanPredicted-w.MeanPredicted) > 1e-15 || g.ObservedRate != w.ObservedRate {
			t.Errorf("bins[%d] = %+v, want %+v", i, g, w)
		}
	}
	// ECE = ½·|0.15 − 0.5| + ½·|0.8 − 0.5| = 0.325.
	if e := CalibrationError(bins); math.Abs(e-0.325) > 1e-15 {
		t.Errorf("CalibrationError = %v, want 0.325", e)
	}
	// p = 1 lands in the last bin; empty bins are left out.
	bins, err = Calibration([]float64{1, 0}, []bool{true, false}, 10)
	if err != nil || len(bins) != 2 || bins[1].Lower != 0.9 || bins[0].Upper != 0.1 {
		t.Errorf("edges: %+v, %v", bins, err)
	}
	// An impossible outcome under the model costs infinitely much.
	if ll, err := LogLoss([]float64{0}, []bool{true}); err != nil || !math.IsInf(ll, 1) {
		t.Errorf("LogLoss(p=0, y=1) = %v, %v; want +Inf", ll, err)
	}
}

func TestEvaluationErrors(t *testing.T) {
	for _, tc := range []struct {
		name     string
		err      error
		sentinel error
		field    string
	}{
		{"AUC one class", second(AUC([]float64{1, 2}, []bool{true, true})), ErrDegenerate, "labels"},
		{"AUC NaN", second(AUC([]float64{1, math.NaN()}, []bool{true, false})), ErrInvalidInput, "scores[1]"},
		{"AUC mismatch", second(AUC([]float64{1, 2}, []bool{true})), ErrInvalidInput, "labels"},
		{"AUC empty", second(AUC(nil, nil)), ErrDegenerate, "scores"},
		{"LogLoss out of range", second(LogLoss([]float64{1.5}, []bool{true})), ErrInvalidInput, "probs[0]"},
		{"Brier NaN", second(Brier([]float64{math.NaN()}, []bool{true})), ErrInvalidInput, "probs[0]"},
		{"Calibration bins", second(Calibration([]float64{0.5}, []bool{true}, 0)), ErrInvalidInput, "bins"},
		{"Split fraction", third(Split(10, 1, rand.New(rand.NewPCG(1, 1)))), ErrInvalidInput, "testFraction"},
		{"Split nil rand", third(Split(10, 0.2, nil)), ErrInvalidInput, "r"},
		{"Split one row", third(Split(1, 0.2, rand.New(rand.NewPCG(1, 1)))), ErrDegenerate, "n"},
		{"Stratified one positive", third(StratifiedSplit([]bool{true, false, false}, 0.5, rand.New(rand.NewPCG(1, 1)))), ErrDegenerate, "labels"},
	} {
		var ie *InputError
		if !errors.Is(tc.err, tc.sentinel) || !errors.As(tc.err, &ie) || ie.Field != tc.field {
			t.Errorf("%s: err = %v, want %v on %q", tc.name, tc.err, tc.sentinel, tc.field)
		}
	}
}

func second[T any](_ T, err error) error        { return err }
func third[T, U any](_ T, _ U, err error) error { return err }

func TestSplitIsDeterministicDisjointAndComplete(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(2, 300).Draw(t, "n")
		f := rapid.Float64Range(0.01, 0.99).Draw(t, "f")
		seed := rapid.Uint64().Draw(t, "seed")
		tr1, te1, err := Split(n, f, rand.New(rand.NewPCG(seed, 0)))
		if err != nil {
			t.Fatal(err)
		}
		tr2, te2, _ := Split(n, f, rand.New(rand.NewPCG(seed, 0)))
		if !reflect.DeepEqual(tr1, tr2) || !reflect.DeepEqual(te1, te2) {
			t.Fatal("same seed, different split")
		}
		seen := make([]int, n)
		for _, i := range append(append([]int(nil), tr1...), te1...) {
			seen[i]++
		}
		for i, c := range seen {
			if c != 1 {
				t.Fatalf("row %d appears %d times", i, c)
			}
		}
		if want := min(max(int(math.Round(f*float64(n))), 1), n-1); len(te1) != want {
			t.Fatalf("test size %d, want %d", len(te1), want)
		}
	})
}

func TestStratifiedSplitKeepsBothClasses(t *testing.T) {
	labels := make([]bool, 100)
	for i := range 10 {
		labels[i*10] = true
	}
	train, test, err := StratifiedSplit(labels, 0.3, rand.New(rand.NewPCG(42, 0)))
	if err != nil {
		t.Fatal(err)
	}
	count := func(idx []int) (pos int) {
		for _, i := range idx {
			if labels[i] {
				pos++
			}
		}
		return pos
	}
	// round(0.3·10) = 3 positives and round(0.3·90) = 27 negatives in test.
	if len(test) != 30 || count(test) != 3 || len(train) != 70 || count(train) != 7 {
		t.Errorf("test %d (%d pos), train %d (%d pos)", len(test), count(test), len(train), count(train))
	}
}

func BenchmarkAUC10k(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	s := make([]float64, 10000)
	y := make([]bool, len(s))
	for i := range s {
		y[i] = r.IntN(3) == 0
		s[i] = r.NormFloat64()
		if y[i] {
			s[i] += 0.8
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := AUC(s, y); err != nil {
			b.Fatal(err)
		}
	}
}
