package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/kundenwert/winback/internal/sample"
)

// TestRunReportsKeyFigures runs the quickstart and checks its key figures
// against counts made here directly on the raw CDNOW text (strings.Fields,
// no winback code), and the BTYD counts against the data README ("Counts
// under these rules": 4,814 / 2,457 / 1,882).
func TestRunReportsKeyFigures(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := strings.Join(strings.Fields(buf.String()), " ")

	days := map[string]map[string]bool{} // customer → purchase dates
	q2 := map[string]bool{}              // customers with an order in 1997Q2
	lines, cents := 0, 0
	for _, line := range strings.Split(strings.TrimSpace(sample.CDNOW), "\n") {
		f := strings.Fields(line)
		id, date := f[0], f[2]
		if days[id] == nil {
			days[id] = map[string]bool{}
		}
		days[id][date] = true
		if date >= "19970401" && date <= "19970630" {
			q2[id] = true
		}
		whole, frac, _ := strings.Cut(f[4], ".")
		w, _ := strconv.Atoi(whole)
		c, _ := strconv.Atoi((frac + "00")[:2])
		cents += 100*w + c
		lines++
	}
	repeaters := 0
	for _, d := range days {
		if len(d) > 1 {
			repeaters++
		}
	}
	n := len(days)
	for _, want := range []string{
		fmt.Sprintf("customers %s", thousands(n)),
		fmt.Sprintf("order lines %s", thousands(lines)),
		fmt.Sprintf("revenue %s.%02d $", thousands(cents/100), cents%100),
		fmt.Sprintf("repeat-purchase rate %.1f %%", 100*float64(repeaters)/float64(n)),
		fmt.Sprintf("average order value %.2f $", float64(cents)/100/float64(lines)),
		// Everyone was acquired in 1997Q1, so Q2 has S = all customers,
		// no new ones, retained = active, lost = the rest.
		fmt.Sprintf("1997Q2 %d %d 0 %d 0 %d %.1f %% %.1f %%", n, len(q2), len(q2), n-len(q2),
			100*float64(len(q2))/float64(n), 100*float64(n-len(q2))/float64(n)),
		"4,814 purchases, 2,457 repeat; holdout 1,882 purchases",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, buf.String())
		}
	}
	if n != 2357 || lines != 6919 {
		t.Errorf("raw sample: %d customers, %d lines; want 2357, 6919", n, lines)
	}
}

// TestRunReportsTheCampaign checks the win-back part of the report: the
// BG/NBD estimates of Fader, Hardie & Lee (2005) on the calibration period
// (r = 0.2426, LL = −9582.43), the synthetic-data notice, a budget used
// within the budget, and ten customers with their reasons.
func TestRunReportsTheCampaign(t *testing.T) {
	var buf bytes.Buffer
	if err := run(&buf); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"BG/NBD       r 0.2426", "LL -9582.43", "SYNTHETIC", "Top 10 customers to approach", "10. customer"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	_, after, ok := strings.Cut(out, "budget used ")
	if !ok {
		t.Fatal("no budget line")
	}
	used, err := strconv.ParseFloat(strings.Fields(after)[0], 64)
	if err != nil || used <= 0 || used > 1500 {
		t.Errorf("budget used %q, want in (0, 1500]", strings.Fields(after)[0])
	}
	if n := strings.Count(out, "      action: "); n != 10 {
		t.Errorf("%d reason trails with an action line, want 10", n)
	}
}
