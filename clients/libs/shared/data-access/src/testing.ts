import { provideHttpClientTesting } from '@angular/common/http/testing';
import type { EnvironmentProviders, Provider } from '@angular/core';
import { GATEWAY_URL } from './config';
import { ACCESS_TOKEN_SOURCE, provideApi, type AccessTokenSource } from './provide-api';

/** A signed-in session whose token the server never refuses. */
const SIGNED_IN: AccessTokenSource = {
  accessToken: () => Promise.resolve('token'),
  recoverFromRejection: () => Promise.resolve(false),
};

/**
 * For component specs: the API at `gatewayUrl` as a signed-in user sees it,
 * over Angular's HttpTestingController (the spec answers each request).
 */
export function provideApiTesting(gatewayUrl: string): (Provider | EnvironmentProviders)[] {
  return [
    { provide: GATEWAY_URL, useValue: gatewayUrl },
    { provide: ACCESS_TOKEN_SOURCE, useValue: SIGNED_IN },
    provideApi(),
    provideHttpClientTesting(),
  ];
}
