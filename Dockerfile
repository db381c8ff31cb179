# One image for every AidNet process (registry node, gateway, mutual-aid, conference);
# docker-compose.yml picks the entry point. No network access is needed at run time.
FROM node:20-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run codegen
ENV NODE_ENV=production APOLLO_TELEMETRY_DISABLED=true
