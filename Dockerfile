# One image for every feedpipe component; the command picks the role (produce, streams, ...).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -q -Dmaven.test.skip=true -pl app -am package

FROM eclipse-temurin:17-jre
# curl: the container health check asks the process' /health/ready (docker-compose.yml).
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/feedpipe
COPY --from=build /src/app/target/feedpipe.jar /opt/feedpipe/app/target/feedpipe.jar
COPY --from=build /src/app/target/lib /opt/feedpipe/app/target/lib
COPY fixtures/lesswrong/feed.xml /opt/feedpipe/fixtures/lesswrong/feed.xml
ENTRYPOINT ["java", "-Dfeedpipe.home=/opt/feedpipe", "-jar", "/opt/feedpipe/app/target/feedpipe.jar"]
CMD ["--help"]
