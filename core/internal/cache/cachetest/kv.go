package cachetest

import (
	"errors"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

// shortTTL is long enough to read a key back and short enough to wait out.
const shortTTL = 150 * time.Millisecond

var kvTests = []test{
	{"get of a missing key returns ErrNotFound", testGetMissing},
	{"set then get returns the value", testSetGet},
	{"an empty value is stored", testEmptyValue},
	{"values are copied in and out", testValuesCopied},
	{"set with ttl expires", testSetExpires},
	{"set replaces the value and the expiry", testSetReplaces},
	{"negative ttl is refused", testNegativeTTL},
	{"setnx sets only an absent key", testSetNX},
	{"setnx sets again after expiry", testSetNXAfterExpiry},
	{"delete removes only its key", testDelete},
	{"delete of a missing key succeeds", testDeleteMissing},
}

func testGetMissing(t *testing.T, c cache.Cache) {
	wantNotFound(t, c, "missing")
}

func testSetGet(t *testing.T, c cache.Cache) {
	set(t, c, "k", "v1", 0)
	wantValue(t, c, "k", "v1")
	set(t, c, "k", "v2", time.Minute)
	wantValue(t, c, "k", "v2")
}

func testEmptyValue(t *testing.T, c cache.Cache) {
	set(t, c, "k", "", 0)
	wantValue(t, c, "k", "")
}

func testValuesCopied(t *testing.T, c cache.Cache) {
	value := []byte("abc")
	if err := c.Set(t.Context(), "k", value, 0); err != nil {
		t.Fatalf("Set: %v", err)
	}
	value[0] = 'x'
	wantValue(t, c, "k", "abc")
	got, err := c.Get(t.Context(), "k")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	got[0] = 'y'
	wantValue(t, c, "k", "abc")
}

func testSetExpires(t *testing.T, c cache.Cache) {
	start := time.Now()
	set(t, c, "k", "v", shortTTL)
	wantValue(t, c, "k", "v")
	waitNotFound(t, c, "k")
	if elapsed := time.Since(start); elapsed < shortTTL-10*time.Millisecond {
		t.Fatalf("key expired after %v, want at least %v", elapsed, shortTTL)
	}
}

func testSetReplaces(t *testing.T, c cache.Cache) {
	set(t, c, "k", "old", shortTTL)
	set(t, c, "k", "new", 0)
	time.Sleep(2 * shortTTL)
	wantValue(t, c, "k", "new")
}

func testNegativeTTL(t *testing.T, c cache.Cache) {
	if err := c.Set(t.Context(), "k", []byte("v"), -time.Second); err == nil {
		t.Error("Set with ttl -1s: err = nil, want an error")
	}
	ok, err := c.SetNX(t.Context(), "k", []byte("v"), -time.Second)
	if err == nil || ok {
		t.Errorf("SetNX with ttl -1s = %v, %v; want false and an error", ok, err)
	}
	wantNotFound(t, c, "k")
}

func testSetNX(t *testing.T, c cache.Cache) {
	setNX(t, c, "k", "first", 0, true)
	setNX(t, c, "k", "second", 0, false)
	wantValue(t, c, "k", "first")
}

func testSetNXAfterExpiry(t *testing.T, c cache.Cache) {
	setNX(t, c, "k", "first", shortTTL, true)
	waitNotFound(t, c, "k")
	setNX(t, c, "k", "second", 0, true)
	wantValue(t, c, "k", "second")
}

func testDelete(t *testing.T, c cache.Cache) {
	set(t, c, "k", "v", 0)
	set(t, c, "other", "w", 0)
	if err := c.Delete(t.Context(), "k"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	wantNotFound(t, c, "k")
	wantValue(t, c, "other", "w")
}

func testDeleteMissing(t *testing.T, c cache.Cache) {
	if err := c.Delete(t.Context(), "missing"); err != nil {
		t.Fatalf("Delete of a missing key: %v", err)
	}
}

func set(t *testing.T, c cache.Cache, key, value string, ttl time.Duration) {
	t.Helper()
	if err := c.Set(t.Context(), key, []byte(value), ttl); err != nil {
		t.Fatalf("Set(%q, %v): %v", key, ttl, err)
	}
}

func setNX(t *testing.T, c cache.Cache, key, value string, ttl time.Duration, want bool) {
	t.Helper()
	ok, err := c.SetNX(t.Context(), key, []byte(value), ttl)
	if err != nil {
		t.Fatalf("SetNX(%q, %q): %v", key, value, err)
	}
	if ok != want {
		t.Fatalf("SetNX(%q, %q) = %v, want %v", key, value, ok, want)
	}
}

func wantValue(t *testing.T, c cache.Cache, key, want string) {
	t.Helper()
	got, err := c.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("Get(%q): %v", key, err)
	}
	if string(got) != want {
		t.Fatalf("Get(%q) = %q, want %q", key, got, want)
	}
}

func wantNotFound(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	got, err := c.Get(t.Context(), key)
	if !errors.Is(err, cache.ErrNotFound) {
		t.Fatalf("Get(%q) = %q, %v; want ErrNotFound", key, got, err)
	}
}

// waitNotFound polls until key is gone, failing after wait.
func waitNotFound(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		_, err := c.Get(t.Context(), key)
		if errors.Is(err, cache.ErrNotFound) {
			return
		}
		if err != nil {
			t.Fatalf("Get(%q): %v", key, err)
		}
		if time.Now().After(deadline) {
			t.Fatalf("Get(%q) still finds the key after %v", key, wait)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
