#!/bin/sh
# Starts a Kafka Connect standalone worker with the MongoDB sink (docker compose --profile connect).
# The worker and connector settings are infra/connect/*.properties, mounted read-only at
# /opt/tideway/connect-config; this script appends the container's addresses to copies of them
# (in a properties file the last occurrence of a key wins), so infra/connect/ stays the one source.
set -eu

CONFIG_DIR="${TIDEWAY_CONNECT_CONFIG_DIR:-/opt/tideway/connect-config}"
WORK_DIR="${TIDEWAY_CONNECT_WORK_DIR:-/tmp/tideway-connect}"
PREFIX="${TIDEWAY_TOPIC_PREFIX:-tideway.}"
mkdir -p "$WORK_DIR"

for f in connect-standalone.properties mongo-sink.properties; do
  if [ ! -f "$CONFIG_DIR/$f" ]; then
    echo "missing $CONFIG_DIR/$f (expected from infra/connect/)" >&2
    exit 66
  fi
done

{
  cat "$CONFIG_DIR/connect-standalone.properties"
  echo
  echo "# --- docker compose overrides (infra/docker/connect/start-connect.sh)"
  echo "bootstrap.servers=${KAFKA_BOOTSTRAP_SERVERS:-kafka:19092}"
  echo "listeners=http://0.0.0.0:8083"
  echo "plugin.path=${TIDEWAY_CONNECT_PLUGIN_PATH:-/opt/tideway/plugins}"
  echo "offset.storage.file.filename=$WORK_DIR/standalone.offsets"
} > "$WORK_DIR/worker.properties"

{
  cat "$CONFIG_DIR/mongo-sink.properties"
  echo
  echo "# --- docker compose overrides (infra/docker/connect/start-connect.sh)"
  echo "connection.uri=${MONGO_URI:-mongodb://mongo:27017/?replicaSet=rs0}"
  echo "topics=${PREFIX}cleaned"
  echo "errors.deadletterqueue.topic.name=${PREFIX}connect-dlq"
  echo "errors.deadletterqueue.topic.replication.factor=${TIDEWAY_REPLICATION_FACTOR:-1}"
} > "$WORK_DIR/mongo-sink.properties"

exec "${CONNECT_STANDALONE_SH:-/opt/kafka/bin/connect-standalone.sh}" \
  "$WORK_DIR/worker.properties" "$WORK_DIR/mongo-sink.properties"
