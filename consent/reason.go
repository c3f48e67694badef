package consent

import (
	"encoding/json"
	"fmt"
	"math/bits"

	"github.com/kundenwert/winback/internal/enum"
)

// Reason is one finding behind a Decision. Each Reason has a stable
// identifier, a short explanation, the statute it rests on and, where a
// court has ruled on the point, the decision (court, date, docket).
type Reason uint8

// Reasons, with stable identifiers. Values are appended, never renumbered.
const (
	ReasonTransactional              Reason = iota // "transactional"
	ReasonMixedIsAdvertising                       // "mixed_is_advertising"
	ReasonFeedbackIsAdvertising                    // "feedback_is_advertising"
	ReasonPurposeUnknown                           // "purpose_unknown"
	ReasonCallIssueNotStated                       // "call_issue_not_stated"
	ReasonObjection                                // "objection"
	ReasonConsentRevoked                           // "consent_revoked"
	ReasonSenderConcealed                          // "sender_concealed"
	ReasonDDGDutiesUnmet                           // "ddg_duties_unmet"
	ReasonNoOptOutAddress                          // "no_opt_out_address"
	ReasonNoPhoneConsent                           // "no_phone_consent"
	ReasonNoElectronicConsent                      // "no_electronic_consent"
	ReasonConsentUndocumented                      // "consent_undocumented"
	ReasonPhoneConsentUndocumented                 // "phone_consent_undocumented"
	ReasonNoDoubleOptIn                            // "no_double_opt_in"
	ReasonNoActiveOptIn                            // "no_active_opt_in"
	ReasonConsentMethodUnknown                     // "consent_method_unknown"
	ReasonConsentOutOfScope                        // "consent_out_of_scope"
	ReasonConsentNotPrior                          // "consent_not_prior"
	ReasonConsentStale                             // "consent_stale"
	ReasonConsentAfterContractEnd                  // "consent_after_contract_end"
	ReasonConsentValid                             // "consent_valid"
	ReasonExistingCustomer                         // "existing_customer"
	ReasonECAddressNotFromSale                     // "ec_address_not_from_sale"
	ReasonECNotOwnSimilar                          // "ec_not_own_similar"
	ReasonECNoNoticeAtCollection                   // "ec_no_notice_at_collection"
	ReasonECNoNoticeInMessage                      // "ec_no_notice_in_message"
	ReasonECPurchaseStale                          // "ec_purchase_stale"
	ReasonECEmailOnly                              // "ec_email_only"
	ReasonPostalNoObjection                        // "postal_no_objection"
	ReasonSuppressionListed                        // "suppression_listed"
	ReasonSuppressionUnchecked                     // "suppression_unchecked"
	ReasonBusinessPresumedConsent                  // "business_presumed_consent"
	ReasonBusinessFactsMissing                     // "business_facts_missing"
	ReasonRecipientTreatedAsConsumer               // "recipient_treated_as_consumer"
	ReasonPushInAppAsEmail                         // "push_in_app_as_email"

	reasonCount
)

// Court decisions cited by the reasons (own summaries; see doc.go).
const (
	courtDOI          = "BGH, judgment of 10.02.2011, I ZR 164/09 (Double-opt-in-Verfahren)"
	courtPayback      = "BGH, judgment of 16.07.2008, VIII ZR 348/06 (Payback)"
	courtBusinessMail = "BGH, decision of 20.05.2009, I ZR 218/07"
	courtAutoReply    = "BGH, judgment of 15.12.2015, VI ZR 134/15"
	courtFeedback     = "BGH, judgment of 10.07.2018, VI ZR 225/17"
	courtOpenIssues   = "OLG Schleswig, judgment of 11.12.2023, 6 U 25/23"
	courtPostalObj    = "OLG Frankfurt am Main, judgment of 07.05.2020, 6 U 54/19"
	courtScope        = "BGH, judgment of 14.03.2017, VI ZR 721/15"
	courtStaleMuc     = "LG München I, judgment of 08.04.2010, 17 HK O 138/10"
	courtStaleBonn    = "AG Bonn, judgment of 10.05.2016, 104 C 227/15"
	courtNoLapse      = "BGH, judgment of 01.02.2018, III ZR 196/17"
	courtSale         = "LG Nürnberg-Fürth, judgment of 21.09.2022, 4 HK O 655/21"
	courtBizPhone     = "BGH, judgment of 16.11.2006, I ZR 191/03"
	courtInbox        = "CJEU, judgment of 25.11.2021, C-102/20 (StWL Städtische Werke Lauf)"
)

