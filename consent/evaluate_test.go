package consent

import (
	"errors"
	"testing"
	"time"
)

// Sources cited in the table (see doc.go for the summaries):
//   UWG      § 7 UWG in the version in force since 28.05.2022, § 7a UWG
//   GDPR21   Art. 21(2), (3) GDPR; Art. 7(3) GDPR for withdrawal
//   DDG6     § 6(1) DDG (formerly § 6(1) TMG)
//   DOI      BGH 10.02.2011, I ZR 164/09 (Double-opt-in-Verfahren)
//   Payback  BGH 16.07.2008, VIII ZR 348/06
//   BizMail  BGH 20.05.2009, I ZR 218/07
//   AutoRep  BGH 15.12.2015, VI ZR 134/15
//   Feedback BGH 10.07.2018, VI ZR 225/17
//   Scope    BGH 14.03.2017, VI ZR 721/15
//   BizPhone BGH 16.11.2006, I ZR 191/03
//   Schles   OLG Schleswig 11.12.2023, 6 U 25/23
//   FfmPost  OLG Frankfurt am Main 07.05.2020, 6 U 54/19
//   Muc      LG München I 08.04.2010, 17 HK O 138/10 (staleness)
//   NoLapse  BGH 01.02.2018, III ZR 196/17
//   Sale     LG Nürnberg-Fürth 21.09.2022, 4 HK O 655/21
//   Inbox    CJEU 25.11.2021, C-102/20
//   BGB188   §§ 187(1), 188(2), (3) BGB for period ends
//   Issue5   the engine's specification (fail-closed choices)
// Edge dates are computed by hand in the comments.

var decisionDay = date(2025, 3, 1)

// goodMessage is an advertising message that meets every message duty.
func goodMessage() Message {
	return Message{Purpose: PurposeAdvertising, Content: ContentOwnSimilar,
		SenderIdentified: true, DDGCompliant: true, OptOutAddress: true, ObjectionNotice: true}
}

// rec returns a valid consent record for ch granted on 2024-09-01.
func rec(ch Channel) ConsentRecord {
	return ConsentRecord{Channel: ch, Scope: ScopeOwnAll, Method: MethodOnlineForm, GrantedAt: date(2024, 9, 1),
		ActiveOptIn: true, DoubleOptIn: true, Documented: true}
}

func base(mut ...func(*Request)) Request {
	r := Request{Date: decisionDay, Recipient: RecipientConsumer, Message: goodMessage()}
	for _, m := range mut {
		m(&r)
	}
	return r
}

func withConsent(c ...ConsentRecord) func(*Request) {
	return func(r *Request) { r.Consents = append(r.Consents, c...) }
}

func withRec(ch Channel, edit func(*ConsentRecord)) func(*Request) {
	return func(r *Request) {
		c := rec(ch)
		edit(&c)
		r.Consents = append(r.Consents, c)
	}
}

func business(r *Request) { r.Recipient = RecipientBusiness }

// ecFacts sets all § 7(3) facts for an e-mail to an existing customer.
func ecFacts(r *Request) {
	r.ExistingCustomer = ExistingCustomer{AddressFromSale: true, NoticeAtCollection: true}
	r.Message.ObjectionNotice = true
	r.Message.Content = ContentOwnSimilar
	r.Relationship.LastPurchase = date(2024, 12, 1)
}

func purpose(p Purpose) func(*Request) { return func(r *Request) { r.Message.Purpose = p } }

func objection(ch Channel) func(*Request) {
	return func(r *Request) { r.Objections = append(r.Objections, Objection{Date: date(2025, 1, 1), Channel: ch}) }
}

type tcase struct {
	name      string
	ch        Channel
	req       Request
	opts      Options
	allowed   bool
	rule      Rule
	reasons   []Reason
	missing   []Fact
	contested bool
}

