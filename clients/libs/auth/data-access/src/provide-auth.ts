import {
  effect,
  inject,
  InjectionToken,
  makeEnvironmentProviders,
  provideEnvironmentInitializer,
  untracked,
  type EnvironmentProviders,
} from '@angular/core';
import { Router, type CanActivateFn } from '@angular/router';
import { ACCESS_TOKEN_SOURCE } from '@web/shared/data-access';
import type { Role } from './session';
import { SESSION_STORAGE_KEY } from './session-storage';
import { SessionStore } from './session.store';

/** Who an app is for: its name, the role it requires, where a signed-in user lands. */
export interface AuthAppConfig {
  /** Shown on the sign-in page: "AstroBookings for suppliers". */
  audience: string;
  role: Role;
  /** The route a signed-in user starts at. */
  home: string;
  /** Customers sign themselves up; staff accounts are created by employees. */
  allowSignUp: boolean;
}

export const AUTH_APP = new InjectionToken<AuthAppConfig>('AUTH_APP');

export const SIGN_IN_PATH = '/sign-in';

/**
 * The session for one app: stored under the app's own key, its tokens on every
 * API call, and back to the sign-in page whenever the session ends (signed out
 * in another tab, refresh refused) while a protected page is open.
 */
export function provideAuth(config: AuthAppConfig & { storageKey: string }): EnvironmentProviders {
  const { storageKey, ...app } = config;
  return makeEnvironmentProviders([
    { provide: AUTH_APP, useValue: app },
    { provide: SESSION_STORAGE_KEY, useValue: storageKey },
    { provide: ACCESS_TOKEN_SOURCE, useExisting: SessionStore },
    provideEnvironmentInitializer(() => {
      const store = inject(SessionStore);
      const router = inject(Router);
      effect(() => {
        if (store.signedIn()) return;
        untracked(() => {
          const url = router.url;
          if (!url.startsWith(SIGN_IN_PATH) && !url.startsWith('/sign-up') && router.navigated) {
            void router.navigate([SIGN_IN_PATH], { queryParams: { returnUrl: url } });
          }
        });
      });
    }),
  ]);
}

/** Lets a route open only for a signed-in user who holds the app's role. */
export const requireAppRole: CanActivateFn = (_route, state) => {
  const store = inject(SessionStore);
  const router = inject(Router);
  const app = inject(AUTH_APP);
  if (store.hasRole(app.role)) return true;
  return router.createUrlTree([SIGN_IN_PATH], { queryParams: { returnUrl: state.url } });
};

/** Sends a signed-in user with the app's role from the sign-in pages to the app. */
export const redirectSignedIn: CanActivateFn = () => {
  const store = inject(SessionStore);
  const app = inject(AUTH_APP);
  return store.hasRole(app.role) ? inject(Router).parseUrl(app.home) : true;
};
