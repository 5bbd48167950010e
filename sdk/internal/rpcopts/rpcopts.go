// Package rpcopts holds the gRPC options that both ends of every connection
// between the core and a plugin use: the plugin's Plugin service and the
// core's Host service, each with its client, so that the core's side of the
// SDK and a plugin built on it tune the transport the same way.
//
// They trim what gRPC does around each call on a local socket, where the
// time of a call is mostly the two processes waking each other:
//
//   - Static flow-control windows. By default gRPC-Go estimates the
//     bandwidth-delay product: a peer that receives data sends a PING and
//     counts bytes until the acknowledgement, and with calls one after
//     another that is an extra PING and acknowledgement, each waking the
//     other process, on nearly every call. A fixed window of Window bytes
//     turns the estimator off; on a local socket it bounds a stream's
//     throughput only at about Window per round trip of tens of
//     microseconds, gigabytes a second.
//   - Stream workers on servers, one per GOMAXPROCS. Without them gRPC-Go
//     starts a goroutine per call, whose stack grows (and is copied) anew
//     each time; a Host handler that reaches SQLite grows it to tens of
//     kilobytes. Workers keep their grown stacks from one call to the next.
//
// Neither changes the messages or how they are secured: the transport
// credentials (go-plugin's automatic mutual TLS) come from the caller's
// options, and either end works with a peer built without these options.
package rpcopts

import (
	"runtime"

	"google.golang.org/grpc"
)

// Window is the flow-control window, in bytes, of every stream and of every
// connection.
const Window = 1 << 20

// DialOptions returns the options for a client's connection.
func DialOptions() []grpc.DialOption {
	return []grpc.DialOption{
		grpc.WithStaticStreamWindowSize(Window),
		grpc.WithStaticConnWindowSize(Window),
	}
}

// NewServer returns a gRPC server with opts (those go-plugin gives, such as
// its TLS credentials) and this package's server options. Its signature is
// that of go-plugin's ServeConfig.GRPCServer.
func NewServer(opts []grpc.ServerOption) *grpc.Server {
	workers := uint32(runtime.GOMAXPROCS(0)) //nolint:gosec // G115: GOMAXPROCS is small and positive
	own := []grpc.ServerOption{
		grpc.StaticStreamWindowSize(Window),
		grpc.StaticConnWindowSize(Window),
		// Marked experimental by gRPC-Go; calls beyond the workers still get
		// a goroutine of their own, as without the option.
		grpc.NumStreamWorkers(workers),
	}
	return grpc.NewServer(append(own, opts...)...)
}
