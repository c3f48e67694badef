package winback

import (
	"encoding/csv"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kundenwert/winback/internal/sample"
)

// btyd are the options of the BTYD convention under which the published
// CDNOW calibration summary was built (data README, "The BTYD convention";
// Fader, Hardie and Lee 2005): weeks, calibration to 1997-09-30 inclusive,
// same-day orders merged, a 39-week holdout to 1998-06-30.
func btyd() SummaryOptions {
	return SummaryOptions{
		Unit:           Week,
		CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC),
		MergeSameDay:   true,
		HoldoutEnd:     time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC),
	}
}

func cdnowSummaries(t testing.TB) Summaries {
	t.Helper()
	s, err := Summarize(ReadCDNOW(strings.NewReader(sample.CDNOW), CDNOWSample), btyd())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// sampleIDs maps the original CDNOW customer id to the id within the sample
// (the ID column of the published summary), read directly from the text.
func sampleIDs(t testing.TB) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(sample.CDNOW, "\n") {
		if f := strings.Fields(line); len(f) == 5 {
			m[f[0]] = strings.TrimLeft(f[1], "0")
		}
	}
	if len(m) != 2357 {
		t.Fatalf("sample has %d customers, want 2357", len(m))
	}
	return m
}

// TestSummarizeReproducesPublishedCDNOWSummary compares every row of the
// summary published with the BG/NBD paper (testdata/cdnow_customers_summary.csv,
// columns ID, frequency = x, recency = t_x, T in weeks) with Summarize on the
// embedded sample, to the printed two decimals.
func TestSummarizeReproducesPublishedCDNOWSummary(t *testing.T) {
	f, err := os.Open("testdata/cdnow_customers_summary.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	rows = rows[1:]
	if len(rows) != 2357 {
		t.Fatalf("published summary has %d rows, want 2357", len(rows))
	}
	published := map[string][]string{}
	for _, r := range rows {
		published[r[0]] = r[1:]
	}
	s := cdnowSummaries(t)
	if s.Len() != 2357 {
		t.Fatalf("Len() = %d, want 2357", s.Len())
	}
	ids := sampleIDs(t)
	n := 0
	for sm := range s.All() {
		want, ok := published[ids[sm.CustomerID]]
		if !ok {
			t.Fatalf("customer %s (sample id %q) not in the published summary", sm.CustomerID, ids[sm.CustomerID])
		}
		got := []string{strconv.FormatFloat(sm.X, 'f', -1, 64), two(sm.Tx), two(sm.T)}
		if want[0] != got[0] || two(parse(t, want[1])) != got[1] || two(parse(t, want[2])) != got[2] {
			t.Errorf("customer %s: (x, t_x, T) = %v, published %v", sm.CustomerID, got, want)
		}
		n++
	}
	if n != 2357 {
		t.Errorf("All yielded %d rows, want 2357", n)
	}
}

func two(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func parse(t testing.TB, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestSummarizeCountsCDNOWPurchases checks the purchase counts of the data
// README ("Counts under these rules"): 4,814 calibration purchases, 2,457 of
// them repeat purchases, 1,882 holdout purchases from 1,959 order lines, and
// the 6,919 order lines of the sample in all.
func TestSummarizeCountsCDNOWPurchases(t *testing.T) {
	tot := cdnowSummaries(t).Totals()
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"Customers", tot.Customers, 2357},
		{"HoldoutOnly", tot.HoldoutOnly, 0},
		{"Purchases", tot.Purchases, 4814},
		{"RepeatPurchases", tot.RepeatPurchases, 2457},
		{"HoldoutPurchases", tot.HoldoutPurchases, 1882},
		{"HoldoutOrders", tot.HoldoutOrders, 1959},
		{"Orders+HoldoutOrders", tot.Orders + tot.HoldoutOrders, 6919},
	} {
		if c.got != c.want {
			t.Errorf("%s = %d, want %d", c.name, c.got, c.want)
		}
	}
}

// TestReadCDNOWYieldsEverySampleLine checks the loader against an
// independent count and sum of the embedded text: 6,919 lines (sample
// package doc), and the dollar total summed here with strconv.
func TestReadCDNOWYieldsEverySampleLine(t *testing.T) {
	var want float64
	for _, line := range strings.Split(strings.TrimSpace(sample.CDNOW), "\n") {
		want += parse(t, strings.Fields(line)[4])
	}
	n := 0
	var got float64
	for o, err := range ReadCDNOW(strings.NewReader(sample.CDNOW), CDNOWSample) {
		if err != nil {
			t.Fatal(err)
		}
		v, _ := o.Amount.Float64()
		got += v
		n++
	}
	if n != 6919 {
		t.Errorf("read %d orders, want 6919", n)
	}
	if two(got) != two(want) {
		t.Errorf("total amount %.2f, want %.2f", got, want)
	}
}

func TestReadCDNOWReportsLineAndField(t *testing.T) {
	const master = "customer_id date number_of_cds dollar_value\n" +
		"00001 19970101 1 11.77\n" +
		"\n" +
		"00002 19970230 1 12.00\n" + // line 4: no such date
		"00003 19970102 x 1.00\n" + // line 5
		"00004 19970102 1 -1\n" + // line 6
		"00005 19970102 1\n" + // line 7: three fields
		"0000a 19970102 1 1\n" + // line 8
		"00006 19970102 1 1.00001\n" // line 9: five decimals
	want := []string{"", "line 4: date", "line 5: number_of_cds", "line 6: dollar_value", "line 7", "line 8: customer_id", "line 9: dollar_value"}
	i := 0
	for o, err := range ReadCDNOW(strings.NewReader(master), CDNOWMaster) {
		if i >= len(want) {
			t.Fatalf("more results than expected: %v %v", o, err)
		}
		if want[i] == "" {
			if err != nil {
				t.Fatalf("line 2: %v", err)
			}
			if o.CustomerID != "00001" || o.OrderID != "00001-2" || o.Items != 1 || o.Amount.String() != "11.77" ||
				!o.Time.Equal(time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("line 2 = %+v", o)
			}
		} else {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Field != want[i] || !errors.Is(err, ErrInvalidInput) {
				t.Errorf("result %d: error %v, want field %q", i, err, want[i])
			}
		}
		i++
	}
	if i != len(want) {
		t.Errorf("got %d results, want %d", i, len(want))
	}
}
