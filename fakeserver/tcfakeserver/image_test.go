package tcfakeserver

import (
	"archive/tar"
	"bytes"
	"io"
	"testing"
)

func TestTarFiles(t *testing.T) {
	data, err := tarFiles(
		tarFile{name: "Dockerfile", mode: 0o644, data: []byte("FROM scratch\n")},
		tarFile{name: "dist/fakeserver", mode: 0o755, data: []byte("bin")},
	)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(bytes.NewReader(data))
	want := []struct {
		name string
		mode int64
		body string
	}{{"Dockerfile", 0o644, "FROM scratch\n"}, {"dist/fakeserver", 0o755, "bin"}}
	for _, w := range want {
		hdr, err := tr.Next()
		if err != nil {
			t.Fatalf("reading %s: %v", w.name, err)
		}
		body, _ := io.ReadAll(tr)
		if hdr.Name != w.name || hdr.Mode != w.mode || string(body) != w.body {
			t.Fatalf("entry %q mode %o body %q, want %q %o %q", hdr.Name, hdr.Mode, body, w.name, w.mode, w.body)
		}
	}
	if _, err := tr.Next(); err != io.EOF {
		t.Fatalf("extra entry after the last file: %v", err)
	}
}
