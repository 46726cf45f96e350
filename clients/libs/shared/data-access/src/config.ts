import { InjectionToken } from '@angular/core';

/** Where the apps find the gateway; read at start so one build serves every environment. */
export interface RuntimeConfig {
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  gatewayUrl: string;
}

/** The gateway's GraphQL endpoint every request goes to. */
export const GATEWAY_URL = new InjectionToken<string>('GATEWAY_URL');

/**
 * Reads `config.json` beside the app's index.html (the web server writes it from
 * its environment). Without one, as under `ng serve`, the gateway is assumed on
 * its default port of the page's host.
 */
export async function loadRuntimeConfig(
  fetchFn: typeof fetch = fetch,
  baseUri: string = document.baseURI,
): Promise<RuntimeConfig> {
  const fallback = (): RuntimeConfig => {
    const page = new URL(baseUri);
    return { gatewayUrl: `${page.protocol}//${page.hostname}:4000/graphql` };
  };
  try {
    const response = await fetchFn(new URL('config.json', baseUri).toString(), {
      cache: 'no-store',
    });
    if (!response.ok) return fallback();
    const body = (await response.json()) as Partial<RuntimeConfig>;
    return typeof body.gatewayUrl === 'string' && body.gatewayUrl !== ''
      ? { gatewayUrl: body.gatewayUrl }
      : fallback();
  } catch {
    return fallback();
  }
}

/** The BullMQ dashboard the gateway serves beside its GraphQL endpoint. */
export function queueDashboardUrl(gatewayUrl: string): string {
  return new URL('/admin/queues', gatewayUrl).toString();
}
