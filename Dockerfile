# Moviola's render service (moviola serve) on Debian, with the system ffmpeg, fonts and espeak-ng.
#   docker build -t moviola .                              # add --build-arg WITH_CHROMIUM=true for html elements
#   docker run -p 8080:8080 -v moviola-data:/data moviola   # the API key is printed on first start
# Not built in this project's CI (its machines cannot run docker): see docs/install.md.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY docs docs
COPY examples examples
COPY LICENSE NOTICE THIRD-PARTY.md README.md ./
RUN mvn -B -q -DskipTests package \
 && mkdir /dist && tar -xzf target/moviola-*-dist.tar.gz -C /dist --strip-components=1

FROM debian:bookworm-slim
ARG WITH_CHROMIUM=false
# ffmpeg + ffprobe: the renderer; fonts: CJK and emoji glyphs and common families for text; espeak-ng: the local
# voice; chromium (optional): html elements.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      openjdk-17-jre-headless ffmpeg espeak-ng fontconfig \
      fonts-dejavu-core fonts-liberation2 fonts-noto-core fonts-wqy-microhei fonts-symbola \
 && if [ "$WITH_CHROMIUM" = "true" ]; then \
      DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; fi \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home-dir /data --create-home moviola
COPY --from=build /dist /opt/moviola
RUN ln -s /opt/moviola/bin/moviola /usr/local/bin/moviola
USER moviola
WORKDIR /data
# Inside a container the service must listen on every interface to be reachable through -p.
ENV MOVIOLA_HOST=0.0.0.0 \
    MOVIOLA_PORT=8080 \
    MOVIOLA_DATA_DIR=/data \
    MOVIOLA_CACHE_DIR=/data/cache
EXPOSE 8080
VOLUME ["/data"]
# docker stop sends SIGTERM: running jobs get shutdown-grace (30 s) to finish, then resume at the next start.
STOPSIGNAL SIGTERM
ENTRYPOINT ["moviola"]
CMD ["serve"]
