import { MonitorWatchdog, type ServerMonitor } from './mongo-monitor-watchdog';

function monitor(state: string, closed: boolean | null) {
  const calls: string[] = [];
  const fake: ServerMonitor & { calls: string[] } = {
    s: { state },
    connection: closed === null ? null : { closed },
    calls,
    close: () => calls.push('close'),
    connect: () => calls.push('connect'),
  };
  return fake;
}

describe('MonitorWatchdog', () => {
  it('restarts a monitor still checking on a closed connection after a few seconds, once', () => {
    const wedged = monitor('monitoring', true);
    const watchdog = new MonitorWatchdog(() => [wedged]);

    expect(watchdog.check(0)).toBe(0);
    expect(watchdog.check(3_999)).toBe(0);
    expect(wedged.calls).toEqual([]);
    expect(watchdog.check(4_000)).toBe(1);
    expect(wedged.calls).toEqual(['close', 'connect']);
    // Seen wedged again: the clock starts over.
    expect(watchdog.check(5_000)).toBe(0);
    expect(wedged.calls).toHaveLength(2);
  });

  it('leaves monitors alone that are idle, checking on an open connection, or connecting', () => {
    const healthy = [
      monitor('idle', true),
      monitor('monitoring', false),
      monitor('monitoring', null),
      monitor('idle', null),
    ];
    const watchdog = new MonitorWatchdog(() => healthy);

    for (const now of [0, 10_000, 60_000]) expect(watchdog.check(now)).toBe(0);
    expect(healthy.flatMap((fake) => fake.calls)).toEqual([]);
  });

  it('forgets a monitor that recovered on its own before the bound', () => {
    const flapping = monitor('monitoring', true);
    const watchdog = new MonitorWatchdog(() => [flapping]);

    watchdog.check(0);
    flapping.connection = null;
    watchdog.check(2_000);
    flapping.connection = { closed: true };
    expect(watchdog.check(4_500)).toBe(0);
    expect(watchdog.check(8_000)).toBe(0);
    expect(watchdog.check(8_500)).toBe(1);
  });
});
