package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	. "github.com/onsi/gomega"

	"github.com/cognito-contract/cognito-contract/internal/awssafety"
	"github.com/cognito-contract/cognito-contract/internal/target"
)

// The --target aws tests run on loopback: `cognito-contract serve` stands in for Cognito
// through --endpoint, a fake STS answers GetCallerIdentity through AWS_ENDPOINT_URL_STS (the
// SDK's service-specific endpoint variable), and the credentials are dummies. The fake STS is
// an httptest server, not httpmock (issue 6 says httpmock): the binary under test is another
// process, which an httpmock transport of this one cannot reach. The in-process STS tests
// (internal/awssafety, account_test.go) use httpmock.

const sandboxAccount = "123456789012"

// fakeSTS answers GetCallerIdentity (awsQuery XML) for account.
func fakeSTS(t *testing.T, account string) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		if r.Form.Get("Action") != "GetCallerIdentity" {
			http.Error(w, "unexpected STS action "+r.Form.Get("Action"), http.StatusBadRequest)
			return
		}
		w.Header().Set("Content-Type", "text/xml")
		fmt.Fprintf(w, `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::%[1]s:user/ci</Arn><UserId>AIDAEXAMPLE</UserId><Account>%[1]s</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`, account)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// awsEnv is the environment of an AWS run on loopback: dummy credentials, no shared files.
func awsEnv(t *testing.T, stsURL string) []string {
	return []string{
		"AWS_ACCESS_KEY_ID=AKIDLOOPBACKEXAMPLE", "AWS_SECRET_ACCESS_KEY=loopback-not-a-secret",
		"AWS_REGION=us-east-1", "AWS_ENDPOINT_URL_STS=" + stsURL, "AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE=" + filepath.Join(t.TempDir(), "none"), "AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(t.TempDir(), "none"),
	}
}

// pools lists the user pools the served emulator holds.
func pools(t *testing.T, url string) []string {
	t.Helper()
	tg, err := target.NewHTTP(url, target.Options{})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := tg.Call(context.Background(), "ListUserPools", []byte(`{"MaxResults":60}`))
	if err != nil {
		t.Fatal(err)
	}
	var out struct{ UserPools []struct{ Id, Name string } }
	if err := json.Unmarshal(resp.Body, &out); err != nil {
		t.Fatalf("ListUserPools: %s", resp.Body)
	}
	var names []string
	for _, p := range out.UserPools {
		names = append(names, p.Name)
	}
	return names
}

func TestAWSRefusesAnotherAccount(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	res := cli(t, awsEnv(t, fakeSTS(t, "999988887777")), "run", "--target", "aws", "--sandbox-account", sandboxAccount, "--endpoint", url)
	g.Expect(res.code).To(Equal(exitHarness), res.stdout+res.stderr)
	g.Expect(res.stderr).To(ContainSubstring("refusing to run"))
	g.Expect(res.stderr).To(ContainSubstring(awssafety.Mask("999988887777")))
	g.Expect(res.stdout + res.stderr).NotTo(ContainSubstring("999988887777"))
	g.Expect(pools(t, url)).To(BeEmpty(), "nothing was created")

	bad := cli(t, awsEnv(t, fakeSTS(t, sandboxAccount)), "run", "--target", "aws", "--sandbox-account", "12345")
	g.Expect(bad.code).To(Equal(exitUsage), bad.stdout+bad.stderr)
	g.Expect(bad.stderr).To(ContainSubstring("expected a 12-digit AWS account id"))
}

func TestAWSRunCreatesOwnPoolsAndDeletesThem(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	js := filepath.Join(t.TempDir(), "run.json")
	res := cli(t, awsEnv(t, fakeSTS(t, sandboxAccount)), "run", "--target", "aws", "--sandbox-account", sandboxAccount,
		"--endpoint", url, "--rps", "0", "--run", "^(ClientName/too-long|Stateful/full-replace|AllowedOAuthFlows/client-credentials-alone)$", "--fuzz", "0", "--json", js)
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	r := readReport(t, js)
	g.Expect(r.Target).To(Equal("aws:us-east-1"))
	g.Expect(r.Summary.Pass).To(Equal(3))
	g.Expect(pools(t, url)).To(BeEmpty(), "every pool the run created is deleted on exit")
	raw, _ := os.ReadFile(js)
	g.Expect(string(raw)).NotTo(ContainSubstring(sandboxAccount))

	// The rerun line repeats the command line's target flags (not the report name
	// "aws:us-east-1"), names the account by a shell variable, and runs as printed.
	var rerun string
	for _, c := range r.Cases {
		if c.ID == "ClientName/too-long" {
			rerun = c.Rerun
		}
	}
	g.Expect(rerun).To(Equal(`cognito-contract run --target aws --sandbox-account "$SANDBOX_ACCOUNT" --region us-east-1 --endpoint ` + url + ` --run 'ClientName/too-long'`))
	again := exec.Command("sh", "-c", rerun+" --rps 0")
	again.Env = append([]string{"PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"), "HOME=" + t.TempDir(), "SANDBOX_ACCOUNT=" + sandboxAccount},
		awsEnv(t, fakeSTS(t, sandboxAccount))...)
	out, err := again.CombinedOutput()
	g.Expect(err).NotTo(HaveOccurred(), string(out))
	g.Expect(string(out)).To(ContainSubstring("1 cases, 1 pass"))
}

