package control

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/diwanpanel/diwan/core/internal/audit"
	"github.com/diwanpanel/diwan/core/internal/pluginhost"
	"github.com/diwanpanel/diwan/core/internal/store"
)

// Plugins is what the control socket drives; *pluginhost.Manager is one.
type Plugins interface {
	List(ctx context.Context) ([]pluginhost.Status, error)
	Get(ctx context.Context, id string) (pluginhost.Status, error)
	Enable(ctx context.Context, id string) (pluginhost.Status, error)
	Disable(ctx context.Context, id string) (pluginhost.Status, error)
	Restart(ctx context.Context, id string) (pluginhost.Status, error)
	Logs(ctx context.Context, id string) ([]string, error)
}

// Auditor records the changes made through the socket; *audit.Recorder is
// one.
type Auditor interface {
	Record(ctx context.Context, e store.AuditEntry)
}

// Deps are what a Server needs; Log may be nil.
type Deps struct {
	Plugins Plugins
	Audit   Auditor
	Log     hclog.Logger
}

// shutdownGrace is how long requests in flight may finish at shutdown.
const shutdownGrace = 5 * time.Second

// Server answers the control protocol on a Unix socket.
type Server struct {
	deps Deps
	self int
	http *http.Server
	done chan struct{}
	stop sync.Once
}

// Start opens the control socket at path (see Listen) and serves it in the
// background until ctx is done or Stop is called. Requests are cancelled
// with ctx.
func Start(ctx context.Context, path string, d Deps) (*Server, error) {
	if d.Plugins == nil || d.Audit == nil {
		return nil, errors.New("control: Deps.Plugins and Deps.Audit are required")
	}
	ln, err := Listen(ctx, path)
	if err != nil {
		return nil, err
	}
	s := newServer(d)
	s.http.BaseContext = func(net.Listener) context.Context { return ctx }
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); !errors.Is(err, http.ErrServerClosed) {
			s.deps.Log.Error("control socket stopped", "error", err)
		}
	}()
	context.AfterFunc(ctx, s.Stop)
	return s, nil
}

// newServer returns a Server that is not serving yet.
func newServer(d Deps) *Server {
	if d.Log == nil {
		d.Log = hclog.NewNullLogger()
	}
	s := &Server{deps: d, self: os.Geteuid(), done: make(chan struct{})}
	s.http = &http.Server{Handler: s.routes(), ConnContext: withPeer, ReadHeaderTimeout: 5 * time.Second}
	return s
}

// Stop stops serving, lets requests in flight finish within a few seconds
// and returns once the socket file is removed. It is safe to call more than
// once and from several goroutines.
func (s *Server) Stop() {
	s.stop.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
		defer cancel()
		if err := s.http.Shutdown(ctx); err != nil {
			_ = s.http.Close()
		}
		<-s.done
	})
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	get := func(ctx context.Context, id string, _ *http.Request) (any, error) { return s.deps.Plugins.Get(ctx, id) }
	s.handle(mux, "GET /plugins", "", s.list)
	s.handle(mux, "GET /plugins/{id}", "", s.read(get))
	s.handle(mux, "GET /plugins/{id}/logs", "", s.read(s.logs))
	changes := []struct {
		verb string
		do   func(context.Context, string) (pluginhost.Status, error)
	}{{"enable", s.deps.Plugins.Enable}, {"disable", s.deps.Plugins.Disable}, {"restart", s.deps.Plugins.Restart}}
	for _, c := range changes {
		s.handle(mux, "POST /plugins/{id}/"+c.verb, "plugin."+c.verb, s.change("plugin."+c.verb, c.do))
	}
	s.handle(mux, "/", "", func(w http.ResponseWriter, r *http.Request) {
		s.reply(w, nil, &Error{Status: http.StatusNotFound, Code: codeNotFound, Message: "no such route: " + r.Method + " " + r.URL.Path}, "")
	})
	return mux
}

