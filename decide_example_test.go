package winback_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/kundenwert/winback"
	"github.com/kundenwert/winback/clv"
	"github.com/kundenwert/winback/consent"
	"github.com/kundenwert/winback/internal/sample"
	"github.com/shopspring/decimal"
)

// Fit the models on an order log, then decide for one lapsed customer who
// gave a documented e-mail consent with double opt-in.
func ExampleDecide() {
	log := winback.ReadCDNOW(strings.NewReader(sample.CDNOW), winback.CDNOWSample)
	s, _ := winback.Summarize(log, winback.SummaryOptions{
		Unit: winback.Week, CalibrationEnd: time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC), MergeSameDay: true})
	models, _, _ := winback.FitModels(s, clv.FitOptions{})

	day := func(m time.Month, d int) time.Time { return time.Date(1997, m, d, 0, 0, 0, 0, time.UTC) }
	c := winback.Customer{ID: "42", Profile: winback.Profile{Reviews: 4}}
	for _, m := range []time.Month{1, 2, 3, 4, 5, 6} { // a monthly buyer until June
		c.Orders = append(c.Orders, winback.Order{CustomerID: "42", Time: day(m, 5), Amount: decimal.NewFromInt(80)})
	}
	c.Contact.Consents = []consent.ConsentRecord{{Channel: consent.ChannelEmail, Scope: consent.ScopeOwnAll,
		Method: consent.MethodOnlineForm, GrantedAt: day(1, 5), ActiveOptIn: true, DoubleOptIn: true, Documented: true}}

	d, err := winback.Decide(c, models, winback.DefaultPolicy(), day(12, 5))
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Status, d.Quadrant, d.Action, d.Channel, d.BudgetCap.StringFixed(2))
	fmt.Println(d.Reasons[0])
	// Output:
	// lost question personal_contact email 7.06
	// status: lost, 6.1× the own interval since the last purchase on 1997-06-05 (P(alive) 0.17)
}
