import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// The enum is public API but not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { CORRELATION_HEADER } from '@astrobookings/shared';
import type { GatewayContext } from './gateway-context';

type Fetcher = NonNullable<ConstructorParameters<typeof RemoteGraphQLDataSource>[0]>['fetcher'];

/**
 * Node's fetch keeps connections to each subgraph alive and pooled; every
 * call is bounded so a hung subgraph fails the request instead of holding it.
 */
function boundedFetcher(timeoutMs: number): Fetcher {
  return (url, init) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/** Forwards the caller's token, address and correlation id to every subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, timeoutMs: number) {
    super({ url, fetcher: boundedFetcher(timeoutMs) });
  }

  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    const headers = options.request.http?.headers;
    if (headers === undefined || options.kind !== GraphQLDataSourceRequestKind.INCOMING_OPERATION) {
      return;
    }
    const { context } = options;
    headers.set(CORRELATION_HEADER, context.correlationId);
    headers.set('x-forwarded-for', context.clientIp);
    if (context.authorization !== undefined) headers.set('authorization', context.authorization);
  }
}
