# ticketmock: build with the Swift toolchain, run on Debian slim with libevent and nothing else
# (libyaml is linked statically).
# docs/docker.md explains how to run it; `make docker-test` builds and checks this file unchanged.

# LIBEVENT_VERSION pins libevent 2.1.12-stable-8 while taking Debian's security revisions (+deb12uN).
ARG LIBEVENT_VERSION=2.1.12-stable-8*
# LIBYAML_VERSION: libyaml-dev 0.2.5-1, build stage only (its libyaml.a is linked into the binary).
ARG LIBYAML_VERSION=0.2.5-1*

FROM swift:6.3-bookworm AS build
ARG LIBEVENT_VERSION
ARG LIBYAML_VERSION
RUN apt-get update \
 && apt-get install -y --no-install-recommends "libevent-dev=${LIBEVENT_VERSION}" "libyaml-dev=${LIBYAML_VERSION}" \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
# .dockerignore admits only the package manifest, Sources and Tests (never the host's .build).
COPY . .
# The cache mount keeps SwiftPM's checkouts and object files between builds of the image only.
RUN --mount=type=cache,id=ticketmock-swift-build,target=/src/.build,sharing=locked \
    swift build -c release --static-swift-stdlib --product ticketmock \
 && install -D -m 0755 .build/release/ticketmock /out/ticketmock \
 && strip /out/ticketmock

FROM debian:bookworm-slim
ARG LIBEVENT_VERSION
RUN apt-get update \
 && apt-get install -y --no-install-recommends \
      "libevent-2.1-7=${LIBEVENT_VERSION}" "libevent-pthreads-2.1-7=${LIBEVENT_VERSION}" \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/log/apt /var/log/dpkg.log \
 && groupadd --gid 10001 ticketmock \
 && useradd --uid 10001 --gid ticketmock --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin ticketmock \
 && install -d -m 0755 /scenarios
COPY --from=build /out/ticketmock /usr/local/bin/ticketmock
# Every serve flag also reads TICKETMOCK_<FLAG>; these are the container's defaults.
ENV TICKETMOCK_HOST=0.0.0.0 \
    TICKETMOCK_PORT=8080 \
    TICKETMOCK_SCENARIO=/scenarios \
    TICKETMOCK_WATCH=true
VOLUME ["/scenarios"]
EXPOSE 8080
USER 10001:10001
HEALTHCHECK --interval=5s --timeout=3s --start-period=5s --retries=3 CMD ["ticketmock", "healthcheck"]
STOPSIGNAL SIGTERM
ENTRYPOINT ["ticketmock"]
CMD ["serve"]
# Last, so that a new revision or date does not invalidate the layers above.
ARG VERSION=dev
ARG REVISION=unknown
ARG CREATED=unknown
LABEL org.opencontainers.image.title="ticketmock" \
      org.opencontainers.image.description="Local emulator of the BlueKing ITSM, Huawei Cloud COC and Huawei Cloud OSM ticket APIs" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.created="${CREATED}" \
      org.opencontainers.image.documentation="docs/docker.md" \
      org.opencontainers.image.base.name="debian:bookworm-slim"
