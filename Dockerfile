# syntax=docker/dockerfile:1
# Citizen Counter in one image: the service, the built <citizen-counter> and <counter-desk> bundles,
# run as the unprivileged `node` user with `npm start`'s script in production mode. SQLite lives in the
# /data volume unless DATABASE_URL points at PostgreSQL. See the README's production section.
#
#   docker build -t citizen-counter .
#   docker run -d -p 8080:8080 -v counter-data:/data --env-file counter.env citizen-counter

FROM node:20-bookworm-slim AS build
WORKDIR /app
# sqlite3 builds its native module from source when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY . .
# Everything, dev tools included, to build the SDK and the widget bundles; then only what runs.
RUN npm install --no-audit --no-fund \
 && npm run build \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    DATA_DIR=/data \
    DATABASE_URL=sqlite:/data/citizen-counter.sqlite
WORKDIR /app
COPY --from=build --chown=root:root /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8080
# SIGTERM lets answers in flight finish (SHUTDOWN_GRACE_SECONDS, 25 by default): give docker stop
# more than that, e.g. `docker stop -t 35`.
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
# What `npm start` runs, without npm in between: npm does not pass SIGTERM on, this script does.
CMD ["node", "scripts/start.mjs"]
