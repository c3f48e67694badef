// Package consent decides whether a message may go out to a recipient on a
// channel on a given date under German unfair-competition law (§ 7 UWG in
// the version in force since 28 May 2022, § 7a UWG) and the GDPR right to
// object (Art. 21 GDPR).
//
// It is an engineering aid that fails closed, not legal advice: anything
// missing, unknown, undocumented, withdrawn, out of scope or stale means
// "not allowed", and every answer names the provision that decided, the
// reasons with their statutes and court decisions, and the facts a caller
// could collect to be allowed. Where courts disagree, the engine gives the
// cautious answer and sets Decision.Contested.
//
// # Use
//
//	d, err := consent.Evaluate(req, consent.ChannelEmail, consent.Options{})
//	all, err := consent.EvaluateAll(req, consent.Options{}) // indexed by Channel
//
// A denial is a Decision with Allowed false, never an error. The error is
// reserved for malformed input (Request.Validate): a zero decision date, an
// enumeration value out of range (in JSON: an unknown identifier), a
// withdrawal or use dated before the grant in the same record, a negative
// option. Errors match ErrInvalidInput with errors.Is and are *InputError
// values naming the field, e.g. "consents[2].revoked_at".
//
// # Dates
//
// A time.Time stands for a calendar date: the year, month and day in the
// value's own location; the time of day is ignored. The zero time.Time means
// unknown or none. The decision date is an input; the clock is never read.
// Periods in months end as in §§ 187(1), 188(2), (3) BGB: on the day with the
// same number as the starting day, or on the last day of a shorter month; a
// fact dated 31 January with a one-month limit still counts on 28 February.
//
// # Rules as implemented
//
// For one channel the engine checks, in this order:
//
//  1. Purpose. A transactional message without any promotional element
//     (order, invoice, shipping, a pure cancellation confirmation) is not
//     advertising, and § 7 UWG does not govern it: allowed regardless of
//     consent and objections (RuleTransactional). This holds on every
//     channel; for calls (phone, automated_call) only when the caller also
//     sets Message.StatedIssue, naming the concrete matter, because a call
//     "about open questions" or "to confirm the cancellation" is a win-back
//     attempt (OLG Schleswig, 11.12.2023, 6 U 25/23). Mixed messages and
//     feedback or satisfaction requests are advertising (BGH, 15.12.2015,
//     VI ZR 134/15; BGH, 10.07.2018, VI ZR 225/17). An unknown purpose is
//     advertising of unknown content, which no consent can cover.
//  2. Objection (RuleObjection, "gdpr-21"). Any objection, through any
//     channel and whatever its date, stops advertising on every channel at
//     once (Art. 21(2), (3) GDPR; § 7(1) sentence 2 UWG; for a letter after
//     an e-mail objection OLG Frankfurt am Main, 07.05.2020, 6 U 54/19).
//     To resume after a fresh consent the caller leaves the objection out.
//  3. Message duties (RuleMessageDuties, "uwg-7-2-3"), for every channel
//     except letter post: the sender must be disclosed (§ 7(2) Nr. 3 lit. a),
//     there must be a valid address for objections (lit. c), and for e-mail,
//     SMS, messenger, push and in-app the § 6(1) DDG duties must be met
//     (lit. b; DDG replaced the TMG on 14 May 2024; telephony and fax are not
//     digital services).
//  4. The legal basis of the channel:
//     - postal (RulePostal, "uwg-7-1"): addressed letters need no consent
//     but are unlawful when recognisably unwanted (§ 7(1) sentence 2 UWG):
//     allowed only with a checked suppression (Robinson) list status
//     "not_listed" and no withdrawal on the postal channel.
//     - phone (RulePhone, "uwg-7-2-1"): consumers need a prior express
//     consent (§ 7(2) Nr. 1 UWG), documented when given (§ 7a UWG;
//     ProofRetentionUntil gives the five-year retention). A business may be
//     called on presumed consent backed by concrete facts from before the
//     call (BGH, 16.11.2006, I ZR 191/03): here a prior business
//     relationship and an offer that serves the recipient's business, both
//     required. An unknown recipient kind is treated as a consumer.
//     - email, sms, messenger, automated_call, fax, push, in_app
//     (RuleElectronic, "uwg-7-2-2"): prior express consent, consumers and
//     businesses alike (§ 7(2) Nr. 2 UWG; BGH, 16.07.2008, VIII ZR 348/06
//     "Payback"; BGH, 20.05.2009, I ZR 218/07). For e-mail only, the
//     existing-customer exception (RuleExistingCustomer, "uwg-7-3") applies
//     when all four conditions of § 7(3) UWG hold: address obtained from the
//     customer with a completed sale (Nr. 1; LG Nürnberg-Fürth, 21.09.2022,
//     4 HK O 655/21), content "own_similar" (Nr. 2), no objection and no
//     withdrawal of e-mail consent (Nr. 3), and clear notice of the right
//     to object at collection and in this message (Nr. 4), plus a purchase
//     within Options.ExistingCustomerMonths.
//
// A consent record is valid for a channel when it is for that channel, was
// granted on or before the decision date, came from an active declaration
// (not a pre-ticked box: BGH VIII ZR 348/06 "Payback"), its method is known,
// it is documented (BGH, 10.02.2011, I ZR 164/09 "Double-opt-in-Verfahren":
// the complete declaration of each person must be stored), a consent given
// online or in an app was confirmed by double opt-in through the very
// address or number it covers (same decision: an e-mail confirmation does
// not prove consent to calls), its scope covers the message content (BGH,
// 14.03.2017, VI ZR 721/15: the consent must make clear which products of
// which companies it covers), no withdrawal for the channel is dated on or
// after its grant (Art. 7(3) GDPR; a consent granted after a withdrawal is a
// new consent), and it is not stale (below).
//
// When several bases were tried (consent and § 7(3) for e-mail),
// Decision.Missing is the union of what each lacks; collecting the facts of
// one basis suffices. A denial's Rule follows the precedence objection,
// withdrawal ("gdpr-7-3"), message duties, channel rule.
//
// # Defaults and their sources (Options)
//
// ConsentMaxIdleMonths, default 12: a consent neither granted nor used
// within this many months is stale. LG München I (08.04.2010,
// 17 HK O 138/10) held a consent given about one and a half years before the
// first mail no longer current (commentary quotes 17 months); LG Berlin
// (02.07.2004, 15 O 653/03) drew the line at two years and AG Bonn
// (10.05.2016, 104 C 227/15) at four. The BGH (01.02.2018, III ZR 196/17)
// holds that a consent does not lapse by time alone. The default stays
// below the shortest of these periods; a denial on this ground is Contested.
//
// AfterContractEndMonths, default 12: a consent given on or before the end
// of a contract lapses this long after the end. It follows BGH, 01.02.2018,
// III ZR 196/17, which accepted a consent running until the end of the
// calendar year after the contract ended (never less than 12 months).
// Contested.
//
// ExistingCustomerMonths, default 12: § 7(3) UWG presumes a current customer
// relationship (Art. 13(2) Directive 2002/58/EC), but no court has fixed a
// period after the last purchase. The default borrows the 12 months above;
// a denial resting only on it is Contested.
//
// # Choices where the law is unsettled (all cautious, all Contested)
//
//   - Push and in-app messages are treated as electronic mail and need
//     consent. The CJEU (25.11.2021, C-102/20, StWL Städtische Werke Lauf)
//     treats advertising shown in an e-mail inbox like an e-mail as
//     electronic mail; for push and in-app messages no court has decided.
//   - § 7(3) UWG is applied to e-mail only; for SMS, messenger and push it
//     is unsettled.
//   - A feedback request that meets every other § 7(3) condition is denied:
//     BGH VI ZR 225/17 points to the § 7(3) notice, but a feedback request
//     is not advertising of similar goods (Nr. 2).
//
// # Concurrency and performance
//
// All functions are pure: no globals, no clock, no I/O; safe for concurrent
// use. Evaluate does not allocate and takes about 100–200 ns for a typical
// request (BenchmarkEvaluate); EvaluateAll evaluates the nine channels
// after one validation. Decision is a small comparable value whose reasons
// (ReasonSet) and missing facts (Facts) are bitsets with JSON forms.
package consent
