package winback_test

import (
	"encoding/json"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/churn"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/kundenwert/winback/internal/synth"
	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

var (
	calibrationEnd = time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)
	sampleEnd      = time.Date(1998, 6, 30, 0, 0, 0, 0, time.UTC)
)

type cdnowFixture struct {
	models    winback.Models
	customers []winback.Customer
}

var (
	fixtureOnce sync.Once
	fixture     cdnowFixture
	fixtureErr  error
)

// cdnow fits the models on the CDNOW sample's calibration period (weeks,
// BTYD convention) and builds the sample's customers with synthetic events
// and consents up to the end of the log.
func cdnow(t testing.TB) cdnowFixture {
	t.Helper()
	fixtureOnce.Do(func() {
		s, err := winback.Summarize(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample),
			winback.SummaryOptions{Unit: winback.Week, CalibrationEnd: calibrationEnd, MergeSameDay: true})
		if err != nil {
			fixtureErr = err
			return
		}
		fixture.models, _, fixtureErr = winback.FitModels(s, clv.FitOptions{})
		if fixtureErr != nil {
			return
		}
		fixture.customers, fixtureErr = synth.Customers(winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample), sampleEnd, 1)
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixture
}

func TestFitModelsReproducesBGNBDOnCDNOW(t *testing.T) {
	// Fader, Hardie & Lee (2005), "Counting your customers the easy way",
	// Marketing Science 24(2), section 4: r = 0.243, α = 4.414, a = 0.793,
	// b = 2.426 on the CDNOW sample's 39-week calibration period.
	m := cdnow(t).models.Transactions
	got := []float64{m.R, m.Alpha, m.A, m.B}
	want := []float64{0.2426, 4.4137, 0.7930, 2.4262}
	for i := range got {
		if d := got[i] - want[i]; d > 5e-4 || d < -5e-4 {
			t.Errorf("parameter %d = %.4f, published %.4f", i, got[i], want[i])
		}
	}
}

// Decide never recommends a channel the consent engine denies, and every
// contacting action names an allowed channel (issue "Decisioning": "Never
// recommends a channel consent denies").
func TestDecideOnCDNOWNeverUsesADeniedChannel(t *testing.T) {
	f := cdnow(t)
	p := winback.DefaultPolicy()
	counts := map[winback.Action]int{}
	for _, c := range f.customers {
		d, err := winback.Decide(c, f.models, p, sampleEnd)
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		counts[d.Action]++
		if d.Action.Contacts() != (d.Channel != consent.ChannelUnknown) {
			t.Fatalf("%s: action %s with channel %s", c.ID, d.Action, d.Channel)
		}
		if d.Action.Contacts() && !d.Channels[d.Channel].Allowed {
			t.Fatalf("%s: channel %s chosen although denied (%s)", c.ID, d.Channel, d.Channels[d.Channel].Rule)
		}
		if !d.Action.Contacts() && d.BudgetCap.Sign() != 0 {
			t.Fatalf("%s: budget %s without contact", c.ID, d.BudgetCap)
		}
		if len(d.Reasons) < 4 {
			t.Fatalf("%s: reasons trail too short: %q", c.ID, d.Reasons)
		}
	}
	// With the synthetic consents (60 % e-mail opt-in, 15 % phone) some
	// customers must be contacted and some must be let go: a chain that
	// decides the same for all 2,357 customers is broken.
	if counts[winback.ActionAutomatedOffer]+counts[winback.ActionPersonalContact] == 0 || counts[winback.ActionLetGo] == 0 {
		t.Errorf("degenerate action counts %v", counts)
	}
}

func baseCustomer() winback.Customer {
	id := "c1"
	var orders []winback.Order
	// A monthly buyer from January to June 1997.
	for m := time.January; m <= time.June; m++ {
		orders = append(orders, winback.Order{CustomerID: id, Time: time.Date(1997, m, 5, 10, 0, 0, 0, time.UTC),
			Amount: decimal.NewFromInt(80), Items: 2})
	}
	return winback.Customer{ID: id, Orders: orders, Contact: consent.Request{
		Recipient: consent.RecipientConsumer,
		Consents: []consent.ConsentRecord{{
			Channel: consent.ChannelEmail, Scope: consent.ScopeOwnAll, Method: consent.MethodOnlineForm,
			GrantedAt: time.Date(1997, 1, 5, 0, 0, 0, 0, time.UTC), ActiveOptIn: true, DoubleOptIn: true, Documented: true,
		}},
	}, Profile: winback.Profile{Referrals: 3}}
}

