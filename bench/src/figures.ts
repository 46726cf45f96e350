/** One measured figure, with the issue's target when it has one. */
export interface Figure {
  name: string;
  /** Undefined when it could not be measured; `note` says why. */
  value: number | undefined;
  unit: string;
  target?: { op: '<' | '<=' | '>='; value: number };
  /** What the load was, or why there is no value. */
  note?: string;
}

export type Verdict = 'pass' | 'MISS' | 'n/a' | '';

export function verdictOf(figure: Figure): Verdict {
  if (figure.target === undefined) return '';
  if (figure.value === undefined || Number.isNaN(figure.value)) return 'n/a';
  const { op, value } = figure.target;
  const ok =
    op === '<' ? figure.value < value : op === '<=' ? figure.value <= value : figure.value >= value;
  return ok ? 'pass' : 'MISS';
}

function formatNumber(value: number | undefined, unit: string): string {
  if (value === undefined || Number.isNaN(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  return `${value.toFixed(digits)}${unit === '×' ? '×' : ` ${unit}`}`;
}

function formatTarget(figure: Figure): string {
  if (figure.target === undefined) return '';
  const { op, value } = figure.target;
  const symbol = op === '<=' ? '≤' : op === '>=' ? '≥' : '<';
  return `${symbol} ${formatNumber(value, figure.unit)}`;
}

/** A Markdown table: readable in a terminal and pasted as is into the README. */
export function renderTable(figures: readonly Figure[]): string {
  const rows = figures.map((figure) => [
    figure.name,
    formatNumber(figure.value, figure.unit),
    formatTarget(figure),
    verdictOf(figure),
    figure.note ?? '',
  ]);
  const header = ['figure', 'value', 'target', 'result', 'load / note'];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => [...row[i]].length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => cell + ' '.repeat(widths[i] - [...cell].length)).join(' | ')} |`;
  return [
    line(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...rows.map(line),
  ].join('\n');
}
