package scoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestPresetJSONGolden pins the JSON form of Seed002Preset; run with
// -update after an intended change.
func TestPresetJSONGolden(t *testing.T) {
	got, err := json.MarshalIndent(Seed002Preset(), "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", "seed002_preset.json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update once)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("JSON of Seed002Preset changed:\n%s\nwant\n%s", got, want)
	}
	var back Model
	if err := json.Unmarshal(want, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, Seed002Preset()) {
		t.Errorf("round trip: got %+v, want %+v", back, Seed002Preset())
	}
}

func TestModelJSONRoundTrip(t *testing.T) {
	m := Model{
		Rules: []Rule{
			{ID: "big", Event: "purchase", When: []Condition{NumCond("value", Ge, 99.5), StrCond("country", Ne, "AT")}, Op: Add, Points: 2.5, Window: 36 * time.Hour, HalfLife: 14 * Day},
			{ID: "reset", Event: "reactivated", Op: Set, Points: -3},
			{ID: "quiet", Trigger: OnAbsence, Event: "open", Op: Subtract, Points: 1, After: 7 * Day, Window: 21 * Day},
		},
		Min: -50, Max: 20,
		Thresholds: []Threshold{{Name: "hot", Score: 10, Direction: Up, Action: "call"}, {Name: "cold", Score: -10}},
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	var back Model
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
	if !reflect.DeepEqual(back, m) {
		t.Errorf("round trip:\n got %+v\nwant %+v\njson %s", back, m, b)
	}
}

func TestModelJSONHandWritten(t *testing.T) {
	doc := `{
	  "rules": [
	    {"id": "no_visit", "trigger": "absence", "event": "site_visit", "op": "subtract", "points": 10, "after": "30d"},
	    {"id": "mail", "trigger": "event", "event": "email_unopened",
	     "when": [{"attr": "subject", "cmp": "contains", "value": "Rabatt"}, {"attr": "n", "cmp": "lt", "value": 3}],
	     "op": "add", "points": -5, "window": "4w", "half_life": "1.5d"}
	  ],
	  "thresholds": [{"name": "wb", "score": -15, "direction": "down", "action": "winback_campaign"}]
	}`
	var m Model
	if err := json.Unmarshal([]byte(doc), &m); err != nil {
		t.Fatal(err)
	}
	want := Model{
		Rules: []Rule{
			{ID: "no_visit", Trigger: OnAbsence, Event: "site_visit", Op: Subtract, Points: 10, After: 30 * Day},
			{ID: "mail", Event: "email_unopened", When: []Condition{StrCond("subject", Contains, "Rabatt"), NumCond("n", Lt, 3)},
				Op: Add, Points: -5, Window: 28 * Day, HalfLife: 36 * time.Hour},
		},
		Thresholds: []Threshold{{Name: "wb", Score: -15, Direction: Down, Action: "winback_campaign"}},
	}
	if !reflect.DeepEqual(m, want) {
		t.Errorf("got %+v\nwant %+v", m, want)
	}
}

func TestModelJSONErrorsNameRuleAndField(t *testing.T) {
	rule := func(extra string) string {
		return `{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "add", "points": 1},
		                   {"id": "b", "trigger": "event", "event": "x", "op": "add", "points": 1},
		                   {"id": "c", "trigger": "event", "event": "x", "op": "add", "points": 1` + extra + `}]}`
	}
	for _, tc := range []struct {
		name, doc, field string
	}{
		{"negative half-life", rule(`, "half_life": "-3d"`), "rules[2].half_life"},
		{"unparsable half-life", rule(`, "half_life": "a month"`), "rules[2].half_life"},
		{"huge window", rule(`, "window": "1e300d"`), "rules[2].window"},
		{"after on event rule", rule(`, "after": "3d"`), "rules[2].after"},
		{"bad cmp", rule(`, "when": [{"attr": "s", "cmp": "like", "value": "x"}]`), "rules[2].when[0].cmp"},
		{"bool value", rule(`, "when": [{"attr": "s", "cmp": "eq", "value": true}]`), "rules[2].when[0].value"},
		{"lt on string", rule(`, "when": [{"attr": "s", "cmp": "lt", "value": "x"}]`), "rules[2].when[0].cmp"},
		{"empty attr", rule(`, "when": [{"attr": "", "cmp": "eq", "value": 1}]`), "rules[2].when[0].attr"},
		{"huge points", `{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "add", "points": 1e12}]}`, "rules[0].points"},
		{"negative subtract", `{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "subtract", "points": -1}]}`, "rules[0].points"},
		{"unknown trigger", `{"rules": [{"id": "a", "trigger": "sometimes", "event": "x", "op": "add", "points": 1}]}`, "rules[0].trigger"},
		{"missing op", `{"rules": [{"id": "a", "trigger": "event", "event": "x", "points": 1}]}`, "rules[0].op"},
		{"short absence", `{"rules": [{"id": "a", "trigger": "absence", "event": "x", "op": "add", "points": 1, "after": "1h"}]}`, "rules[0].after"},
		{"missing id", `{"rules": [{"trigger": "event", "event": "x", "op": "add", "points": 1}]}`, "rules[0].id"},
		{"missing event", `{"rules": [{"id": "a", "trigger": "event", "op": "add", "points": 1}]}`, "rules[0].event"},
		{"duplicate id", `{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "add", "points": 1}, {"id": "a", "trigger": "event", "event": "y", "op": "add", "points": 1}]}`, "rules[1].id"},
		{"positive min", `{"rules": [], "min": 5, "max": 10}`, "min"},
		{"max below min", `{"rules": [], "min": -5, "max": -10}`, "max"},
		{"bad direction", `{"rules": [], "thresholds": [{"name": "t", "score": 1, "direction": "sideways"}]}`, "thresholds[0].direction"},
		{"duplicate threshold", `{"rules": [], "thresholds": [{"name": "t", "score": 1, "direction": "up"}, {"name": "t", "score": 2, "direction": "up"}]}`, "thresholds[1].name"},
		{"unknown field", `{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "add", "points": 1, "halflife": "3d"}]}`, "model"},
		{"wrong type", `{"rules": {}}`, "model"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var m Model
			err := json.Unmarshal([]byte(tc.doc), &m)
			var ie *InputError
			if !errors.Is(err, ErrInvalidInput) || !errors.As(err, &ie) || ie.Field != tc.field {
				t.Fatalf("err = %v, want InputError on %q", err, tc.field)
			}
		})
	}
}

