#!/bin/sh
# Creates every Tideway topic before the services start (docker-compose.yml service kafka-init).
# Idempotent (--if-not-exists). Keep the two lists in step with
# io.tideway.contracts.topics.Topics.ALL / COMPACTED: ComposeFileTest fails when they differ.
set -eu

BOOTSTRAP="${KAFKA_BOOTSTRAP_SERVERS:-kafka:19092}"
PREFIX="${TIDEWAY_TOPIC_PREFIX:-tideway.}"
PARTITIONS="${TIDEWAY_PARTITIONS:-6}"
REPLICATION="${TIDEWAY_REPLICATION_FACTOR:-1}"
KAFKA_TOPICS="${KAFKA_TOPICS_SH:-/opt/kafka/bin/kafka-topics.sh}"

# Topics whose records expire by retention.
DELETE_TOPICS="raw files cleaned rejected duplicates load-receipts integrity alerts verifier-lease"
# Topics whose latest record per key is the state.
COMPACTED_TOPICS="ingest-checkpoints clean-stats quality mappings"

# With 3+ replicas an acknowledged write survives the loss of one broker.
MIN_ISR=1
if [ "$REPLICATION" -ge 3 ]; then
  MIN_ISR=2
fi

# kafka-topics.sh; KAFKA_CLIENT_CONFIG names a client properties file for TLS/SASL clusters.
topics() {
  if [ -n "${KAFKA_CLIENT_CONFIG:-}" ]; then
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" --command-config "$KAFKA_CLIENT_CONFIG" "$@"
  else
    "$KAFKA_TOPICS" --bootstrap-server "$BOOTSTRAP" "$@"
  fi
}

create() {
  topic="$PREFIX$1"
  policy="$2"
  topics --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" \
    --replication-factor "$REPLICATION" \
    --config "cleanup.policy=$policy" --config "min.insync.replicas=$MIN_ISR"
  echo "topic $topic ($policy, $PARTITIONS partitions, replication $REPLICATION)"
}

for t in $DELETE_TOPICS; do
  create "$t" delete
done
for t in $COMPACTED_TOPICS; do
  create "$t" compact
done