func TestDecideCases(t *testing.T) {
	m := cdnow(t).models
	p := winback.DefaultPolicy()
	p.Thresholds.Value = decimal.NewFromInt(20)
	asOf := time.Date(1997, 12, 5, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		edit   func(*winback.Customer)
		asOf   time.Time
		action winback.Action
		pol    func(*winback.Policy)
		check  func(t *testing.T, d winback.Decision)
	}{
		{
			// DOMAIN.md §2 / seed 003: a monthly buyer one week after the
			// usual date is on cycle, not lost.
			name: "on cycle", asOf: time.Date(1997, 7, 10, 0, 0, 0, 0, time.UTC), action: winback.ActionNone,
			check: func(t *testing.T, d winback.Decision) {
				if d.Status != churn.Active {
					t.Errorf("status %s, want active", d.Status)
				}
			},
		},
		{
			// Seed 003 / DOMAIN.md §3: fraud is company-initiated churn,
			// excluded from win-back.
			name: "fraud", edit: func(c *winback.Customer) { c.Profile.Fraud = true }, action: winback.ActionExclude,
		},
		{
			// A monthly buyer silent for five months is lost (seed 003);
			// the e-mail consent with double opt-in allows e-mail (§7(2)
			// Nr. 2 UWG).
			name: "lost with e-mail consent", asOf: asOf, action: winback.ActionPersonalContact,
			check: func(t *testing.T, d winback.Decision) {
				if d.Channel != consent.ChannelEmail {
					t.Errorf("channel %s, want email", d.Channel)
				}
				if d.Status != churn.Lost {
					t.Errorf("status %s, want lost", d.Status)
				}
			},
		},
		{
			// An objection through any channel stops advertising on every
			// channel (GDPR Art. 21(3); DOMAIN.md §9).
			name: "objection", asOf: asOf, action: winback.ActionNone,
			edit: func(c *winback.Customer) {
				c.Events = append(c.Events, winback.Event{CustomerID: c.ID, Kind: winback.EventObjection,
					Time: time.Date(1997, 8, 1, 0, 0, 0, 0, time.UTC), Channel: winback.ChannelPhone})
			},
			check: func(t *testing.T, d winback.Decision) {
				for ch, cd := range d.Channels {
					if cd.Allowed {
						t.Errorf("channel %s allowed after an objection", consent.Channel(ch))
					}
				}
			},
		},
		{
			// Without any consent e-mail is denied (§7(2) Nr. 2 UWG) but a
			// letter is allowed (§7(1) UWG, not on a suppression list): the
			// personal contact becomes a personal letter.
			name: "letter only", asOf: asOf, action: winback.ActionPersonalContact,
			edit: func(c *winback.Customer) {
				c.Contact.Consents = nil
				c.Contact.PostalList = consent.ListNotListed
			},
			check: func(t *testing.T, d winback.Decision) {
				if d.Channel != consent.ChannelPostal || d.Channels[consent.ChannelEmail].Allowed {
					t.Errorf("channel %s (e-mail allowed: %t), want postal only", d.Channel, d.Channels[consent.ChannelEmail].Allowed)
				}
			},
		},
		{
			// A shop whose only personal channel is the phone, without a
			// phone consent (§7(2) Nr. 1 UWG), falls back to an automated
			// e-mail offer.
			name: "fallback to automated", asOf: asOf, action: winback.ActionAutomatedOffer,
			pol: func(p *winback.Policy) { p.PersonalChannels = []consent.Channel{consent.ChannelPhone} },
			check: func(t *testing.T, d winback.Decision) {
				if d.Channel != consent.ChannelEmail {
					t.Errorf("channel %s, want email", d.Channel)
				}
			},
		},
		{
			// Seed 000/003: act fast after a cancellation — the decision is
			// urgent with a deadline FastTrackDays after it.
			name: "cancelled", asOf: asOf, action: winback.ActionPersonalContact,
			edit: func(c *winback.Customer) {
				c.Events = append(c.Events, winback.Event{CustomerID: c.ID, Kind: winback.EventCancellation, Time: asOf.Add(-2 * 24 * time.Hour)})
			},
			check: func(t *testing.T, d winback.Decision) {
				if !d.Timing.Urgent || !d.Timing.Deadline.Equal(asOf.Add(5*24*time.Hour)) {
					t.Errorf("timing %+v, want urgent with deadline %s", d.Timing, asOf.Add(5*24*time.Hour))
				}
			},
		},
		{
			// Seed 003 (Bedrängte): contact frequency is respected — a
			// message three days ago pushes the next contact to the
			// 14-day gap.
			name: "contact gap", asOf: asOf, action: winback.ActionPersonalContact,
			edit: func(c *winback.Customer) {
				c.Events = append(c.Events, winback.Event{CustomerID: c.ID, Kind: winback.EventEmailSent, Time: asOf.Add(-3 * 24 * time.Hour), Channel: winback.ChannelEmail})
			},
			check: func(t *testing.T, d winback.Decision) {
				if want := asOf.Add(11 * 24 * time.Hour); !d.Timing.NotBefore.Equal(want) {
					t.Errorf("not before %s, want %s", d.Timing.NotBefore, want)
				}
			},
		},
		{
			// Seed 001/003: unprofitable customers are never worth winning
			// back.
			name: "unprofitable", asOf: asOf, action: winback.ActionExclude,
			edit: func(c *winback.Customer) {
				c.Profile.MarginKnown = true
				c.Profile.Margin = decimal.NewFromInt(-50)
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := baseCustomer()
			if tc.edit != nil {
				tc.edit(&c)
			}
			at := tc.asOf
			if at.IsZero() {
				at = asOf
			}
			pol := p
			if tc.pol != nil {
				tc.pol(&pol)
			}
			d, err := winback.Decide(c, m, pol, at)
			if err != nil {
				t.Fatal(err)
			}
			if d.Action != tc.action {
				t.Fatalf("action %s, want %s; reasons:\n%s", d.Action, tc.action, strings.Join(d.Reasons, "\n"))
			}
			if tc.check != nil {
				tc.check(t, d)
			}
		})
	}
}

