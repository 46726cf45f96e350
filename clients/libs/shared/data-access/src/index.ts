export { ApiError, isUnauthenticated, toApiError } from './api-error';
export { GATEWAY_URL, loadRuntimeConfig, queueDashboardUrl, type RuntimeConfig } from './config';
export { GraphqlHttp } from './graphql-http';
export { CursorPaging } from './paging';
export {
  injectMutation,
  injectQuery,
  type MutationState,
  type QueryOptions,
  type QueryState,
} from './query';
export { ACCESS_TOKEN_SOURCE, ANONYMOUS, provideApi, type AccessTokenSource } from './provide-api';
