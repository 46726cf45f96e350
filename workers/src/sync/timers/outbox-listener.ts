import type { Logger } from '@astrobookings/shared';
import pg from 'pg';

/** The channel the outbox trigger notifies (prisma/migrations/*_outbox_notify). */
export const OUTBOX_CHANNEL = 'outbox_events';
const RECONNECT_MS = 1_000;

/**
 * Wakes the outbox relay as soon as PostgreSQL commits an outbox event (LISTEN
 * on the trigger's NOTIFY), so a change reaches the customer store in
 * milliseconds instead of up to a poll interval later. Polling goes on as the
 * safety net; while PostgreSQL is away this reconnects every second, and after
 * each (re)connection wakes the relay once for what was committed meanwhile.
 */
export class OutboxListener {
  private client?: pg.Client;
  private retry?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly wake: () => void,
    private readonly logger: Logger,
  ) {}

  start(): void {
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const url = new URL(this.databaseUrl);
    // Prisma's `schema` parameter means nothing to node-postgres.
    url.searchParams.delete('schema');
    const client = new pg.Client({
      connectionString: url.toString(),
      connectionTimeoutMillis: 5_000,
    });
    client.on('notification', () => this.wake());
    client.on('error', (error) =>
      this.logger.warn({ err: error }, 'outbox listener lost PostgreSQL'),
    );
    client.on('end', () => {
      if (this.client !== client) return;
      this.client = undefined;
      this.reconnectSoon();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    } catch (error) {
      this.logger.warn({ err: error }, 'outbox listener could not listen; polling meanwhile');
      await client.end().catch(() => undefined);
      this.reconnectSoon();
      return;
    }
    if (this.stopped) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.wake();
  }

  private reconnectSoon(): void {
    if (this.stopped) return;
    this.retry = setTimeout(() => void this.connect(), RECONNECT_MS);
  }
}
