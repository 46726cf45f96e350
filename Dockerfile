# syntax=docker/dockerfile:1.7
# One multi-stage build with a target per deployable:
#
#   docker build --target gateway -t astrobookings/gateway .
#
# Targets: auth, admin, customer, monitoring (subgraphs), gateway, sync-worker,
# notifications-worker, web (the four Angular apps behind the project's own static
# server, clients/server), and migrate (one-shot: `prisma migrate deploy`).
#
# Every long-running target holds compiled JavaScript and production dependencies
# only, runs as the unprivileged `node` user (uid 1000) and has a HEALTHCHECK on its
# /health. npm installs every workspace's dependencies into the one root
# node_modules (most are declared in the root package.json), so the production
# node_modules is not pruned per deployable: it is one layer, identical in every
# image, pulled once per machine.
#
# No Docker engine runs on the development machine: test/deploy/dockerfile.spec.ts
# checks this file against the process list, docker-compose.yml and deploy/.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- build: every workspace compiled, the web apps bundled ---------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
# The manifests first, so the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY prisma/package.json prisma/
COPY subgraphs/auth/package.json subgraphs/auth/
COPY subgraphs/admin/package.json subgraphs/admin/
COPY subgraphs/customer/package.json subgraphs/customer/
COPY subgraphs/monitoring/package.json subgraphs/monitoring/
COPY gateway/package.json gateway/
COPY workers/package.json workers/
COPY clients/package.json clients/
RUN npm ci --no-audit --no-fund
COPY . .
# Prisma's client, every workspace's tsc build and the web apps' bundles.
RUN npm run build

FROM build AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

# --- runtime: what the processes load, nothing else ----------------------------
FROM ${NODE_IMAGE} AS runtime
# 128 MB of old space and 8 MB semi-spaces keep each process under 200 MB RSS (see
# scripts/lib/children.ts); a deployment holding a larger catalog raises them with its memory limit.
ENV NODE_ENV=production HOST=0.0.0.0 NODE_OPTIONS="--max-old-space-size=128 --max-semi-space-size=8"
WORKDIR /app
COPY --from=production-deps --chown=node:node /app/node_modules node_modules
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/shared/package.json shared/
COPY --from=build --chown=node:node /app/shared/dist shared/dist
COPY --from=build --chown=node:node /app/prisma/package.json prisma/
COPY --from=build --chown=node:node /app/prisma/dist prisma/dist
COPY --from=build --chown=node:node /app/scripts/dist/healthcheck.js scripts/dist/
USER node

FROM runtime AS auth
COPY --from=build --chown=node:node /app/subgraphs/auth/dist subgraphs/auth/dist
EXPOSE 4001
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4001/health"]
CMD ["node", "subgraphs/auth/dist/main.js"]

FROM runtime AS admin
COPY --from=build --chown=node:node /app/subgraphs/admin/dist subgraphs/admin/dist
EXPOSE 4002
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4002/health"]
CMD ["node", "subgraphs/admin/dist/main.js"]

FROM runtime AS customer
COPY --from=build --chown=node:node /app/subgraphs/customer/dist subgraphs/customer/dist
EXPOSE 4003
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4003/health"]
CMD ["node", "subgraphs/customer/dist/main.js"]

FROM runtime AS monitoring
COPY --from=build --chown=node:node /app/subgraphs/monitoring/dist subgraphs/monitoring/dist
EXPOSE 4004
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4004/health"]
CMD ["node", "subgraphs/monitoring/dist/main.js"]

FROM runtime AS gateway
COPY --from=build --chown=node:node /app/gateway/dist gateway/dist
# The committed composed schema the gateway serves (GATEWAY_COMPOSE=file).
COPY --from=build --chown=node:node /app/gateway/supergraph.graphql gateway/
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4000/health"]
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS sync-worker
COPY --from=build --chown=node:node /app/workers/dist workers/dist
EXPOSE 4010
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4010/health"]
CMD ["node", "workers/dist/sync/main.js"]

FROM runtime AS notifications-worker
COPY --from=build --chown=node:node /app/workers/dist workers/dist
EXPOSE 4011
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4011/health"]
CMD ["node", "workers/dist/notifications/main.js"]

# The bundles are static files; the server is the project's own (CSP, config.json, SPA fallback).
FROM runtime AS web
COPY --from=build --chown=node:node /app/clients/server/dist clients/server/dist
COPY --from=build --chown=node:node /app/clients/dist clients/dist
EXPOSE 4200
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "scripts/dist/healthcheck.js", "http://127.0.0.1:4200/health"]
CMD ["node", "clients/server/dist/main.js"]

# `prisma migrate deploy` needs the Prisma CLI, a development dependency: this
# one-shot image keeps the build stage's full install.
FROM ${NODE_IMAGE} AS migrate
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
CMD ["npx", "prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"]
