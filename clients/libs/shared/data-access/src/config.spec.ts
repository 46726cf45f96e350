import { loadRuntimeConfig, queueDashboardUrl } from './config';

const BASE = 'http://apps.example.com:4200/ops/';

/** A fetch that answers like a server would (jsdom has no fetch of its own). */
function answering(status: number, body: unknown): typeof fetch {
  return jest.fn(() =>
    Promise.resolve({ ok: status < 300, status, json: () => Promise.resolve(body) } as Response),
  );
}

describe('runtime configuration', () => {
  it('reads config.json beside the app’s index.html', async () => {
    const fetchFn = answering(200, { gatewayUrl: 'https://api.example.com/graphql' });
    await expect(loadRuntimeConfig(fetchFn, BASE)).resolves.toEqual({
      gatewayUrl: 'https://api.example.com/graphql',
    });
    expect(fetchFn).toHaveBeenCalledWith('http://apps.example.com:4200/ops/config.json', {
      cache: 'no-store',
    });
  });

  it('assumes the gateway’s default port on the page’s host without one', async () => {
    const expected = { gatewayUrl: 'http://apps.example.com:4000/graphql' };
    await expect(loadRuntimeConfig(answering(404, {}), BASE)).resolves.toEqual(expected);
    await expect(loadRuntimeConfig(answering(200, { gatewayUrl: '' }), BASE)).resolves.toEqual(
      expected,
    );
    const offline = jest.fn(() => Promise.reject(new TypeError('offline'))) as typeof fetch;
    await expect(loadRuntimeConfig(offline, BASE)).resolves.toEqual(expected);
  });

  it('finds bull-board beside the gateway’s GraphQL endpoint', () => {
    expect(queueDashboardUrl('http://localhost:4000/graphql')).toBe(
      'http://localhost:4000/admin/queues',
    );
  });
});
