import { buildSchema, parse } from 'graphql';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gql } from '../support/graphql';
import { TestSmtpServer } from '../support/smtp';
import { startStack, type Stack } from '../support/stack';
import { snapshotDifferences, snapshotStores, type StoreSnapshot } from '../support/store-snapshot';
import { World, WORLD_ENV } from '../support/world';
import {
  contractOperations,
  generateCase,
  type FuzzCase,
  type FuzzWorld,
  type Target,
} from './cases';
import { fuzzSeed, Prng } from './prng';
import { tokenPool } from './tokens';

/**
 * The fuzz tier: thousands of generated requests, from a printed seed, at the
 * gateway and straight at the subgraphs. Every answer must be a success or an
 * error with one of the contract's codes (never INTERNAL_SERVER_ERROR, never a
 * 5xx), no process may fall over, and refused requests must leave the stores
 * exactly as they were.
 *
 * FUZZ_SEED replays a run; FUZZ_REQUESTS sets how many (default 10,000);
 * FUZZ_ONLY=<index> sends only that one of the run.
 */

const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
]);
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
/** FUZZ_ONLY=<index>, with FUZZ_SEED: sends only that request of the run, to look at one finding. */
const ONLY = process.env.FUZZ_ONLY === undefined ? undefined : Number(process.env.FUZZ_ONLY);
const CONCURRENCY = 8;
const REQUEST_TIMEOUT_MS = 30_000;
/** What changes by itself: telemetry, not data a request could have written. */
const SELF_CHANGING = ['system_logs', 'system_metrics', 'sync_logs'];
const LEAKS =
  /node_modules|\/work\/|\bat [\w.<>]+ \(|ECONNREFUSED|prisma|mongoose|Mongo(Server)?Error|SQLSTATE|stacktrace/i;

let smtp: TestSmtpServer;
let stack: Stack;
let fuzzWorld: FuzzWorld;

interface Finding {
  fuzzCase: FuzzCase;
  problem: string;
  answer: string;
}

function urlFor(target: Target, fuzzCase: FuzzCase): string {
  return `${stack.urls[target]}${fuzzCase.search ?? ''}`;
}

/** Whether the stores have stopped changing (the world's sync and mail are done). */
async function settledSnapshot(): Promise<StoreSnapshot> {
  const take = () =>
    snapshotStores({
      databaseUrl: stack.env.DATABASE_URL!,
      mongoUrls: [stack.env.CUSTOMER_MONGO_URL!, stack.env.SYSTEM_MONGO_URL!],
      exclude: SELF_CHANGING,
    });
  let previous = await take();
  for (let i = 0; i < 30; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const current = await take();
    if (snapshotDifferences(previous, current).length === 0) return current;
    previous = current;
  }
  throw new Error('the stores never stopped changing');
}

function judge(fuzzCase: FuzzCase, status: number, text: string): string | undefined {
  if (status >= 500) return `HTTP ${status}`;
  let body: {
    data?: Record<string, unknown> | null;
    errors?: { extensions?: { code?: unknown } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return LEAKS.test(text)
      ? 'the answer leaks internals'
      : `HTTP ${status} with a body that is not JSON`;
  }
  const answers = Array.isArray(body) ? (body as (typeof body)[]) : [body];
  for (const answer of answers) {
    const errors = answer?.errors ?? [];
    // Errors must not leak; data may (an operator's systemLogs shows the logged errors' details).
    if (LEAKS.test(JSON.stringify(errors))) return 'the answer leaks internals';
    for (const error of errors) {
      const code = error?.extensions?.code;
      if (typeof code !== 'string' || !CONTRACT_CODES.has(code)) {
        return `an error with code ${JSON.stringify(code)}`;
      }
    }
    if (status >= 400 && errors.length === 0) return `HTTP ${status} without a coded error`;
    if (fuzzCase.mustRefuse && errors.length === 0) {
      const values = Object.values(answer?.data ?? {});
      // logout answers false for a token that is not the caller's: refused without an error.
      if (!values.every((value) => value === false || value === null)) {
        return 'a mutation with a defect succeeded';
      }
    }
  }
  return undefined;
}

async function send(fuzzCase: FuzzCase): Promise<Finding | undefined> {
  try {
    const response = await fetch(urlFor(fuzzCase.target, fuzzCase), {
      method: fuzzCase.method,
      headers: fuzzCase.headers,
      body: fuzzCase.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    const problem = judge(fuzzCase, response.status, text);
    return problem === undefined ? undefined : { fuzzCase, problem, answer: text.slice(0, 400) };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    // A server may close the connection on a body over its limit before reading it all.
    if (
      fuzzCase.summary === 'body over the limit' &&
      (cause === 'ECONNRESET' || cause === 'EPIPE')
    ) {
      return undefined;
    }
    return {
      fuzzCase,
      problem: `no answer: ${error instanceof Error ? error.message : String(error)} ${cause ?? ''}`,
      answer: '',
    };
  }
}

beforeAll(async () => {
  smtp = await TestSmtpServer.start();
  stack = await startStack({
    name: 'fuzz',
    portBase: 5830,
    env: { ...WORLD_ENV, SMTP_URL: smtp.url, RATE_LIMIT_PER_MINUTE: '1000000' },
  });
  const world = new World(stack.urls.gateway);
  const employee = await world.employee();
  const operator = await world.staff(employee, 'OPERATOR');
  const customer = await world.register();
  const spaceportId = await world.spaceport(employee);
  const fleet = await world.supplier(employee);
  const launch = await world.scheduleLaunch(fleet, spaceportId);
  await world.untilOnSale([launch.id], customer.accessToken);
  fuzzWorld = {
    schema: buildSchema(
      readFileSync(path.join(__dirname, '../../gateway/api-schema.graphql'), 'utf8'),
    ),
    operations: contractOperations(
      parse(readFileSync(path.join(__dirname, 'operations.graphql'), 'utf8')),
    ),
    pools: {
      ids: [
        launch.id,
        spaceportId,
        fleet.rocketId,
        fleet.supplierId,
        customer.user.id,
        employee.user.id,
      ],
      emails: [customer.user.email, employee.user.email, 'nobody@example.com'],
      destinations: ['Lunar orbit', 'lunar ORBIT', 'Mars transfer', ''],
    },
    tokens: await tokenPool(stack.env.AUTH_KEYS_DIR!, [
      customer.accessToken,
      employee.accessToken,
      operator.accessToken,
      fleet.session.accessToken,
    ]),
  };
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await smtp?.stop();
});

it(
  `answers ${REQUESTS} generated requests with coded errors or successes, stays up, and refused requests write nothing`,
  async () => {
    const seed = fuzzSeed();
    process.stdout.write(
      `fuzz: seed ${seed} (replay with FUZZ_SEED=${seed}), ${REQUESTS} requests\n`,
    );
    // A customer's first read creates their profile: done now, so only refused requests remain to write.
    for (const token of fuzzWorld.tokens.valid) {
      await gql(stack.urls.customer, 'query { myProfile { email } }', {}, { token });
    }
    const before = await settledSnapshot();
    const prng = new Prng(seed);
    const findings: Finding[] = [];
    const byCategory = new Map<string, number>();
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        // Generated in index order whichever loop asks, so a seed always makes the same requests.
        while (next < REQUESTS) {
          const fuzzCase = generateCase(fuzzWorld, prng, next++);
          if (ONLY !== undefined && fuzzCase.index !== ONLY) continue;
          if (ONLY !== undefined) {
            process.stdout.write(
              `fuzz: #${ONLY} → ${fuzzCase.target} ${fuzzCase.method} ${JSON.stringify(fuzzCase.headers)}\n${String(fuzzCase.body ?? fuzzCase.search)}\n`,
            );
          }
          byCategory.set(fuzzCase.category, (byCategory.get(fuzzCase.category) ?? 0) + 1);
          const finding = await send(fuzzCase);
          if (finding !== undefined) findings.push(finding);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `fuzz: ${REQUESTS} requests in ${seconds.toFixed(0)} s (${[...byCategory].map(([c, n]) => `${c} ${n}`).join(', ')}); ${findings.length} findings\n`,
    );

    const after = await settledSnapshot();
    const readiness = await Promise.all(
      Object.entries(stack.baseUrls).map(async ([name, url]) => {
        const response = await fetch(`${url}/ready`, { signal: AbortSignal.timeout(5_000) }).catch(
          () => undefined,
        );
        return [name, response?.status ?? 'down'] as const;
      }),
    );
    const report = findings
      .slice(0, 15)
      .map(
        (f) =>
          `#${f.fuzzCase.index} ${f.fuzzCase.category} → ${f.fuzzCase.target}: ${f.problem}\n  sent: ${f.fuzzCase.summary}\n  got: ${f.answer}`,
      );
    expect({ seed, findings: report, findingCount: findings.length }).toEqual({
      seed,
      findings: [],
      findingCount: 0,
    });
    expect(snapshotDifferences(before, after)).toEqual([]);
    expect(readiness.filter(([, status]) => status !== 200)).toEqual([]);
  },
  30 * 60_000,
);
