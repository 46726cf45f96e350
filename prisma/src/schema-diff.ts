import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory, ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Pool } from 'pg';
import type * as SchemaEngineWasm from '@prisma/schema-engine-wasm/schema_engine_bg' with {
  'resolution-mode': 'import',
};

/**
 * Prisma's own schema differ (what `prisma migrate diff` runs), loaded from its
 * WebAssembly build and connected through the pg driver adapter, because the
 * native schema engine the CLI needs cannot be installed everywhere we build.
 * Development tooling: its packages are devDependencies.
 */

/** The schema this package ships. */
export const SCHEMA_PATH = path.resolve(__dirname, '..', 'schema.prisma');

/** What the differ prints when two sides are the same. */
const EMPTY_MIGRATION = '-- This is an empty migration.';

type Engine = SchemaEngineWasm.SchemaEngine;
type DiffTarget = SchemaEngineWasm.DiffTarget;
type Glue = typeof SchemaEngineWasm & { __wbg_set_wasm(exports: unknown): void };

// @types/node does not declare the WebAssembly global; this is the part used here.
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: { __wbindgen_start(): void } } }>;
};

// Node loads the wasm-bindgen glue as ES module; the wasm file itself is instantiated here
// because Node cannot import .wasm modules without a flag.
// The engine reports a Rust panic's message here before it throws.
const panics = {
  message: '',
  set_message(message: string) {
    this.message = message;
  },
};

async function loadEngineModule(): Promise<Glue> {
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: typeof panics }).PRISMA_WASM_PANIC_REGISTRY =
    panics;
  const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as Glue;
  const wasmPath = require
    .resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    .replace(/\.js$/, '.wasm');
  const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
    './schema_engine_bg.js': glue,
  });
  glue.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return glue;
}

/**
 * The pg driver adapter over a pool for `databaseUrl`, taught one type it lacks:
 * PostgreSQL's internal `"char"`, which introspection reads from pg_catalog. The
 * pool reports such columns as text (which the adapter accepts) and the adapter
 * then describes them to the engine as characters, as the engine expects.
 */
function introspectionAdapter(databaseUrl: string): { factory: PrismaPg; pool: Pool } {
  const PG_CHAR_OID = 18;
  const PG_TEXT_OID = 25;
  const charColumns = new WeakMap<object, number[]>();
  const pool = new Pool({ connectionString: databaseUrl, max: 2 });
  const query = pool.query.bind(pool) as (
    ...args: unknown[]
  ) => Promise<{ fields?: { dataTypeID: number }[]; rows: object }>;
  (pool as unknown as { query: typeof query }).query = async (...args) => {
    const result = await query(...args);
    const indexes: number[] = [];
    result.fields?.forEach((field, index) => {
      if (field.dataTypeID !== PG_CHAR_OID) return;
      field.dataTypeID = PG_TEXT_OID;
      indexes.push(index);
    });
    if (indexes.length > 0) charColumns.set(result.rows, indexes);
    return result;
  };
  const factory = new PrismaPg(pool);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    const queryRaw = adapter.queryRaw.bind(adapter);
    adapter.queryRaw = async (sql) => {
      const result = await queryRaw(sql);
      for (const index of charColumns.get(result.rows) ?? []) {
        result.columnTypes[index] = ColumnTypeEnum.Character;
      }
      return result;
    };
    return adapter;
  };
  return { factory, pool };
}

async function withEngine<T>(
  schema: string,
  databaseUrl: string,
  use: (engine: Engine, schemaFile: { path: string; content: string }) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadEngineModule();
  const { factory, pool } = introspectionAdapter(databaseUrl);
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const schemaFile = { path: SCHEMA_PATH, content: schema };
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaFile.path, schemaFile.content]] },
    () => undefined,
    adapter,
  );
  try {
    return await use(engine, schemaFile);
  } catch (error) {
    if (panics.message !== '') throw new Error(`schema engine panicked: ${panics.message}`);
    throw error;
  } finally {
    engine.free();
    await pool.end();
  }
}

async function diff(engine: Engine, from: DiffTarget, to: DiffTarget): Promise<string> {
  const result = await engine.diff({
    from,
    to,
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const script = (result.stdout ?? '').trim();
  return script === EMPTY_MIGRATION ? '' : script;
}

/**
 * The SQL `prisma migrate dev` writes for a first migration of `schema`: the
 * differ's script from nothing, without the CREATE SCHEMA of the always-present
 * public schema. The differ reads the server's version from `databaseUrl`, any
 * database of the target server; nothing is changed there.
 */
export async function initialMigrationSql(databaseUrl: string, schema: string): Promise<string> {
  const script = await withEngine(schema, databaseUrl, (engine, file) =>
    diff(engine, { tag: 'empty' }, { tag: 'schemaDatamodel', files: [file] }),
  );
  return `${script.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, '')}\n`;
}

/**
 * What would have to change in the database at `databaseUrl` to match `schema`:
 * the empty string when the two agree (tables, columns, types, defaults, keys,
 * indexes, enums). CHECK constraints are outside what Prisma compares.
 */
export async function databaseDrift(databaseUrl: string, schema: string): Promise<string> {
  return withEngine(schema, databaseUrl, (engine, file) =>
    diff(
      engine,
      { tag: 'schemaDatasource', files: [file], configDir: path.dirname(SCHEMA_PATH) },
      { tag: 'schemaDatamodel', files: [file] },
    ),
  );
}

/**
 * `node prisma/dist/schema-diff.js migration-sql <databaseUrl>` prints a first migration's SQL.
 * `node prisma/dist/schema-diff.js drift <databaseUrl>` prints what the database lacks of
 * schema.prisma and exits 2 when there is some: run on a database migrated to the latest
 * migration (`npm run migrate`), that is the next migration's SQL.
 */
async function cli(argv: string[]): Promise<number> {
  const schema = await readFile(SCHEMA_PATH, 'utf8');
  const [command, databaseUrl] = argv;
  if (command === 'migration-sql' && databaseUrl !== undefined) {
    process.stdout.write(await initialMigrationSql(databaseUrl, schema));
    return 0;
  }
  if (command === 'drift' && databaseUrl !== undefined) {
    const drift = await databaseDrift(databaseUrl, schema);
    process.stdout.write(drift === '' ? '' : `${drift}\n`);
    return drift === '' ? 0 : 2;
  }
  process.stderr.write('usage: schema-diff migration-sql|drift <databaseUrl>\n');
  return 1;
}

if (require.main === module) {
  cli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