type reasonInfo struct {
	id, text, statute, court string
}

// info is the static table of reasons, written as a switch so that it is
// not a mutable global.
func (r Reason) info() reasonInfo {
	switch r {
	case ReasonTransactional:
		return reasonInfo{"transactional", "transactional message without any promotional element; § 7 UWG governs advertising only", "§ 7 UWG", ""}
	case ReasonMixedIsAdvertising:
		return reasonInfo{"mixed_is_advertising", "a transactional message with any promotional element is advertising as a whole", "§ 7(1), (2) UWG", courtAutoReply + "; " + courtFeedback}
	case ReasonFeedbackIsAdvertising:
		return reasonInfo{"feedback_is_advertising", "a feedback or satisfaction request is direct advertising, even inside an invoice e-mail", "§ 7(1), (2) UWG", courtFeedback}
	case ReasonPurposeUnknown:
		return reasonInfo{"purpose_unknown", "purpose not stated; judged as advertising", "§ 7 UWG", ""}
	case ReasonCallIssueNotStated:
		return reasonInfo{"call_issue_not_stated", "a call or callback 'about open questions' or 'to confirm the cancellation' is advertising unless the concrete non-promotional matter is named", "§ 7(2) Nr. 1 UWG", courtOpenIssues}
	case ReasonObjection:
		return reasonInfo{"objection", "the recipient objected to advertising; an objection through any channel stops advertising on every channel at once", "Art. 21(2), (3) GDPR; § 7(1) sentence 2 UWG", courtPostalObj + "; " + courtAutoReply}
	case ReasonConsentRevoked:
		return reasonInfo{"consent_revoked", "the consent for this channel was withdrawn and not granted again afterwards", "Art. 7(3) GDPR; § 7(1) sentence 2 UWG", ""}
	case ReasonSenderConcealed:
		return reasonInfo{"sender_concealed", "the identity of the sender on whose behalf the message goes out is not disclosed", "§ 7(2) Nr. 3 lit. a UWG", ""}
	case ReasonDDGDutiesUnmet:
		return reasonInfo{"ddg_duties_unmet", "the commercial communication does not meet § 6(1) DDG (recognisable as advertising, sender identifiable, promotions and games with clear conditions)", "§ 7(2) Nr. 3 lit. b UWG; § 6(1) DDG (formerly § 6(1) TMG)", ""}
	case ReasonNoOptOutAddress:
		return reasonInfo{"no_opt_out_address", "no valid address to which the recipient can send a request to stop, at basic transmission cost only", "§ 7(2) Nr. 3 lit. c UWG", ""}
	case ReasonNoPhoneConsent:
		return reasonInfo{"no_phone_consent", "no valid prior express consent to advertising calls", "§ 7(2) Nr. 1 UWG", courtDOI}
	case ReasonNoElectronicConsent:
		return reasonInfo{"no_electronic_consent", "no valid prior express consent to advertising by electronic mail, automatic calling machine or fax, for consumers and businesses alike", "§ 7(2) Nr. 2 UWG", courtPayback + "; " + courtBusinessMail}
	case ReasonConsentUndocumented:
		return reasonInfo{"consent_undocumented", "the consent declaration is not stored completely and cannot be proven", "§ 7(2) UWG; Art. 7(1) GDPR", courtDOI}
	case ReasonPhoneConsentUndocumented:
		return reasonInfo{"phone_consent_undocumented", "consent to advertising calls must be documented when given and the proof kept five years", "§ 7a UWG", courtDOI}
	case ReasonNoDoubleOptIn:
		return reasonInfo{"no_double_opt_in", "a consent given online is provable only when confirmed through the address or number it covers (double opt-in); an e-mail confirmation does not prove consent to calls", "§ 7(2) UWG", courtDOI}
	case ReasonNoActiveOptIn:
		return reasonInfo{"no_active_opt_in", "the consent came from a pre-ticked box or an opt-out clause, not from an active declaration", "§ 7(2) Nr. 2 UWG", courtPayback}
	case ReasonConsentMethodUnknown:
		return reasonInfo{"consent_method_unknown", "how the consent was obtained is unknown, so it cannot be proven", "§ 7(2) UWG", courtDOI}
	case ReasonConsentOutOfScope:
		return reasonInfo{"consent_out_of_scope", "the consent does not cover what this message promotes", "§ 7(2) UWG", courtScope}
	case ReasonConsentNotPrior:
		return reasonInfo{"consent_not_prior", "the consent has no grant date or was granted after the decision date", "§ 7(2) Nr. 1, 2 UWG", ""}
	case ReasonConsentStale:
		return reasonInfo{"consent_stale", "the consent has not been used for longer than the configured limit; courts disagree whether consent lapses with time, so the cautious answer is no", "§ 7(2) UWG", courtStaleMuc + "; " + courtStaleBonn + "; contra " + courtNoLapse}
	case ReasonConsentAfterContractEnd:
		return reasonInfo{"consent_after_contract_end", "the consent was given during a contract that ended longer ago than the configured limit", "§ 7(2) UWG", courtNoLapse}
	case ReasonConsentValid:
		return reasonInfo{"consent_valid", "a documented prior express consent covers this channel and content", "§ 7(2) Nr. 1, 2 UWG", ""}
	case ReasonExistingCustomer:
		return reasonInfo{"existing_customer", "all four conditions of the existing-customer exception are met", "§ 7(3) UWG", ""}
	case ReasonECAddressNotFromSale:
		return reasonInfo{"ec_address_not_from_sale", "the e-mail address was not obtained from the customer in connection with a completed sale", "§ 7(3) Nr. 1 UWG", courtSale}
	case ReasonECNotOwnSimilar:
		return reasonInfo{"ec_not_own_similar", "the message does not advertise the seller's own goods or services similar to those bought", "§ 7(3) Nr. 2 UWG", courtSale}
	case ReasonECNoNoticeAtCollection:
		return reasonInfo{"ec_no_notice_at_collection", "the customer was not told clearly, when the address was collected, that the use can be objected to at any time", "§ 7(3) Nr. 4 UWG", courtFeedback}
	case ReasonECNoNoticeInMessage:
		return reasonInfo{"ec_no_notice_in_message", "this message does not tell the customer clearly that the use can be objected to at any time", "§ 7(3) Nr. 4 UWG", ""}
	case ReasonECPurchaseStale:
		return reasonInfo{"ec_purchase_stale", "no purchase within the configured limit, so no current customer relationship; no court has fixed the period", "§ 7(3) UWG; Art. 13(2) Directive 2002/58/EC", ""}
	case ReasonECEmailOnly:
		return reasonInfo{"ec_email_only", "the existing-customer exception is applied to e-mail only; whether it reaches SMS, messenger or push is unsettled", "§ 7(3) UWG", ""}
	case ReasonPostalNoObjection:
		return reasonInfo{"postal_no_objection", "addressed letter post is allowed while the recipient has not objected and is not on the suppression list", "§ 7(1) sentence 2 UWG", ""}
	case ReasonSuppressionListed:
		return reasonInfo{"suppression_listed", "the recipient is on the suppression (Robinson) list, so advertising letters are recognisably unwanted", "§ 7(1) sentence 2 UWG", ""}
	case ReasonSuppressionUnchecked:
		return reasonInfo{"suppression_unchecked", "the suppression (Robinson) list status was not checked", "§ 7(1) sentence 2 UWG", ""}
	case ReasonBusinessPresumedConsent:
		return reasonInfo{"business_presumed_consent", "a prior business relationship and an offer serving the recipient's business support presumed consent of a business to a call", "§ 7(2) Nr. 1 UWG", courtBizPhone}
	case ReasonBusinessFactsMissing:
		return reasonInfo{"business_facts_missing", "no concrete facts from before the call support presumed consent of the business", "§ 7(2) Nr. 1 UWG", courtBizPhone}
	case ReasonRecipientTreatedAsConsumer:
		return reasonInfo{"recipient_treated_as_consumer", "the recipient kind is unknown and is treated as a consumer", "§ 7(2) Nr. 1 UWG", ""}
	case ReasonPushInAppAsEmail:
		return reasonInfo{"push_in_app_as_email", "push and in-app messages are treated as electronic mail; whether they are is unsettled, so the cautious answer is no", "§ 7(2) Nr. 2 UWG; Art. 13(1) Directive 2002/58/EC", courtInbox}
	}
	return reasonInfo{id: fmt.Sprintf("consent.Reason(%d)", uint8(r))}
}