func evaluateCases() []tcase {
	return []tcase{
		// --- Transactional messages (Issue5; DOMAIN §9) ---
		{name: "email transactional despite objection", ch: ChannelEmail, // Issue5: allowed regardless of consent and objections
			req: base(purpose(PurposeTransactional), objection(ChannelEmail)), allowed: true, rule: RuleTransactional, reasons: []Reason{ReasonTransactional}},
		{name: "postal transactional despite objection and listing", ch: ChannelPostal, // Issue5
			req: base(purpose(PurposeTransactional), objection(ChannelPostal), func(r *Request) { r.PostalList = ListListed }), allowed: true, rule: RuleTransactional},
		{name: "sms transactional", ch: ChannelSMS, // UWG § 7 governs advertising only (documented choice)
			req: base(purpose(PurposeTransactional)), allowed: true, rule: RuleTransactional},
		{name: "phone transactional without named issue is advertising", ch: ChannelPhone, // Schles
			req: base(purpose(PurposeTransactional)), rule: RulePhone, reasons: []Reason{ReasonCallIssueNotStated, ReasonNoPhoneConsent}, missing: []Fact{FactStatedIssue, FactConsent}},
		{name: "phone transactional with named issue", ch: ChannelPhone, // Issue5: caller states a transactional purpose
			req: base(purpose(PurposeTransactional), func(r *Request) { r.Message.StatedIssue = true }), allowed: true, rule: RuleTransactional},
		{name: "automated call transactional without named issue", ch: ChannelAutomatedCall, // Schles; UWG § 7(2) Nr. 2
			req: base(purpose(PurposeTransactional)), rule: RuleElectronic, reasons: []Reason{ReasonCallIssueNotStated}},

		// --- Mixed-purpose traps ---
		{name: "cancellation confirmation with comeback voucher", ch: ChannelEmail, // AutoRep; Issue5 (mixed = advertising)
			req: base(purpose(PurposeMixed)), rule: RuleElectronic, reasons: []Reason{ReasonMixedIsAdvertising, ReasonNoElectronicConsent}, missing: []Fact{FactConsent}},
		{name: "auto-reply with advert after objection", ch: ChannelEmail, // AutoRep: advert in confirmation after objection
			req: base(purpose(PurposeMixed), withConsent(rec(ChannelEmail)), objection(ChannelEmail)), rule: RuleObjection, reasons: []Reason{ReasonMixedIsAdvertising, ReasonObjection}},
		{name: "feedback request in invoice mail without notice", ch: ChannelEmail, // Feedback
			req:  base(purpose(PurposeFeedback), ecFacts, func(r *Request) { r.ExistingCustomer.NoticeAtCollection = false }),
			rule: RuleElectronic, reasons: []Reason{ReasonFeedbackIsAdvertising, ReasonECNoNoticeAtCollection, ReasonECNotOwnSimilar}},
		{name: "feedback request meeting every other 7(3) condition", ch: ChannelEmail, // Feedback; UWG § 7(3) Nr. 2 unsettled
			req: base(purpose(PurposeFeedback), ecFacts), rule: RuleElectronic, reasons: []Reason{ReasonECNotOwnSimilar}, contested: true},
		{name: "feedback request with feedback consent", ch: ChannelEmail, // UWG § 7(2) Nr. 2 with consent
			req: base(purpose(PurposeFeedback), withRec(ChannelEmail, func(c *ConsentRecord) { c.Scope = ScopeFeedback })), allowed: true, rule: RuleElectronic, reasons: []Reason{ReasonFeedbackIsAdvertising, ReasonConsentValid}},
		{name: "feedback request with own-similar consent", ch: ChannelEmail, // Scope
			req: base(purpose(PurposeFeedback), withRec(ChannelEmail, func(c *ConsentRecord) { c.Scope = ScopeOwnSimilar })), rule: RuleElectronic, reasons: []Reason{ReasonConsentOutOfScope}, missing: []Fact{FactConsentScope}},
		{name: "unknown purpose: no consent can cover it", ch: ChannelEmail, // Issue5 fail closed
			req: base(purpose(PurposeUnknown), withConsent(rec(ChannelEmail))), rule: RuleElectronic, reasons: []Reason{ReasonPurposeUnknown, ReasonConsentOutOfScope}, missing: []Fact{FactPurpose}},
		{name: "unknown purpose: letter post still allowed", ch: ChannelPostal, // UWG § 7(1): letters need no consent
			req: base(purpose(PurposeUnknown), func(r *Request) { r.PostalList = ListNotListed }), allowed: true, rule: RulePostal},
		{name: "unknown purpose without consent", ch: ChannelEmail, // Issue5 fail closed
			req: base(purpose(PurposeUnknown)), rule: RuleElectronic, missing: []Fact{FactPurpose, FactConsent}},

		// --- Objections across channels (GDPR21) ---
		{name: "e-mail objection stops letters", ch: ChannelPostal, // FfmPost
			req: base(objection(ChannelEmail), func(r *Request) { r.PostalList = ListNotListed }), rule: RuleObjection, reasons: []Reason{ReasonObjection}},
		{name: "phone objection stops consented e-mail", ch: ChannelEmail, // GDPR21 (3)
			req: base(objection(ChannelPhone), withConsent(rec(ChannelEmail))), rule: RuleObjection},
		{name: "postal objection stops consented sms", ch: ChannelSMS, // GDPR21
			req: base(objection(ChannelPostal), withConsent(rec(ChannelSMS))), rule: RuleObjection},
		{name: "objection of unknown channel and date stops calls", ch: ChannelPhone, // GDPR21; Issue5 fail closed
			req: base(withConsent(rec(ChannelPhone)), func(r *Request) { r.Objections = []Objection{{}} }), rule: RuleObjection},
		{name: "objection dated after the decision date still counts", ch: ChannelMessenger, // Issue5 fail closed
			req: base(withConsent(rec(ChannelMessenger)), func(r *Request) { r.Objections = []Objection{{Date: date(2026, 1, 1), Channel: ChannelEmail}} }), rule: RuleObjection},
		{name: "objection stops push to a business", ch: ChannelPush, // GDPR21
			req: base(business, withConsent(rec(ChannelPush)), objection(ChannelInApp)), rule: RuleObjection},

		// --- Withdrawal of consent (Art. 7(3) GDPR) ---
		{name: "withdrawn e-mail consent also blocks 7(3)", ch: ChannelEmail, // GDPR 7(3); UWG § 7(3) Nr. 3
			req: base(ecFacts, withRec(ChannelEmail, func(c *ConsentRecord) { c.RevokedAt = date(2025, 1, 1) })), rule: RuleRevoked, reasons: []Reason{ReasonConsentRevoked}, missing: []Fact{FactConsent}},
		{name: "consent granted again after withdrawal", ch: ChannelEmail, // Art. 7(3) GDPR: a later grant is a new consent
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2022, 1, 1); c.RevokedAt = date(2023, 1, 1) }), withConsent(rec(ChannelEmail))), allowed: true, rule: RuleElectronic},
		{name: "withdrawal of postal consent stops letters", ch: ChannelPostal, // GDPR 7(3); UWG § 7(1) sentence 2
			req: base(withRec(ChannelPostal, func(c *ConsentRecord) { c.RevokedAt = date(2025, 2, 1) }), func(r *Request) { r.PostalList = ListNotListed }), rule: RuleRevoked},
		{name: "sms withdrawal leaves e-mail consent", ch: ChannelEmail, // per-channel withdrawal (Issue5)
			req: base(withRec(ChannelSMS, func(c *ConsentRecord) { c.RevokedAt = date(2025, 2, 1) }), withConsent(rec(ChannelEmail))), allowed: true, rule: RuleElectronic},
		{name: "withdrawal of unknown channel applies to all", ch: ChannelEmail, // Issue5 fail closed
			req: base(withRec(ChannelUnknown, func(c *ConsentRecord) { c.RevokedAt = date(2025, 2, 1) }), withConsent(rec(ChannelEmail))), rule: RuleRevoked},

		// --- § 7(2) Nr. 1 UWG: telephone ---
		{name: "consumer call with documented phone consent", ch: ChannelPhone, // UWG § 7(2) Nr. 1; § 7a
			req: base(withRec(ChannelPhone, func(c *ConsentRecord) { c.Method = MethodPhone; c.DoubleOptIn = false })), allowed: true, rule: RulePhone, reasons: []Reason{ReasonConsentValid}},
		{name: "consumer call with undocumented consent", ch: ChannelPhone, // § 7a UWG; DOI (b)
			req: base(withRec(ChannelPhone, func(c *ConsentRecord) { c.Documented = false })), rule: RulePhone, reasons: []Reason{ReasonPhoneConsentUndocumented}, missing: []Fact{FactConsentProof}},
		{name: "online phone consent confirmed only by e-mail", ch: ChannelPhone, // DOI (c)
			req: base(withRec(ChannelPhone, func(c *ConsentRecord) { c.DoubleOptIn = false })), rule: RulePhone, reasons: []Reason{ReasonNoDoubleOptIn}, missing: []Fact{FactDoubleOptIn}},
		{name: "consumer call: business facts do not help", ch: ChannelPhone, // UWG § 7(2) Nr. 1 (express consent for consumers)
			req: base(func(r *Request) { r.BusinessPhone = BusinessPhone{true, true} }), rule: RulePhone, missing: []Fact{FactConsent}},
		{name: "unknown recipient is a consumer for calls", ch: ChannelPhone, // Issue5
			req: base(func(r *Request) { r.Recipient = RecipientUnknown; r.BusinessPhone = BusinessPhone{true, true} }), rule: RulePhone, reasons: []Reason{ReasonRecipientTreatedAsConsumer}, missing: []Fact{FactRecipientKind}},
		{name: "business call with presumed consent", ch: ChannelPhone, // BizPhone
			req: base(business, func(r *Request) { r.BusinessPhone = BusinessPhone{true, true} }), allowed: true, rule: RulePhone, reasons: []Reason{ReasonBusinessPresumedConsent}},
		{name: "business call on prior relationship alone", ch: ChannelPhone, // BizPhone (content of the offer counts)
			req: base(business, func(r *Request) { r.BusinessPhone = BusinessPhone{PriorRelationship: true} }), rule: RulePhone, missing: []Fact{FactBusinessFacts}},
		{name: "business call after phone withdrawal", ch: ChannelPhone, // GDPR 7(3)
			req: base(business, func(r *Request) { r.BusinessPhone = BusinessPhone{true, true} }, withRec(ChannelPhone, func(c *ConsentRecord) { c.RevokedAt = date(2025, 1, 1) })), rule: RuleRevoked},
		{name: "win-back call after cancellation without consent", ch: ChannelPhone, // seed 003; UWG § 7(2) Nr. 1
			req: base(func(r *Request) { r.Relationship.ContractEnd = date(2025, 2, 1) }), rule: RulePhone, reasons: []Reason{ReasonNoPhoneConsent}},

		// --- § 7(2) Nr. 2 UWG: electronic mail, automatic calls, fax ---
		{name: "consumer e-mail with double opt-in consent", ch: ChannelEmail, // UWG § 7(2) Nr. 2; DOI (d)
			req: base(withConsent(rec(ChannelEmail))), allowed: true, rule: RuleElectronic, reasons: []Reason{ReasonConsentValid}},
		{name: "business e-mail without consent", ch: ChannelEmail, // BizMail
			req: base(business), rule: RuleElectronic, reasons: []Reason{ReasonNoElectronicConsent}, missing: []Fact{FactConsent}},
		{name: "business e-mail with consent", ch: ChannelEmail, // UWG § 7(2) Nr. 2
			req: base(business, withConsent(rec(ChannelEmail))), allowed: true, rule: RuleElectronic},
		{name: "consumer sms with consent", ch: ChannelSMS, // UWG § 7(2) Nr. 2
			req: base(withConsent(rec(ChannelSMS))), allowed: true, rule: RuleElectronic},
		{name: "sms consent from pre-ticked box", ch: ChannelSMS, // Payback
			req: base(withRec(ChannelSMS, func(c *ConsentRecord) { c.ActiveOptIn = false })), rule: RuleElectronic, reasons: []Reason{ReasonNoActiveOptIn}, missing: []Fact{FactActiveOptIn}},
		{name: "messenger online consent without double opt-in", ch: ChannelMessenger, // DOI; Issue5
			req: base(withRec(ChannelMessenger, func(c *ConsentRecord) { c.DoubleOptIn = false })), rule: RuleElectronic, reasons: []Reason{ReasonNoDoubleOptIn}},
		{name: "messenger consent given in person", ch: ChannelMessenger, // UWG § 7(2) Nr. 2 (no DOI for in-person)
			req: base(withRec(ChannelMessenger, func(c *ConsentRecord) { c.Method = MethodInPerson; c.DoubleOptIn = false })), allowed: true, rule: RuleElectronic},
		{name: "fax to a business without consent", ch: ChannelFax, // UWG § 7(2) Nr. 2 (businesses alike)
			req: base(business, func(r *Request) { r.BusinessPhone = BusinessPhone{true, true} }), rule: RuleElectronic},
		{name: "fax to a business with consent", ch: ChannelFax, // UWG § 7(2) Nr. 2
			req: base(business, withConsent(rec(ChannelFax))), allowed: true, rule: RuleElectronic},
		{name: "automated call to consumer with consent", ch: ChannelAutomatedCall, // UWG § 7(2) Nr. 2
			req: base(withConsent(rec(ChannelAutomatedCall))), allowed: true, rule: RuleElectronic},
		{name: "automated call: presumed consent is not enough", ch: ChannelAutomatedCall, // UWG § 7(2) Nr. 2 (express consent)
			req: base(business, func(r *Request) { r.BusinessPhone = BusinessPhone{true, true} }), rule: RuleElectronic, missing: []Fact{FactConsent}},
		{name: "push without consent", ch: ChannelPush, // Inbox; contested classification
			req: base(), rule: RuleElectronic, reasons: []Reason{ReasonPushInAppAsEmail}, contested: true},
		{name: "in-app with consent", ch: ChannelInApp, // UWG § 7(2) Nr. 2
			req: base(withConsent(rec(ChannelInApp))), allowed: true, rule: RuleElectronic},
		{name: "in-app to a business without consent", ch: ChannelInApp, // Inbox
			req: base(business), rule: RuleElectronic, contested: true},
		{name: "undocumented e-mail consent", ch: ChannelEmail, // DOI (b)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Documented = false })), rule: RuleElectronic, reasons: []Reason{ReasonConsentUndocumented}, missing: []Fact{FactConsentProof}},
		{name: "e-mail consent of unknown origin", ch: ChannelEmail, // DOI (proof)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Method = MethodUnknown })), rule: RuleElectronic, missing: []Fact{FactConsentMethod}},
		{name: "online e-mail consent without double opt-in", ch: ChannelEmail, // Issue5; DOI (d)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.DoubleOptIn = false })), rule: RuleElectronic, missing: []Fact{FactDoubleOptIn}},
		{name: "consent granted after the decision date", ch: ChannelEmail, // UWG § 7(2) Nr. 2 (prior consent)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2025, 3, 2) })), rule: RuleElectronic, reasons: []Reason{ReasonConsentNotPrior}, missing: []Fact{FactConsent}},
		{name: "consent without grant date", ch: ChannelEmail, // Issue5 fail closed
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = time.Time{} })), rule: RuleElectronic, missing: []Fact{FactConsentGrantDate}},
		{name: "third-party consent does not cover own goods", ch: ChannelEmail, // Scope
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Scope = ScopeThirdParty })), rule: RuleElectronic, reasons: []Reason{ReasonConsentOutOfScope}},
		{name: "third-party advert with third-party consent", ch: ChannelEmail, // Scope
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Scope = ScopeThirdParty }), func(r *Request) { r.Message.Content = ContentThirdParty }), allowed: true, rule: RuleElectronic},
		{name: "sms consent does not cover e-mail", ch: ChannelEmail, // UWG § 7(2) Nr. 2 (per channel)
			req: base(withConsent(rec(ChannelSMS))), rule: RuleElectronic, missing: []Fact{FactConsent}},

		// --- § 7(2) Nr. 3 UWG: duties of every advertising message ---
		{name: "concealed sender", ch: ChannelEmail, // UWG § 7(2) Nr. 3 a
			req: base(withConsent(rec(ChannelEmail)), func(r *Request) { r.Message.SenderIdentified = false }), rule: RuleMessageDuties, reasons: []Reason{ReasonSenderConcealed}, missing: []Fact{FactSenderIdentity}},
		{name: "DDG duties unmet", ch: ChannelEmail, // UWG § 7(2) Nr. 3 b; DDG6
			req: base(withConsent(rec(ChannelEmail)), func(r *Request) { r.Message.DDGCompliant = false }), rule: RuleMessageDuties, missing: []Fact{FactDDGDuties}},
		{name: "no address to object", ch: ChannelSMS, // UWG § 7(2) Nr. 3 c
			req: base(withConsent(rec(ChannelSMS)), func(r *Request) { r.Message.OptOutAddress = false }), rule: RuleMessageDuties, missing: []Fact{FactOptOutAddress}},
		{name: "DDG does not govern calls", ch: ChannelPhone, // DDG6 (telephony is no digital service)
			req: base(withConsent(rec(ChannelPhone)), func(r *Request) { r.Message.DDGCompliant = false }), allowed: true, rule: RulePhone},
		{name: "fax with concealed sender", ch: ChannelFax, // UWG § 7(2) Nr. 3 a
			req: base(withConsent(rec(ChannelFax)), func(r *Request) { r.Message.SenderIdentified = false; r.Message.DDGCompliant = false }), rule: RuleMessageDuties, missing: []Fact{FactSenderIdentity}},
		{name: "letter post is no electronic message", ch: ChannelPostal, // UWG § 7(2) Nr. 3 (Nachricht); § 7(1)
			req: base(func(r *Request) { r.Message = Message{Purpose: PurposeAdvertising}; r.PostalList = ListNotListed }), allowed: true, rule: RulePostal},
		{name: "duties and consent both missing", ch: ChannelMessenger, // UWG § 7(2) Nr. 3 decides first
			req: base(func(r *Request) { r.Message.OptOutAddress = false }), rule: RuleMessageDuties, missing: []Fact{FactOptOutAddress, FactConsent}},

		// --- § 7(3) UWG: existing customers, one condition at a time ---
		{name: "existing customer e-mail", ch: ChannelEmail, // UWG § 7(3) Nr. 1-4
			req: base(ecFacts), allowed: true, rule: RuleExistingCustomer, reasons: []Reason{ReasonExistingCustomer}},
		{name: "7(3) Nr. 1: address not from a sale", ch: ChannelEmail, // Sale
			req: base(ecFacts, func(r *Request) { r.ExistingCustomer.AddressFromSale = false }), rule: RuleElectronic, reasons: []Reason{ReasonECAddressNotFromSale}, missing: []Fact{FactAddressFromSale}},
		{name: "7(3) Nr. 2: other goods", ch: ChannelEmail, // Sale (similarity)
			req: base(ecFacts, func(r *Request) { r.Message.Content = ContentOwnOther }), rule: RuleElectronic, missing: []Fact{FactOwnSimilarContent}},
		{name: "7(3) Nr. 3: objection", ch: ChannelEmail, // UWG § 7(3) Nr. 3; GDPR21
			req: base(ecFacts, objection(ChannelEmail)), rule: RuleObjection},
		{name: "7(3) Nr. 4: no notice at collection", ch: ChannelEmail, // UWG § 7(3) Nr. 4; Feedback
			req: base(ecFacts, func(r *Request) { r.ExistingCustomer.NoticeAtCollection = false }), rule: RuleElectronic, missing: []Fact{FactNoticeAtCollection}},
		{name: "7(3) Nr. 4: no notice in this message", ch: ChannelEmail, // UWG § 7(3) Nr. 4
			req: base(ecFacts, func(r *Request) { r.Message.ObjectionNotice = false }), rule: RuleElectronic, missing: []Fact{FactNoticeInMessage}},
		{name: "7(3) for a business customer", ch: ChannelEmail, // UWG § 7(3) (no consumer limit)
			req: base(business, ecFacts), allowed: true, rule: RuleExistingCustomer},
		{name: "7(3) facts do not carry SMS", ch: ChannelSMS, // Issue5 fail closed; unsettled
			req: base(ecFacts), rule: RuleElectronic, reasons: []Reason{ReasonECEmailOnly}, contested: true},
		{name: "7(3) without purchase date", ch: ChannelEmail, // Issue5 fail closed
			req: base(ecFacts, func(r *Request) { r.Relationship.LastPurchase = time.Time{} }), rule: RuleElectronic, missing: []Fact{FactRecentPurchase}},

		// --- Staleness limits, edge dates (BGB188) ---
		{name: "consent idle exactly 12 months", ch: ChannelEmail, // Muc default; 2024-03-01 + 12 months = 2025-03-01 still counts
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2024, 3, 1) })), allowed: true, rule: RuleElectronic},
		{name: "consent idle 12 months and a day", ch: ChannelEmail, // Muc; contra NoLapse -> contested
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2024, 2, 29) })), rule: RuleElectronic, reasons: []Reason{ReasonConsentStale}, missing: []Fact{FactFreshConsent}, contested: true},
		{name: "a recent use keeps an old consent current", ch: ChannelEmail, // Muc (staleness counts from the last use)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2020, 5, 1); c.LastUsedAt = date(2024, 6, 1) })), allowed: true, rule: RuleElectronic},
		{name: "a use after the decision date does not count", ch: ChannelEmail, // Issue5 (date as input)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2023, 1, 1); c.LastUsedAt = date(2025, 6, 1) })), rule: RuleElectronic, contested: true},
		{name: "one-month limit ends on the last day of February", ch: ChannelSMS, // BGB188 (3): 2025-01-31 + 1 month = 2025-02-28
			req: base(withRec(ChannelSMS, func(c *ConsentRecord) { c.GrantedAt = date(2025, 1, 31) }), func(r *Request) { r.Date = date(2025, 2, 28) }), opts: Options{ConsentMaxIdleMonths: 1}, allowed: true, rule: RuleElectronic},
		{name: "one-month limit passed on 1 March", ch: ChannelSMS, // BGB188 (3)
			req: base(withRec(ChannelSMS, func(c *ConsentRecord) { c.GrantedAt = date(2025, 1, 31) })), opts: Options{ConsentMaxIdleMonths: 1}, rule: RuleElectronic, contested: true},
		{name: "longer idle limit by option", ch: ChannelEmail, // Options override (LG Berlin 15 O 653/03: two years)
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2023, 3, 1) })), opts: Options{ConsentMaxIdleMonths: 24}, allowed: true, rule: RuleElectronic},
		{name: "contract ended exactly 12 months ago", ch: ChannelEmail, // NoLapse default; 2024-03-01 + 12 months
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2023, 1, 5); c.LastUsedAt = date(2025, 2, 1) }), func(r *Request) { r.Relationship.ContractEnd = date(2024, 3, 1) }), allowed: true, rule: RuleElectronic},
		{name: "contract ended 12 months and a day ago", ch: ChannelEmail, // NoLapse; contested
			req: base(withRec(ChannelEmail, func(c *ConsentRecord) { c.GrantedAt = date(2023, 1, 5); c.LastUsedAt = date(2025, 2, 1) }), func(r *Request) { r.Relationship.ContractEnd = date(2024, 2, 29) }), rule: RuleElectronic, reasons: []Reason{ReasonConsentAfterContractEnd}, contested: true},
		{name: "consent granted after the contract end is not tied to it", ch: ChannelEmail, // NoLapse (limit applies to consents given during the contract)
			req: base(withConsent(rec(ChannelEmail)), func(r *Request) { r.Relationship.ContractEnd = date(2023, 1, 1) }), allowed: true, rule: RuleElectronic},
		{name: "last purchase exactly 12 months ago", ch: ChannelEmail, // UWG § 7(3) default window; 2024-03-01 + 12 months
			req: base(ecFacts, func(r *Request) { r.Relationship.LastPurchase = date(2024, 3, 1) }), allowed: true, rule: RuleExistingCustomer},
		{name: "last purchase 12 months and a day ago", ch: ChannelEmail, // UWG § 7(3); no court fixed the window -> contested
			req: base(ecFacts, func(r *Request) { r.Relationship.LastPurchase = date(2024, 2, 29) }), rule: RuleElectronic, reasons: []Reason{ReasonECPurchaseStale}, contested: true},

		// --- § 7(1) UWG: letter post ---
		{name: "letter to consumer not on the list", ch: ChannelPostal, // UWG § 7(1) sentence 2
			req: base(func(r *Request) { r.PostalList = ListNotListed }), allowed: true, rule: RulePostal, reasons: []Reason{ReasonPostalNoObjection}},
		{name: "letter to listed consumer", ch: ChannelPostal, // UWG § 7(1) sentence 2
			req: base(func(r *Request) { r.PostalList = ListListed }), rule: RulePostal, reasons: []Reason{ReasonSuppressionListed}},
		{name: "letter with unchecked list", ch: ChannelPostal, // Issue5 fail closed
			req: base(), rule: RulePostal, missing: []Fact{FactListStatus}},
		{name: "letter to a business not on the list", ch: ChannelPostal, // UWG § 7(1)
			req: base(business, func(r *Request) { r.PostalList = ListNotListed }), allowed: true, rule: RulePostal},
	}
}

