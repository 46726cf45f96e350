import { provideHttpClient, withFetch } from '@angular/common/http';
import {
  inject,
  InjectionToken,
  makeEnvironmentProviders,
  type EnvironmentProviders,
} from '@angular/core';
import { ApolloLink, InMemoryCache } from '@apollo/client';
import { SetContextLink } from '@apollo/client/link/context';
import { ErrorLink } from '@apollo/client/link/error';
import { provideApollo } from 'apollo-angular';
import { HttpLink } from 'apollo-angular/http';
import { from, switchMap, throwError } from 'rxjs';
import { isUnauthenticated } from './api-error';
import { GATEWAY_URL } from './config';

/**
 * What the API layer needs from whoever keeps the session (the auth library),
 * without depending on it.
 */
export interface AccessTokenSource {
  /** A valid access token, refreshed first when it is about to expire; null when signed out. */
  accessToken(): Promise<string | null>;
  /** The gateway refused the token: refresh it now; false when the session is over. */
  recoverFromRejection(): Promise<boolean>;
}

export const ACCESS_TOKEN_SOURCE = new InjectionToken<AccessTokenSource>('ACCESS_TOKEN_SOURCE');

/** Operations sent without a bearer token (the context flag), e.g. while signing in. */
export const ANONYMOUS = { anonymous: true } as const;

const RETRIED = 'authRetried';

function authLinks(source: AccessTokenSource): ApolloLink {
  const bearer = new SetContextLink(async (context) => {
    if (context['anonymous'] === true) return {};
    const token = await source.accessToken();
    if (!token) return {};
    return { headers: { ...(context['headers'] as object), authorization: `Bearer ${token}` } };
  });
  // A token revoked or expired on the server's clock: refresh once and try again.
  const retry = new ErrorLink(({ error, operation, forward }) => {
    const context = operation.getContext();
    if (context[RETRIED] === true || context['anonymous'] === true) return;
    if (!isUnauthenticated(error)) return;
    operation.setContext({ [RETRIED]: true });
    return from(source.recoverFromRejection()).pipe(
      switchMap((renewed) => (renewed ? forward(operation) : throwError(() => error))),
    );
  });
  return ApolloLink.from([retry, bearer]);
}

/**
 * Apollo over Angular's HttpClient against GATEWAY_URL, with the session's
 * bearer token on every operation. Lists are read fresh from the network, so a
 * screen never shows what another user changed minutes ago.
 */
export function provideApi(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideHttpClient(withFetch()),
    provideApollo(() => {
      const http = inject(HttpLink).create({ uri: inject(GATEWAY_URL) });
      const source = inject(ACCESS_TOKEN_SOURCE);
      return {
        link: ApolloLink.from([authLinks(source), http]),
        cache: new InMemoryCache(),
        defaultOptions: {
          query: { fetchPolicy: 'network-only' },
          watchQuery: { fetchPolicy: 'network-only' },
        },
      };
    }),
  ]);
}
