package tcfakeserver

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// moduleRoot finds the directory of this module's sources: the nearest
// go.mod above the working directory that declares the module (a test inside
// this repository), else the directory the go command resolves for it (a
// test in a module that requires this one).
func moduleRoot(ctx context.Context) (string, error) {
	if wd, err := os.Getwd(); err == nil {
		for dir := wd; ; dir = filepath.Dir(dir) {
			if declaresModule(filepath.Join(dir, "go.mod"), modulePath) {
				return dir, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	out, err := exec.CommandContext(ctx, "go", "list", "-m", "-f", "{{.Dir}}", modulePath).Output()
	dir := strings.TrimSpace(string(out))
	if err != nil || dir == "" {
		return "", fmt.Errorf("tcfakeserver: cannot find the sources of %s to build the image (pass a prebuilt image such as notifier-fakeserver:dev to Run instead): %v", modulePath, err)
	}
	return dir, nil
}

// declaresModule reports whether the go.mod file at path declares module path.
func declaresModule(gomod, path string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(rest), `"`) == path
		}
	}
	return false
}

// goEnv returns one variable of `go env`.
func goEnv(ctx context.Context, name string) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", name).Output()
	if err != nil {
		return "", fmt.Errorf("tcfakeserver: go env %s: %w", name, err)
	}
	return strings.TrimSpace(string(out)), nil
}

// callerGoMod returns the content of the go.mod of the module the go
// command runs in (go env GOMOD), or "" outside any module.
func callerGoMod(ctx context.Context) (string, error) {
	path, err := goEnv(ctx, "GOMOD")
	if err != nil || path == "" || path == os.DevNull {
		return "", err
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("tcfakeserver: %w", err)
	}
	return string(b), nil
}

// sourceHash returns a short content hash of what the image is built from:
// every non-test .go file of the module, the web files a package embeds
// (the inbox page: .html, .css, .js, .svg), go.mod, go.sum and the Dockerfile,
// with their paths, plus the extra build settings given. Directories that the
// go command ignores (testdata, names starting with "." or "_") and nested
// modules are skipped, as is dist/, where the build script writes its binary.
func sourceHash(root string, extra ...string) (string, error) {
	h := sha256.New()
	for _, e := range extra {
		fmt.Fprintf(h, "%s\x00", e)
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path == root {
				return nil
			}
			if name == "testdata" || name == "dist" || name == "node_modules" ||
				strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module is not part of this one
			}
			return nil
		}
		if !d.Type().IsRegular() || !hashed(path, root, name) {
			return nil
		}
		rel, err := filepath.Rel(root, path)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		fmt.Fprintf(h, "%s\x00", filepath.ToSlash(rel))
		_, err = io.Copy(h, f)
		h.Write([]byte{0})
		return err
	})
	if err != nil {
		return "", fmt.Errorf("tcfakeserver: hash sources: %w", err)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

// hashed reports whether the file at path (named name) is part of the
// image's content hash.
func hashed(path, root, name string) bool {
	if filepath.Dir(path) == root {
		switch name {
		case "go.mod", "go.sum", "Dockerfile":
			return true
		}
	}
	switch filepath.Ext(name) {
	case ".go":
		return !strings.HasSuffix(name, "_test.go")
	case ".html", ".css", ".js", ".svg": // embedded by fakeserver (the inbox)
		return true
	}
	return false
}
