package main

import "testing"

// TestBannerEndpoint checks that the banner never offers an unspecified
// address, which is nothing to dial, as the endpoint.
func TestBannerEndpoint(t *testing.T) {
	tests := []struct {
		addr, want string
		all        bool
	}{
		{"127.0.0.1:8080", "127.0.0.1:8080", false},
		{"[::1]:8080", "[::1]:8080", false},
		{"192.0.2.7:8080", "192.0.2.7:8080", false},
		{"localhost:8080", "localhost:8080", false},
		{"0.0.0.0:8080", "127.0.0.1:8080", true},
		{"[::]:8080", "127.0.0.1:8080", true},
		{":8080", "127.0.0.1:8080", true},
		{"not an address", "not an address", false},
	}
	for _, tt := range tests {
		got, all := bannerEndpoint(tt.addr)
		if got != tt.want || all != tt.all {
			t.Errorf("bannerEndpoint(%q) = %q, %v; want %q, %v", tt.addr, got, all, tt.want, tt.all)
		}
	}
}
