package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe for the server's and the test's
// goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startRun runs the command on a loopback port chosen by the OS and returns
// its address and the channel run's result arrives on.
func startRun(t *testing.T, ctx context.Context, log io.Writer, args ...string) (string, <-chan error) {
	t.Helper()
	addrs := make(chan net.Addr, 1)
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, append([]string{"-addr", "127.0.0.1:0"}, args...), log, func(a net.Addr) { addrs <- a })
	}()
	select {
	case a := <-addrs:
		return a.String(), done
	case err := <-done:
		t.Fatalf("run ended before listening: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not start within 10 s")
	}
	return "", nil
}

// waitStopped fails unless run returns nil within 10 s.
func waitStopped(t *testing.T, done <-chan error) {
	t.Helper()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the server did not shut down within 10 s")
	}
}

func get(t *testing.T, url string) *http.Response {
	t.Helper()
	c := &http.Client{Timeout: 5 * time.Second}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func TestRunServesAndShutsDown(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	log := &syncBuffer{}
	addr, done := startRun(t, ctx, log)
	if !strings.HasPrefix(addr, "127.0.0.1:") {
		t.Errorf("listening on %s, want loopback", addr)
	}
	if resp := get(t, "http://"+addr+"/healthz"); resp.StatusCode != http.StatusOK {
		t.Fatalf("/healthz: %s", resp.Status)
	}
	cancel()
	waitStopped(t, done)
	if !strings.Contains(log.String(), "msg=stopped") {
		t.Errorf("log does not record the shutdown:\n%s", log)
	}
	if _, err := net.DialTimeout("tcp", addr, time.Second); err == nil {
		t.Errorf("%s still accepts connections after shutdown", addr)
	}
}

// TestRunStopsOnSIGTERM sends the test process SIGTERM while the server
// runs under the signal context of main.
func TestRunStopsOnSIGTERM(t *testing.T) {
	ctx, stop := signalContext()
	defer stop()
	addr, done := startRun(t, ctx, io.Discard)
	if resp := get(t, "http://"+addr+"/v1/models"); resp.StatusCode != http.StatusOK {
		t.Fatalf("/v1/models: %s", resp.Status)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitStopped(t, done)
}

func TestRunWithModelsFile(t *testing.T) {
	src, err := sampleSource()
	if err != nil {
		t.Fatal(err)
	}
	path := t.TempDir() + "/models.json"
	b, err := json.Marshal(src.Models)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, path, b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, done := startRun(t, ctx, io.Discard, "-models", path, "-max-body", "4096")
	body := new(bytes.Buffer)
	resp := get(t, "http://"+addr+"/v1/models")
	if _, err := body.ReadFrom(resp.Body); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(body.String(), `"source":"file"`) {
		t.Errorf("models: %s", body)
	}
	cancel()
	waitStopped(t, done)
}

func TestRunRejectsBadConfiguration(t *testing.T) {
	for name, args := range map[string][]string{
		"zero max-body":  {"-max-body", "0"},
		"stray argument": {"serve"},
		"unknown flag":   {"-port", "80"},
		"missing models": {"-models", "/nonexistent/models.json"},
		"bad address":    {"-addr", "127.0.0.1:notaport"},
	} {
		done := make(chan error, 1)
		go func() { done <- run(context.Background(), args, io.Discard, nil) }()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: run accepted %q", name, args)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: run(%q) did not fail", name, args)
		}
	}
}

func TestFlagDefaults(t *testing.T) {
	c, err := parseFlags(nil, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.addr != "127.0.0.1:8080" || c.maxBody != 1<<20 || c.models != "" {
		t.Errorf("defaults %+v; want loopback 127.0.0.1:8080, 1 MiB, fitted models", c)
	}
}

// TestShutdownFinishesRequestInFlight starts a request, cancels the server's
// context while the request body is still arriving, and checks that the
// request is answered before the server stops.
func TestShutdownFinishesRequestInFlight(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr, done := startRun(t, ctx, io.Discard)
	conn, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if err := conn.SetDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	body := `{"orders":[{"customer_id":"a","time":"1998-02-01T00:00:00Z","amount":"1"}]}`
	head := "POST /v1/kpis HTTP/1.1\r\nHost: test\r\nContent-Type: application/json\r\n" +
		"Content-Length: " + strconv.Itoa(len(body)) + "\r\n\r\n"
	if _, err := io.WriteString(conn, head+body[:10]); err != nil {
		t.Fatal(err)
	}
	time.Sleep(100 * time.Millisecond) // let the server read the head
	cancel()
	select {
	case err := <-done:
		t.Fatalf("run returned %v with a request in flight", err)
	case <-time.After(200 * time.Millisecond):
	}
	if _, err := io.WriteString(conn, body[10:]); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("in-flight request: %s", resp.Status)
	}
	waitStopped(t, done)
}
