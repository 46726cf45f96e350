import type { ReadinessReport } from '@astrobookings/shared';
import { ServiceState, type DependencyHealth, type ServiceHealth } from './service-health.type';
import type { WatchedProcess } from './watched-processes';

const PROBE_TIMEOUT_MS = 3_000;

function dependenciesOf(body: unknown): DependencyHealth[] {
  const report = body as Partial<ReadinessReport> | null;
  return Object.entries(report?.dependencies ?? {}).map(([name, state]) => ({
    name,
    up: state.status === 'up',
    error: state.error ?? null,
  }));
}

/** Asks every process of the system whether it is ready, all at once. */
export class ServiceHealthService {
  constructor(
    private readonly processes: readonly WatchedProcess[],
    private readonly fetcher: typeof fetch = fetch,
  ) {}

  checkAll(): Promise<ServiceHealth[]> {
    return Promise.all(this.processes.map((process) => this.check(process)));
  }

  private async check({ service, baseUrl }: WatchedProcess): Promise<ServiceHealth> {
    const url = `${baseUrl}/ready`;
    const started = performance.now();
    try {
      const response = await this.fetcher(url, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
      const body: unknown = await response.json().catch(() => null);
      return {
        service,
        status: response.status === 200 ? ServiceState.UP : ServiceState.DOWN,
        checkedAt: new Date(),
        url,
        latencyMs: Math.round(performance.now() - started),
        dependencies: dependenciesOf(body),
      };
    } catch {
      return {
        service,
        status: ServiceState.UNREACHABLE,
        checkedAt: new Date(),
        url,
        latencyMs: null,
        dependencies: [],
      };
    }
  }
}
