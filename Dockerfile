# syntax=docker/dockerfile:1.7
# One image build for every deployable: `docker build --target <service> .`
# (auth, admin, customer, monitoring, gateway, sync-worker, notifications-worker, web, migrate).

ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund
RUN npm run build && npm run build --workspace @astrobookings/clients --if-present

FROM build AS production-deps
RUN npm prune --omit=dev --no-audit --no-fund

# Compiled code and production dependencies only, owned by and run as the unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production HOST=0.0.0.0
WORKDIR /app
COPY --from=production-deps --chown=node:node /app /app
USER node

FROM runtime AS auth
EXPOSE 4001
CMD ["node", "subgraphs/auth/dist/main.js"]

FROM runtime AS admin
EXPOSE 4002
CMD ["node", "subgraphs/admin/dist/main.js"]

FROM runtime AS customer
EXPOSE 4003
CMD ["node", "subgraphs/customer/dist/main.js"]

FROM runtime AS monitoring
EXPOSE 4004
CMD ["node", "subgraphs/monitoring/dist/main.js"]

FROM runtime AS gateway
EXPOSE 4000
CMD ["node", "gateway/dist/main.js"]

FROM runtime AS sync-worker
EXPOSE 4010
CMD ["node", "workers/dist/sync/main.js"]

FROM runtime AS notifications-worker
EXPOSE 4011
CMD ["node", "workers/dist/notifications/main.js"]

FROM runtime AS web
EXPOSE 4200
CMD ["node", "clients/server/dist/main.js"]

# `prisma migrate deploy` needs the Prisma CLI, a development dependency: keep them all.
FROM ${NODE_IMAGE} AS migrate
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
CMD ["npx", "prisma", "migrate", "deploy", "--config", "prisma/prisma.config.ts"]
