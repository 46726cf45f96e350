import { readFileSync } from 'node:fs';

/**
 * The machine's CPU time so far, from the first line of /proc/stat (ticks): all
 * of it, and the steal, the time its virtual CPUs were ready to run while the
 * hypervisor ran other guests. Undefined off Linux.
 */
function cpuTicks(): { total: number; steal: number } | undefined {
  try {
    const [line] = readFileSync('/proc/stat', 'utf8').split('\n', 1);
    // user nice system idle iowait irq softirq steal (guest time is counted in user already).
    const ticks = line.trim().split(/\s+/).slice(1, 9).map(Number);
    return { total: ticks.reduce((sum, tick) => sum + tick, 0), steal: ticks[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/**
 * Starts counting; the function returned answers the share of the machine's CPU
 * time stolen since ("12%"), "?" where it cannot tell. On shared cores a figure
 * measured while a quarter of the time went to other guests is not the build's.
 */
export function stealMeter(): () => string {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    if (start === undefined || end === undefined || end.total === start.total) return '?';
    return `${Math.round((100 * (end.steal - start.steal)) / (end.total - start.total))}%`;
  };
}
