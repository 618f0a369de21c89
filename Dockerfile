# Build stage: the Maven wrapper builds the jar (tests run in CI, not in the image build).
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN ./mvnw -B -ntp -q dependency:go-offline
COPY src src
RUN ./mvnw -B -ntp -q package -DskipTests -Dspotless.check.skip=true \
    && java -Djarmode=tools -jar target/wadesk-*.jar extract --layers --launcher --destination /app

# Run stage: a JRE, a non-root user, configuration only through environment variables.
FROM eclipse-temurin:17-jre
RUN groupadd --system wadesk && useradd --system --gid wadesk --home /app wadesk
WORKDIR /app
COPY --from=build /app/dependencies/ ./
COPY --from=build /app/spring-boot-loader/ ./
COPY --from=build /app/snapshot-dependencies/ ./
COPY --from=build /app/application/ ./
RUN mkdir -p /app/data && chown wadesk:wadesk /app/data
USER wadesk
ENV WADESK_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "org.springframework.boot.loader.launch.JarLauncher"]
