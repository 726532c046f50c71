# Parley: build with Maven, run on a JRE as a non-root user.
#   docker build -t parley .
#   docker run -p 8080:8080 -v parley-data:/data parley
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY parley-core/pom.xml parley-core/
COPY parley-server/pom.xml parley-server/
COPY parley-bench/pom.xml parley-bench/
RUN mvn -B -q -pl parley-server -am dependency:go-offline
COPY parley-core parley-core
COPY parley-server parley-server
RUN mvn -B -q -pl parley-server -am -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && groupadd --system parley && useradd --system --gid parley --home-dir /app parley \
    && mkdir -p /app /data /backups && chown parley:parley /data /backups
WORKDIR /app
COPY --from=build /src/parley-server/target/parley.jar /app/parley.jar
COPY parley-server/jvm.options /app/jvm.options
USER parley
# JVM defaults in /app/jvm.options (256 MB heap, under 512 MB resident); JAVA_OPTS comes after them and wins
ENV PARLEY_PORT=8080 PARLEY_DATA_DIR=/data MALLOC_ARENA_MAX=2 JAVA_OPTS=""
EXPOSE 8080
VOLUME ["/data", "/backups"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8080/actuator/health/liveness || exit 1
ENTRYPOINT ["sh", "-c", "exec java @/app/jvm.options $JAVA_OPTS -jar /app/parley.jar \"$@\"", "parley"]
CMD ["serve"]
