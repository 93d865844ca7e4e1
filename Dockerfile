# One image recipe for the four Tideway services, chosen by build arguments:
#   docker build --build-arg MODULE=loader-service --build-arg MAIN_CLASS=io.tideway.loader.Application \
#                --build-arg PORT=8083 -t tideway/loader-service:0.1.0-SNAPSHOT .
# docker-compose.yml passes them for each service. Checked by DockerfileTest.

# ---- build: the module and the reactor modules it needs, its runtime jars, the health probe
FROM maven:3.9.11-eclipse-temurin-17 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    test -n "${MODULE}" || { echo "build arg MODULE is required" >&2; exit 1; }; \
    mvn -B -q -pl "${MODULE}" -am -DskipTests package \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib \
    && mkdir -p /out/app \
    && cp "${MODULE}/target/${MODULE}-0.1.0-SNAPSHOT.jar" /out/app/app.jar \
    && cp -r "${MODULE}/target/lib" /out/app/lib \
    && javac --release 17 -d /out/probe infra/docker/health/HealthProbe.java

# ---- runtime: JRE only, non-root
FROM eclipse-temurin:17.0.16_8-jre
ARG MODULE
ARG MAIN_CLASS
ARG PORT=8080
LABEL org.opencontainers.image.title="tideway-${MODULE}" \
      org.opencontainers.image.source="https://github.com/tideway/tideway" \
      org.opencontainers.image.description="Tideway ${MODULE}: CSV to MongoDB through Kafka"
# /data holds the inbox (ingest), the Streams state (cleaner); named volumes mounted there
# inherit this ownership.
RUN groupadd --system --gid 10001 tideway \
    && useradd --system --uid 10001 --gid tideway --home-dir /app --no-create-home \
         --shell /usr/sbin/nologin tideway \
    && mkdir -p /data/inbox /data/state /config/mappings \
    && chown -R 10001:10001 /data
COPY --from=build /out/app/ /app/
COPY --from=build /out/probe/ /app/probe/
COPY infra/docker/entrypoint.sh /app/entrypoint.sh
ENV TIDEWAY_SERVICE="${MODULE}" \
    MAIN_CLASS="${MAIN_CLASS}" \
    MICRONAUT_SERVER_PORT="${PORT}" \
    TIDEWAY_INBOX=/data/inbox \
    TIDEWAY_CLEANER_STATE_DIR=/data/state \
    TIDEWAY_MAPPINGS_DIR=/config/mappings \
    HOME=/tmp \
    JAVA_OPTS="-Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
WORKDIR /app
EXPOSE ${PORT}
# GET /health on MICRONAUT_SERVER_PORT; a small Java probe because the JRE image promises no curl.
HEALTHCHECK --interval=10s --timeout=5s --start-period=90s --retries=6 \
    CMD ["java", "-Xmx16m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-cp", "/app/probe", "HealthProbe"]
ENTRYPOINT ["/bin/sh", "/app/entrypoint.sh"]
