package winback

import (
	"errors"
	"math"
	"strconv"
	"testing"

	"pgregory.net/rapid"
)

// Newcombe (1998), Statistics in Medicine 17:873–890, Table II, method 10
// (hybrid score interval), examples (a) and (b), printed to four decimals.
func TestUpliftReproducesNewcombeTableII(t *testing.T) {
	cases := []struct {
		name             string
		treated, control Group
		lower, upper     float64
	}{
		{"(a) 56/70 vs 48/80", Group{70, 56}, Group{80, 48}, 0.0524, 0.3339},
		{"(b) 9/10 vs 3/10", Group{10, 9}, Group{10, 3}, 0.1705, 0.8090},
	}
	for _, c := range cases {
		u, err := UpliftOf(c.treated, c.control, 0.95)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if math.Abs(u.Lower-c.lower) > 5e-5 || math.Abs(u.Upper-c.upper) > 5e-5 {
			t.Errorf("%s: interval [%.4f, %.4f], Newcombe prints [%.4f, %.4f]", c.name, u.Lower, u.Upper, c.lower, c.upper)
		}
	}
}

func TestUpliftRejectsEmptyAndImpossibleGroups(t *testing.T) {
	if _, err := UpliftOf(Group{0, 0}, Group{10, 1}, 0.95); !errors.Is(err, ErrUndefined) {
		t.Errorf("empty treated group: got %v, want ErrUndefined", err)
	}
	if _, err := UpliftOf(Group{10, 11}, Group{10, 1}, 0.95); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("won > n: got %v, want ErrInvalidInput", err)
	}
	if _, err := UpliftOf(Group{10, 1}, Group{10, 1}, 1.5); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("level 1.5: got %v, want ErrInvalidInput", err)
	}
}

func TestUpliftIntervalContainsDiffAndStaysInRange(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n1 := rapid.IntRange(1, 5000).Draw(t, "n1")
		n2 := rapid.IntRange(1, 5000).Draw(t, "n2")
		g1 := Group{n1, rapid.IntRange(0, n1).Draw(t, "w1")}
		g2 := Group{n2, rapid.IntRange(0, n2).Draw(t, "w2")}
		u, err := UpliftOf(g1, g2, 0.95)
		if err != nil {
			t.Fatal(err)
		}
		if !(u.Lower <= u.Diff+1e-12 && u.Diff <= u.Upper+1e-12 && u.Lower >= -1-1e-12 && u.Upper <= 1+1e-12) {
			t.Fatalf("interval [%v, %v] around %v", u.Lower, u.Upper, u.Diff)
		}
		w, _ := UpliftOf(g1, g2, 0.99)
		if w.Lower > u.Lower+1e-12 || w.Upper < u.Upper-1e-12 {
			t.Fatalf("99%% interval [%v, %v] narrower than 95%% [%v, %v]", w.Lower, w.Upper, u.Lower, u.Upper)
		}
	})
}

func TestHoldoutIsDeterministicNestedAndNearShare(t *testing.T) {
	const n = 20000
	in := 0
	for i := range n {
		id := "c" + strconv.Itoa(i)
		a := InHoldout(id, 42, 0.1)
		if a != InHoldout(id, 42, 0.1) {
			t.Fatal("not deterministic")
		}
		if a && !InHoldout(id, 42, 0.2) {
			t.Fatalf("%s in the 10%% holdout but not in the 20%% one", id)
		}
		if a {
			in++
		}
	}
	// Binomial(20000, 0.1): sd ≈ 42; allow 5 sd.
	if in < 2000-210 || in > 2000+210 {
		t.Errorf("holdout size %d of %d at share 0.1", in, n)
	}
	if InHoldout("x", 1, 0) || !InHoldout("x", 1, 1) {
		t.Error("share 0 must hold nobody out and share 1 everybody")
	}
}
