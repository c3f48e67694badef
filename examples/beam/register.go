package main

import (
	"context"
	"reflect"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/kundenwert/winback"
)

// Every DoFn, CombineFn, function, emitter, iterator and coder the
// pipeline uses is registered here, so that a worker on any runner finds
// them by name (no closures: the runner serialises the pipeline).
func init() {
	register.DoFn3x1[context.Context, string, func(string, winback.Order), error](&parseFn{})
	register.Combiner3[partial, winback.Order, winback.Summaries](&summaryFn{})
	register.DoFn3x1[string, winback.Summaries, func(string, int), error](&rowsFn{})
	register.DoFn4x1[[]byte, func(*string, *int) bool, func(string), func(string), error](&fitFn{})
	register.DoFn5x1[string, func(*winback.Order) bool, string, func(string), func(outcome), error](&decideFn{})
	register.Combiner3[Report, outcome, string](&reportFn{})
	register.Function2x2(summaryJSON)

	register.Emitter2[string, winback.Order]()
	register.Emitter2[string, int]()
	register.Emitter1[string]()
	register.Emitter1[outcome]()
	register.Iter1[winback.Order]()
	register.Iter2[string, int]()

	beam.RegisterCoder(reflect.TypeFor[winback.Order](), encodeOrder, decodeOrder)
	beam.RegisterCoder(reflect.TypeFor[winback.Summaries](), encodeSummaries, decodeSummaries)
	beam.RegisterCoder(reflect.TypeFor[partial](), encodePartial, decodePartial)
	beam.RegisterCoder(reflect.TypeFor[Report](), encodeReport, decodeReport)
	beam.RegisterCoder(reflect.TypeFor[outcome](), encodeOutcome, decodeOutcome)
}
