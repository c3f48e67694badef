package consent_test

import (
	"fmt"
	"time"

	"github.com/kundenwert/winback/consent"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// A win-back e-mail to a customer who bought three months ago and was told
// about the right to object at checkout: the existing-customer exception of
// § 7(3) UWG carries it without a consent.
func ExampleEvaluate() {
	req := consent.Request{
		Date:      day(2025, 3, 1),
		Recipient: consent.RecipientConsumer,
		Message: consent.Message{
			Purpose: consent.PurposeAdvertising, Content: consent.ContentOwnSimilar,
			SenderIdentified: true, DDGCompliant: true, OptOutAddress: true, ObjectionNotice: true,
		},
		ExistingCustomer: consent.ExistingCustomer{AddressFromSale: true, NoticeAtCollection: true},
		Relationship:     consent.Relationship{LastPurchase: day(2024, 12, 1)},
	}
	d, err := consent.Evaluate(req, consent.ChannelEmail, consent.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Allowed, d.Rule)

	// The same customer after a comeback voucher went out as a "transactional"
	// cancellation confirmation, and the customer objected by phone.
	req.Message.Purpose = consent.PurposeMixed
	req.Objections = []consent.Objection{{Date: day(2025, 2, 20), Channel: consent.ChannelPhone}}
	d, _ = consent.Evaluate(req, consent.ChannelEmail, consent.Options{})
	fmt.Println(d.Allowed, d.Rule)
	for _, r := range d.Reasons.List() {
		fmt.Println("-", r, "|", r.Statute())
	}
	// Output:
	// true uwg-7-3
	// false gdpr-21
	// - mixed_is_advertising | § 7(1), (2) UWG
	// - objection | Art. 21(2), (3) GDPR; § 7(1) sentence 2 UWG
}

// A denial says what to collect: here an online e-mail consent lacks the
// double opt-in that makes it provable. Missing is the union over the legal
// bases tried, so it also lists the § 7(3) facts; either the double opt-in
// or all § 7(3) facts would do.
func ExampleDecision_missing() {
	req := consent.Request{
		Date:    day(2025, 3, 1),
		Message: consent.Message{Purpose: consent.PurposeAdvertising, Content: consent.ContentOwnOther, SenderIdentified: true, DDGCompliant: true, OptOutAddress: true},
		Consents: []consent.ConsentRecord{{
			Channel: consent.ChannelEmail, Scope: consent.ScopeOwnAll, Method: consent.MethodOnlineForm,
			GrantedAt: day(2025, 1, 10), ActiveOptIn: true, Documented: true,
		}},
	}
	d, _ := consent.Evaluate(req, consent.ChannelEmail, consent.Options{})
	fmt.Println(d.Allowed, d.Rule, d.Missing)
	fmt.Println(consent.ReasonNoDoubleOptIn.Court())
	// Output:
	// false uwg-7-2-2 double_opt_in+address_from_sale+own_similar_content+notice_at_collection+notice_in_message+recent_purchase
	// BGH, judgment of 10.02.2011, I ZR 164/09 (Double-opt-in-Verfahren)
}

// Evaluate every channel at once and pick the permitted ones, e.g. for a
// business customer with a fax consent and facts for a call.
func ExampleEvaluateAll() {
	req := consent.Request{
		Date:      day(2025, 3, 1),
		Recipient: consent.RecipientBusiness,
		Message:   consent.Message{Purpose: consent.PurposeAdvertising, Content: consent.ContentOwnSimilar, SenderIdentified: true, DDGCompliant: true, OptOutAddress: true},
		Consents: []consent.ConsentRecord{{
			Channel: consent.ChannelFax, Scope: consent.ScopeOwnSimilar, Method: consent.MethodWritten,
			GrantedAt: day(2024, 11, 4), ActiveOptIn: true, Documented: true,
		}},
		BusinessPhone: consent.BusinessPhone{PriorRelationship: true, OfferServesBusiness: true},
		PostalList:    consent.ListNotListed,
	}
	all, err := consent.EvaluateAll(req, consent.Options{})
	if err != nil {
		panic(err)
	}
	for ch, d := range all {
		if d.Allowed {
			fmt.Println(consent.Channel(ch), d.Rule)
		}
	}
	fmt.Println("push contested:", all[consent.ChannelPush].Contested)
	// Output:
	// phone uwg-7-2-1
	// fax uwg-7-2-2
	// postal uwg-7-1
	// push contested: true
}

// Proof of a consent to advertising calls, granted on a leap day and last
// used in mid-2026, must be kept until mid-2031 (§ 7a(2) UWG).
func ExampleProofRetentionUntil() {
	until, err := consent.ProofRetentionUntil(day(2024, 2, 29), []time.Time{day(2025, 1, 3), day(2026, 6, 30)})
	if err != nil {
		panic(err)
	}
	fmt.Println(until.Format(time.DateOnly))
	noUse, _ := consent.ProofRetentionUntil(day(2024, 2, 29), nil)
	fmt.Println(noUse.Format(time.DateOnly))
	// Output:
	// 2031-06-30
	// 2029-02-28
}
