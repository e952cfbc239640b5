# syntax=docker/dockerfile:1
# Multi-stage image of the exam server (the seed's deployment option 3): one process serving
# the SPA at /, REST at /api, WebSocket at /ws and Prometheus metrics at /metrics.
#   docker build -t exam-room .
#   docker run -d -p 3000:3000 -v exam-data:/data -e JWT_SECRET=$(openssl rand -hex 32) \
#     -e ALLOWED_ORIGINS=https://exam.school.org -e TRUST_PROXY=true exam-room
# Not built in this repository's CI (no Docker engine there): keep it in step by reading.

ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: all dependencies, compile backend (tsc) and frontend (Angular) ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# sqlite3 compiles from source when no prebuilt binary matches.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npx nx run-many -t build -p backend frontend --output-style=stream

# ---- prod-deps: runtime dependencies only (native sqlite3 built for this platform) ----
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force

# ---- runtime: no compilers, no dev dependencies, non-root ----
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATABASE_URL=sqlite:/data/exam.sqlite \
    BACKUP_DIR=/data/backups \
    STATIC_DIR=/app/dist/frontend/browser \
    LOG_LEVEL=info
COPY --from=prod-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist/backend ./dist/backend
COPY --from=build --chown=root:root /app/dist/frontend ./dist/frontend
COPY --chown=root:root package.json ./
# The SQLite database (and its -wal/-shm files and backups) lives on the volume, owned by
# the unprivileged `node` user (uid 1000) that runs the server; the code stays read-only.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM (docker stop) runs the graceful shutdown: drain answers, close sockets with 1012,
# exit 0. Give it time: docker stop --time 20 (default 10 s matches SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
CMD ["node", "dist/backend/backend/src/main.js"]