func TestAWSRunInterruptedCleansUpAndWritesPartialReport(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	js := filepath.Join(t.TempDir(), "run.json")
	cmd := exec.Command(bin, "run", "--target", "aws", "--sandbox-account", sandboxAccount, "--endpoint", url,
		"--rps", "20", "--fuzz", "0", "--json", js)
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir()}, awsEnv(t, fakeSTS(t, sandboxAccount))...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	g.Expect(cmd.Start()).To(Succeed())
	// Wait until the run holds a pool of its own, then press Ctrl-C.
	g.Eventually(func() []string { return pools(t, url) }, 20*time.Second, 50*time.Millisecond).ShouldNot(BeEmpty())
	held := pools(t, url)
	g.Expect(held[0]).To(HavePrefix(awssafety.Prefix))
	g.Expect(cmd.Process.Signal(syscall.SIGINT)).To(Succeed())
	err := cmd.Wait()
	g.Expect(err).To(HaveOccurred())
	g.Expect(cmd.ProcessState.ExitCode()).To(Equal(exitHarness), out.String())
	g.Expect(pools(t, url)).To(BeEmpty(), "cleanup ran after Ctrl-C")
	r := readReport(t, js)
	g.Expect(r.Incomplete).To(BeTrue())
	g.Expect(r.Error).To(ContainSubstring("interrupted"))
}

func TestSweepRemovesOldOwnPoolsOnly(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	tg, err := target.NewHTTP(url, target.Options{})
	g.Expect(err).NotTo(HaveOccurred())
	ctx := context.Background()
	// A pool a killed run left behind (own name and tag), and a pool that is not ours.
	_, err = target.Provision(ctx, tg, target.Setup{}, awssafety.ProvisionOptions("20000101-000000-abcdef"))
	g.Expect(err).NotTo(HaveOccurred())
	_, err = tg.Call(ctx, "CreateUserPool", []byte(`{"PoolName":"someone-elses-pool"}`))
	g.Expect(err).NotTo(HaveOccurred())
	g.Expect(pools(t, url)).To(HaveLen(2))

	res := cli(t, awsEnv(t, fakeSTS(t, sandboxAccount)), "sweep", "--target", "aws", "--sandbox-account", sandboxAccount,
		"--endpoint", url, "--rps", "0", "--older-than", "0s")
	g.Expect(res.code).To(Equal(exitOK), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("swept 1 pool(s)"))
	left := pools(t, url)
	g.Expect(left).To(ConsistOf("someone-elses-pool"))
	g.Expect(strings.Join(left, ",")).NotTo(ContainSubstring(awssafety.Prefix))
}

// TestAWSRunLeavesForeignPoolsAlone plants a pool and client the run did not create and a
// fixture that names them: on --target aws the request is refused before it is sent
// (target.Options.OnlyOwnPools; audit of issue 6, item 1), the foreign client keeps its name,
// the foreign pool stays, and the run's own pools are gone.
func TestAWSRunLeavesForeignPoolsAlone(t *testing.T) {
	t.Parallel()
	g := NewWithT(t)
	url := serve(t)
	tg, err := target.NewHTTP(url, target.Options{})
	g.Expect(err).NotTo(HaveOccurred())
	ctx := context.Background()
	var pool struct{ UserPool struct{ Id string } }
	g.Expect(target.Invoke(ctx, tg, "CreateUserPool", map[string]any{"PoolName": "someone-elses-pool"}, &pool)).To(Succeed())
	var cl struct{ UserPoolClient struct{ ClientId string } }
	g.Expect(target.Invoke(ctx, tg, "CreateUserPoolClient", map[string]any{"UserPoolId": pool.UserPool.Id, "ClientName": "theirs"}, &cl)).To(Succeed())

	dir := t.TempDir()
	writeFixture(t, dir, "foreign.json", fmt.Sprintf(`{"name":"foreign/rename","source":"test: a fixture naming a pool the run did not create",
		"request":{"body":{"UserPoolId":%q,"ClientId":%q,"ClientName":"renamed-by-cognito-contract"}},"response":{"status":200}}`,
		pool.UserPool.Id, cl.UserPoolClient.ClientId))
	js := filepath.Join(t.TempDir(), "run.json")
	res := cli(t, awsEnv(t, fakeSTS(t, sandboxAccount)), "run", "--target", "aws", "--sandbox-account", sandboxAccount,
		"--endpoint", url, "--rps", "0", "--fuzz", "0", "--fixtures", dir, "--run", "^foreign/", "--json", js)
	g.Expect(res.code).To(Equal(exitHarness), res.stdout+res.stderr)
	g.Expect(res.stdout).To(ContainSubstring("which this run did not create (OnlyOwnPools)"))
	// A fixture case reruns with its fixtures directory.
	g.Expect(res.stdout).To(ContainSubstring(`rerun:    cognito-contract run --target aws --sandbox-account "$SANDBOX_ACCOUNT" --region us-east-1 --endpoint ` +
		url + ` --run 'foreign/rename' --fixtures ` + dir + ` --fuzz 0`))

	var desc struct{ UserPoolClient struct{ ClientName string } }
	g.Expect(target.Invoke(ctx, tg, "DescribeUserPoolClient", map[string]any{"UserPoolId": pool.UserPool.Id, "ClientId": cl.UserPoolClient.ClientId}, &desc)).To(Succeed())
	g.Expect(desc.UserPoolClient.ClientName).To(Equal("theirs"), "the foreign client was not updated")
	g.Expect(pools(t, url)).To(ConsistOf("someone-elses-pool"), "the foreign pool stays; the run's own pools are deleted")
}
