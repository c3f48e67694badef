package scoring

import "time"

// Event kinds used by Seed002Preset. A shop reports them as Event.Kind.
const (
	// KindSiteVisit is a visit to the shop's website.
	KindSiteVisit = "site_visit"
	// KindPurchase is a completed order.
	KindPurchase = "purchase"
	// KindEmailUnopened is a marketing e-mail that was not opened within
	// the mail system's open window; its "subject" attribute carries the
	// subject line.
	KindEmailUnopened = "email_unopened"
)

// Day is 24 hours, the unit in which spans are usually written.
const Day = 24 * time.Hour

// Seed002Preset returns the negative lead-scoring model of seed 002 (section
// "So verhinderst du Kundenabwanderung mit negativem Lead-Scoring"):
//
//   - −5 points when the customer does not open an e-mail with "Rabatt"
//     (discount) in the subject line — at most once per 30 days, since the
//     seed's example counts "no discount e-mail opened last month" once;
//   - −10 points when the customer has not visited the website for a month
//     (30 days), and again for every further 30 days without a visit;
//   - −30 points when the customer has made no purchase within the period,
//     and again for every further period without one;
//   - a "winback_campaign" threshold at −15, crossed downwards.
//
// Conventions (the seed leaves them open): the purchase period is 90 days;
// the score is capped to [−100, 100]; points do not decay (set HalfLife on
// the rules to add decay, e.g. 30 days for "halve per month").
func Seed002Preset() Model {
	return Model{
		Rules: []Rule{
			{
				ID: "discount_email_unopened", Trigger: OnEvent, Event: KindEmailUnopened,
				When: []Condition{StrCond("subject", Contains, "Rabatt")},
				Op:   Subtract, Points: 5, Window: 30 * Day,
			},
			{ID: "no_site_visit_30d", Trigger: OnAbsence, Event: KindSiteVisit, Op: Subtract, Points: 10, After: 30 * Day},
			{ID: "no_purchase_in_period", Trigger: OnAbsence, Event: KindPurchase, Op: Subtract, Points: 30, After: 90 * Day},
		},
		Min: -100,
		Max: 100,
		Thresholds: []Threshold{
			{Name: "winback_campaign", Score: -15, Direction: Down, Action: "winback_campaign"},
		},
	}
}
