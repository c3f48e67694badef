package consent

import (
	"testing"
	"time"
)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// benchRequest is a typical win-back e-mail check: two consent records, one
// for SMS, one for e-mail, plus § 7(3) facts.
func benchRequest() Request {
	return Request{
		Date:      date(2025, 3, 1),
		Recipient: RecipientConsumer,
		Message: Message{Purpose: PurposeAdvertising, Content: ContentOwnSimilar,
			SenderIdentified: true, DDGCompliant: true, OptOutAddress: true, ObjectionNotice: true},
		Consents: []ConsentRecord{
			{Channel: ChannelSMS, Scope: ScopeOwnAll, Method: MethodOnlineForm, GrantedAt: date(2024, 1, 10),
				ActiveOptIn: true, DoubleOptIn: true, Documented: true},
			{Channel: ChannelEmail, Scope: ScopeOwnAll, Method: MethodOnlineForm, GrantedAt: date(2023, 6, 1),
				ActiveOptIn: true, DoubleOptIn: true, Documented: true, LastUsedAt: date(2025, 1, 15)},
		},
		ExistingCustomer: ExistingCustomer{AddressFromSale: true, NoticeAtCollection: true},
		Relationship:     Relationship{LastPurchase: date(2024, 11, 2)},
		PostalList:       ListNotListed,
	}
}

func BenchmarkEvaluate(b *testing.B) {
	req := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		d, err := Evaluate(req, ChannelEmail, Options{})
		if err != nil || !d.Allowed {
			b.Fatal(d, err)
		}
	}
}

func BenchmarkEvaluateAll(b *testing.B) {
	req := benchRequest()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := EvaluateAll(req, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestEvaluateDoesNotAllocate guards the zero-allocation promise for one
// check, for EvaluateAll, and for a denial.
func TestEvaluateDoesNotAllocate(t *testing.T) {
	req := benchRequest()
	denied := req
	denied.Objections = []Objection{{Channel: ChannelPostal}}
	for name, fn := range map[string]func(){
		"Evaluate":    func() { _, _ = Evaluate(req, ChannelEmail, Options{}) },
		"denial":      func() { _, _ = Evaluate(denied, ChannelPhone, Options{}) },
		"EvaluateAll": func() { _, _ = EvaluateAll(req, Options{}) },
	} {
		if n := testing.AllocsPerRun(200, fn); n != 0 {
			t.Errorf("%s: %v allocations per run, want 0", name, n)
		}
	}
}