func TestEvaluateTable(t *testing.T) {
	cases := evaluateCases()
	if len(cases) < 60 {
		t.Fatalf("table has %d cases, want at least 60", len(cases))
	}
	seen := map[Channel]bool{}
	for _, tc := range cases {
		seen[tc.ch] = true
		t.Run(tc.name, func(t *testing.T) {
			d, err := Evaluate(tc.req, tc.ch, tc.opts)
			if err != nil {
				t.Fatalf("Evaluate: %v", err)
			}
			if d.Allowed != tc.allowed || d.Rule != tc.rule || d.Contested != tc.contested {
				t.Errorf("got allowed=%v rule=%v contested=%v, want allowed=%v rule=%v contested=%v (reasons %v, missing %v)",
					d.Allowed, d.Rule, d.Contested, tc.allowed, tc.rule, tc.contested, d.Reasons.List(), d.Missing)
			}
			for _, r := range tc.reasons {
				if !d.Reasons.Has(r) {
					t.Errorf("reason %v missing from %v", r, d.Reasons.List())
				}
			}
			for _, f := range tc.missing {
				if !d.Missing.Has(f) {
					t.Errorf("missing fact %v not reported in %v", f, d.Missing)
				}
			}
			if d.Allowed && d.Missing != 0 {
				t.Errorf("allowed decision reports missing facts %v", d.Missing)
			}
		})
	}
	for c := ChannelEmail; c < channelCount; c++ {
		if !seen[c] {
			t.Errorf("no case for channel %v", c)
		}
	}
}

