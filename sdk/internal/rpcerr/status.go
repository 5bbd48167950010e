package rpcerr

import (
	"context"
	"errors"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// ToStatus turns err into a gRPC status error for a handler to return:
// ErrNotFound, ErrPermissionDenied and *InvalidError become NotFound,
// PermissionDenied and InvalidArgument (with a BadRequest detail), context
// errors become Canceled and DeadlineExceeded, an error that already carries
// a status keeps it, and anything else becomes Unknown. The status message
// is err.Error() in every case.
func ToStatus(err error) error {
	if err == nil {
		return nil
	}
	var invalid *InvalidError
	switch {
	case errors.As(err, &invalid):
		return invalidStatus(err, invalid)
	case errors.Is(err, ErrNotFound):
		return status.Error(codes.NotFound, err.Error())
	case errors.Is(err, ErrPermissionDenied):
		return status.Error(codes.PermissionDenied, err.Error())
	case errors.Is(err, context.Canceled):
		return status.Error(codes.Canceled, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		return status.Error(codes.DeadlineExceeded, err.Error())
	}
	if st, ok := status.FromError(err); ok {
		return st.Err()
	}
	return status.Error(codes.Unknown, err.Error())
}

func invalidStatus(err error, invalid *InvalidError) error {
	st := status.New(codes.InvalidArgument, err.Error())
	withField, detailErr := st.WithDetails(&errdetails.BadRequest{
		FieldViolations: []*errdetails.BadRequest_FieldViolation{
			{Field: invalid.Field, Description: invalid.Message},
		},
	})
	if detailErr != nil {
		return st.Err()
	}
	return withField.Err()
}

// FromStatus turns a gRPC error received from the other side back into the
// SDK's kinds: NotFound wraps ErrNotFound, PermissionDenied wraps
// ErrPermissionDenied, InvalidArgument becomes *InvalidError, Canceled and
// DeadlineExceeded wrap the context errors, and Unknown (a plugin's own
// error) keeps its message. Other codes, such as Unavailable when the
// process is gone, are returned unchanged; so is an error without a status.
func FromStatus(err error) error {
	st, ok := status.FromError(err)
	if err == nil || !ok {
		return err
	}
	var kind error
	switch st.Code() {
	case codes.InvalidArgument:
		return invalidFromStatus(st)
	case codes.NotFound:
		kind = ErrNotFound
	case codes.PermissionDenied:
		kind = ErrPermissionDenied
	case codes.Canceled:
		kind = context.Canceled
	case codes.DeadlineExceeded:
		kind = context.DeadlineExceeded
	case codes.Unknown:
	default:
		return err
	}
	return &remoteError{msg: st.Message(), kind: kind, cause: err}
}

func invalidFromStatus(st *status.Status) error {
	for _, d := range st.Details() {
		req, ok := d.(*errdetails.BadRequest)
		if ok && len(req.GetFieldViolations()) > 0 {
			v := req.GetFieldViolations()[0]
			return &InvalidError{Field: v.GetField(), Message: v.GetDescription()}
		}
	}
	return &InvalidError{Message: st.Message()}
}
