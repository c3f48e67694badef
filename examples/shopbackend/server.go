package main

import (
	"log/slog"
	"net/http"
	"strings"
)

// server holds what the handlers share. It is read-only after newServer,
// so the handlers are safe for concurrent use.
type server struct {
	models  modelSource
	maxBody int64
	log     *slog.Logger
}

func newServer(models modelSource, maxBody int64, log *slog.Logger) *server {
	return &server{models: models, maxBody: maxBody, log: log}
}

// handler routes the endpoints. Every path also answers the methods it does
// not serve with a JSON 405 (and Allow), and unknown paths with a JSON 404.
func (s *server) handler() http.Handler {
	mux := http.NewServeMux()
	route := func(method, path string, h http.HandlerFunc) {
		mux.HandleFunc(method+" "+path, h)
		allow := method
		if method == http.MethodGet {
			allow = "GET, HEAD"
		}
		mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", allow)
			writeError(w, s.log, &apiError{Status: http.StatusMethodNotAllowed, Code: codeMethod,
				Message: r.Method + " is not allowed on " + path + "; use " + strings.ReplaceAll(allow, ", ", " or ")})
		})
	}
	route(http.MethodGet, "/healthz", s.healthz)
	route(http.MethodGet, "/v1/models", s.getModels)
	route(http.MethodPost, "/v1/decide", jsonHandler(s.maxBody, s.log, newDecideRequest, s.decide))
	route(http.MethodPost, "/v1/plan", jsonHandler(s.maxBody, s.log, newPlanRequest, s.plan))
	route(http.MethodPost, "/v1/measure", jsonHandler(s.maxBody, s.log, newMeasureRequest, s.measure))
	route(http.MethodPost, "/v1/kpis", jsonHandler(s.maxBody, s.log, newKPIsRequest, s.kpis))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, s.log, &apiError{Status: http.StatusNotFound, Code: codeNotFound, Message: "no endpoint " + r.URL.Path})
	})
	return mux
}

func (s *server) healthz(w http.ResponseWriter, _ *http.Request) {
	respond(w, http.StatusOK, struct {
		SchemaVersion int    `json:"schema_version"`
		Status        string `json:"status"`
	}{schemaVersion, "ok"})
}

func (s *server) getModels(w http.ResponseWriter, _ *http.Request) {
	respond(w, http.StatusOK, struct {
		SchemaVersion int `json:"schema_version"`
		modelSource
	}{schemaVersion, s.models})
}
