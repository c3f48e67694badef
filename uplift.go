package winback

import (
	"math"

	"github.com/kundenwert/winback/internal/check"
	"gonum.org/v1/gonum/stat/distuv"
)

// Group counts a campaign group: N customers, Won of them won back.
type Group struct {
	N   int `json:"n"`
	Won int `json:"won"`
}

// Rate returns Won / N; callers check N > 0 first.
func (g Group) Rate() float64 { return float64(g.Won) / float64(g.N) }

// Uplift is the difference between the win-back rates of the contacted
// (treated) group and the holdout (control) group, with a confidence
// interval.
type Uplift struct {
	Treated Group   `json:"treated"`
	Control Group   `json:"control"`
	Diff    float64 `json:"diff"`  // treated rate − control rate
	Lower   float64 `json:"lower"` // lower confidence limit of Diff
	Upper   float64 `json:"upper"` // upper confidence limit of Diff
	Level   float64 `json:"level"` // confidence level, e.g. 0.95
}

// UpliftOf compares the win-back rates of a treated and a control group.
// The interval is Newcombe's hybrid score interval (Newcombe 1998,
// "Interval estimation for the difference between independent proportions:
// comparison of eleven methods", Statistics in Medicine 17:873–890,
// method 10), which combines the two groups' Wilson score intervals and
// stays inside [−1, 1] even for small groups and rates of 0 or 1.
// level is the two-sided confidence level in (0, 1); zero means 0.95.
// Both groups need at least one customer.
func UpliftOf(treated, control Group, level float64) (Uplift, error) {
	if level == 0 {
		level = 0.95
	}
	if err := checkGroup("treated", treated); err != nil {
		return Uplift{}, err
	}
	if err := checkGroup("control", control); err != nil {
		return Uplift{}, err
	}
	if !(level > 0 && level < 1) {
		return Uplift{}, check.New(ErrInvalidInput, "level", "must be in (0, 1), got %v", level)
	}
	z := distuv.UnitNormal.Quantile(1 - (1-level)/2)
	p1, p2 := treated.Rate(), control.Rate()
	l1, u1 := wilson(treated, z)
	l2, u2 := wilson(control, z)
	d := p1 - p2
	return Uplift{
		Treated: treated, Control: control, Diff: d, Level: level,
		Lower: d - math.Sqrt((p1-l1)*(p1-l1)+(u2-p2)*(u2-p2)),
		Upper: d + math.Sqrt((u1-p1)*(u1-p1)+(p2-l2)*(p2-l2)),
	}, nil
}

func checkGroup(name string, g Group) error {
	if g.N <= 0 {
		return check.New(ErrUndefined, name+".n", "group has no customers")
	}
	if g.Won < 0 || g.Won > g.N {
		return check.New(ErrInvalidInput, name+".won", "must be in [0, %d], got %d", g.N, g.Won)
	}
	return nil
}

// wilson returns the Wilson score interval for g's rate at normal quantile z.
func wilson(g Group, z float64) (lo, hi float64) {
	n := float64(g.N)
	p := g.Rate()
	z2 := z * z
	centre := (p + z2/(2*n)) / (1 + z2/n)
	half := z / (1 + z2/n) * math.Sqrt(p*(1-p)/n+z2/(4*n*n))
	return max(0, centre-half), min(1, centre+half)
}
