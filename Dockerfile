# syntax=docker/dockerfile:1
# The strangler CLI as an image: every processor is `docker run strangler run <processor> --config FILE`
# (docs/deploy.md). Build: docker build -t strangler:0.1.0-SNAPSHOT .
# No configuration and no secret is baked in: properties files are mounted, passwords come from the environment
# through ${env:NAME} references (docs/configuration.md).

ARG JDK_IMAGE=eclipse-temurin:17-jdk
ARG JRE_IMAGE=eclipse-temurin:17-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /src
# The wrapper and the poms first, so that a source change does not download Maven and the dependencies again.
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY schemas schemas
COPY modules modules
COPY connectors connectors
COPY topologies topologies
# The CLI and the modules it needs, tests skipped (they run in CI, not in an image build); then its runtime
# classpath, jars only, into one folder the JVM reads with a wildcard.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl modules/cli -am install \
 && ./mvnw -B -q -pl modules/cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
 && cp modules/cli/target/strangler-cli.jar /out/lib/

FROM ${JRE_IMAGE}
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="strangler" \
      org.opencontainers.image.description="Zero-downtime migration from a monolith database to microservices: CDC, bi-directional sync, consistency validation and traffic routing on Kafka." \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.documentation="docs/deploy.md"
# curl only for health checks (docker-compose.yml); nothing else is added to the JRE image.
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 strangler \
 && useradd --system --uid 10001 --gid strangler --home-dir /var/lib/strangler --create-home strangler
COPY --from=build /out/lib /opt/strangler/lib
# The sync's and the auditor's RocksDB state (sync.state.dir in the examples) and the log file live here.
WORKDIR /var/lib/strangler
USER 10001:10001
# Read by the JVM itself, so `docker run -e JAVA_TOOL_OPTIONS=...` changes it without a shell in the entrypoint.
# ParallelGC and no Netty leak detector: as ./strangler runs it (perf/05-router).
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseParallelGC -Dio.netty.leakDetection.level=disabled -Dstrangler.log.dir=/var/lib/strangler/logs"
EXPOSE 8080 8081
ENTRYPOINT ["java", "-cp", "/opt/strangler/lib/*", "io.strangler.cli.StranglerCommand"]
CMD ["--help"]
