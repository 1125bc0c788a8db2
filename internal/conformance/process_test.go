//go:build unix

package conformance_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/cognito-contract/cognito-contract/internal/scrub"
)

// requireTool finds a program on PATH; without it the test fails (CI installs Node.js and npm
// in .ci/run) unless the opt-out variable is set.
func requireTool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s not found on PATH: the run against cognito-local needs Node.js and npm (e.g. apt-get install nodejs npm). "+
			"Set %s=1 to skip it on this machine; CI never does.", name, skipEnv)
	}
	return p
}

// repoRoot is the module root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("cannot find the module root (go.mod) at %s: %v", root, err)
	}
	return root
}

// buildCLI builds cmd/cognito-contract into a temporary directory.
func buildCLI(t *testing.T, root string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(t.TempDir(), "cognito-contract")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, "build", "-o", bin, "./cmd/cognito-contract")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/cognito-contract: %v\n%s", err, out)
	}
	return bin
}

// pinDir holds package.json and package-lock.json: cognito-local at cognitoLocalVersion and
// its whole resolved tree (integrity hashes included), installed with npm ci so that none of
// its dependencies (express, body-parser, ...) can float between runs.
const pinDir = "testdata/cognito-local"

// installCognitoLocal installs the pinned tree (pinDir) with `npm ci` into the user's cache
// directory once ($XDG_CACHE_HOME or ~/.cache on Linux:
// cognito-contract/cognito-local-5.3.0-<first 12 hex digits of the lockfile's sha256>), so a
// changed lockfile gets its own install, and returns the package directory. The install goes
// to a temporary sibling that is renamed into place after it succeeded, with a marker file,
// so an interrupted install is redone. It needs the npm registry (see skipEnv).
func installCognitoLocal(t *testing.T, npm string) string {
	t.Helper()
	lock, err := os.ReadFile(filepath.Join(pinDir, "package-lock.json"))
	if err != nil {
		t.Fatalf("the pinned cognito-local tree: %v", err)
	}
	manifest, err := os.ReadFile(filepath.Join(pinDir, "package.json"))
	if err != nil {
		t.Fatalf("the pinned cognito-local tree: %v", err)
	}
	sum := sha256.Sum256(lock)
	base, err := os.UserCacheDir()
	if err != nil {
		base = os.TempDir()
	}
	dir := filepath.Join(base, "cognito-contract", "cognito-local-"+cognitoLocalVersion+"-"+hex.EncodeToString(sum[:6]))
	pkg := filepath.Join(dir, "node_modules", "cognito-local")
	marker := filepath.Join(dir, ".installed")
	if _, err := os.Stat(marker); err == nil {
		checkVersion(t, pkg)
		return pkg
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		t.Fatalf("cache directory for cognito-local: %v", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), filepath.Base(dir)+".tmp-")
	if err != nil {
		t.Fatalf("cache directory for cognito-local: %v", err)
	}
	defer os.RemoveAll(tmp) // gone after the rename; removes a failed install
	for name, b := range map[string][]byte{"package.json": manifest, "package-lock.json": lock} {
		if err := os.WriteFile(filepath.Join(tmp, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "ci", "--no-audit", "--no-fund", "--no-update-notifier", "--prefer-offline")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci of %s/package-lock.json (cognito-local %s) into %s: %v\n%s", pinDir, cognitoLocalVersion, tmp, err, scrub.String(string(out)))
	}
	checkVersion(t, filepath.Join(tmp, "node_modules", "cognito-local"))
	if err := os.WriteFile(filepath.Join(tmp, ".installed"), []byte(cognitoLocalVersion+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(marker); err == nil {
		return pkg // another test process finished first
	}
	if err := os.RemoveAll(dir); err != nil { // a partial install without its marker
		t.Fatal(err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		t.Fatalf("moving the cognito-local install into %s: %v", dir, err)
	}
	return pkg
}

// checkVersion asserts that the installed package is the pinned version.
func checkVersion(t *testing.T, pkg string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pkg, "package.json"))
	if err != nil {
		t.Fatalf("cognito-local install at %s: %v (delete its cache directory to reinstall)", pkg, err)
	}
	var p struct{ Version string }
	if err := json.Unmarshal(b, &p); err != nil || p.Version != cognitoLocalVersion {
		t.Fatalf("cognito-local install at %s: package.json version %q, want %s (delete its cache directory to reinstall)", pkg, p.Version, cognitoLocalVersion)
	}
}

// startCognitoLocal starts cognito-local on a free loopback port in an empty directory (it
// keeps its data in ./.cognito) and returns its URL once it answers. The process group is
// killed when the test ends, failed or not.
func startCognitoLocal(t *testing.T, node, pkg string) string {
	t.Helper()
	var last error
	for attempt := 0; attempt < 3; attempt++ { // another process may take the free port first
		url, err := launch(t, node, pkg)
		if err == nil {
			return url
		}
		last = err
	}
	t.Fatalf("cognito-local %s did not start: %v", cognitoLocalVersion, last)
	return ""
}

func launch(t *testing.T, node, pkg string) (string, error) {
	port, err := freePort()
	if err != nil {
		return "", err
	}
	out := &tailBuffer{max: 16 << 10}
	cmd := exec.Command(node, filepath.Join(pkg, "lib", "bin", "start.js"))
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "HOST=127.0.0.1", fmt.Sprintf("PORT=%d", port), "NODE_NO_WARNINGS=1")
	cmd.Stdout, cmd.Stderr = out, out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("starting %s: %w", node, err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stop := func() { killGroup(cmd.Process.Pid, exited) }
	t.Cleanup(stop)
	url := fmt.Sprintf("http://127.0.0.1:%d", port)
	if err := waitReady(url, exited, 60*time.Second); err != nil {
		stop()
		return "", fmt.Errorf("%w\ncognito-local output:\n%s", err, scrub.String(out.String()))
	}
	return url, nil
}

// killGroup ends the process group: SIGTERM, then SIGKILL after 5 seconds.
func killGroup(pid int, exited <-chan struct{}) {
	select {
	case <-exited:
		return
	default:
	}
	_ = syscall.Kill(-pid, syscall.SIGTERM)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pid, syscall.SIGKILL)
		<-exited
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitReady polls ListUserPools until the emulator answers 200.
func waitReady(url string, exited <-chan struct{}, timeout time.Duration) error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(timeout)
	for {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(`{"MaxResults":1}`))
		req.Header.Set("Content-Type", "application/x-amz-json-1.1")
		req.Header.Set("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools")
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("ListUserPools answered %d", resp.StatusCode)
		}
		select {
		case <-exited:
			return fmt.Errorf("cognito-local exited before answering on %s", url)
		case <-time.After(100 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("cognito-local did not answer on %s within %s: %v", url, timeout, err)
		}
	}
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	b   []byte
	max int
}

