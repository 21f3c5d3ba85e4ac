// Package tcfakeserver runs the fake Tencent Cloud SMS server (cmd/fakeserver)
// as a container through testcontainers-go, for integration tests that want
// the server exactly as CI and other languages run it. It is its own Go
// module, github.com/notifykit/notifier/fakeserver/tcfakeserver, so that
// testcontainers and the Docker client stay out of the module graph of
// applications that import only the core notifier module:
//
//	go get github.com/notifykit/notifier/fakeserver/tcfakeserver
//
// A test builds (or finds) the image and runs it:
//
//	img, err := tcfakeserver.BuildImage(ctx) // notifier-fakeserver:src-<content hash>
//	if err != nil {
//		t.Fatal(err)
//	}
//	ctr, err := tcfakeserver.Run(ctx, img)
//	testcontainers.CleanupContainer(t, ctr) // before the error check: Run may return a container with an error
//	if err != nil {
//		t.Fatal(err)
//	}
//	endpoint, _ := ctr.Endpoint(ctx, "")  // "127.0.0.1:32768": HttpProfile.Endpoint, scheme http
//	admin, _ := ctr.AdminURL(ctx)         // "http://127.0.0.1:32768/_fake": GET admin+"/messages"
//	id, key := ctr.Credentials()          // AKIDEXAMPLE, SECRETKEYEXAMPLE unless WithCredentials
//
// Run follows the testcontainers-go module conventions: Run(ctx, img,
// opts...), options that are testcontainers.ContainerCustomizer values
// (this package's WithCredentials, WithStrict, WithConfigFile,
// WithReceiptCallbackURL, WithReplyCallbackURL, WithReceiptDelay,
// WithMaxLifetime and WithHostIP mix with testcontainers' own), and a
// returned Container that embeds testcontainers.Container.
//
// # The image
//
// BuildImage compiles cmd/fakeserver as a static Linux binary with the go
// command (CGO_ENABLED=0, -trimpath) and builds the repository's FROM
// scratch Dockerfile around it. The image is tagged
// ImageRepository + ":src-" + a hash of the module's non-test Go files, the
// web files it embeds (the inbox page), go.mod, go.sum, the Dockerfile,
// the calling module's go.mod, the Go
// version and the target architecture, and kept, so later runs in any
// process start it without building. Nothing is ever pulled. A test outside
// this repository builds the version of cmd/fakeserver its own go.mod
// requires. Any other image of the server works too, for example the one
// scripts/build-image.sh tags notifier-fakeserver:dev:
//
//	ctr, err := tcfakeserver.Run(ctx, "notifier-fakeserver:dev")
//
// # Leaked containers
//
// Every container carries the label Label, and the server in it exits by
// itself after DefaultMaxLifetime (one hour; WithMaxLifetime changes it, 0
// turns it off), with the expiry in ExpiresLabel. A test process that is
// killed before its cleanup runs therefore leaves at most an exited
// container behind, which
//
//	docker container prune --filter label=com.github.notifykit.fakeserver
//
// removes. Where testcontainers' Ryuk reaper runs, it removes the container
// too.
//
// # Machines without registry access
//
// testcontainers-go normally starts its Ryuk reaper, an image it pulls from
// Docker Hub. Where no registry is reachable, set
// TESTCONTAINERS_RYUK_DISABLED=true and terminate containers yourself
// (testcontainers.CleanupContainer does). Where the test process looks to
// testcontainers as if it ran in a container, it reaches published ports
// through the bridge gateway; TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 makes it
// use the host's loopback, where Run publishes them. This repository's tests
// set both when they are unset.
//
// # Networking
//
// The container runs on Docker's default bridge network and Run publishes
// Port on a free port of the Docker host's 127.0.0.1, which Endpoint
// reports: the admin API has no authentication, so it is not offered to the
// network. A Docker daemon on another machine (DOCKER_HOST=tcp://...,
// Docker in Docker as a CI service) needs WithHostIP("0.0.0.0"), since its
// loopback is not the test's. Host networking would avoid the port mapping
// but makes parallel containers collide on one port and does not reach the
// host on Docker Desktop; published ports work on every engine, and on a
// Linux engine started with --iptables=false too (Docker's userland proxy
// then serves them).
//
// # Reaching the host from the container
//
// The server dials its receipt and reply callback URLs
// (WithReceiptCallbackURL, WithReplyCallbackURL) from inside the container,
// where 127.0.0.1 is the container itself. Run maps HostGateway
// ("host.docker.internal") to Docker's host-gateway, the host's address on
// the default bridge network (docker0, usually 172.17.0.1), so a receiver on
// the test's host is reached when the URL names HostGateway and the receiver
// listens on that address. HostListener returns such a listener: on the
// bridge gateway address where it is one of this machine's, so the receiver
// is not exposed beyond the host and its containers, else on all interfaces
// (Docker Desktop, which defines host.docker.internal itself and forwards it
// to the host):
//
//	ln, _ := tcfakeserver.HostListener(ctx)
//	recv := httptest.NewUnstartedServer(handler) // answers {"result":0,"errmsg":"OK"}
//	recv.Listener.Close()
//	recv.Listener = ln
//	recv.Start()
//	url := fmt.Sprintf("http://%s:%d/receipts", tcfakeserver.HostGateway, ln.Addr().(*net.TCPAddr).Port)
//	ctr, err := tcfakeserver.Run(ctx, img, tcfakeserver.WithReceiptCallbackURL(url))
//
// A receiver on 127.0.0.1 is not reachable from the container. Each push and
// its outcome (pending, delivered, failed, with attempts and last error) is
// listed by GET AdminURL+"/callbacks"; the callback formats and retries are
// the fakeserver package's. host-gateway needs Docker 20.10 or later.
package tcfakeserver
