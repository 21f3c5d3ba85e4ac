# The fake Tencent Cloud SMS server (cmd/fakeserver) as a FROM scratch image.
#
# The binary is built on the host, not in a builder stage, so that the image
# builds without pulling anything (no registry needs to be reachable; no
# "# syntax=" line either, since BuildKit would pull that frontend image):
#
#     scripts/build-image.sh            # builds dist/fakeserver, then this image
#
# or by hand:
#
#     CGO_ENABLED=0 go build -trimpath -tags nethttpomithttp2 -ldflags '-s -w' \
#       -o dist/fakeserver ./cmd/fakeserver
#     docker build -t notifier-fakeserver:dev .
#
# Configuration is the binary's own, through environment variables:
#   FAKESERVER_ADDR         listen address; this image listens on all interfaces, port 8080
#   FAKESERVER_CREDENTIALS  comma-separated SecretId:SecretKey pairs
#                           (default AKIDEXAMPLE:SECRETKEYEXAMPLE, printed at start)
#   FAKESERVER_STRICT       "true" for strict mode (apps, signs, templates must be registered)
#   FAKESERVER_CONFIG       a JSON seed file, for example a mounted /config/fakeserver.json:
#                           docker run -v "$PWD/fakeserver.json:/config/fakeserver.json:ro" \
#                             -e FAKESERVER_CONFIG=/config/fakeserver.json ...
#   FAKESERVER_RECEIPT_CALLBACK_URL, FAKESERVER_REPLY_CALLBACK_URL
#                           where receipts and injected replies are pushed; dialled
#                           from inside the container, so name the host
#                           host.docker.internal and run with
#                           --add-host host.docker.internal:host-gateway
#   FAKESERVER_RECEIPT_DELAY  delay before each receipt is reported (default 0)
#   FAKESERVER_MAX_LIFETIME   serve at most this long (e.g. 2h), then exit 0, so a
#                           container whose starter died does not run for ever;
#                           tcfakeserver sets it (default 1h)
#   FAKESERVER_ADMIN_TOKEN  require "Authorization: Bearer TOKEN" for the admin API;
#                           worth setting, since this image listens on all interfaces
#   FAKESERVER_ADMIN_HOSTS  names (besides IPs and localhost) the admin API answers
#                           to, e.g. the container's name in a Compose network
# and the rest of the flags' variables (FAKESERVER_TEMPLATE_REVIEW, _LOG_LEVEL,
# _CHAOS_SEED, _CHAOS_RATE, _MAX_MESSAGES, _MAX_INFLIGHT_BODY), listed by
# `docker run --rm IMAGE -h`; `docker run --rm IMAGE -version` prints the
# binary's version and revision.
#
# Readiness: GET /_fake/healthz answers 200 {"status":"ok"}. There is no
# HEALTHCHECK instruction because a scratch image has no shell or client to run
# one; orchestrators and testcontainers probe the endpoint from outside.
FROM scratch

COPY dist/fakeserver /fakeserver

# A numeric non-root user: scratch has no /etc/passwd to name one.
USER 65532:65532

ENV FAKESERVER_ADDR=0.0.0.0:8080
EXPOSE 8080

ENTRYPOINT ["/fakeserver"]
