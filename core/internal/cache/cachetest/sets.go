package cachetest

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/diwanpanel/diwan/core/internal/cache"
)

var setTests = []test{
	{"set add then members returns the members", testSetAddMembers},
	{"set add of an existing member succeeds", testSetAddDuplicate},
	{"set remove removes only its members", testSetRemove},
	{"set remove of a missing member or set succeeds", testSetRemoveMissing},
	{"set members of a missing set is empty", testSetMembersMissing},
	{"set add and remove of no members change nothing", testSetNoMembers},
	{"set expires as a whole", testSetExpiresWhole},
	{"set add refreshes the expiry", testSetAddRefreshesTTL},
	{"set add with ttl 0 removes the expiry", testSetAddPersists},
	{"set add refuses a negative ttl", testSetAddNegativeTTL},
	{"set members are copied out", testSetMembersCopied},
	{"sets refuse calls after close", testSetsClosed},
}

func testSetAddMembers(t *testing.T, c cache.Cache) {
	setAdd(t, c, "s", 0, "a", "b")
	wantMembers(t, c, "s", "a", "b")
	setAdd(t, c, "s", time.Minute, "c")
	wantMembers(t, c, "s", "a", "b", "c")
	setAdd(t, c, "other", 0, "x")
	wantMembers(t, c, "s", "a", "b", "c")
	wantMembers(t, c, "other", "x")
}

func testSetAddDuplicate(t *testing.T, c cache.Cache) {
	setAdd(t, c, "s", 0, "a", "b")
	setAdd(t, c, "s", 0, "b", "a")
	setAdd(t, c, "s", 0, "c", "c")
	wantMembers(t, c, "s", "a", "b", "c")
}

func testSetRemove(t *testing.T, c cache.Cache) {
	setAdd(t, c, "s", 0, "a", "b", "c")
	setAdd(t, c, "other", 0, "a")
	setRemove(t, c, "s", "a")
	wantMembers(t, c, "s", "b", "c")
	setRemove(t, c, "s", "b", "c")
	wantMembers(t, c, "s")
	wantMembers(t, c, "other", "a")
	setAdd(t, c, "s", 0, "d")
	wantMembers(t, c, "s", "d")
}

func testSetRemoveMissing(t *testing.T, c cache.Cache) {
	setAdd(t, c, "s", 0, "a", "b")
	setRemove(t, c, "s", "missing", "a")
	wantMembers(t, c, "s", "b")
	setRemove(t, c, "missing", "a")
	wantMembers(t, c, "missing")
}

func testSetMembersMissing(t *testing.T, c cache.Cache) {
	wantMembers(t, c, "missing")
}

func testSetNoMembers(t *testing.T, c cache.Cache) {
	setAdd(t, c, "empty", 0)
	wantMembers(t, c, "empty")
	setAdd(t, c, "s", 0, "a")
	setRemove(t, c, "s")
	wantMembers(t, c, "s", "a")
	setAdd(t, c, "s", shortTTL)
	time.Sleep(2 * shortTTL)
	wantMembers(t, c, "s", "a")
}

func testSetExpiresWhole(t *testing.T, c cache.Cache) {
	setAdd(t, c, "unread", shortTTL, "a") // Expires no later than s.
	start := time.Now()
	setAdd(t, c, "s", shortTTL, "a", "b")
	setRemove(t, c, "s", "b")
	setAdd(t, c, "other", 0, "x")
	wantMembers(t, c, "s", "a")
	waitSetEmpty(t, c, "s")
	if elapsed := time.Since(start); elapsed < shortTTL-10*time.Millisecond {
		t.Fatalf("set expired after %v, want at least %v", elapsed, shortTTL)
	}
	wantMembers(t, c, "other", "x")
	setAdd(t, c, "s", 0, "c")
	wantMembers(t, c, "s", "c")
	// An add to an expired set that was never read starts a new set.
	setAdd(t, c, "unread", 0, "c")
	wantMembers(t, c, "unread", "c")
}

