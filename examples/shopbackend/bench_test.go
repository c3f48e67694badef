package main

import (
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

// BenchmarkDecideEndpoint measures one POST /v1/decide of a CDNOW sample
// customer with synthetic events: decoding, deciding and encoding.
func BenchmarkDecideEndpoint(b *testing.B) {
	h := testServer(b, 0)
	asOf := time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC)
	body, err := json.Marshal(map[string]any{"as_of": asOf, "customer": sampleCustomers(b, 1, asOf)[0]})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if w := post(b, h, "/v1/decide", body); w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}

// BenchmarkPlanEndpoint measures one POST /v1/plan of 200 sample customers.
func BenchmarkPlanEndpoint(b *testing.B) {
	h := testServer(b, 0)
	asOf := time.Date(1998, 7, 1, 0, 0, 0, 0, time.UTC)
	body, err := json.Marshal(map[string]any{"as_of": asOf, "customers": sampleCustomers(b, 200, asOf),
		"options": map[string]any{"budget": "60", "holdout_share": 0.2, "seed": 7}})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		if w := post(b, h, "/v1/plan", body); w.Code != http.StatusOK {
			b.Fatalf("status %d: %s", w.Code, w.Body)
		}
	}
}
