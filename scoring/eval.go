package scoring

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/kundenwert/winback/internal/check"
)

// checkPairs validates predictions against labels: equal non-zero lengths,
// finite predictions (in [0, 1] when probs is true) and, when bothClasses is
// true, at least one label of each class.
func checkPairs(name string, pred []float64, labels []bool, probs, bothClasses bool) (pos int, err error) {
	if len(pred) != len(labels) {
		return 0, check.New(ErrInvalidInput, "labels", "has %d labels for %d %s", len(labels), len(pred), name)
	}
	if len(pred) == 0 {
		return 0, check.New(ErrDegenerate, name, "is empty")
	}
	for i, v := range pred {
		if math.IsNaN(v) || math.IsInf(v, 0) || (probs && (v < 0 || v > 1)) {
			field := fmt.Sprintf("%s[%d]", name, i)
			if probs {
				return 0, check.Probability(ErrInvalidInput, field, v)
			}
			return 0, check.Finite(ErrInvalidInput, field, v)
		}
		if labels[i] {
			pos++
		}
	}
	if bothClasses && (pos == 0 || pos == len(labels)) {
		return 0, check.New(ErrDegenerate, "labels", "all %d labels are %v; need both classes", len(labels), labels[0])
	}
	return pos, nil
}

// AUC returns the area under the ROC curve of scores against labels: the
// probability that a randomly drawn positive scores higher than a randomly
// drawn negative, ties counting one half (the Mann–Whitney U statistic
// divided by n₊·n₋). It is exact, runs in O(n log n) and depends on the
// scores only through their order. Both classes must be present.
func AUC(scores []float64, labels []bool) (float64, error) {
	pos, err := checkPairs("scores", scores, labels, false, true)
	if err != nil {
		return 0, err
	}
	type pair struct {
		s float64
		y bool
	}
	ps := make([]pair, len(scores))
	for i, s := range scores {
		ps[i] = pair{s, labels[i]}
	}
	slices.SortFunc(ps, func(a, b pair) int { return cmp.Compare(a.s, b.s) })
	neg := len(scores) - pos
	var wins float64 // Σ over positives of (negatives below + ½ negatives tied)
	negBelow := 0
	for i := 0; i < len(ps); {
		j, gp, gn := i, 0, 0
		for ; j < len(ps) && ps[j].s == ps[i].s; j++ {
			if ps[j].y {
				gp++
			} else {
				gn++
			}
		}
		wins += float64(gp) * (float64(negBelow) + 0.5*float64(gn))
		negBelow += gn
		i = j
	}
	return wins / (float64(pos) * float64(neg)), nil
}

// LogLoss returns the mean negative log-likelihood of labels under the
// predicted probabilities, −(1/n)·Σ [y·log p + (1−y)·log(1−p)]. It is +Inf
// when some p is exactly 0 for a positive (or 1 for a negative); probs must
// lie in [0, 1].
func LogLoss(probs []float64, labels []bool) (float64, error) {
	if _, err := checkPairs("probs", probs, labels, true, false); err != nil {
		return 0, err
	}
	var s float64
	for i, p := range probs {
		if labels[i] {
			s -= math.Log(p)
		} else {
			s -= math.Log1p(-p)
		}
	}
	return s / float64(len(probs)), nil
}

// Brier returns the Brier score, the mean squared difference between the
// predicted probability and the outcome (1 or 0); probs must lie in [0, 1].
func Brier(probs []float64, labels []bool) (float64, error) {
	if _, err := checkPairs("probs", probs, labels, true, false); err != nil {
		return 0, err
	}
	var s float64
	for i, p := range probs {
		y := 0.0
		if labels[i] {
			y = 1
		}
		s += (p - y) * (p - y)
	}
	return s / float64(len(probs)), nil
}

// CalibrationBin is one bin of a reliability diagram.
type CalibrationBin struct {
	Lower, Upper  float64 // the bin covers [Lower, Upper), the last one [Lower, 1]
	Count         int     // predictions in the bin, > 0
	MeanPredicted float64 // mean predicted probability in the bin
	ObservedRate  float64 // fraction of positives in the bin
}

