import type { Redis } from 'ioredis';
import { once } from 'node:events';
import { createRedis, createRedisSubscriber } from './redis';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const CONNECTIONS = 30;

/**
 * Subscribing while the connection is still being made, or the moment it
 * connects, as the Customer subgraph does at start (two subscriptions on one
 * connection): no
 * connection may refuse a command or fail, and each one receives what is
 * published afterwards.
 */
it('subscribes while connecting without a refused command, and receives', async () => {
  const errors: Error[] = [];
  const subscribers: Redis[] = [];
  const publisher = createRedis(REDIS_URL, 'redis-subscriber-int');
  const channel = `redis-subscriber-int-${process.pid}`;
  try {
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        const subscriber = createRedisSubscriber(REDIS_URL);
        subscribers.push(subscriber);
        subscriber.on('error', (error: Error) => errors.push(error));
        // Half subscribe at once, half the moment the socket connects (the handshake's time).
        if (subscribers.length % 2 === 0) await once(subscriber, 'connect');
        await Promise.all([
          subscriber.subscribe(channel),
          subscriber.subscribe(`${channel}-other`),
        ]);
      }),
    );
    const received = subscribers.map(
      (subscriber) =>
        new Promise<string>((resolve) =>
          subscriber.once('message', (_, message) => resolve(message)),
        ),
    );
    expect(await publisher.publish(channel, 'hello')).toBe(CONNECTIONS);
    expect(await Promise.all(received)).toEqual(Array(CONNECTIONS).fill('hello'));
    expect(errors).toEqual([]);
  } finally {
    await Promise.all([...subscribers, publisher].map((connection) => connection.quit()));
  }
});