func reasonNames() enum.Names[Reason] {
	ids := make([]string, reasonCount)
	for i := range ids {
		ids[i] = Reason(i).info().id
	}
	return enum.Names[Reason]{Type: "consent.Reason", IDs: ids}
}

// String returns the stable identifier, e.g. "no_double_opt_in".
func (r Reason) String() string { return r.info().id }

// Text returns a one-line explanation in English.
func (r Reason) Text() string { return r.info().text }

// Statute returns the provisions the reason rests on.
func (r Reason) Statute() string { return r.info().statute }

// Court returns the court decisions behind the reason (court, date, docket),
// or "" when the point follows from the statute alone.
func (r Reason) Court() string { return r.info().court }

// MarshalText returns the stable identifier.
func (r Reason) MarshalText() ([]byte, error) { return reasonNames().Marshal(r) }

// UnmarshalText parses a stable identifier.
func (r *Reason) UnmarshalText(b []byte) error {
	v, err := reasonNames().Parse(string(b))
	if err == nil {
		*r = v
	}
	return err
}

// ReasonSet is a set of reasons, iterated in code order. It is a plain
// integer, so a Decision carries its reasons without allocating.
type ReasonSet uint64

func (s ReasonSet) with(r Reason) ReasonSet { return s | 1<<r }

