package clv

import (
	"bufio"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/kundenwert/winback/internal/sample"
)

// tmHoldout is one CDNOW customer rebuilt from the order log: the
// calibration history and the number of holdout purchases.
type tmHoldout struct {
	h       History
	holdout float64
}

// tmCDNOWHoldout parses the embedded CDNOW sample order log (five
// whitespace-separated columns: original id, sample id, YYYYMMDD, CDs,
// dollars) under the convention of the published summary (see
// /work/shared/data/README.md): orders of one customer on one day are one
// purchase, weeks = days/7, calibration to 1997-09-30, holdout
// 1997-10-01..1998-06-30.
func tmCDNOWHoldout(t testing.TB) []tmHoldout {
	t.Helper()
	calEnd := time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	days := map[string]map[time.Time]bool{}
	var ids []string
	sc := bufio.NewScanner(strings.NewReader(sample.CDNOW))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 5 {
			t.Fatalf("bad line %q", sc.Text())
		}
		d, err := time.Parse("20060102", f[2])
		if err != nil {
			t.Fatal(err)
		}
		if days[f[1]] == nil {
			days[f[1]] = map[time.Time]bool{}
			ids = append(ids, f[1])
		}
		days[f[1]][d] = true
	}
	week := func(a, b time.Time) float64 { return b.Sub(a).Hours() / 24 / 7 }
	out := make([]tmHoldout, 0, len(ids))
	for _, id := range ids {
		var first, last time.Time
		var x, hold float64
		for d := range days[id] {
			if first.IsZero() || d.Before(first) {
				first = d
			}
		}
		for d := range days[id] {
			switch {
			case d.After(calEnd):
				hold++
			case d.After(first):
				x++
				if d.After(last) {
					last = d
				}
			}
		}
		h := History{X: x, T: tmRoundTo(week(first, calEnd), 2)}
		if x > 0 {
			h.Tx = tmRoundTo(week(first, last), 2)
		}
		out = append(out, tmHoldout{h: h, holdout: hold})
	}
	return out
}

// TestCDNOWOrderLogRebuildsPublishedSummary: the parser reproduces the
// published calibration summary exactly and the holdout count of the data
// README (1,882 purchases), so the holdout test below uses the paper's data.
func TestCDNOWOrderLogRebuildsPublishedSummary(t *testing.T) {
	got := tmCDNOWHoldout(t)
	want := tmCDNOWSummary(t)
	if len(got) != len(want) {
		t.Fatalf("%d customers, want %d", len(got), len(want))
	}
	total := 0.0
	for i := range got {
		if got[i].h != want[i] {
			t.Fatalf("customer %d: %+v, published %+v", i+1, got[i].h, want[i])
		}
		total += got[i].holdout
	}
	if total != 1882 {
		t.Errorf("holdout purchases = %v, want 1882", total)
	}
}

// TestHoldoutForecastOnCDNOW fits each model on the 39-week calibration
// period and forecasts every customer's purchases in the 39-week holdout
// (1,882 actual purchases).
//
// What is asserted, and why:
//   - In-sample: the fitted cohort forecast Σ E[X(T_i)] is within 5 % of the
//     2,457 calibration repeat purchases (the Poisson standard deviation of
//     that total alone is √2457 ≈ 2 %).
//   - The sum of the per-customer conditional expectations is logged next
//     to the cohort's unconditional holdout forecast Σ E[X(T_i+39)] −
//     E[X(T_i)]; they agree only as far as the model fits (BG/NBD within
//     1 %, Pareto/NBD 5 % apart here), so this is checked on simulated data
//     in TestConditionalExpectationsAddUpUnderTheModel instead.
//   - Holdout: all three stationary models under-forecast this holdout by
//     11–16 % (logged; the holdout contains the 1997 holiday season, which
//     they cannot anticipate). The 20 % bound is a sanity guard against gross
//     errors such as mixed time units (which are off by factors), not a
//     published accuracy figure.
func TestHoldoutForecastOnCDNOW(t *testing.T) {
	data := tmCDNOWHoldout(t)
	hs := make([]History, len(data))
	for i, d := range data {
		hs[i] = d.h
	}
	for _, c := range []struct {
		name string
		fit  func([]History) (TransactionModel, error)
	}{
		{"BG/NBD", func(h []History) (TransactionModel, error) { m, _, err := FitBGNBD(h, FitOptions{}); return m, err }},
		{"MBG/NBD", func(h []History) (TransactionModel, error) { m, _, err := FitMBGNBD(h, FitOptions{}); return m, err }},
		{"Pareto/NBD", func(h []History) (TransactionModel, error) { m, _, err := FitParetoNBD(h, FitOptions{}); return m, err }},
	} {
		m, err := c.fit(hs)
		if err != nil {
			t.Fatal(err)
		}
		var pred, act, mae, cal, calAct, uncond float64
		for _, d := range data {
			e, err := m.ConditionalExpectedPurchases(39, d.h)
			if err != nil {
				t.Fatal(err)
			}
			a, err1 := m.ExpectedPurchases(d.h.T)
			b, err2 := m.ExpectedPurchases(d.h.T + 39)
			if err1 != nil || err2 != nil {
				t.Fatal(err1, err2)
			}
			pred += e
			act += d.holdout
			mae += math.Abs(e - d.holdout)
			cal += a
			calAct += d.h.X
			uncond += b - a
		}
		rel := (pred - act) / act
		t.Logf("%s: calibration %.1f vs %.0f; holdout predicted %.2f (unconditional %.2f), actual %.0f, error %+.2f%%, MAE/customer %.4f",
			c.name, cal, calAct, pred, uncond, act, 100*rel, mae/float64(len(data)))
		if math.Abs(cal-calAct)/calAct > 0.05 {
			t.Errorf("%s: calibration forecast %.1f vs actual %.0f", c.name, cal, calAct)
		}
		if math.Abs(rel) > 0.20 {
			t.Errorf("%s: aggregate holdout error %.2f%% exceeds 20%%", c.name, 100*rel)
		}
	}
}