// handle serves pattern with h for root and the panel's own user only. To
// anyone else it answers 403, and records the refusal of a change (action
// not empty).
func (s *Server) handle(mux *http.ServeMux, pattern, action string, h http.HandlerFunc) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		p := peerOf(r.Context())
		err := p.err
		if err == nil {
			err = checkPeer(p.uid, s.self)
		}
		if err == nil {
			h(w, r)
			return
		}
		s.deps.Log.Warn("control socket refused a caller", "uid", p.uid, "pid", p.pid, "error", err)
		status := s.reply(w, nil, &Error{Status: http.StatusForbidden, Code: codeForbidden, Message: err.Error()}, "")
		if action != "" {
			s.record(r, action, "id="+r.PathValue("id"), status, codeForbidden)
		}
	})
}

func (s *Server) list(w http.ResponseWriter, r *http.Request) {
	list, err := s.deps.Plugins.List(r.Context())
	s.reply(w, list, err, "")
}

// read serves a query about the plugin named in the path.
func (s *Server) read(do func(context.Context, string, *http.Request) (any, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		var body any
		err := checkIDField(id)
		if err == nil {
			body, err = do(r.Context(), id, r)
		}
		s.reply(w, body, err, id)
	}
}

func (s *Server) logs(ctx context.Context, id string, r *http.Request) (any, error) {
	n, err := lineCount(r.URL.Query().Get("lines"))
	if err != nil {
		return nil, err
	}
	lines, err := s.deps.Plugins.Logs(ctx, id)
	if err != nil {
		return nil, err
	}
	if n > 0 && len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return logsBody{Lines: lines}, nil
}

// lineCount parses ?lines=, where empty means every line kept.
func lineCount(v string) (int, error) {
	if v == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLogLines {
		return 0, &Error{Status: http.StatusBadRequest, Code: codeInvalid,
			Message: "lines: want a whole number from 1 to " + strconv.Itoa(MaxLogLines) + ", got " + strconv.Quote(v)}
	}
	return n, nil
}

// change serves a state change of the plugin named in the path and
// records it, whatever its result.
func (s *Server) change(action string, do func(context.Context, string) (pluginhost.Status, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		var st pluginhost.Status
		err := checkIDField(id)
		if err == nil {
			st, err = do(r.Context(), id)
		}
		status := s.reply(w, st, err, id)
		code := ""
		if err != nil {
			code = toError(err, id).Code
		}
		s.record(r, action, "id="+id, status, code)
	}
}

// record writes the audit entry of a change: the caller's uid and pid, the
// action, its target and its result.
func (s *Server) record(r *http.Request, action, target string, status int, code string) {
	p := peerOf(r.Context())
	details := "pid " + strconv.Itoa(int(p.pid))
	if code != "" {
		details += ", " + code
	}
	s.deps.Audit.Record(r.Context(), store.AuditEntry{
		Actor: "cli (uid " + strconv.FormatUint(uint64(p.uid), 10) + ")", Via: "cli",
		Action: action, Target: target, Result: audit.ResultOf(status), Status: status, Details: details,
	})
}

// reply writes body as JSON, or err as an error body, and returns the
// status sent.
func (s *Server) reply(w http.ResponseWriter, body any, err error, id string) int {
	status := http.StatusOK
	if err != nil {
		e := toError(err, id)
		if e.Status >= http.StatusInternalServerError {
			s.deps.Log.Error("control request failed", "plugin", id, "error", err)
		}
		status, body = e.Status, errorBody{Error: e}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(body); err != nil {
		s.deps.Log.Warn("control answer not sent", "error", err)
	}
	return status
}

// checkIDField is CheckID as a 400 answer.
func checkIDField(id string) error {
	if err := CheckID(id); err != nil {
		return &Error{Status: http.StatusBadRequest, Code: codeInvalid, Message: "id: " + err.Error()}
	}
	return nil
}

var (
	_ Plugins = (*pluginhost.Manager)(nil)
	_ Auditor = (*audit.Recorder)(nil)
)