// Calibration sorts predictions into bins equal-width bins on [0, 1] and
// returns, for each non-empty bin in ascending order, the mean prediction
// and the observed rate of positives. A calibrated model has
// MeanPredicted ≈ ObservedRate in every well-filled bin. bins must be in
// [1, 1000].
func Calibration(probs []float64, labels []bool, bins int) ([]CalibrationBin, error) {
	if bins < 1 || bins > 1000 {
		return nil, check.New(ErrInvalidInput, "bins", "must be in [1, 1000], got %d", bins)
	}
	if _, err := checkPairs("probs", probs, labels, true, false); err != nil {
		return nil, err
	}
	sums := make([]CalibrationBin, bins)
	for i, p := range probs {
		k := min(int(p*float64(bins)), bins-1)
		sums[k].Count++
		sums[k].MeanPredicted += p
		if labels[i] {
			sums[k].ObservedRate++
		}
	}
	out := sums[:0]
	for k, b := range sums {
		if b.Count == 0 {
			continue
		}
		c := float64(b.Count)
		out = append(out, CalibrationBin{
			Lower: float64(k) / float64(bins), Upper: float64(k+1) / float64(bins),
			Count: b.Count, MeanPredicted: b.MeanPredicted / c, ObservedRate: b.ObservedRate / c,
		})
	}
	return slices.Clip(out), nil
}

// CalibrationError returns the expected calibration error of bins: the
// count-weighted mean of |MeanPredicted − ObservedRate|. It is 0 for no
// bins.
func CalibrationError(bins []CalibrationBin) float64 {
	var s, n float64
	for _, b := range bins {
		s += float64(b.Count) * math.Abs(b.MeanPredicted-b.ObservedRate)
		n += float64(b.Count)
	}
	if n == 0 {
		return 0
	}
	return s / n
}

// Split draws a train/test split of the row indices 0…n−1 from r: the
// test set holds round(testFraction·n) rows (at least 1 and at most n−1).
// Both index lists are ascending. The same r state gives the same split.
func Split(n int, testFraction float64, r *rand.Rand) (train, test []int, err error) {
	if err := checkSplit(n, testFraction, r); err != nil {
		return nil, nil, err
	}
	perm := r.Perm(n)
	k := testCount(n, testFraction)
	test, train = perm[:k:k], perm[k:]
	slices.Sort(test)
	slices.Sort(train)
	return train, test, nil
}

// StratifiedSplit is Split applied to the positives and the negatives
// separately, so that both sets keep the class balance of labels; each
// class needs at least 2 rows.
func StratifiedSplit(labels []bool, testFraction float64, r *rand.Rand) (train, test []int, err error) {
	var idx [2][]int
	for i, y := range labels {
		if y {
			idx[1] = append(idx[1], i)
		} else {
			idx[0] = append(idx[0], i)
		}
	}
	for c, rows := range idx {
		if err := checkSplit(len(rows), testFraction, r); err != nil {
			return nil, nil, check.New(ErrDegenerate, "labels", "class %v: %v", c == 1, err)
		}
	}
	for _, rows := range idx {
		perm := r.Perm(len(rows))
		k := testCount(len(rows), testFraction)
		for q, p := range perm {
			if q < k {
				test = append(test, rows[p])
			} else {
				train = append(train, rows[p])
			}
		}
	}
	slices.Sort(test)
	slices.Sort(train)
	return train, test, nil
}

func checkSplit(n int, testFraction float64, r *rand.Rand) error {
	if r == nil {
		return check.New(ErrInvalidInput, "r", "a *rand.Rand is required")
	}
	if n < 2 {
		return check.New(ErrDegenerate, "n", "need at least 2 rows to split, got %d", n)
	}
	if !(testFraction > 0 && testFraction < 1) {
		return check.New(ErrInvalidInput, "testFraction", "must be in (0, 1), got %v", testFraction)
	}
	return nil
}

func testCount(n int, f float64) int {
	return min(max(int(math.Round(f*float64(n))), 1), n-1)
}
