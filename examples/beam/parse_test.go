package main

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
)

func TestParseLine(t *testing.T) {
	cdnow, _ := SampleConfig().resolve()
	master := SampleConfig()
	master.Format = "cdnow-master"
	ms, _ := master.resolve()
	csv := SampleConfig()
	csv.Format = "csv"
	csv.CSV = CSVColumns{Header: "id;when;eur;ref", CustomerID: "id", Time: "when", TimeLayout: "2006-01-02",
		Amount: "eur", OrderID: "ref", Comma: ";"}
	cs, err := csv.resolve()
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(1997, 1, 18, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name string
		st   settings
		line string
		want winback.Order
		ok   bool
		err  bool
	}{
		// The second line of CDNOW_sample.txt (testdata/cdnow_sample.txt).
		{"sample", cdnow, " 00004 0001 19970118  2   29.73", winback.Order{CustomerID: "00004", Time: day, Amount: decimal.RequireFromString("29.73"), Items: 2}, true, false},
		{"sample CRLF", cdnow, " 00004 0001 19970118  2   29.73\r", winback.Order{CustomerID: "00004", Time: day, Amount: decimal.RequireFromString("29.73"), Items: 2}, true, false},
		{"blank", cdnow, "   ", winback.Order{}, false, false},
		{"master header", ms, "customer_id date number_of_cds dollar_value", winback.Order{}, false, false},
		{"master", ms, "00004 19970118 2 29.73", winback.Order{CustomerID: "00004", Time: day, Amount: decimal.RequireFromString("29.73"), Items: 2}, true, false},
		{"bad amount", cdnow, " 00004 0001 19970118  2   -1", winback.Order{}, false, true},
		{"wrong format", ms, " 00004 0001 19970118  2   29.73", winback.Order{}, false, true},
		{"csv header", cs, "id;when;eur;ref", winback.Order{}, false, false},
		{"csv header with BOM", cs, "\uFEFFid;when;eur;ref", winback.Order{}, false, false},
		{"csv", cs, "k1;1997-01-18;12.5;A-7", winback.Order{CustomerID: "k1", OrderID: "A-7", Time: day, Amount: decimal.RequireFromString("12.5")}, true, false},
		{"csv bad date", cs, "k1;18.01.1997;12.5;A-7", winback.Order{}, false, true},
	} {
		got, ok, err := c.st.parseLine(c.line)
		if (err != nil) != c.err || ok != c.ok {
			t.Errorf("%s: ok %v, err %v; want ok %v, error %v", c.name, ok, err, c.ok, c.err)
			continue
		}
		if ok && !sameOrder(got, c.want) {
			t.Errorf("%s: %+v, want %+v", c.name, got, c.want)
		}
		if err != nil && !strings.Contains(err.Error(), "order line") {
			t.Errorf("%s: error %q does not quote the line", c.name, err)
		}
	}
}

// FuzzParseLine: no line panics the parser; an order it returns is valid.
func FuzzParseLine(f *testing.F) {
	for _, l := range sampleLines()[:5] {
		f.Add(l, false)
	}
	f.Add("k1,1997-01-18T00:00:00Z,12.5", true)
	f.Add("customer_id,time,amount", true)
	cd, _ := SampleConfig().resolve()
	c := SampleConfig()
	c.Format = "csv"
	c.CSV = CSVColumns{Header: "customer_id,time,amount", CustomerID: "customer_id", Time: "time", Amount: "amount"}
	cs, err := c.resolve()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, line string, isCSV bool) {
		st := cd
		if isCSV {
			st = cs
		}
		o, ok, err := st.parseLine(line)
		if ok && err == nil {
			if verr := o.Validate(); verr != nil {
				t.Fatalf("line %q gave invalid order %+v: %v", line, o, verr)
			}
		}
	})
}