// Has reports whether r is in s.
func (s ReasonSet) Has(r Reason) bool { return s&(1<<r) != 0 }

// Len returns the number of reasons in s.
func (s ReasonSet) Len() int { return bits.OnesCount64(uint64(s)) }

// List returns the reasons in code order.
func (s ReasonSet) List() []Reason {
	out := make([]Reason, 0, s.Len())
	for v := uint64(s); v != 0; v &= v - 1 {
		out = append(out, Reason(bits.TrailingZeros64(v)))
	}
	return out
}

// reasonJSON is the wire form of one reason.
type reasonJSON struct {
	Code    Reason `json:"code"`
	Text    string `json:"text,omitempty"`
	Statute string `json:"statute,omitempty"`
	Court   string `json:"court,omitempty"`
}

// MarshalJSON writes the reasons as a list of objects with code, text,
// statute and court.
func (s ReasonSet) MarshalJSON() ([]byte, error) {
	list := s.List()
	out := make([]reasonJSON, len(list))
	for i, r := range list {
		info := r.info()
		out[i] = reasonJSON{Code: r, Text: info.text, Statute: info.statute, Court: info.court}
	}
	return json.Marshal(out)
}

// UnmarshalJSON reads the list written by MarshalJSON; only the codes count.
func (s *ReasonSet) UnmarshalJSON(b []byte) error {
	var in []reasonJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	var v ReasonSet
	for _, r := range in {
		v = v.with(r.Code)
	}
	*s = v
	return nil
}
