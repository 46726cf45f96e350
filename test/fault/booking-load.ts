import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { OPERATIONS, type ScheduledLaunch, type Session } from '../support/world';

/**
 * A steady booking load for the fault tier: a few customers book in a loop
 * through the gateway, each request bounded by a timeout, a failed one retried
 * with the same idempotency key as a well-behaved client does. Every request
 * and its outcome are kept for the checks afterwards.
 */

export const CONTRACT_CODES = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
]);

export interface BookingIntent {
  key: string;
  customer: Session;
  launchId: string;
  seats: number;
}

export type Outcome =
  | { kind: 'answer'; bookingId: string; status: string; ms: number }
  /** An error that says what it is: a contract code, or the gateway's address refusing connections. */
  | { kind: 'error'; detail: string; ms: number }
  /** No answer within the client's bound, or an answer nobody can act on. */
  | { kind: 'unclear'; detail: string; ms: number };

export interface Attempt {
  intent: BookingIntent;
  outcome: Outcome;
  at: number;
}

/** Connection failures that clearly say the gateway is not there (it was killed). */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

export async function bookOnce(
  gatewayUrl: string,
  intent: BookingIntent,
  timeoutMs: number,
): Promise<Outcome> {
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  let response: Response;
  let text: string;
  try {
    response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${intent.customer.accessToken}`,
      },
      body: JSON.stringify({
        query: OPERATIONS.bookSeats,
        variables: {
          input: { launchId: intent.launchId, seats: intent.seats, idempotencyKey: intent.key },
        },
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    if (cause !== undefined && CONNECTION_CODES.has(cause)) {
      return { kind: 'error', detail: `connection: ${cause}`, ms: ms() };
    }
    const name = (error as { name?: string }).name;
    return {
      kind: 'unclear',
      detail: name === 'TimeoutError' ? `no answer in ${timeoutMs} ms` : String(error),
      ms: ms(),
    };
  }
  let body: {
    data?: { bookSeats?: { id: string; status: string } | null } | null;
    errors?: { message?: string; extensions?: { code?: string } }[];
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { kind: 'unclear', detail: `HTTP ${response.status}: ${text.slice(0, 200)}`, ms: ms() };
  }
  const booking = body.data?.bookSeats;
  if (booking) return { kind: 'answer', bookingId: booking.id, status: booking.status, ms: ms() };
  const codes = (body.errors ?? []).map((error) => error.extensions?.code);
  if (codes.length > 0 && codes.every((code) => code !== undefined && CONTRACT_CODES.has(code))) {
    return {
      kind: 'error',
      detail: `HTTP ${response.status} ${codes.join(',')}: ${body.errors?.[0]?.message ?? ''}`,
      ms: ms(),
    };
  }
  return { kind: 'unclear', detail: `HTTP ${response.status}: ${text.slice(0, 200)}`, ms: ms() };
}

export class BookingLoad {
  readonly attempts: Attempt[] = [];
  readonly intents: BookingIntent[] = [];
  private running = false;
  private loops: Promise<void>[] = [];

  constructor(
    private readonly gatewayUrl: string,
    private readonly customers: Session[],
    private readonly launches: ScheduledLaunch[],
    private readonly options: { pauseMs: number; timeoutMs: number },
  ) {}

  start(): void {
    this.running = true;
    this.loops = this.customers.map((customer) => this.loop(customer));
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async loop(customer: Session): Promise<void> {
    while (this.running) {
      const intent: BookingIntent = {
        key: `fault-${randomUUID()}`,
        customer,
        launchId: this.launches[Math.floor(Math.random() * this.launches.length)].id,
        seats: 1 + Math.floor(Math.random() * 2),
      };
      this.intents.push(intent);
      // Retried with the same key while the system says it failed, as a client would.
      for (let retry = 0; retry < 3 && this.running; retry++) {
        const outcome = await this.attempt(intent);
        if (outcome.kind === 'answer') break;
        await sleep(this.options.pauseMs);
      }
      await sleep(this.options.pauseMs);
    }
  }

  async attempt(intent: BookingIntent): Promise<Outcome> {
    const outcome = await bookOnce(this.gatewayUrl, intent, this.options.timeoutMs);
    this.attempts.push({ intent, outcome, at: Date.now() });
    return outcome;
  }
}