func testSetAddRefreshesTTL(t *testing.T, c cache.Cache) {
	const ttl = 2 * shortTTL
	setAdd(t, c, "s", ttl, "a")
	added := time.Now() // The first expiry is before added+ttl.
	time.Sleep(ttl / 2)
	setAdd(t, c, "s", ttl, "b") // Expires no sooner than added+ttl*3/2.
	time.Sleep(time.Until(added.Add(ttl + ttl/4)))
	wantMembers(t, c, "s", "a", "b")
	waitSetEmpty(t, c, "s")
}

func testSetAddPersists(t *testing.T, c cache.Cache) {
	setAdd(t, c, "s", shortTTL, "a")
	setAdd(t, c, "s", 0, "b")
	time.Sleep(2 * shortTTL)
	wantMembers(t, c, "s", "a", "b")
}

func testSetAddNegativeTTL(t *testing.T, c cache.Cache) {
	if err := c.SetAdd(t.Context(), "s", -time.Second, "a"); err == nil {
		t.Error("SetAdd with ttl -1s to a missing set: err = nil, want an error")
	}
	wantMembers(t, c, "s")
	setAdd(t, c, "s", 0, "a")
	if err := c.SetAdd(t.Context(), "s", -time.Second, "b"); err == nil {
		t.Error("SetAdd with ttl -1s: err = nil, want an error")
	}
	if err := c.SetAdd(t.Context(), "s", -time.Second); err == nil {
		t.Error("SetAdd with ttl -1s and no members: err = nil, want an error")
	}
	wantMembers(t, c, "s", "a")
}

func testSetMembersCopied(t *testing.T, c cache.Cache) {
	in := []string{"a", "b"}
	setAdd(t, c, "s", 0, in...)
	in[0] = "x"
	wantMembers(t, c, "s", "a", "b")
	got, err := c.SetMembers(t.Context(), "s")
	if err != nil {
		t.Fatalf("SetMembers: %v", err)
	}
	for i := range got {
		got[i] = "y"
	}
	wantMembers(t, c, "s", "a", "b")
}

func testSetsClosed(t *testing.T, c cache.Cache) {
	ctx := t.Context()
	setAdd(t, c, "s", 0, "a")
	if err := c.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := c.SetAdd(ctx, "s", 0, "b"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("SetAdd after Close: err = %v, want ErrClosed", err)
	}
	if err := c.SetAdd(ctx, "s", 0); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("SetAdd of no members after Close: err = %v, want ErrClosed", err)
	}
	if err := c.SetRemove(ctx, "s", "a"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("SetRemove after Close: err = %v, want ErrClosed", err)
	}
	if err := c.SetRemove(ctx, "s"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("SetRemove of no members after Close: err = %v, want ErrClosed", err)
	}
	if got, err := c.SetMembers(ctx, "s"); !errors.Is(err, cache.ErrClosed) {
		t.Errorf("SetMembers after Close = %q, %v; want ErrClosed", got, err)
	}
}

func setAdd(t *testing.T, c cache.Cache, key string, ttl time.Duration, members ...string) {
	t.Helper()
	if err := c.SetAdd(t.Context(), key, ttl, members...); err != nil {
		t.Fatalf("SetAdd(%q, %v, %q): %v", key, ttl, members, err)
	}
}

func setRemove(t *testing.T, c cache.Cache, key string, members ...string) {
	t.Helper()
	if err := c.SetRemove(t.Context(), key, members...); err != nil {
		t.Fatalf("SetRemove(%q, %q): %v", key, members, err)
	}
}

// wantMembers fails unless the set at key holds exactly want, in any order.
func wantMembers(t *testing.T, c cache.Cache, key string, want ...string) {
	t.Helper()
	got, err := c.SetMembers(t.Context(), key)
	if err != nil {
		t.Fatalf("SetMembers(%q): %v", key, err)
	}
	got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Fatalf("SetMembers(%q) = %q, want %q", key, got, want)
	}
}

// waitSetEmpty polls until the set at key has no members, failing after wait.
func waitSetEmpty(t *testing.T, c cache.Cache, key string) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		got, err := c.SetMembers(t.Context(), key)
		if err != nil {
			t.Fatalf("SetMembers(%q): %v", key, err)
		}
		if len(got) == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("SetMembers(%q) = %q after %v, want it empty", key, got, wait)
		}
		time.Sleep(10 * time.Millisecond)
	}
}
