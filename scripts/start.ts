import { loadConfig } from '@astrobookings/shared';
import { describeError, printLine, runCli, ScriptError } from './lib/cli';
import { describeExit, spawnService, waitUntilReady, type ChildService } from './lib/children';
import { migrate } from './migrate';
import {
  addressVariables,
  baseUrl,
  builtProcesses,
  reachableHost,
  readinessUrl,
  type Ports,
  type ProjectProcess,
} from './processes';
import { ensureServices } from './services';

/**
 * `npm start`: the stores, the migrations, then every built process of the
 * project, until Ctrl-C. One process dying takes the rest down (exit 1), so a
 * half-running system never looks healthy.
 */

/** Only for development: NODE_ENV=production never gets a known password. */
const DEMO_EMPLOYEE = {
  email: 'employee@astrobookings.test',
  password: 'Orbit-Demo-Employee-2026!',
};
const READY_TIMEOUT_MS = 60_000;
/** Longer than the processes' own graceful-shutdown bound (10 s), so SIGKILL is the last resort. */
const STOP_TIMEOUT_MS = 15_000;

class Supervisor {
  private readonly services: ChildService[] = [];
  private stopping?: Promise<never>;

  get shuttingDown(): boolean {
    return this.stopping !== undefined;
  }

  start(spec: ProjectProcess): ChildService {
    if (this.shuttingDown) throw new ScriptError('stopping');
    const service = spawnService(spec, process.env, { kind: 'terminal' });
    this.services.push(service);
    void service.exited.then((exit) => {
      if (this.shuttingDown) return;
      printLine(
        `start: ${spec.name} exited unexpectedly (${describeExit(exit)}); stopping everything`,
      );
      void this.shutdown(1);
    });
    return service;
  }

  /** Stops the gateway first (no new requests), then the rest together; exits with `code`. */
  shutdown(code: number): Promise<never> {
    this.stopping ??= (async () => {
      const running = this.services.filter((service) => service.running);
      if (running.length > 0) printLine(`start: stopping ${running.map((s) => s.name).join(', ')}`);
      const gateway = running.filter((service) => service.spec.kind === 'gateway');
      await Promise.all(gateway.map((service) => service.stop(STOP_TIMEOUT_MS)));
      const others = running.filter((service) => service.spec.kind !== 'gateway');
      await Promise.all(others.map((service) => service.stop(STOP_TIMEOUT_MS)));
      process.exit(code);
    })();
    return this.stopping;
  }
}

/**
 * Wires ports and URLs the user did not set to each other, so changing one port
 * variable is enough; and in development, names a demo employee to bootstrap.
 */
function applyDefaults(env: NodeJS.ProcessEnv, ports: Ports): { demoEmployee: boolean } {
  for (const [name, value] of Object.entries(addressVariables(ports, reachableHost(env)))) {
    if (!env[name]?.trim()) env[name] = value;
  }
  const unset = (name: string): boolean => !env[name]?.trim();
  const demoEmployee =
    env.NODE_ENV !== 'production' &&
    unset('BOOTSTRAP_EMPLOYEE_EMAIL') &&
    unset('BOOTSTRAP_EMPLOYEE_PASSWORD');
  if (demoEmployee) {
    env.BOOTSTRAP_EMPLOYEE_EMAIL = DEMO_EMPLOYEE.email;
    env.BOOTSTRAP_EMPLOYEE_PASSWORD = DEMO_EMPLOYEE.password;
  }
  return { demoEmployee };
}

function printAddresses(
  started: ProjectProcess[],
  missing: ProjectProcess[],
  ports: Ports,
  env: NodeJS.ProcessEnv,
  demoEmployee: boolean,
): void {
  const host = ['127.0.0.1', '0.0.0.0', '::', '', undefined].includes(env.HOST?.trim())
    ? 'localhost'
    : reachableHost(env);
  const url = (name: keyof Ports, suffix: string): string =>
    `${baseUrl(host, ports[name])}${suffix}`;
  const row = (label: string, value: string): string => `  ${label.padEnd(21)}${value}`;
  const lines = ['', 'AstroBookings is running:'];
  if (started.some((spec) => spec.kind === 'gateway')) {
    lines.push(
      row(
        'GraphQL gateway',
        `${url('gateway', '/graphql')}  (open it in a browser for Apollo Sandbox)`,
      ),
      row('health, readiness', `${url('gateway', '/health')}  ${url('gateway', '/ready')}`),
      row(
        'BullMQ dashboard',
        `${url('gateway', '/admin/queues')}  (OPERATOR access token required)`,
      ),
    );
  }
  for (const spec of started.filter((s) => s.kind === 'subgraph')) {
    lines.push(row(`${spec.name} subgraph`, url(spec.name, '/graphql')));
  }
  lines.push(row('metrics', '/metrics on each process above'));
  if (started.some((spec) => spec.kind === 'web')) {
    lines.push(
      row(
        'web apps',
        ['customer', 'supplier', 'employee', 'ops'].map((app) => url('web', `/${app}/`)).join('  '),
      ),
    );
  }
  if (missing.length > 0) {
    lines.push(row('not built yet', missing.map((spec) => spec.name).join(', ')));
  }
  if (demoEmployee) {
    lines.push(
      row('employee sign-in', `${DEMO_EMPLOYEE.email} / ${DEMO_EMPLOYEE.password}`),
      row('', '(demo account, created when no employee exists; set'),
      row('', 'BOOTSTRAP_EMPLOYEE_EMAIL and _PASSWORD to choose your own)'),
    );
  } else if (env.BOOTSTRAP_EMPLOYEE_EMAIL?.trim()) {
    lines.push(
      row(
        'employee sign-in',
        `${env.BOOTSTRAP_EMPLOYEE_EMAIL} (BOOTSTRAP_EMPLOYEE_*, created when no employee exists)`,
      ),
    );
  }
  lines.push('Press Ctrl-C to stop.', '');
  printLine(lines.join('\n'));
}

async function main(supervisor: Supervisor): Promise<void> {
  const config = loadConfig('start', [
    'database',
    'redis',
    'customerMongo',
    'systemMongo',
    'ports',
    'http',
  ]);
  const { ports } = config;
  const { demoEmployee } = applyDefaults(process.env, ports);
  await ensureServices({ config });
  await migrate(config.database.url);

  const { built, missing } = builtProcesses();
  for (const spec of missing)
    printLine(`start: ${spec.name} is not built yet (${spec.entry}); skipped`);
  if (built.length === 0) throw new ScriptError('no process is built: run `npm run build`');
  const host = reachableHost(process.env);
  // Subgraphs and workers come up together; the gateway composes over the subgraphs, so it goes last.
  for (const group of [
    built.filter((s) => s.kind !== 'gateway'),
    built.filter((s) => s.kind === 'gateway'),
  ]) {
    await Promise.all(
      group.map((spec) =>
        waitUntilReady(
          supervisor.start(spec),
          readinessUrl(host, ports[spec.name]),
          READY_TIMEOUT_MS,
        ),
      ),
    );
  }
  printAddresses(built, missing, ports, process.env, demoEmployee);
}

if (require.main === module) {
  const supervisor = new Supervisor();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void supervisor.shutdown(0));
  }
  runCli('start', () =>
    main(supervisor).catch(async (error: unknown) => {
      if (supervisor.shuttingDown) return;
      process.stderr.write(`start: ${describeError(error)}\n`);
      await supervisor.shutdown(1);
    }),
  );
}