func TestDecideRejectsBadInput(t *testing.T) {
	m := cdnow(t).models
	p := winback.DefaultPolicy()
	c := baseCustomer()
	if _, err := winback.Decide(c, m, p, time.Time{}); !errors.Is(err, winback.ErrInvalidInput) {
		t.Errorf("zero date: %v", err)
	}
	bad := c
	bad.Orders = append([]winback.Order(nil), c.Orders...)
	bad.Orders[2].CustomerID = "other"
	if _, err := winback.Decide(bad, m, p, sampleEnd); !errors.Is(err, winback.ErrInvalidInput) || !strings.Contains(err.Error(), "orders[2]") {
		t.Errorf("foreign order: %v", err)
	}
	q := p
	q.Margin = 1.5
	if _, err := winback.Decide(c, m, q, sampleEnd); !errors.Is(err, winback.ErrInvalidInput) || !strings.Contains(err.Error(), "policy.margin") {
		t.Errorf("margin 1.5: %v", err)
	}
	if _, err := winback.Decide(c, m, p, time.Date(1996, 1, 1, 0, 0, 0, 0, time.UTC)); !errors.Is(err, winback.ErrUndefined) {
		t.Errorf("no purchase before asOf: %v", err)
	}
}

func TestPolicyJSONRoundTrip(t *testing.T) {
	p := winback.DefaultPolicy()
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q winback.Policy
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	b2, _ := json.Marshal(q)
	if string(b) != string(b2) {
		t.Fatalf("round trip changed the policy:\n%s\n%s", b, b2)
	}
	if !reflect.DeepEqual(p.PersonalChannels, q.PersonalChannels) || !p.AutomatedCost.Equal(q.AutomatedCost) {
		t.Fatal("round trip lost fields")
	}
}

