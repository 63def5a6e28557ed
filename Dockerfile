# syntax=docker/dockerfile:1
# One image for every service; the Deployment's args pick the stage:
#   newsmetrics worker ingest | worker extract | worker store
# Build: docker build -t ghcr.io/newsmetrics/newsmetrics:0.1.0 .

FROM python:3.11-slim-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends gcc libc6-dev \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY pyproject.toml README.md ./
COPY services ./services
RUN python -m venv /opt/newsmetrics \
 && /opt/newsmetrics/bin/pip install --no-cache-dir --upgrade pip \
 && /opt/newsmetrics/bin/pip install --no-cache-dir .

FROM python:3.11-slim-bookworm
# no compiler, no pip cache, no source tree: the virtualenv and a non-root user only
COPY --from=build /opt/newsmetrics /opt/newsmetrics
RUN groupadd --system --gid 10001 newsmetrics \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent newsmetrics \
 && mkdir -p /var/lib/newsmetrics && chown 10001:10001 /var/lib/newsmetrics
ENV PATH=/opt/newsmetrics/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    NEWSMETRICS_BIND_HOST=0.0.0.0 \
    NEWSMETRICS_DATA_DIR=/var/lib/newsmetrics
USER 10001:10001
WORKDIR /var/lib/newsmetrics
EXPOSE 8080 8081 8082
ENTRYPOINT ["newsmetrics"]
CMD ["worker", "store"]