func TestMarshalRejectsInvalidModel(t *testing.T) {
	m := Seed002Preset()
	m.Rules[1].Window = -Day
	if _, err := json.Marshal(m); !errors.Is(err, ErrInvalidInput) {
		t.Fatalf("Marshal of an invalid model: err = %v", err)
	}
}

// FuzzModelJSON: whatever decodes is valid, re-encodes, decodes to the same
// model and encodes to the same bytes, and can score a short history.
func FuzzModelJSON(f *testing.F) {
	preset, err := json.Marshal(Seed002Preset())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(preset)
	f.Add([]byte(`{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "set", "points": 1, "half_life": "36h", "window": "1w"}], "min": -1, "max": 1}`))
	f.Add([]byte(`{"rules": [{"id": "a", "trigger": "absence", "event": "x", "op": "add", "points": -2, "after": "1.5d", "when": [{"attr": "k", "cmp": "ge", "value": -1e3}]}], "thresholds": [{"name": "t", "score": -1, "direction": "down"}]}`))
	f.Add([]byte(`{"rules": [{"id": "a", "half_life": "-1d"}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`null`))
	f.Add([]byte(`{"rules": [{"id": "a", "trigger": "event", "event": "x", "op": "add", "points": 1, "when": [{"attr": "s", "cmp": "eq", "value": "\u00e4"}]}]}`))
	events := []Event{ev(1, "x", NumAttr("k", 0), StrAttr("s", "ä")), ev(5, "x"), ev(40, "site_visit"), ev(41, "x")}
	f.Fuzz(func(t *testing.T, data []byte) {
		var m Model
		if err := json.Unmarshal(data, &m); err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				var se *json.SyntaxError
				if !errors.As(err, &se) {
					t.Fatalf("error %v (%T) is neither a syntax error nor ErrInvalidInput", err, err)
				}
			}
			return
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("decoded model does not validate: %v", err)
		}
		b1, err := json.Marshal(m)
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		var back Model
		if err := json.Unmarshal(b1, &back); err != nil {
			t.Fatalf("re-decode %s: %v", b1, err)
		}
		if !reflect.DeepEqual(back, m) {
			t.Fatalf("round trip changed the model:\n%+v\n%+v", m, back)
		}
		b2, err := json.Marshal(back)
		if err != nil || !bytes.Equal(b1, b2) {
			t.Fatalf("re-encode differs: %s vs %s (%v)", b1, b2, err)
		}
		if _, err := m.Score(events, since, day(60)); err != nil {
			t.Fatalf("a valid model failed to score: %v", err)
		}
	})
}
