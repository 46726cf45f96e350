import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
// The enum is public API but not re-exported from the package's index.
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { CORRELATION_HEADER, ErrorCode } from '@astrobookings/shared';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './gateway-context';
import { subgraphFetcher } from './subgraph-fetcher';

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

const PASSED_ON_CODES = new Set<string>(
  Object.values(ErrorCode).filter((code) => code !== ErrorCode.Internal),
);

/** Forwards the caller's token, address and correlation id to every subgraph. */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, timeoutMs: number) {
    super({ url, fetcher: subgraphFetcher(timeoutMs) });
  }

  /**
   * A subgraph refuses with a 4xx what only it can check (a custom scalar's
   * value, say): its coded refusal goes to the client as it is, instead of an
   * internal error about the subgraph's HTTP status.
   */
  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const error = await super.errorFromResponse(response);
    const body = (error.extensions.response as { body?: unknown } | undefined)?.body;
    const first = (body as { errors?: { message?: unknown; extensions?: { code?: unknown } }[] })
      ?.errors?.[0];
    const code = first?.extensions?.code;
    if (
      response.status >= 400 &&
      response.status < 500 &&
      typeof first?.message === 'string' &&
      typeof code === 'string' &&
      PASSED_ON_CODES.has(code)
    ) {
      return new GraphQLError(first.message, { extensions: { code } });
    }
    return error;
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
