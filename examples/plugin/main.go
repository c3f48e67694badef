package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, errUsage):
		os.Exit(2) // the message is out already
	default:
		fmt.Fprintln(os.Stderr, "plugin:", err)
		os.Exit(1)
	}
}

// errUsage marks bad flags or flag files.
var errUsage = errors.New("usage")

// run is the program: flags in args, requests on stdin, responses on
// stdout, diagnostics on stderr.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("plugin", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, "usage: plugin [flags] < requests.ndjson > responses.ndjson\n\n"+
			"Reads winback decision requests (JSON, one per line or concatenated) and\n"+
			"writes one JSON response per request. See `go doc ./examples/plugin`.\n\n")
		fs.PrintDefaults()
	}
	policyFile := fs.String("policy", "", "base policy `file` (JSON, read onto the default policy)")
	modelsFile := fs.String("models", "", "models `file` (JSON) instead of the models fitted on the embedded CDNOW sample")
	pretty := fs.Bool("pretty", false, "indent the responses")
	example := fs.Bool("example", false, "print one valid request and exit")
	modelsOut := fs.String("models-out", "", "write the default models as JSON to `file` and exit")
	policyOut := fs.String("policy-out", "", "write the base policy (defaults and -policy) as JSON to `file` and exit")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "plugin: unexpected argument %q; requests are read from standard input\n", fs.Arg(0))
		return errUsage
	}
	usage := func(format string, a ...any) error {
		fmt.Fprintf(stderr, "plugin: "+format+"\n", a...)
		return errUsage
	}

	pl := &plugin{fit: fitSampleModels}
	if *policyFile != "" {
		b, err := os.ReadFile(*policyFile)
		if err != nil {
			return usage("%v", err)
		}
		p, e := readPolicy(b)
		if e != nil {
			return usage("%s: %s: %s", *policyFile, e.Field, e.Message)
		}
		if err := p.Validate(); err != nil {
			return usage("%s: %v", *policyFile, err)
		}
		pl.basePolicy = b
	}
	if *modelsFile != "" {
		b, err := os.ReadFile(*modelsFile)
		if err != nil {
			return usage("%v", err)
		}
		if e := decodeStrict(b, &pl.models, ""); e != nil {
			return usage("%s: %s: %s", *modelsFile, e.Field, e.Message)
		}
		if err := pl.models.Validate(); err != nil {
			return usage("%s: %v", *modelsFile, err)
		}
		pl.haveModels = true
	}

	switch {
	case *example:
		req, err := exampleRequest()
		if err != nil {
			return err
		}
		return writeJSON(stdout, req, *pretty)
	case *modelsOut != "":
		m, err := pl.defaultModels()
		if err != nil {
			return err
		}
		b, err := json.MarshalIndent(m, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(*modelsOut, append(b, '\n'), 0o644)
	case *policyOut != "":
		p, _ := readPolicy(pl.basePolicy) // checked above
		b, err := json.MarshalIndent(p, "", "  ")
		if err != nil {
			return err
		}
		return os.WriteFile(*policyOut, append(b, '\n'), 0o644)
	}
	return pl.serve(ctx, stdin, stdout, *pretty)
}

func writeJSON(w io.Writer, v any, pretty bool) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if pretty {
		enc.SetIndent("", "  ")
	}
	return enc.Encode(v)
}
