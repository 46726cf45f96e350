import { defineConfig } from 'prisma/config';

// The Prisma CLI's settings (`--config prisma/prisma.config.ts`, or found here when run in
// prisma/); paths are relative to this file. Prisma 7 keeps no URL in schema.prisma: commands
// that connect read DATABASE_URL, `generate` needs none.
export default defineConfig({
  schema: 'schema.prisma',
  migrations: { path: 'migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
