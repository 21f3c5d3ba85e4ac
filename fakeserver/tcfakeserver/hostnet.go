package tcfakeserver

import (
	"context"
	"fmt"
	"net"
	"net/netip"

	"github.com/moby/moby/client"
	"github.com/testcontainers/testcontainers-go"
)

// HostListener returns a TCP listener on the machine running the test, on a
// free port, that a container started by Run reaches as HostGateway:port:
// the listener for a callback receiver (httptest.NewUnstartedServer, then
// set its Listener) whose URL is "http://" + HostGateway + ":port/...".
//
// On a Linux engine Docker maps HostGateway to the gateway address of its
// default bridge network (docker0, usually 172.17.0.1), and HostListener
// listens on that address only, so that the receiver is reachable from
// containers and the host but not from other machines. Where that address is
// not one of this machine's (Docker Desktop, a remote or rootless engine, a
// daemon started with --host-gateway-ip), it listens on all interfaces,
// which Docker Desktop forwards host.docker.internal to.
func HostListener(ctx context.Context) (net.Listener, error) {
	if gw, err := bridgeGateway(ctx); err == nil {
		if ln, err := net.Listen("tcp", net.JoinHostPort(gw.String(), "0")); err == nil {
			return ln, nil
		}
	}
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		return nil, fmt.Errorf("tcfakeserver: HostListener: %w", err)
	}
	return ln, nil
}

// bridgeGateway returns the first IPv4 gateway of Docker's default bridge
// network.
func bridgeGateway(ctx context.Context) (netip.Addr, error) {
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return netip.Addr{}, err
	}
	defer cli.Close()
	res, err := cli.NetworkInspect(ctx, "bridge", client.NetworkInspectOptions{})
	if err != nil {
		return netip.Addr{}, err
	}
	for _, c := range res.Network.IPAM.Config {
		if c.Gateway.Is4() {
			return c.Gateway, nil
		}
	}
	return netip.Addr{}, fmt.Errorf("the bridge network has no IPv4 gateway")
}
