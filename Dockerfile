# The platform's image: the same jar as `java -jar`, built first with
#   ./mvnw -B -DskipTests package
# (docker-compose.yml builds this image; .dockerignore sends only the jar to the build).
FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 --home-dir /data surveillance \
    && mkdir -p /data && chown surveillance /data
COPY app/target/infection-surveillance.jar /opt/surveillance/infection-surveillance.jar
USER surveillance
WORKDIR /data
# Embedded stores (when no database is configured) and the initial admin password live here.
ENV SURVEILLANCE_DATADIR=/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/opt/surveillance/infection-surveillance.jar"]