func (w *tailBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b = append(w.b, p...)
	if len(w.b) > w.max {
		w.b = append([]byte(nil), w.b[len(w.b)-w.max:]...)
	}
	return len(p), nil
}

func (w *tailBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.b)
}

// cliResult is a finished cognito-contract command.
type cliResult struct {
	args           []string
	code           int
	stdout, stderr []byte
}

// describe shows the command, its stderr and the end of its stdout, scrubbed.
func (r cliResult) describe() string {
	out := r.stdout
	if lines := bytes.Split(out, []byte("\n")); len(lines) > 40 {
		out = bytes.Join(lines[len(lines)-40:], []byte("\n"))
	}
	return scrub.String(fmt.Sprintf("command: cognito-contract %s\nstderr:\n%s\nstdout (end):\n%s",
		strings.Join(r.args, " "), r.stderr, out))
}

// runCLI runs the built binary in dir and returns its exit code and output; a binary that cannot
// run at all fails the test.
func runCLI(t *testing.T, dir, bin string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := cliResult{args: args, stdout: stdout.Bytes(), stderr: stderr.Bytes()}
	var ee *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &ee) && ctx.Err() == nil:
		res.code = ee.ExitCode()
	default:
		t.Fatalf("cognito-contract %s: %v\n%s", strings.Join(args, " "), err, res.describe())
	}
	return res
}
