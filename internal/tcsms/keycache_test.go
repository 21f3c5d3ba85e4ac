package tcsms

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// signedVectorA returns vector A's headers signed with secretKey.
func signedVectorA(secretKey string) (h http.Header, body []byte) {
	return tc3Header(vectorA, TC3Authorization(testID, secretKey, vectorA)), vectorABody
}

func TestVerifyTC3CachedKeyFollowsSecretRotation(t *testing.T) {
	// Keys unique to this test, so no other test's entries interfere.
	oldKey, newKey := "rotation-old-key", "rotation-new-key"
	current := oldKey
	v := Verifier{Secret: func(id string) (string, bool) { return current, id == testID }, MaxSkew: -1}
	hosts := Candidates(vectorA.Host)

	oldH, body := signedVectorA(oldKey)
	newH, _ := signedVectorA(newKey)
	for i := range 2 { // the second round runs from the cache
		if _, _, err := v.VerifyTC3("POST", oldH, "", body, hosts); err != nil {
			t.Fatalf("round %d: old key before rotation: %v", i, err)
		}
	}
	current = newKey
	if _, _, err := v.VerifyTC3("POST", oldH, "", body, hosts); !isCode(err, CodeSignatureFailure) {
		t.Fatalf("old key after rotation: err = %v, want %s", err, CodeSignatureFailure)
	}
	for i := range 2 {
		if _, _, err := v.VerifyTC3("POST", newH, "", body, hosts); err != nil {
			t.Fatalf("round %d: new key after rotation: %v", i, err)
		}
	}
}

func TestVerifyTC3CachesOnlyAcceptedKeys(t *testing.T) {
	key := "cache-only-accepted-key"
	v := Verifier{Secret: func(string) (string, bool) { return key, true }, MaxSkew: -1}
	scope := tc3Scope{key, tc3Date(vectorA.Timestamp), vectorA.Service}
	bad := tc3Header(vectorA, TC3Authorization(testID, "some-other-key", vectorA))
	if _, _, err := v.VerifyTC3("POST", bad, "", vectorABody, nil); !isCode(err, CodeSignatureFailure) {
		t.Fatalf("wrong signature: err = %v, want %s", err, CodeSignatureFailure)
	}
	if _, ok := tc3Keys.get(scope); ok {
		t.Fatal("a rejected request's signing key was cached")
	}
	good, body := signedVectorA(key)
	if _, _, err := v.VerifyTC3("POST", good, "", body, nil); err != nil {
		t.Fatal(err)
	}
	got, ok := tc3Keys.get(scope)
	if !ok {
		t.Fatal("an accepted request's signing key was not cached")
	}
	if want := signingKey(key, scope.date, scope.service); string(got[:]) != string(want) {
		t.Fatal("cached signing key differs from the derived one")
	}
}

func TestKeyCacheIsBounded(t *testing.T) {
	var c keyCache
	for i := range 3 * tc3KeyCacheSize {
		scope := tc3Scope{"k", fmt.Sprintf("d%d", i), "sms"}
		c.put(scope, [32]byte{byte(i)})
		if got, ok := c.get(scope); !ok || got[0] != byte(i) {
			t.Fatalf("entry %d not readable right after put", i)
		}
		if len(*c.snap.Load()) > tc3KeyCacheSize {
			t.Fatalf("after %d puts the cache holds %d keys, more than %d", i+1, len(*c.snap.Load()), tc3KeyCacheSize)
		}
	}
	c.put(tc3Scope{"k", "d0", "sms"}, [32]byte{1})
	c.put(tc3Scope{"k", "d0", "sms"}, [32]byte{2}) // replacing an entry evicts nothing
	if got, _ := c.get(tc3Scope{"k", "d0", "sms"}); got[0] != 2 || len(*c.snap.Load()) != tc3KeyCacheSize {
		t.Fatalf("replace: got key %d with %d entries", got[0], len(*c.snap.Load()))
	}
}

func TestVerifyTC3ConcurrentScopes(t *testing.T) {
	// More scopes than the cache holds, verified from several goroutines:
	// hits, misses and evictions race, and every answer must stay right.
	const scopes = tc3KeyCacheSize + 8
	keys := make(map[string]string, scopes)
	headers := make([]http.Header, scopes)
	for i := range scopes {
		id := fmt.Sprintf("AKIDCONCURRENT%03d", i)
		keys[id] = fmt.Sprintf("concurrent-key-%03d", i)
		headers[i] = tc3Header(vectorA, TC3Authorization(id, keys[id], vectorA))
	}
	v := Verifier{Secret: func(id string) (string, bool) { k, ok := keys[id]; return k, ok }, MaxSkew: -1}
	hosts := Candidates(vectorA.Host)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Go(func() {
			for n := range 3 * scopes {
				i := (n*7 + g) % scopes
				id, _, err := v.VerifyTC3("POST", headers[i], "", vectorABody, hosts)
				if want := fmt.Sprintf("AKIDCONCURRENT%03d", i); err != nil || id != want {
					t.Errorf("scope %d: got (%q, %v), want %q", i, id, err, want)
					return
				}
			}
		})
	}
	wg.Wait()
}

func isCode(err error, code string) bool {
	var e *APIError
	return errors.As(err, &e) && e.Code == code
}