func TestEvaluateAllMatchesEvaluate(t *testing.T) {
	for _, tc := range evaluateCases() {
		all, err := EvaluateAll(tc.req, tc.opts)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if all[ChannelUnknown] != (Decision{}) {
			t.Errorf("%s: unknown-channel entry = %+v, want zero", tc.name, all[ChannelUnknown])
		}
		for c := ChannelEmail; c < channelCount; c++ {
			one, err := Evaluate(tc.req, c, tc.opts)
			if err != nil || one != all[c] {
				t.Errorf("%s on %v: Evaluate = %+v, %v; EvaluateAll = %+v", tc.name, c, one, err, all[c])
			}
		}
	}
}

func TestEvaluateRejectsMalformedInput(t *testing.T) {
	ok := base(withConsent(rec(ChannelEmail)))
	cases := []struct {
		name  string
		req   Request
		ch    Channel
		opts  Options
		field string
	}{
		{"zero decision date", base(func(r *Request) { r.Date = time.Time{} }), ChannelEmail, Options{}, "date"},
		{"unknown channel", ok, ChannelUnknown, Options{}, "channel"},
		{"channel out of range", ok, channelCount, Options{}, "channel"},
		{"recipient out of range", base(func(r *Request) { r.Recipient = recipientKindCount }), ChannelEmail, Options{}, "recipient"},
		{"purpose out of range", base(purpose(purposeCount)), ChannelEmail, Options{}, "message.purpose"},
		{"content out of range", base(func(r *Request) { r.Message.Content = contentCount }), ChannelEmail, Options{}, "message.content"},
		{"list status out of range", base(func(r *Request) { r.PostalList = listStatusCount }), ChannelPostal, Options{}, "postal_list"},
		{"consent channel out of range", base(withConsent(rec(ChannelEmail)), withRec(channelCount, func(*ConsentRecord) {})), ChannelEmail, Options{}, "consents[1].channel"},
		{"consent scope out of range", base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Scope = scopeCount })), ChannelEmail, Options{}, "consents[0].scope"},
		{"consent method out of range", base(withRec(ChannelEmail, func(c *ConsentRecord) { c.Method = methodCount })), ChannelEmail, Options{}, "consents[0].method"},
		{"revoked before granted", base(withRec(ChannelEmail, func(c *ConsentRecord) { c.RevokedAt = date(2024, 8, 31) })), ChannelEmail, Options{}, "consents[0].revoked_at"},
		{"used before granted", base(withRec(ChannelEmail, func(c *ConsentRecord) { c.LastUsedAt = date(2024, 8, 31) })), ChannelEmail, Options{}, "consents[0].last_used_at"},
		{"objection channel out of range", base(objection(channelCount)), ChannelEmail, Options{}, "objections[0].channel"},
		{"negative option", ok, ChannelEmail, Options{ConsentMaxIdleMonths: -1}, "options.consent_max_idle_months"},
		{"option too large", ok, ChannelEmail, Options{ExistingCustomerMonths: 1201}, "options.existing_customer_months"},
	}
	for _, tc := range cases {
		_, err := Evaluate(tc.req, tc.ch, tc.opts)
		var ie *InputError
		if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != tc.field {
			t.Errorf("%s: err = %v, want InputError on %q", tc.name, err, tc.field)
		}
		if tc.ch != ChannelUnknown && tc.ch < channelCount {
			if _, err := EvaluateAll(tc.req, tc.opts); !errors.Is(err, ErrInvalidInput) {
				t.Errorf("%s: EvaluateAll err = %v, want ErrInvalidInput", tc.name, err)
			}
		}
	}
}

func TestZeroOptionsMeanDefaults(t *testing.T) {
	got, err := Options{}.resolve()
	if err != nil || got != DefaultOptions() {
		t.Errorf("Options{}.resolve() = %+v, %v; want %+v", got, err, DefaultOptions())
	}
	for _, tc := range evaluateCases() {
		a, _ := Evaluate(tc.req, tc.ch, Options{})
		b, _ := Evaluate(tc.req, tc.ch, DefaultOptions())
		if a != b {
			t.Errorf("%s: zero options %+v, defaults %+v", tc.name, a, b)
		}
	}
}

func TestValidate(t *testing.T) {
	if err := benchRequest().Validate(); err != nil {
		t.Errorf("valid request: %v", err)
	}
	if err := (Request{}).Validate(); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("empty request: %v", err)
	}
}
