package tcfakeserver

import (
	"archive/tar"
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// Names of what the default image is built from.
const (
	modulePath = "github.com/notifykit/notifier"
	serverPkg  = modulePath + "/cmd/fakeserver"
	// ImageRepository is the repository of the images this package builds from
	// source, tagged "src-<content hash>". scripts/build-image.sh uses the same
	// repository with the tags "dev" and "bin-<binary hash>".
	ImageRepository = "notifier-fakeserver"
)

// sourceImage remembers the image built from source in this process, so that
// only the first Run of a test binary hashes the sources.
var sourceImage struct {
	mu  sync.Mutex // guards ref
	ref string
}

// defaultImage returns the reference of the image built from this module's
// sources, building it only when Docker has no image with that content tag.
// Failures are not remembered: the next Run tries again.
func defaultImage(ctx context.Context) (string, error) {
	sourceImage.mu.Lock()
	defer sourceImage.mu.Unlock()
	if sourceImage.ref != "" {
		return sourceImage.ref, nil
	}

	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return "", fmt.Errorf("tcfakeserver: docker client: %w", err)
	}
	defer cli.Close()

	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	goarch := runtime.GOARCH
	if v, err := cli.ServerVersion(ctx, client.ServerVersionOptions{}); err == nil && v.Arch != "" {
		goarch = v.Arch // the daemon's, which may differ from the test's
	}
	goVersion, err := goEnv(ctx, "GOVERSION")
	if err != nil {
		return "", err
	}
	hash, err := sourceHash(root, "GOOS=linux", "GOARCH="+goarch, "GOVERSION="+goVersion)
	if err != nil {
		return "", err
	}
	ref := ImageRepository + ":src-" + hash

	if found, err := imageExists(ctx, cli, ref); err != nil {
		return "", err
	} else if found {
		sourceImage.ref = ref
		return ref, nil
	}

	unlock, err := lockBuild(ctx)
	if err != nil {
		return "", err
	}
	defer unlock()
	// Another process may have built it while this one waited for the lock.
	if found, err := imageExists(ctx, cli, ref); err != nil {
		return "", err
	} else if found {
		sourceImage.ref = ref
		return ref, nil
	}
	if err := buildImage(ctx, root, goarch, ref); err != nil {
		return "", err
	}
	pruneSourceImages(ctx, cli, ref)
	sourceImage.ref = ref
	return ref, nil
}

// pruneAge is how old another src- image must be before pruneSourceImages
// removes it: younger ones may belong to a test process running right now
// on a slightly different tree.
const pruneAge = time.Hour

// pruneSourceImages removes the other src- tags of ImageRepository built
// more than pruneAge ago, left by earlier versions of the sources, so that a
// developer's Docker does not collect one image per edit. It is best effort:
// an image a container still uses is not removed (no force), and errors are
// ignored.
func pruneSourceImages(ctx context.Context, cli client.APIClient, keep string) {
	list, err := cli.ImageList(ctx, client.ImageListOptions{
		Filters: make(client.Filters).Add("reference", ImageRepository+":src-*"),
	})
	if err != nil {
		return
	}
	cutoff := time.Now().Add(-pruneAge).Unix()
	for _, img := range list.Items {
		if img.Created > cutoff {
			continue
		}
		for _, tag := range img.RepoTags {
			if tag != keep && strings.HasPrefix(tag, ImageRepository+":src-") {
				_, _ = cli.ImageRemove(ctx, tag, client.ImageRemoveOptions{})
			}
		}
	}
}

// imageExists reports whether Docker has an image named ref.
func imageExists(ctx context.Context, cli client.APIClient, ref string) (bool, error) {
	_, err := cli.ImageInspect(ctx, ref)
	switch {
	case err == nil:
		return true, nil
	case cerrdefs.IsNotFound(err):
		return false, nil
	default:
		return false, fmt.Errorf("tcfakeserver: inspect image %s: %w", ref, err)
	}
}

// buildImage compiles cmd/fakeserver as a static linux binary and builds the
// repository's Dockerfile around it as ref. The build context holds only the
// Dockerfile and dist/fakeserver, which is all the Dockerfile copies.
func buildImage(ctx context.Context, root, goarch, ref string) error {
	tmp, err := os.MkdirTemp("", "tcfakeserver-")
	if err != nil {
		return fmt.Errorf("tcfakeserver: %w", err)
	}
	defer os.RemoveAll(tmp)

	bin := filepath.Join(tmp, "fakeserver")
	// The package is named by import path and built from the current
	// directory, so the build uses the caller's module graph: inside this
	// repository that is the working tree, elsewhere the required version.
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, serverPkg)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+goarch)
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("tcfakeserver: go build %s: %w\n%s", serverPkg, err, out)
	}

	dockerfile, err := os.ReadFile(filepath.Join(root, "Dockerfile"))
	if err != nil {
		return fmt.Errorf("tcfakeserver: %w", err)
	}
	binary, err := os.ReadFile(bin)
	if err != nil {
		return fmt.Errorf("tcfakeserver: %w", err)
	}
	archive, err := tarFiles(
		tarFile{name: "Dockerfile", mode: 0o644, data: dockerfile},
		tarFile{name: "dist/fakeserver", mode: 0o755, data: binary},
	)
	if err != nil {
		return err
	}

	repo, tag, _ := strings.Cut(ref, ":")
	provider, err := testcontainers.NewDockerProvider()
	if err != nil {
		return fmt.Errorf("tcfakeserver: docker provider: %w", err)
	}
	defer provider.Close()
	_, err = provider.BuildImage(ctx, &testcontainers.ContainerRequest{
		FromDockerfile: testcontainers.FromDockerfile{
			ContextArchive: bytes.NewReader(archive),
			Repo:           repo,
			Tag:            tag,
			// Keep the image after the container ends: it is the cache
			// that lets later runs skip the build.
			KeepImage: true,
		},
	})
	if err != nil {
		return fmt.Errorf("tcfakeserver: build image %s: %w", ref, err)
	}
	return nil
}

// tarFile is one regular file of a build context.
type tarFile struct {
	name string
	mode int64
	data []byte
}

// tarFiles returns an uncompressed tar archive holding files.
func tarFiles(files ...tarFile) ([]byte, error) {
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, f := range files {
		hdr := &tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.data)), Typeflag: tar.TypeReg}
		if err := tw.WriteHeader(hdr); err != nil {
			return nil, fmt.Errorf("tcfakeserver: build context: %w", err)
		}
		if _, err := tw.Write(f.data); err != nil {
			return nil, fmt.Errorf("tcfakeserver: build context: %w", err)
		}
	}
	if err := tw.Close(); err != nil {
		return nil, fmt.Errorf("tcfakeserver: build context: %w", err)
	}
	return buf.Bytes(), nil
}

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
		return "", fmt.Errorf("tcfakeserver: cannot find the sources of %s to build the image (use WithImage): %v", modulePath, err)
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

// sourceHash returns a short content hash of what the image is built from:
// every non-test .go file of the module, go.mod, go.sum and the Dockerfile,
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
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}
