package segment

import (
	"math/bits"
	"slices"
	"sort"
)

// orderStats returns the values a sorted copy of a would hold at the
// ascending indices pos. It reorders a: quickselect for several targets at
// once, O(len(a)) on average, falling back to sorting a subrange when the
// partitions degrade, so O(n log n) at worst.
func orderStats(a []float64, pos [4]int) [4]float64 {
	p := pos
	slices.Sort(p[:])
	multiSelect(a, 0, len(a), p[:], 2*bits.Len(uint(len(a))))
	var out [4]float64
	for k, i := range pos {
		out[k] = a[i]
	}
	return out
}

// multiSelect moves the order statistics at the ascending absolute indices
// pos, all in [lo, hi), to their sorted positions within a[lo:hi]. a must
// hold no NaN.
func multiSelect(a []float64, lo, hi int, pos []int, depth int) {
	for len(pos) > 0 {
		if hi-lo <= 32 || depth == 0 {
			slices.Sort(a[lo:hi])
			return
		}
		depth--
		p := pivot(a[lo:hi])
		// a[lo:m1] < p ≤ a[m1:hi]; p is an element of a[m1:hi].
		m1 := lo + partitionLess(a[lo:hi], p)
		m2 := m1
		if m1 == lo {
			// Nothing below the pivot: split off the block equal to it,
			// which is where the many ties of real data end up.
			m2 = m1 + partitionLessEq(a[m1:hi], p)
		}
		// a[lo:m1] < p, a[m1:m2] == p, a[m2:hi] ≥ p (> p when m2 > m1).
		i := sort.SearchInts(pos, m1)
		j := sort.SearchInts(pos, m2)
		left, right := pos[:i], pos[j:]
		if len(left) <= len(right) {
			multiSelect(a, lo, m1, left, depth)
			lo, pos = m2, right
		} else {
			multiSelect(a, m2, hi, right, depth)
			hi, pos = m1, left
		}
	}
}

// pivot returns the median of the medians of three triples spread over a
// (len ≥ 9), a robust pivot for sorted, reversed and random input alike.
func pivot(a []float64) float64 {
	n := len(a)
	s := n / 8
	return median3(median3(a[0], a[s], a[2*s]), median3(a[n/2-s], a[n/2], a[n/2+s]), median3(a[n-1-2*s], a[n-1-s], a[n-1]))
}

func median3(x, y, z float64) float64 {
	return max(min(x, y), min(max(x, y), z))
}

// partitionLess moves the elements < p to the front of a and returns their
// number (branch-free Lomuto partition).
func partitionLess(a []float64, p float64) int {
	j := 0
	for i, x := range a {
		a[i] = a[j]
		a[j] = x
		j += b2i(x < p)
	}
	return j
}

// partitionLessEq moves the elements ≤ p to the front of a and returns their
// number.
func partitionLessEq(a []float64, p float64) int {
	j := 0
	for i, x := range a {
		a[i] = a[j]
		a[j] = x
		j += b2i(x <= p)
	}
	return j
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
