package main

import (
	"fmt"
	"strings"

	"github.com/kundenwert/winback"
)

// parseLine parses one line of an order log with the library's readers;
// ok is false for a line without an order (blank, or the header). Lines are
// parsed independently, so the readers' line numbers are meaningless here:
// orders without an order-id column get an empty OrderID instead of the
// readers' "<customer>-<line>".
func (st settings) parseLine(line string) (o winback.Order, ok bool, err error) {
	line = strings.TrimRight(line, "\r")
	if strings.TrimSpace(line) == "" {
		return winback.Order{}, false, nil
	}
	var seq func(func(winback.Order, error) bool)
	if st.format == "csv" {
		if strings.TrimPrefix(line, "\uFEFF") == st.header {
			return winback.Order{}, false, nil
		}
		seq = winback.ReadCSV(strings.NewReader(st.header+"\n"+line), st.mapping)
	} else {
		if f := strings.Fields(line); f[0] == "customer_id" {
			return winback.Order{}, false, nil // the header of CDNOW_master.txt
		}
		seq = winback.ReadCDNOW(strings.NewReader(line), st.cdnow)
	}
	for o, err = range seq {
		if err != nil {
			return winback.Order{}, false, fmt.Errorf("order line %q: %w", clip(line), err)
		}
		ok = true
		break
	}
	if !ok {
		return winback.Order{}, false, fmt.Errorf("order line %q: no order", clip(line))
	}
	if st.format != "csv" || st.mapping.OrderID == "" {
		o.OrderID = ""
	}
	return o, true, nil
}

// clip shortens a line for an error message.
func clip(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
