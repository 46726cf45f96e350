/** One of a process's own Prometheus figures from its /metrics (prom-client's process_* metrics). */
export async function processMetric(baseUrl: string, name: string): Promise<number | undefined> {
  const response = await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2_000) });
  const text = await response.text();
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\d+(?:\\.\\d+)?(?:e[+-]\\d+)?)$`, 'm').exec(
    text,
  );
  return match === null ? undefined : Number(match[1]);
}

/** CPU seconds (user and system) each process has used so far. */
export async function cpuSeconds(baseUrls: readonly string[]): Promise<number[]> {
  return Promise.all(
    baseUrls.map(async (url) => (await processMetric(url, 'process_cpu_seconds_total')) ?? NaN),
  );
}
