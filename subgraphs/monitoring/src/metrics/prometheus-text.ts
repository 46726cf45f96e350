/** One sample of the Prometheus text exposition format (what prom-client serves at /metrics). */
export interface MetricSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+-?\d+)?\s*$/;
const LABEL = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*,?/y;

function unescapeLabel(value: string): string {
  return value.replace(/\\(.)/g, (_match, char: string) => (char === 'n' ? '\n' : char));
}

function parseValue(text: string): number {
  switch (text) {
    case '+Inf':
      return Number.POSITIVE_INFINITY;
    case '-Inf':
      return Number.NEGATIVE_INFINITY;
    default:
      return Number(text);
  }
}

function parseLabels(text: string): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  LABEL.lastIndex = 0;
  while (LABEL.lastIndex < text.length) {
    const match = LABEL.exec(text);
    if (match === null) return text.slice(LABEL.lastIndex).trim() === '' ? labels : undefined;
    labels[match[1]] = unescapeLabel(match[2]);
  }
  return labels;
}

/**
 * Parses the text format: comments and blank lines are skipped, and so is any
 * line that is not a well-formed sample (one bad line must not hide the rest).
 */
export function parsePrometheusText(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = SAMPLE.exec(line);
    if (match === null) continue;
    const labels = parseLabels(match[2] ?? '');
    const value = parseValue(match[3]);
    if (labels === undefined || Number.isNaN(value)) continue;
    samples.push({ name: match[1], labels, value });
  }
  return samples;
}
