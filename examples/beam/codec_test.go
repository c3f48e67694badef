package main

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"github.com/kundenwert/winback"
)

func genOrder(t *rapid.T) winback.Order {
	zone := rapid.SampledFrom([]*time.Location{time.UTC, time.FixedZone("", 9*3600), time.FixedZone("", -5*3600-1800)}).Draw(t, "zone")
	return winback.Order{
		CustomerID: rapid.StringN(1, 12, -1).Draw(t, "customer"),
		OrderID:    rapid.StringN(0, 12, -1).Draw(t, "order"),
		Time:       time.Unix(rapid.Int64Range(-1e10, 1e10).Draw(t, "sec"), rapid.Int64Range(0, 999_999_999).Draw(t, "nsec")).In(zone),
		Amount:     decimal.New(rapid.Int64Range(0, 1e12).Draw(t, "amount"), int32(rapid.IntRange(-4, 2).Draw(t, "exp"))),
		Items:      rapid.IntRange(0, 1<<40).Draw(t, "items"),
		Discount:   decimal.New(rapid.Int64Range(0, 1e6).Draw(t, "discount"), -2),
		Returned:   rapid.Bool().Draw(t, "returned"),
	}
}

func sameOrder(a, b winback.Order) bool {
	_, oa := a.Time.Zone()
	_, ob := b.Time.Zone()
	return a.CustomerID == b.CustomerID && a.OrderID == b.OrderID && a.Time.Equal(b.Time) && oa == ob &&
		a.Amount.Equal(b.Amount) && a.Amount.Exponent() == b.Amount.Exponent() &&
		a.Discount.Equal(b.Discount) && a.Items == b.Items && a.Returned == b.Returned
}

// TestOrderCoderRoundTrips: decodeOrder(encodeOrder(o)) is o, with the same
// instant, zone offset and decimal exponent.
func TestOrderCoderRoundTrips(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		o := genOrder(t)
		b, err := encodeOrder(o)
		if err != nil {
			t.Fatal(err)
		}
		got, err := decodeOrder(b)
		if err != nil {
			t.Fatal(err)
		}
		if !sameOrder(got, o) {
			t.Fatalf("decoded %+v, want %+v", got, o)
		}
	})
}

func TestOrderCoderRejectsTruncation(t *testing.T) {
	b, err := encodeOrder(winback.Order{CustomerID: "7", Time: time.Unix(0, 0), Amount: decimal.New(1, 0)})
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(b) {
		if _, err := decodeOrder(b[:n]); !errors.Is(err, errOrderCodec) {
			t.Errorf("decodeOrder of %d of %d bytes = %v, want errOrderCodec", n, len(b), err)
		}
	}
}

// FuzzDecodeOrder: arbitrary bytes never panic, and whatever decodes
// encodes back to a form that decodes to the same order.
func FuzzDecodeOrder(f *testing.F) {
	b, _ := encodeOrder(winback.Order{CustomerID: "00004", OrderID: "x", Time: time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC),
		Amount: decimal.RequireFromString("29.33"), Items: 2, Returned: true})
	f.Add(b)
	f.Add([]byte{1})
	f.Fuzz(func(t *testing.T, data []byte) {
		o, err := decodeOrder(data)
		if err != nil {
			return
		}
		b, err := encodeOrder(o)
		if err != nil {
			return // e.g. a zone offset time.MarshalBinary refuses
		}
		again, err := decodeOrder(b)
		if err != nil || !sameOrder(again, o) {
			t.Fatalf("re-decoded %+v, %v; want %+v", again, err, o)
		}
	})
}

// TestPartialCoderFoldsBuffer: the coder folds the buffered orders, so the
// decoded accumulator holds only summaries, equal to those of the orders.
func TestPartialCoderFoldsBuffer(t *testing.T) {
	fn := &summaryFn{Cfg: SampleConfig()}
	p, err := fn.CreateAccumulator()
	if err != nil {
		t.Fatal(err)
	}
	orders := sampleOrders(t)[:5] // customer 00001's orders and the next ones
	for _, o := range orders {
		if p, err = fn.AddInput(p, o); err != nil {
			t.Fatal(err)
		}
	}
	if len(p.pending) != len(orders) {
		t.Fatalf("%d orders buffered, want %d (batch 64)", len(p.pending), len(orders))
	}
	b, err := encodePartial(p)
	if err != nil {
		t.Fatal(err)
	}
	d, err := decodePartial(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.pending) != 0 {
		t.Errorf("decoded accumulator buffers %d orders", len(d.pending))
	}
	want, err := winback.Summarize(winback.FromSlice(orders), fn.st.opts)
	if err != nil {
		t.Fatal(err)
	}
	wb, _ := want.MarshalBinary()
	db, _ := d.sum.MarshalBinary()
	if !bytes.Equal(wb, db) && !equalRows(t, want, d.sum) {
		t.Error("decoded accumulator differs from the summaries of its orders")
	}
}

func equalRows(t *testing.T, a, b winback.Summaries) bool {
	ra, rb := rows(t, a), rows(t, b)
	if len(ra) != len(rb) {
		return false
	}
	for i := range ra {
		if ra[i] != rb[i] {
			return false
		}
	}
	return true
}
