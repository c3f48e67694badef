package main

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/kundenwert/winback"
)

// decideRequest is the body of POST /v1/decide. Policy starts from
// winback.DefaultPolicy: the fields a request gives replace the defaults,
// the others keep them; null means the defaults.
type decideRequest struct {
	AsOf     date             `json:"as_of"`
	Customer winback.Customer `json:"customer"`
	Policy   *winback.Policy  `json:"policy"`
}

type decideResponse struct {
	SchemaVersion int              `json:"schema_version"`
	Decision      winback.Decision `json:"decision"`
}

func newDecideRequest() decideRequest {
	p := winback.DefaultPolicy()
	return decideRequest{Policy: &p}
}

func (s *server) decide(_ *http.Request, req decideRequest) (any, error) {
	p, err := checkCommon(req.AsOf, req.Policy)
	if err != nil {
		return nil, err
	}
	if err := req.Customer.Validate(); err != nil {
		return nil, within(err, "customer")
	}
	d, err := winback.Decide(req.Customer, s.models.Models, p, req.AsOf.Time)
	if err != nil {
		return nil, within(err, "customer", "policy")
	}
	return decideResponse{SchemaVersion: schemaVersion, Decision: d}, nil
}

// planRequest is the body of POST /v1/plan; Policy as in decideRequest.
type planRequest struct {
	AsOf      date               `json:"as_of"`
	Customers []winback.Customer `json:"customers"`
	Policy    *winback.Policy    `json:"policy"`
	Options   planOptions        `json:"options"`
}

// planOptions are the campaign options a client may set; the number of
// workers is the server's business.
type planOptions struct {
	Budget       decimal.Decimal `json:"budget"`        // ≥ 0; 0 means no limit
	HoldoutShare float64         `json:"holdout_share"` // in [0, 1)
	Seed         uint64          `json:"seed"`
}

// planResponse holds the summary of the whole campaign and its Limit best
// entries by rank.
type planResponse struct {
	SchemaVersion int                 `json:"schema_version"`
	AsOf          time.Time           `json:"as_of"`
	Summary       winback.PlanSummary `json:"summary"`
	EntriesTotal  int                 `json:"entries_total"`
	Limit         int                 `json:"limit"`
	Entries       []winback.Entry     `json:"entries"`
}

const (
	defaultLimit = 100
	maxLimit     = 100000
)

func newPlanRequest() planRequest {
	p := winback.DefaultPolicy()
	return planRequest{Policy: &p}
}

func (s *server) plan(r *http.Request, req planRequest) (any, error) {
	limit := defaultLimit
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > maxLimit {
			return nil, badRequest(codeInvalidValue, "limit", "query parameter limit must be an integer in [0, %d], got %q", maxLimit, v)
		}
		limit = n
	}
	p, err := checkCommon(req.AsOf, req.Policy)
	if err != nil {
		return nil, err
	}
	for i, c := range req.Customers {
		if err := c.Validate(); err != nil {
			return nil, within(err, fmt.Sprintf("customers[%d]", i))
		}
	}
	opts := winback.PlanOptions{Budget: req.Options.Budget, HoldoutShare: req.Options.HoldoutShare, Seed: req.Options.Seed}
	c, err := winback.Plan(fromSlice(req.Customers), s.models.Models, p, req.AsOf.Time, opts)
	if err != nil {
		return nil, err
	}
	resp := planResponse{SchemaVersion: schemaVersion, AsOf: c.AsOf, Summary: c.Summary,
		EntriesTotal: len(c.Entries), Limit: limit, Entries: c.Entries[:min(limit, len(c.Entries))]}
	if resp.Entries == nil {
		resp.Entries = []winback.Entry{}
	}
	return resp, nil
}

// checkCommon checks the date and the policy that decide and plan share and
// returns the policy to use.
func checkCommon(asOf date, policy *winback.Policy) (winback.Policy, error) {
	if asOf.IsZero() {
		return winback.Policy{}, badRequest(codeInvalidInput, "as_of", "is required (YYYY-MM-DD or RFC 3339)")
	}
	p := winback.DefaultPolicy()
	if policy != nil {
		p = *policy
	}
	if err := p.Validate(); err != nil {
		return p, err
	}
	return p, nil
}

// within maps a library error about one member of the request (a customer)
// to an API error whose field is rooted at that member; paths that already
// start with member or one of keep are kept.
func within(err error, member string, keep ...string) error {
	ae := libraryError(err)
	if ae.Status != http.StatusInternalServerError {
		for _, k := range keep {
			if ae.Field == k || strings.HasPrefix(ae.Field, k+".") {
				return ae
			}
		}
		f := ae.Field
		if f == "customer" {
			f = ""
		}
		ae.Field = under(member, strings.TrimPrefix(f, "customer."))
	}
	return ae
}

// fromSlice streams a slice as the sequence Plan reads.
func fromSlice[T any](s []T) func(func(T, error) bool) {
	return func(yield func(T, error) bool) {
		for _, v := range s {
			if !yield(v, nil) {
				return
			}
		}
	}
}
