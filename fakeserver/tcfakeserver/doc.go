// Package tcfakeserver runs the fake Tencent Cloud SMS server (cmd/fakeserver)
// as a container through testcontainers-go, for integration tests that want
// the server exactly as CI and other languages run it.
//
//	ctr, err := tcfakeserver.Run(ctx)
//	testcontainers.CleanupContainer(t, ctr) // before the error check: Run may return a container with an error
//	if err != nil {
//		t.Fatal(err)
//	}
//	endpoint, _ := ctr.Endpoint(ctx, "")  // "127.0.0.1:32768": HttpProfile.Endpoint, scheme http
//	admin, _ := ctr.AdminURL(ctx)         // "http://127.0.0.1:32768/_fake": GET admin+"/messages"
//	id, key := ctr.Credentials()          // AKIDEXAMPLE, SECRETKEYEXAMPLE unless WithCredentials
//
// Run follows the testcontainers-go module conventions: module options
// (WithImage, WithCredentials, WithStrict, WithConfigFile, WithCallbackURL)
// mix with testcontainers' own customizers, and the returned Container
// embeds testcontainers.Container.
//
// # The image
//
// Without WithImage, Run builds the image from this module's sources: it
// compiles cmd/fakeserver as a static Linux binary with the go command
// (CGO_ENABLED=0, -trimpath) and builds the repository's FROM scratch
// Dockerfile around it. The image is tagged
// ImageRepository + ":src-" + a hash of the module's non-test Go files,
// go.mod, go.sum, the Dockerfile, the Go version and the target architecture,
// and kept, so later runs in any process start it without building. Nothing
// is ever pulled. A test outside this repository builds the version of
// cmd/fakeserver its own go.mod requires. To run a prebuilt image instead
// (scripts/build-image.sh tags notifier-fakeserver:dev), pass WithImage.
//
// # Machines without registry access
//
// testcontainers-go normally starts its Ryuk reaper, an image it pulls from
// Docker Hub. Where no registry is reachable, set
// TESTCONTAINERS_RYUK_DISABLED=true and terminate containers yourself
// (testcontainers.CleanupContainer does). Where the test process looks to
// testcontainers as if it ran in a container, it reaches published ports
// through the bridge gateway; TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 makes it
// use the host's loopback, where Docker publishes them as well. This
// repository's tests set both when they are unset.
//
// # Networking
//
// The container runs on Docker's default bridge network and Run publishes
// Port on a free host port, which Endpoint reports. Host networking would
// avoid the port mapping but makes parallel containers collide on one port
// and does not reach the host on Docker Desktop; published ports work on
// every engine, and on a Linux engine started with --iptables=false too
// (Docker's userland proxy then serves them).
//
// # Reaching the host from the container
//
// The server is to dial callback URLs (WithCallbackURL; pushing callbacks is
// fakeserver part 2) from inside the container, where 127.0.0.1 is the
// container itself. Run maps HostGateway ("host.docker.internal") to Docker's
// host-gateway, the host's address on the bridge network, so a receiver on
// the test's host works when it listens on 0.0.0.0 (or on that gateway
// address) and the URL names HostGateway:
//
//	ln, _ := net.Listen("tcp", "0.0.0.0:0")
//	port := ln.Addr().(*net.TCPAddr).Port
//	url := fmt.Sprintf("http://%s:%d/receipts", tcfakeserver.HostGateway, port)
//	ctr, err := tcfakeserver.Run(ctx, tcfakeserver.WithCallbackURL(url))
//
// host-gateway needs Docker 20.10 or later; Docker Desktop defines the name
// itself.
package tcfakeserver
