package rpcerr

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestToStatusCodes(t *testing.T) {
	tests := []struct {
		name string
		err  error
		code codes.Code
	}{
		{"not found", fmt.Errorf("greeting x: %w", ErrNotFound), codes.NotFound},
		{"permission denied", fmt.Errorf("kv: %w", ErrPermissionDenied), codes.PermissionDenied},
		{"invalid", fmt.Errorf("apply: %w", &InvalidError{Field: "/name", Message: "is required"}), codes.InvalidArgument},
		{"canceled", fmt.Errorf("wave: %w", context.Canceled), codes.Canceled},
		{"deadline", context.DeadlineExceeded, codes.DeadlineExceeded},
		{"status kept", fmt.Errorf("dial: %w", status.Error(codes.Unavailable, "gone")), codes.Unavailable},
		{"other", errors.New("disk full"), codes.Unknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := status.Convert(ToStatus(tt.err))
			if st.Code() != tt.code {
				t.Errorf("code = %v, want %v", st.Code(), tt.code)
			}
			if st.Message() != tt.err.Error() {
				t.Errorf("message = %q, want %q", st.Message(), tt.err.Error())
			}
		})
	}
	if ToStatus(nil) != nil {
		t.Error("ToStatus(nil) is not nil")
	}
}

func TestRoundTripKeepsKinds(t *testing.T) {
	tests := []struct {
		name string
		err  error
		kind error
	}{
		{"not found", fmt.Errorf("greeting x: %w", ErrNotFound), ErrNotFound},
		{"permission denied", fmt.Errorf("kv: %w", ErrPermissionDenied), ErrPermissionDenied},
		{"canceled", context.Canceled, context.Canceled},
		{"deadline", context.DeadlineExceeded, context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := FromStatus(ToStatus(tt.err))
			if !errors.Is(got, tt.kind) {
				t.Errorf("FromStatus(ToStatus(%v)) = %v, not %v", tt.err, got, tt.kind)
			}
			if got.Error() != tt.err.Error() {
				t.Errorf("message = %q, want %q", got.Error(), tt.err.Error())
			}
			if st, ok := status.FromError(got); !ok || st.Code() == codes.Unknown {
				t.Errorf("the status is lost: %v", st)
			}
		})
	}
}

func TestRoundTripInvalidKeepsField(t *testing.T) {
	sent := fmt.Errorf("apply greeting: %w", &InvalidError{Field: "/name", Message: "must be 1 to 64 characters"})
	var got *InvalidError
	if !errors.As(FromStatus(ToStatus(sent)), &got) {
		t.Fatalf("not an *InvalidError")
	}
	if got.Field != "/name" || got.Message != "must be 1 to 64 characters" {
		t.Errorf("got %+v", got)
	}
	if got.Error() != "invalid /name: must be 1 to 64 characters" {
		t.Errorf("Error() = %q", got.Error())
	}
}

func TestFromStatusWithoutDetails(t *testing.T) {
	var got *InvalidError
	if !errors.As(FromStatus(status.Error(codes.InvalidArgument, "bad body")), &got) {
		t.Fatal("not an *InvalidError")
	}
	if got.Field != "" || got.Error() != "invalid input: bad body" {
		t.Errorf("got %+v, %q", got, got.Error())
	}
}

func TestFromStatusLeavesOthers(t *testing.T) {
	plain := errors.New("not a status")
	if got := FromStatus(plain); !errors.Is(got, plain) || got.Error() != plain.Error() {
		t.Error("an error without a status changed")
	}
	unavailable := status.Error(codes.Unavailable, "connection closed")
	if got := FromStatus(unavailable); !errors.Is(got, unavailable) || status.Code(got) != codes.Unavailable {
		t.Error("Unavailable changed")
	}
	if FromStatus(nil) != nil {
		t.Error("FromStatus(nil) is not nil")
	}
	unknown := FromStatus(status.Error(codes.Unknown, "disk full"))
	if unknown.Error() != "disk full" || errors.Is(unknown, ErrNotFound) || errors.Is(unknown, ErrPermissionDenied) {
		t.Errorf("Unknown became %v", unknown)
	}
}
