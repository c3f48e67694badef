// Package churn decides whether a customer is lapsing relative to their own
// buying cycle, raises early-warning signals against the customer's own
// baseline, classifies the likely reason for leaving into the ten churn
// types of seed 003, recommends a response, and aggregates exit-survey
// reasons (seed 000).
//
// The package is a leaf: it takes plain values (History: Purchases, Events,
// Facts) and a decision date, and imports nothing of winback but internal
// helpers. The root package converts its orders and shop events into these
// inputs.
//
// # Inputs and units
//
// Dates are instants (time.Time) between 1900 and 2199; a day is 24 hours.
// Amounts are float64 currency units (0 to 1e8 per purchase); they are summed
// in fixed point at 1/10000 of a unit, so results do not depend on the order
// of the inputs, bit for bit. Each Purchase is one purchase occasion: merge
// same-day orders beforehand if you follow the buy-till-you-die convention.
// Entries dated after the decision date are ignored (but validated). Rates
// are per 30 days; tenures in days.
//
// # Lapse status (Status)
//
// Explicit loss first: a Cancellation or AccountDeleted event dated on or
// after the last purchase gives Cancelled; a later purchase revokes it.
//
// Otherwise, with n purchases on or before the date, m = n − 1 intervals and
// own = (last − first)/m, the interval I is
//
//	own                          if m ≥ MinOwnIntervals (default 2)
//	(m·own + k·pop)/(m + k)      otherwise, if PopulationInterval pop > 0 (k = PopulationWeight, default 1)
//	own                          otherwise, if m ≥ 1
//	—                            otherwise: ErrNoCycle
//
// floored at MinInterval (default 24 h). This is a credibility-weighted mean
// (convention, DOMAIN §2): the population interval counts as k observed
// intervals, so a single purchase uses pop, two purchases the mean of own
// and pop (k = 1). The overdue ratio r = (date − last)/I gives
//
//	Active  r < 1.5 ≤ AtRisk  r < 2 ≤ Lapsed  r < 3 ≤ Lost
//
// (AtRisk, Lapsed, Lost are options; a state applies from exactly its
// threshold). ExpectedNext = last + I. If Facts.HasPAlive, P(alive) below
// PAliveAtRisk 0.5, PAliveLapsed 0.3, PAliveLost 0.1 gives at least that
// state, and the result is the worse of the two rules. PopulationInterval
// computes pop as the median of the customers' mean intervals.
//
// # Early-warning signals (Signals)
//
// Windows (options): recent (date − Recent, date], default 90 days;
// baseline, the Baseline (365 days) before the recent window; incidents
// (date − Incidents, date], default 365 days, with the equally long window
// before it as their baseline. Each Signal reports Value, Baseline,
// Threshold, Evaluated (enough data) and Fired. Thresholds[id] holds one
// parameter per signal (defaults in brackets):
//
//	falling_frequency      purchases/30 d recent ≤ p × baseline [0.5]; needs MinBaselinePurchases (2) in the baseline
//	falling_order_value    mean order recent ≤ p × baseline mean [0.7]; needs a recent purchase and the baseline minimum
//	fewer_email_opens      opens/30 d recent ≤ p × baseline [0.5]; needs MinBaselineEvents (3) baseline opens
//	fewer_site_visits      visits/30 d recent ≤ p × baseline [0.5]; needs MinBaselineEvents baseline visits
//	rising_discount_share  Σdiscount/Σ(amount+discount) recent ≥ baseline + p [0.2]
//	high_discount_share    share of all purchases with a discount ≥ p [0.8]; needs MinBaselinePurchases purchases
//	over_contact           messages/30 d recent ≥ p [8] and (opens+clicks)/sent ≤ OverContactReaction [0.1]
//	no_recent_contact      messages sent recently ≤ p [0]; needs MinBaselineEvents messages in the baseline
//	browsing_without_buying recent visits ≥ p [3] and no recent purchase
//	abrupt_stop            no recent purchase and baseline purchases ≥ p [3]
//	complaints             complaints in the incident window ≥ p [1]
//	failed_complaints      complaints with outcome rejected or escalated ≥ p [1]
//	quality_complaints     complaints about quality ≥ p [1]
//	returns                returned purchases + return events ≥ p [2]
//	quality_returns        returns for quality ≥ p [1]
//	payment_failures       ≥ p [1]
//	unanswered_tickets     tickets not answered ≥ p [1]
//	unsubscribed           ≥ p [1]
//	address_change         ≥ p [1]
//	life_event             ≥ p [1]
//	low_nps                latest NPS answer ≤ p [6] (baseline: mean of all answers; a tie in time takes the lower)
//	short_tenure           days since the first purchase ≤ p [180]
//	long_tenure            days since the first purchase ≥ p [730]
//	premium_buyer          lifetime mean order value ≥ p [0 = off; the level is currency-specific]
//	negative_margin        Facts.Margin < p [0]
//	payment_default        Facts.Defaulted [p = 1]
//	fraud                  Facts.Fraud [p = 1]
//
// # Churn types (Classify)
//
// A type's score is the sum of Rules.Weights[type][signal] over the fired
// signals plus Rules.ReasonWeight (1.5) for every stated exit reason that
// points to the type. Unknown competes with the fixed score UnknownScore (1);
// the highest score wins, ties go to the lower Type (Unknown first). So one
// ordinary signal (weight 1) is thin evidence; two, or one decisive signal,
// are not. Confidence = winner's score / sum of all positive scores
// (unknown's included). Default weights and responses (seed 003, DOMAIN §3):
//
//	type (seed 003)                 weights                                       response: win back, effort, incentive, tone, personal
//	cash_strapped (Mittellose)      payment_failures 1, falling_order_value 1,    yes if profitable, low, financial, reassurance, no
//	                                rising_discount_share 0.5                     (cheaper range, instalments)
//	relocated (Neustarter)          address_change 1, life_event 1,               no (let go; updated offer if reachable)
//	                                abrupt_stop 0.5
//	overwhelmed (Bedrängte)         over_contact 1, unsubscribed 1,               yes, low, emotional, apology, no
//	                                fewer_email_opens 0.5                         (fewer contacts, no pressure)
//	neglected (Vernachlässigte)     unanswered_tickets 1, no_recent_contact 1     yes, medium, emotional, appreciation, yes
//	disappointed (Enttäuschte)      quality_returns 1, low_nps 1, long_tenure     yes, high, emotional, apology, yes
//	                                0.5, complaints 0.5, returns 0.5              (fix the cause)
//	offended (Verletzte)            failed_complaints 1.5, low_nps 0.5            yes, high, material (goodwill), apology, yes
//	switcher (Springer)             browsing_without_buying 1, short_tenure 0.5,  yes, medium, material, value_proposition, no
//	                                long_tenure −0.5                              (added value, not discounts)
//	bargain_hunter (Schnäppchen-    high_discount_share 1.5,                      yes if profitable, low, financial, neutral, no
//	jäger)                          rising_discount_share 0.5                     (cheap automated offer)
//	demanding (Anspruchsvolle)      quality_complaints 1, premium_buyer 1,        yes, high, emotional, exclusivity, yes
//	                                quality_returns 0.5
//	company_initiated               negative_margin 3, payment_default 3,         no: exclude from win-back
//	                                fraud 5
//	unknown                         fixed score 1                                 yes if profitable, low, none, neutral, no (ask why)
//
// falling_frequency and fewer_site_visits carry no weight: they say that a
// customer is leaving, not why. Weights, thresholds and responses are values
// in Rules and SignalOptions, not hidden constants.
//
// # Churn reasons (TallyReasons)
//
// Exit-survey reasons (seed 000) and the types they point to
// (Reason.LikelyTypes):
//
//	price_transparency  cash_strapped, bargain_hunter
//	delivery            disappointed, switcher
//	payment_options     cash_strapped, switcher
//	personalisation     neglected
//	service             neglected, demanding
//	communication       overwhelmed
//	better_offer        switcher, bargain_hunter
//	not_needed          relocated
//	other               (none: unknown)
//
// TallyReasons turns answers into counts and shares (an empty survey is
// ErrNoAnswers); TypeShares spreads the shares over the likely types.
//
// # Errors, performance, concurrency
//
// Bad input returns an *InputError (alias of the internal FieldError)
// naming the field, e.g. "events[2].Score", wrapping ErrInvalidInput; a
// customer without purchases is ErrNoPurchases; a missing cycle ErrNoCycle.
// Nothing panics on data. Assess validates once and runs status, signals and
// classification in one pass over the entries without allocating (about
// 1.5 µs of CPU for a customer with 100 entries; see BenchmarkAssess). All functions are pure: no globals, no clock, safe
// for concurrent use.
package churn
