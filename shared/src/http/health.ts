import type { Express } from 'express';
import type { Metrics } from './metrics';

/** One dependency a process needs in order to serve: a store, a queue, another service. */
export interface DependencyCheck {
  name: string;
  check: () => Promise<unknown>;
}

export interface DependencyState {
  status: 'up' | 'down';
  error?: string;
}

export interface ReadinessReport {
  status: 'ready' | 'unavailable';
  service: string;
  dependencies: Record<string, DependencyState>;
}

const CHECK_TIMEOUT_MS = 2_000;

async function probe(dependency: DependencyCheck): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      dependency.check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS);
      }),
    ]);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

export async function checkReadiness(
  service: string,
  dependencies: readonly DependencyCheck[],
): Promise<ReadinessReport> {
  const states = await Promise.all(
    dependencies.map(async (d) => [d.name, await probe(d)] as const),
  );
  const ready = states.every(([, state]) => state.status === 'up');
  return {
    status: ready ? 'ready' : 'unavailable',
    service,
    dependencies: Object.fromEntries(states),
  };
}

/** /health (the process is alive), /ready (every dependency answers, else 503) and /metrics. */
export function mountOperationalRoutes(
  app: Express,
  service: string,
  dependencies: readonly DependencyCheck[],
  metrics: Metrics,
): void {
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service, uptimeSeconds: Math.round(process.uptime()) });
  });
  app.get('/ready', async (_req, res) => {
    const report = await checkReadiness(service, dependencies);
    res.status(report.status === 'ready' ? 200 : 503).json(report);
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
}
