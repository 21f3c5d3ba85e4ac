package tcfakeserver

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
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
	// buildTags are the build tags of the image's binary, the same as
	// scripts/build-image.sh uses. nethttpomithttp2 leaves out net/http's
	// bundled HTTP/2 (about 0.55 MB of the ~9.9 MB binary): the server
	// serves plain HTTP/1.1, and Go negotiates HTTP/2 only over TLS, so
	// the server never used it; https callback pushes use HTTP/1.1.
	buildTags = "nethttpomithttp2"
)

// sourceImage remembers the image built from source in this process, so that
// only the first Run of a test binary hashes the sources.
var sourceImage struct {
	mu  sync.Mutex // guards ref
	ref string
}

// BuildImage returns the reference of the fake server image built from
// source, for Run: ImageRepository + ":src-" + a content hash. It builds the
// image only when Docker has none with that tag, so the first call on a
// machine takes the time of a go build (about half a minute on a cold build
// cache) and later calls, in this or any other process, a few
// milliseconds. Nothing is pulled.
//
// The sources are this repository's working tree when the test runs inside
// it, else the version of github.com/notifykit/notifier the test's go.mod
// requires (from the module cache): cmd/fakeserver is compiled as a static
// Linux binary for the daemon's architecture and put into the repository's
// FROM scratch Dockerfile. Concurrent callers, in one process or several,
// build once. Failures are not remembered: the next call tries again.
func BuildImage(ctx context.Context) (string, error) {
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
	// The binary is built in the caller's module, whose go.mod picks the
	// versions of the server's dependencies (this module's own go.mod when
	// its tests run), so that file is part of what the image is built from.
	callerMod, err := callerGoMod(ctx)
	if err != nil {
		return "", err
	}
	hash, err := sourceHash(root, "GOOS=linux", "GOARCH="+goarch, "GOVERSION="+goVersion, "GOMOD="+callerMod)
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
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-tags="+buildTags, "-ldflags=-s -w", "-o", bin, serverPkg)
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
