package clv

import (
	"bufio"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kundenwert/winback/internal/sample"
)

// cdnowPurchase is one purchase of the CDNOW sample after merging a
// customer's same-day order lines.
type cdnowPurchase struct {
	day    time.Time
	amount float64
	lines  []float64 // the order lines merged into this purchase
}

// cdnowPurchases parses the embedded CDNOW sample order log (five
// whitespace-separated columns: original id, sample id, YYYYMMDD, number of
// CDs, dollar value) and returns each customer's purchases in date order,
// same-day orders merged into one purchase with the amounts summed (the
// convention that reproduces the published calibration summary, see
// ../shared/data/README.md "The BTYD convention").
func cdnowPurchases(t testing.TB) map[int][]cdnowPurchase {
	t.Helper()
	byCustomer := map[int]map[string]*cdnowPurchase{}
	sc := bufio.NewScanner(strings.NewReader(sample.CDNOW))
	line := 0
	for sc.Scan() {
		line++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 5 {
			t.Fatalf("CDNOW line %d: want 5 fields, got %d", line, len(f))
		}
		id, err := strconv.Atoi(f[1])
		if err != nil {
			t.Fatalf("CDNOW line %d: sample id: %v", line, err)
		}
		day, err := time.Parse("20060102", f[2])
		if err != nil {
			t.Fatalf("CDNOW line %d: date: %v", line, err)
		}
		amount, err := strconv.ParseFloat(f[4], 64)
		if err != nil {
			t.Fatalf("CDNOW line %d: amount: %v", line, err)
		}
		if byCustomer[id] == nil {
			byCustomer[id] = map[string]*cdnowPurchase{}
		}
		p := byCustomer[id][f[2]]
		if p == nil {
			p = &cdnowPurchase{day: day}
			byCustomer[id][f[2]] = p
		}
		p.amount += amount
		p.lines = append(p.lines, amount)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	out := make(map[int][]cdnowPurchase, len(byCustomer))
	for id, days := range byCustomer {
		ps := make([]cdnowPurchase, 0, len(days))
		for _, p := range days {
			ps = append(ps, *p)
		}
		sort.Slice(ps, func(i, j int) bool { return ps[i].day.Before(ps[j].day) })
		out[id] = ps
	}
	return out
}

// cdnowCalibrationEnd is the last day of the 39-week calibration period of
// Fader, Hardie & Lee (2005).
var cdnowCalibrationEnd = time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)

// cdnowSpend returns the calibration-period spend summaries of all 2,357
// CDNOW sample customers, in sample-id order: x repeat purchases and m_x the
// mean amount of those repeat purchases (the first purchase excluded), as
// defined by Fader, Hardie & Lee (2005, "RFM and CLV", section "Adding
// monetary value").
func cdnowSpend(t testing.TB) []SpendHistory {
	t.Helper()
	purchases := cdnowPurchases(t)
	out := make([]SpendHistory, 0, len(purchases))
	for id := 1; id <= len(purchases); id++ {
		ps, ok := purchases[id]
		if !ok {
			t.Fatalf("CDNOW: sample id %d missing", id)
		}
		x, sum := 0.0, 0.0
		for i, p := range ps {
			if p.day.After(cdnowCalibrationEnd) {
				break
			}
			if i > 0 {
				x++
				sum += p.amount
			}
		}
		s := SpendHistory{X: x}
		if x > 0 {
			s.MeanSpend = sum / x
		}
		out = append(out, s)
	}
	return out
}
