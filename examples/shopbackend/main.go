// Command shopbackend serves winback's decisions over HTTP: a small JSON
// service a shop's backend can call to decide for one customer, plan a
// win-back campaign, measure a finished one and compute retention KPIs.
//
//	go run ./examples/shopbackend -addr 127.0.0.1:8080
//
// Endpoints (JSON in and out; every response carries "schema_version"):
//
//	GET  /healthz      liveness
//	GET  /v1/models    the fitted models the service decides with
//	POST /v1/decide    {as_of, customer, policy?}            → {decision}
//	POST /v1/plan      {as_of, customers, policy?, options}  → {summary, entries}; ?limit=N (default 100)
//	POST /v1/measure   {contacts, orders, options}           → win-back KPIs and uplift
//	POST /v1/kpis      {orders, period?, time_zone?, cohorts?} → retention KPIs per period
//
// The models are fitted at startup on the CDNOW sample embedded in the module
// (BG/NBD and Gamma-Gamma, weeks, calibration end 1997-09-30, same-day orders
// merged), or read from the JSON file given with -models (the "models" member
// of GET /v1/models).
//
// Requests must be application/json and at most -max-body bytes (413
// otherwise); unknown fields, malformed JSON and invalid values are 400,
// figures that do not exist for the data (a customer without a purchase) 422.
// Errors are {"error": {"code", "field", "message"}}. The server listens on
// loopback by default and shuts down gracefully on SIGINT and SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// Server timeouts: slow clients cannot hold connections open forever.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 10 * time.Second
)

func main() {
	ctx, stop := signalContext()
	defer stop()
	err := run(ctx, os.Args[1:], os.Stderr, nil)
	switch {
	case errors.Is(err, flag.ErrHelp):
		// -h printed the usage
	case err != nil:
		fmt.Fprintln(os.Stderr, "shopbackend:", err)
		os.Exit(1)
	}
}

// signalContext is cancelled by SIGINT or SIGTERM.
func signalContext() (context.Context, context.CancelFunc) {
	return signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
}

// config holds the command-line flags.
type config struct {
	addr    string
	maxBody int64
	models  string
}

func parseFlags(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("shopbackend", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.addr, "addr", "127.0.0.1:8080", "listen address (loopback by default)")
	fs.Int64Var(&c.maxBody, "max-body", 1<<20, "largest accepted request body in bytes")
	fs.StringVar(&c.models, "models", "", "JSON file with fitted models (default: fit on the embedded CDNOW sample)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected arguments %q", fs.Args())
	}
	if c.maxBody <= 0 {
		return c, fmt.Errorf("-max-body must be > 0, got %d", c.maxBody)
	}
	return c, nil
}

// run serves until ctx is cancelled, then shuts down gracefully: it stops
// accepting connections and waits up to shutdownTimeout for requests in
// flight. ready, if not nil, is called with the listening address.
func run(ctx context.Context, args []string, stderr io.Writer, ready func(net.Addr)) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	src, err := loadModels(cfg.models)
	if err != nil {
		return err
	}
	srv := &http.Server{
		Handler:           newServer(src, cfg.maxBody, log).handler(),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return err
	}
	log.Info("listening", "addr", ln.Addr().String(), "models", src.Source, "max_body", cfg.maxBody)
	if ready != nil {
		ready(ln.Addr())
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err // Serve failed before any shutdown
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	log.Info("stopped")
	return nil
}
