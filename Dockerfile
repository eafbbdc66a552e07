# syntax=docker/dockerfile:1
#
# briefbot: a static binary on distroless, running as a non-root user.
#
#   docker build -t briefbot .
#   docker run --rm -it -v briefbot-data:/data briefbot              # console chat
#   docker run -d -v briefbot-data:/data \
#       -e SLACK_BOT_TOKEN -e SLACK_APP_TOKEN briefbot               # Slack (Socket Mode)
#
# The database lives in the /data volume (BRIEFBOT_DB); the sample articles
# are embedded in the binary.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /briefbot ./cmd/briefbot \
 && mkdir -p /out/data

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /briefbot /briefbot
# An empty /data owned by the nonroot user (65532), so a fresh named volume
# is writable.
COPY --from=build --chown=65532:65532 /out/data /data
ENV BRIEFBOT_DB=/data/briefbot.db
VOLUME /data
WORKDIR /data
USER 65532:65532
ENTRYPOINT ["/briefbot"]
