#!/bin/sh
# Entrypoint of the Tideway service images: fills per-replica defaults, then runs MAIN_CLASS.
set -eu

host="$(hostname)"

# Transactional ids must be unique per running replica (a shared id fences the other replica).
# Empty or unset means "this container's hostname": unique under `docker compose --scale`, the
# pod name under Kubernetes (stable for a StatefulSet).
if [ -z "${TIDEWAY_LOADER_INSTANCE_ID:-}" ]; then
  TIDEWAY_LOADER_INSTANCE_ID="$host"
fi
if [ -z "${TIDEWAY_INGEST_INSTANCE_ID:-}" ]; then
  TIDEWAY_INGEST_INSTANCE_ID="$host"
fi
export TIDEWAY_LOADER_INSTANCE_ID TIDEWAY_INGEST_INSTANCE_ID

# Kafka Streams replicas must not share a state directory: with one volume for several cleaner
# replicas, each takes a subfolder named after its hostname (state is restored from changelogs).
if [ "${TIDEWAY_STATE_PER_REPLICA:-false}" = "true" ]; then
  TIDEWAY_CLEANER_STATE_DIR="${TIDEWAY_CLEANER_STATE_DIR:-/data/state}/$host"
  export TIDEWAY_CLEANER_STATE_DIR
  mkdir -p "$TIDEWAY_CLEANER_STATE_DIR"
fi

if [ -z "${MAIN_CLASS:-}" ]; then
  echo "MAIN_CLASS is not set (build the image with --build-arg MAIN_CLASS=...)" >&2
  exit 64
fi

# JAVA_OPTS is split on spaces on purpose (several options in one variable).
# shellcheck disable=SC2086
exec java ${JAVA_OPTS:-} -cp "/app/app.jar:/app/lib/*" "$MAIN_CLASS" "$@"