// Whatever the consent facts, Decide picks only allowed channels, and
// removing every consent never adds a contact.
func TestDecideNeverPicksADeniedChannel(t *testing.T) {
	m := cdnow(t).models
	p := winback.DefaultPolicy()
	p.Thresholds.Value = decimal.NewFromInt(20)
	rapid.Check(t, func(t *rapid.T) {
		c := baseCustomer()
		c.Contact.Consents = nil
		n := rapid.IntRange(0, 4).Draw(t, "consents")
		for i := range n {
			c.Contact.Consents = append(c.Contact.Consents, consent.ConsentRecord{
				Channel:     consent.Channel(rapid.IntRange(1, consent.NumChannels-1).Draw(t, "ch")),
				Scope:       consent.Scope(rapid.IntRange(0, 4).Draw(t, "scope")),
				Method:      consent.Method(rapid.IntRange(0, 5).Draw(t, "method")),
				GrantedAt:   time.Date(1997, time.Month(1+i), 1, 0, 0, 0, 0, time.UTC),
				ActiveOptIn: rapid.Bool().Draw(t, "active"),
				DoubleOptIn: rapid.Bool().Draw(t, "doi"),
				Documented:  rapid.Bool().Draw(t, "doc"),
			})
		}
		c.Contact.PostalList = consent.ListStatus(rapid.IntRange(0, 2).Draw(t, "list"))
		asOf := time.Date(1997, 12, 5, 0, 0, 0, 0, time.UTC)
		d, err := winback.Decide(c, m, p, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if d.Action.Contacts() && !d.Channels[d.Channel].Allowed {
			t.Fatalf("denied channel %s chosen", d.Channel)
		}
		c.Contact.Consents = nil
		c.Contact.PostalList = consent.ListUnknown
		d2, err := winback.Decide(c, m, p, asOf)
		if err != nil {
			t.Fatal(err)
		}
		if d2.Action.Contacts() {
			t.Fatalf("contact %s via %s without any consent or list check", d2.Action, d2.Channel)
		}
	})
}

func BenchmarkDecide(b *testing.B) {
	m := cdnow(b).models
	p := winback.DefaultPolicy()
	c := baseCustomer()
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(1997, 1, 1, 0, 0, 0, 0, time.UTC)
	for len(c.Events) < 100 {
		kinds := []winback.EventKind{winback.EventEmailSent, winback.EventEmailOpened, winback.EventSiteVisit}
		c.Events = append(c.Events, winback.Event{CustomerID: c.ID, Kind: kinds[rng.IntN(3)],
			Time: start.Add(time.Duration(rng.IntN(330)) * 24 * time.Hour), Channel: winback.ChannelEmail})
	}
	asOf := time.Date(1997, 12, 5, 0, 0, 0, 0, time.UTC)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := winback.Decide(c, m, p, asOf); err != nil {
			b.Fatal(err)
		}
	}
}

// Edge histories the models cannot take as they are: a first purchase at
// the decision instant (T = 0) and repeat purchases that were all free
// (mean repeat spend 0). Decide floors them (documented at clvHistory)
// instead of failing.
func TestDecideHandlesZeroAgeAndFreeRepeats(t *testing.T) {
	m := cdnow(t).models
	p := winback.DefaultPolicy()
	at := time.Date(1998, 1, 1, 0, 0, 0, 0, time.UTC)
	fresh := winback.Customer{ID: "new", Orders: []winback.Order{{CustomerID: "new", Time: at, Amount: decimal.NewFromInt(20)}}}
	d, err := winback.Decide(fresh, m, p, at)
	if err != nil {
		t.Fatalf("first purchase at the decision date: %v", err)
	}
	if d.PAlive != 1 {
		t.Errorf("P(alive) of a brand-new customer %v, want 1 (BG/NBD with x = 0)", d.PAlive)
	}
	free := winback.Customer{ID: "free", Orders: []winback.Order{
		{CustomerID: "free", Time: at.AddDate(0, -3, 0), Amount: decimal.NewFromInt(20)},
		{CustomerID: "free", Time: at.AddDate(0, -2, 0), Amount: decimal.Zero},
		{CustomerID: "free", Time: at.AddDate(0, -1, 0), Amount: decimal.Zero},
	}}
	if _, err := winback.Decide(free, m, p, at); err != nil {
		t.Fatalf("free repeat purchases: %v", err)
	}
}

// Contact-frequency limit (seed 003, Bedrängte: over-contact creates the
// overwhelmed type): with at most 3 contacts in 30 days, a customer with 4
// contacts in the window waits until the second-oldest leaves it.
func TestDecideWaitsForTheContactWindow(t *testing.T) {
	m := cdnow(t).models
	p := winback.DefaultPolicy()
	p.Thresholds.Value = decimal.NewFromInt(20)
	p.MinContactGapDays = 0
	asOf := time.Date(1997, 12, 5, 0, 0, 0, 0, time.UTC)
	c := baseCustomer()
	for _, ago := range []int{25, 20, 10, 2} {
		c.Events = append(c.Events, winback.Event{CustomerID: c.ID, Kind: winback.EventEmailSent,
			Time: asOf.AddDate(0, 0, -ago), Channel: winback.ChannelEmail})
	}
	d, err := winback.Decide(c, m, p, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if want := asOf.AddDate(0, 0, -20+30); !d.Timing.NotBefore.Equal(want) {
		t.Errorf("not before %s, want %s (second-oldest contact + 30 days)", d.Timing.NotBefore.Format(time.DateOnly), want.Format(time.DateOnly))
	}
}
