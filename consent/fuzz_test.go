package consent

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzRequestJSON decodes arbitrary bytes as a Request. Whatever decodes
// must evaluate without panicking; errors must be ErrInvalidInput; a valid
// request must give the same decisions after a JSON round trip.
func FuzzRequestJSON(f *testing.F) {
	seed, _ := json.Marshal(benchRequest())
	f.Add(seed)
	for _, tc := range evaluateCases()[:20] {
		b, _ := json.Marshal(tc.req)
		f.Add(b)
	}
	f.Add([]byte(`{"date":"2025-03-01T00:00:00Z"}`))
	f.Add([]byte(`{"date":"2025-03-01T23:30:00+01:00","recipient":"business","postal_list":"listed"}`))
	f.Add([]byte(`{"date":"2025-03-01T00:00:00Z","consents":[{"channel":"sms","granted_at":"2025-03-02T00:00:00Z","revoked_at":"2025-01-01T00:00:00Z"}]}`))
	f.Add([]byte(`{"date":"0001-01-01T00:00:00Z","objections":[{"channel":"fax"}]}`))
	f.Add([]byte(`{"consents":[{"channel":"telegraph"}]}`))
	f.Add([]byte(`not json`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var r Request
		if err := json.Unmarshal(data, &r); err != nil {
			return
		}
		all, err := EvaluateAll(r, Options{})
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not match ErrInvalidInput", err)
			}
			return
		}
		for c := ChannelEmail; c < channelCount; c++ {
			if all[c].Rule == RuleNone {
				t.Fatalf("%v: no rule", c)
			}
		}
		b, err := json.Marshal(r)
		if err != nil {
			return // e.g. a year outside 0..9999 cannot be written back
		}
		var r2 Request
		if err := json.Unmarshal(b, &r2); err != nil {
			t.Fatalf("re-decoding %s: %v", b, err)
		}
		all2, err := EvaluateAll(r2, Options{})
		if err != nil || all2 != all {
			t.Fatalf("round trip changed the decisions: %v\n%+v\n%+v", err, all, all2)
		}
	})
}
