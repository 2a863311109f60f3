# Chat Hooks: the chat-hooks application with the example hooks, as a container image.
#
#   docker build -t chat-hooks .
#   docker run --rm -e CHAT_HOOKS_BOOTSTRAP_SERVERS=kafka:9092 chat-hooks
#
# Configuration comes from CHAT_HOOKS_* environment variables (see docs/configuration.md), JVM options from
# JAVA_TOOL_OPTIONS. docs/operations.md explains the choices below.

# --- Build: the project's own Maven build, tests left to CI. ---
FROM maven:3.9.11-eclipse-temurin-25 AS build
WORKDIR /src
COPY . .
# -DskipTests still packages the processor's test-jar, which the CLI module's test scope names.
RUN mvn -B -q package -DskipTests -pl cli,examples/logging-hook,examples/push-notification,examples/webhook -am

# --- Run: a JRE and the application, nothing else. ---
FROM eclipse-temurin:25-jre
RUN groupadd --system chathooks \
    && useradd --system --gid chathooks --home-dir /var/lib/chat-hooks --shell /usr/sbin/nologin chathooks \
    && mkdir -p /var/lib/chat-hooks \
    && chown chathooks:chathooks /var/lib/chat-hooks
COPY --from=build /src/cli/target/chat-hooks.jar /opt/chat-hooks/chat-hooks.jar
COPY --from=build /src/cli/target/lib/ /opt/chat-hooks/lib/
COPY --from=build /src/examples/logging-hook/target/plugin/ /opt/chat-hooks/plugins/logging-hook/
COPY --from=build /src/examples/push-notification/target/plugin/ /opt/chat-hooks/plugins/push-notification/
# Shipped, not loaded by default: the webhook hook needs an endpoint and a secret (deploy/webhook.yml loads it).
COPY --from=build /src/examples/webhook/target/plugin/ /opt/chat-hooks/plugins/webhook/

# Class-data sharing (AppCDS): a training run of the demo (embedded broker, topology, hooks, 10 s) records the
# classes the application loads, and every start maps them from this archive instead of loading and verifying them
# again (start-up, docs/benchmarks.md). A JVM whose JDK or class path differs from the archive's ignores it.
RUN java -XX:ArchiveClassesAtExit=/opt/chat-hooks/chat-hooks.jsa -jar /opt/chat-hooks/chat-hooks.jar \
        demo --duration 10s > /tmp/cds-training.log 2>&1 \
    && test -s /opt/chat-hooks/chat-hooks.jsa && rm /tmp/cds-training.log

# Kafka Streams state: rebuilt from changelogs when lost, but kept across restarts it saves the restore.
VOLUME /var/lib/chat-hooks
WORKDIR /var/lib/chat-hooks
USER chathooks
# The management endpoint: /metrics, /health/live, /health/ready.
EXPOSE 9464

# The heap follows the container's memory limit: half of it, since the rest of the process is not small. An instance
# at 5,000 events/s with a 512 MB heap grew to 819-829 MB of resident memory within 8 minutes and held 831 MB after
# half an hour, 845 MB at most (the heap all committed, RocksDB, metaspace, code, threads; docs/benchmarks.md):
# 75% of 1 GiB would not fit.
# G1 is named: a JVM picks the serial collector by itself in a container of fewer than two CPUs or less than about
# 1.75 GiB, so in the 1 GiB the docs recommend it would not run the collector it was measured with. In a 512 MB
# heap the serial collector stopped the process for 220-300 ms at every full collection under a backlog; G1's
# pauses stay short (docs/operations.md). JDK 25's G1 gave as short a latency tail as JDK 17's; ZGC's concurrent
# threads competed with the pipeline's for two cores and made the tail more than ten times longer.
# Exec form: java is PID 1 and gets SIGTERM, so `run` finishes in-flight calls and commits.
ENTRYPOINT ["java", "-XX:+UseG1GC", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", \
            "-XX:SharedArchiveFile=/opt/chat-hooks/chat-hooks.jsa", \
            "-jar", "/opt/chat-hooks/chat-hooks.jar"]
CMD ["run", "--data-dir", "/var/lib/chat-hooks", \
     "--plugins", "/opt/chat-hooks/plugins/logging-hook", \
     "--plugins", "/opt/chat-hooks/plugins/push-notification"]

# A JRE image has no curl: the application asks its own endpoint. A small, quick JVM for it.
HEALTHCHECK --interval=15s --timeout=10s --start-period=90s --retries=3 \
    CMD ["java", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", \
         "-jar", "/opt/chat-hooks/chat-hooks.jar", "health"]
