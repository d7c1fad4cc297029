# Switchboard as a container: built with the Maven wrapper on a JDK, run on a JRE as a non-root user.
#   docker build -t switchboard:0.1.0 .
#   docker run -p 8080:8080 -e SPRING_DATASOURCE_URL=... -e SWITCHBOARD_SECRET_KEY=... switchboard:0.1.0
# Tags are pinned (never :latest); bump them deliberately, the two together (the AOT cache below is only accepted by
# the JVM build that made it). JDK 25 for its AOT cache; the bytecode stays Java 21.

FROM eclipse-temurin:25.0.1_8-jdk-noble AS build
WORKDIR /src
# the wrapper and the POM first, so the dependency layer is reused while only the sources change
COPY mvnw ./
COPY .mvn/ .mvn/
COPY pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp dependency:go-offline
COPY src/ src/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -ntp -DskipTests package \
 && java -Djarmode=tools -jar target/switchboard.jar extract --destination /out

FROM eclipse-temurin:25.0.1_8-jre-noble
RUN groupadd --system --gid 10001 switchboard \
 && useradd --system --uid 10001 --gid switchboard --home-dir /app --shell /usr/sbin/nologin switchboard \
 && mkdir -p /app/data && chown switchboard:switchboard /app/data
WORKDIR /app
# the extracted jar: libraries in lib/ (a layer that rarely changes), the application jar beside them
COPY --from=build /out/lib/ lib/
COPY --from=build /out/switchboard.jar switchboard.jar
# The AOT cache (JEPs 483, 514, 515: classes loaded and linked, method profiles), made by one training start here, in
# this image, with the class path the service runs with (the JVM refuses a cache made with another): the start to the
# first answer takes about half the CPU (README, "Cold start"). The training runs the context up to its refresh on a
# throwaway H2 database and exits.
RUN java -XX:AOTCacheOutput=/app/switchboard.aot -Xlog:aot=off -Xlog:cds=off -Dspring.context.exit=onRefresh \
        -jar /app/switchboard.jar --switchboard.data-dir=/tmp/training --server.port=0 \
 && rm -rf /tmp/training
USER switchboard:switchboard

# Settings (see README.md, "Configuration for production" and "Running several instances"):
#   SPRING_DATASOURCE_URL, SPRING_DATASOURCE_USERNAME, SPRING_DATASOURCE_PASSWORD  PostgreSQL (required in production)
#   SWITCHBOARD_SECRET_KEY       base64 of 32 random bytes; required with PostgreSQL, identical on every instance
#   SWITCHBOARD_ADMIN_TOKEN      enables POST /admin/v1/users
#   SWITCHBOARD_PROVIDERS_SANDBOX_ENABLED=false   turns the sandbox provider off
#   SWITCHBOARD_LOG_FORMAT       json (set here) or text
# Without SPRING_DATASOURCE_URL it runs on the embedded H2 database in /app/data (./data from WORKDIR /app):
# mount a volume there to keep it. That is for trying out: production uses PostgreSQL.
# The heap gets half the container's memory: outside it the JVM needs about 250 MB more (classes, compiled code, G1's
# own tables; measured with NativeMemoryTracking), so 75% would put a 1 GiB container at its limit.
ENV SWITCHBOARD_LOG_FORMAT=json \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
# Orchestrators probe GET /actuator/health/liveness and /actuator/health/readiness (no token needed).
# exec form: java is PID 1 and receives SIGTERM itself, so in-flight requests finish (graceful shutdown, 20 s)
ENTRYPOINT ["java", "-XX:AOTCache=/app/switchboard.aot", "-jar", "/app/switchboard.jar"]
