package notifier_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// This file checks what an application sees of the core module: how many
// modules it pulls into a consumer's graph, and that the README's install
// lines and Go code work as written.

// maxConsumerModules bounds the module graph of an application that
// imports notifier and tencent (go list -m all, its own module included).
const maxConsumerModules = 10

// goCmd runs the go command in dir with the caller's environment minus
// anything that would tie it to this checkout's settings, and returns its
// combined output.
func goCmd(ctx context.Context, dir string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	// GOWORK=off: a go.work above the temporary directory must not
	// interfere; GOFLAGS cleared: -mod=vendor and the like are the
	// developer's, not the consumer's.
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("go %s: %w\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// requireModuleProxy skips t when the go command cannot reach the module
// proxy (an offline machine), unless CI=true, where these checks must run.
func requireModuleProxy(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping in -short mode: runs the go command against the module proxy")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_, err := exec.LookPath("go")
	if err == nil {
		_, err = goCmd(ctx, t.TempDir(), "list", "-m", "-versions", "github.com/google/uuid")
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but the go command or the module proxy is not usable: %v", err)
		}
		t.Skipf("skipping: the go command or the module proxy is not usable (%v)", err)
	}
}

// coreGoMod returns the core module's go.mod.
func coreGoMod(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("go.mod")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// required returns the version go.mod requires of module path, or "".
func required(gomod, path string) string {
	re := regexp.MustCompile(`(?m)^\s*(?:require\s+)?` + regexp.QuoteMeta(path) + `\s+(v\S+)`)
	if m := re.FindStringSubmatch(gomod); m != nil {
		return m[1]
	}
	return ""
}

// goDirective returns the go line of go.mod, e.g. "go 1.26.0".
func goDirective(t *testing.T, gomod string) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^go \S+$`).FindString(gomod)
	if m == "" {
		t.Fatal("go.mod has no go directive")
	}
	return m
}

// writeFiles creates files (slash-separated path -> content) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestConsumerModuleGraph builds an application of notifier and tencent in
// a new module that requires this checkout, and fails if its module graph
// grows past maxConsumerModules: every module the core's go.mod lists, test
// dependencies included, lands in every consumer's graph, which is why
// testcontainers and the like live in satellite modules. The README states
// the count, and must state it right.
func TestConsumerModuleGraph(t *testing.T) {
	requireModuleProxy(t)
	root, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	gomod := coreGoMod(t)
	app := t.TempDir()
	writeFiles(t, app, map[string]string{
		"go.mod": "module example.com/app\n\n" + goDirective(t, gomod) + "\n\n" +
			"require github.com/notifykit/notifier v0.0.0-00010101000000-000000000000\n\n" +
			"replace github.com/notifykit/notifier => " + strconv.Quote(root) + "\n", // quoted: a path may hold spaces
		"main.go": `package main

import (
	"context"
	"log"

	"github.com/notifykit/notifier"
	"github.com/notifykit/notifier/tencent"
)

func main() {
	var sms notifier.Notifier
	sms, err := tencent.New(tencent.Config{SecretID: "id", SecretKey: "key", SDKAppID: "1400006666"})
	if err != nil {
		log.Fatal(err)
	}
	_, err = sms.Send(context.Background(), notifier.Message{To: []string{"+8613800000000"}, Template: "1"})
	log.Print(err)
}
`,
	})
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	if _, err := goCmd(ctx, app, "mod", "tidy"); err != nil {
		t.Fatal(err)
	}
	if _, err := goCmd(ctx, app, "build", "./..."); err != nil {
		t.Fatal(err)
	}
	out, err := goCmd(ctx, app, "list", "-m", "all")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	t.Logf("go list -m all of an application importing notifier and tencent (%d modules):\n%s", len(lines), out)
	if len(lines) > maxConsumerModules {
		t.Errorf("the application's module graph has %d modules, more than %d: a dependency of the core module (tests included) should move to a satellite module", len(lines), maxConsumerModules)
	}
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	if claim := fmt.Sprintf("has %d modules in `go list -m all`", len(lines)); !strings.Contains(string(readme), claim) {
		t.Errorf("README.md does not say the application %s", claim)
	}
}

// codeBlock is a fenced code block of a Markdown file.
type codeBlock struct {
	lang, body string
	line       int    // of the opening fence
	verbatim   string // the file named by a "<!-- verbatim: PATH -->" line just above it
}

// codeBlocks returns the fenced code blocks of the Markdown file at path.
func codeBlocks(t *testing.T, path string) []codeBlock {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []codeBlock
	var cur *codeBlock
	var body strings.Builder
	prev := ""
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &codeBlock{lang: strings.TrimPrefix(line, "```"), line: n}
			if m := regexp.MustCompile(`^<!-- verbatim: (\S+) -->$`).FindStringSubmatch(prev); m != nil {
				cur.verbatim = m[1]
			}
			body.Reset()
		case cur != nil && line == "```":
			cur.body = body.String()
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			body.WriteString(line + "\n")
		}
		prev = line
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if cur != nil {
		t.Fatalf("%s:%d: the code block is not closed", path, cur.line)
	}
	return blocks
}

