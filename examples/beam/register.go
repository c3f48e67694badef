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
	register.Combiner2[history, winback.Order](&historyFn{})
	register.DoFn3x0[string, history, func(string, int)](&rowsFn{})
	register.DoFn4x1[[]byte, func(*string, *int) bool, func(string), func(string), error](&fitFn{})
	register.DoFn5x1[string, history, string, func(string, string), func(outcome), error](&decideFn{})
	register.DoFn3x0[string, string, func(int, string)](&shardFn{})
	register.DoFn3x1[context.Context, int, func(*string) bool, error](&writeShardFn{})
	register.Combiner3[Report, outcome, string](&reportFn{})
	register.Function3x1(summaryJSON)

	register.Emitter2[string, winback.Order]()
	register.Emitter2[string, int]()
	register.Emitter2[string, string]()
	register.Emitter2[int, string]()
	register.Iter1[string]()
	register.Emitter1[string]()
	register.Emitter1[outcome]()
	register.Iter2[string, int]()

	beam.RegisterCoder(reflect.TypeFor[winback.Order](), encodeOrder, decodeOrder)
	beam.RegisterCoder(reflect.TypeFor[history](), encodeHistory, decodeHistory)
	beam.RegisterCoder(reflect.TypeFor[Report](), encodeReport, decodeReport)
	beam.RegisterCoder(reflect.TypeFor[outcome](), encodeOutcome, decodeOutcome)
}
