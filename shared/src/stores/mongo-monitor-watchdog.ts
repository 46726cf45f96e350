import type { Connection } from 'mongoose';

/** How often the monitors are looked at. */
const CHECK_EVERY_MS = 1_000;
/**
 * A check still running on a connection that closed settles within a tick
 * when all is well; this long after, it never will.
 */
const WEDGED_AFTER_MS = 4_000;

/** The part of the driver's (mongodb 7.8) server monitor this relies on. */
export interface ServerMonitor {
  s: { state: string };
  connection: { closed: boolean } | null;
  close(): void;
  connect(): void;
}

interface DriverTopology {
  s: { servers: Map<string, { monitor: ServerMonitor | null }> };
}

/**
 * Restarts server monitors the MongoDB driver leaves wedged. In mongodb 7.8 a
 * heartbeat written in the instant its socket closes waits for a 'drain' that
 * never comes: the monitor stays "monitoring" on a closed connection, the
 * server stays Unknown, and every operation fails server selection although
 * the store is back (FerretDB stopped and started under load 30 times in a
 * row: 9 times a connection never recovered).
 * A monitor found so for a few seconds is closed and started again, as the
 * driver itself does when a server is closed and connected again.
 */
export class MonitorWatchdog {
  private readonly wedgedSince = new WeakMap<ServerMonitor, number>();

  constructor(private readonly monitors: () => Iterable<ServerMonitor>) {}

  /** Looks at every monitor once; answers how many were restarted. */
  check(now: number): number {
    let restarted = 0;
    for (const monitor of this.monitors()) {
      const wedged = monitor.s.state === 'monitoring' && monitor.connection?.closed === true;
      if (!wedged) {
        this.wedgedSince.delete(monitor);
        continue;
      }
      const since = this.wedgedSince.get(monitor);
      if (since === undefined) {
        this.wedgedSince.set(monitor, now);
      } else if (now - since >= WEDGED_AFTER_MS) {
        this.wedgedSince.delete(monitor);
        monitor.close();
        monitor.connect();
        restarted += 1;
      }
    }
    return restarted;
  }

  /** Checks the connection's monitors until it closes. */
  static watch(connection: Connection): void {
    const watchdog = new MonitorWatchdog(function* () {
      const topology = (connection.getClient() as unknown as { topology?: DriverTopology })
        .topology;
      for (const server of topology?.s.servers.values() ?? []) {
        if (server.monitor !== null) yield server.monitor;
      }
    });
    const timer = setInterval(() => {
      try {
        watchdog.check(Date.now());
      } catch {
        // A driver whose internals differ: the watchdog stands down rather than take the process with it.
        clearInterval(timer);
      }
    }, CHECK_EVERY_MS);
    timer.unref();
    connection.once('close', () => clearInterval(timer));
  }
}
