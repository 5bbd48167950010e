package scenario

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestSignIn(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Username, Password string }
		if r.Method != http.MethodPost || r.URL.Path != loginPath || r.Header.Get("Content-Type") != "application/json" ||
			json.NewDecoder(r.Body).Decode(&in) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		switch {
		case in.Password != "right":
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = w.Write([]byte(`{"error":{"code":"bad_credentials"}}`))
		case in.Username == "nocookie":
			_, _ = w.Write([]byte(`{}`))
		default:
			http.SetCookie(w, &http.Cookie{Name: sessionCookie, Value: "tok-" + in.Username, HttpOnly: true})
		}
	}))
	defer srv.Close()
	c := newLoginClient(srv.URL, 1)
	ctx := context.Background()
	if token, err := c.signIn(ctx, account{"ops", "right"}); err != nil || token != "tok-ops" {
		t.Fatalf("signIn = %q, %v; want tok-ops", token, err)
	}
	tests := map[string]struct {
		a    account
		want string
	}{
		"wrong password": {account{"ops", "wrong"}, `login: status 401: {"error":{"code":"bad_credentials"}}`},
		"no cookie":      {account{"nocookie", "right"}, "without a diwan_session cookie"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			token, err := c.signIn(ctx, tc.a)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("signIn = %q, %v; want an error with %q", token, err, tc.want)
			}
		})
	}
}

func TestNewAccount(t *testing.T) {
	a, b := newAccount(), newAccount()
	if a.username != accountName || len(a.password) < 12 || a.password == b.password {
		t.Fatalf("newAccount = %+v, then %+v: want the bench account with a fresh password of 12 characters or more", a, b)
	}
}