// TestREADMESnippets checks the README's Go code against what it claims
// to be. Programs (blocks starting with "package main") are built in a new
// module whose dependencies come from the README's own `go get` lines for
// the Tencent SDK, which must pin the versions the core module requires.
// A block marked "<!-- verbatim: PATH -->" must be a copy of lines of PATH,
// a test that runs them.
func TestREADMESnippets(t *testing.T) {
	blocks := codeBlocks(t, "README.md")

	t.Run("verbatim", func(t *testing.T) {
		n := 0
		for _, b := range blocks {
			if b.verbatim == "" {
				continue
			}
			n++
			src, err := os.ReadFile(filepath.FromSlash(b.verbatim))
			if err != nil {
				t.Errorf("README.md:%d: %v", b.line, err)
				continue
			}
			if !containsLines(string(src), b.body) {
				t.Errorf("README.md:%d: the block is not a copy of lines of %s; copy them again:\n%s", b.line, b.verbatim, b.body)
			}
		}
		if n == 0 {
			t.Error("README.md has no block marked <!-- verbatim: PATH -->; the check would pass on nothing")
		}
	})

	t.Run("programs", func(t *testing.T) {
		requireModuleProxy(t)
		gomod := coreGoMod(t)
		var gets [][]string
		programs := map[string]string{}
		for _, b := range blocks {
			switch {
			case b.lang == "go" && strings.HasPrefix(b.body, "package main\n"):
				programs[fmt.Sprintf("readme%d/main.go", b.line)] = b.body
			case b.lang == "sh":
				for l := range strings.Lines(b.body) {
					if f := strings.Fields(l); len(f) > 2 && f[0] == "go" && f[1] == "get" && strings.HasPrefix(f[2], "github.com/tencentcloud/") {
						gets = append(gets, f[1:])
					}
				}
			}
		}
		if len(programs) == 0 || len(gets) == 0 {
			t.Fatalf("README.md has %d Go programs and %d `go get` lines for the Tencent SDK; want both", len(programs), len(gets))
		}
		for _, get := range gets {
			for _, arg := range get[1:] {
				path, version, _ := strings.Cut(arg, "@")
				if want := required(gomod, path); version != want {
					t.Errorf("README.md: go get %s: want @%s, the version go.mod requires", arg, want)
				}
			}
		}
		dir := t.TempDir()
		writeFiles(t, dir, programs)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		if _, err := goCmd(ctx, dir, "mod", "init", "example.com/readme"); err != nil {
			t.Fatal(err)
		}
		for _, get := range gets {
			if _, err := goCmd(ctx, dir, get...); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := goCmd(ctx, dir, "mod", "tidy"); err != nil {
			t.Fatal(err)
		}
		// vet builds the programs and reports what a reader would copy
		// along with them.
		if _, err := goCmd(ctx, dir, "vet", "./..."); err != nil {
			t.Fatal(err)
		}
	})
}

// containsLines reports whether the lines of block appear one after
// another in src, comparing white space only as a separator: a README block
// is indented less than the function body it is copied from, and gofmt
// aligns the comments of the source, not of the README.
func containsLines(src, block string) bool {
	strip := func(s string) []string {
		var out []string
		for l := range strings.Lines(s) {
			out = append(out, strings.Join(strings.Fields(l), " "))
		}
		return out
	}
	have, want := strip(src), strip(block)
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// TestMockgenMatchesGoMod checks that go:generate runs the mockgen of the
// go.uber.org/mock version go.mod requires for the gomock runtime: the
// generated code and the runtime come from one release.
func TestMockgenMatchesGoMod(t *testing.T) {
	src, err := os.ReadFile("notifier.go")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^//go:generate go run go\.uber\.org/mock/mockgen@(v\S+) `).FindSubmatch(src)
	if m == nil {
		t.Fatal("notifier.go has no //go:generate go run go.uber.org/mock/mockgen@VERSION line")
	}
	if want := required(coreGoMod(t), "go.uber.org/mock"); string(m[1]) != want {
		t.Errorf("go:generate runs mockgen@%s, go.mod requires go.uber.org/mock %s", m[1], want)
	}
}
