package emulator

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"
)

// ShutdownTimeout bounds how long Serve waits for requests in flight once its context is done.
const ShutdownTimeout = 5 * time.Second

// Serve answers HTTP requests on addr (for example "127.0.0.1:9229"; port 0 picks a free
// port) until ctx is done, then shuts down gracefully: requests in flight get up to
// ShutdownTimeout to finish. ready, when not nil, is called with the bound address once the
// listener is open. An address that is not a loopback address is refused unless the emulator
// was built WithNonLoopback: the emulator checks no signature.
func Serve(ctx context.Context, addr string, e *Emulator, ready func(net.Addr)) error {
	if e == nil {
		return fmt.Errorf("emulator.Serve: emulator is nil")
	}
	if err := CheckAddr(addr, e.allowWide); err != nil {
		return fmt.Errorf("emulator.Serve: %w", err)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("emulator.Serve: listen on %s: %w", addr, err)
	}
	srv := &http.Server{
		Handler:           e,
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	if ready != nil {
		ready(ln.Addr())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("emulator.Serve: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("emulator.Serve: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("emulator.Serve: %w", err)
	}
	return nil
}

// CheckAddr reports whether Serve accepts addr: host:port where host is a loopback IP
// (127.0.0.0/8, ::1) or "localhost", or any host when nonLoopback (WithNonLoopback). The
// emulator checks no signature, so it listens on loopback unless told otherwise. The CLI's
// serve command uses it to name --addr in a usage error before anything listens.
func CheckAddr(addr string, nonLoopback bool) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q: %v (want host:port, e.g. 127.0.0.1:9229)", addr, err)
	}
	if nonLoopback || host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("address %q is not a loopback address (want 127.0.0.1, [::1] or localhost; the emulator checks no signature, build it WithNonLoopback to expose it)", addr)
}
