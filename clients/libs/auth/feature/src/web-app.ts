import {
  ChangeDetectionStrategy,
  Component,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import {
  provideRouter,
  RouterOutlet,
  withComponentInputBinding,
  type Routes,
} from '@angular/router';
import {
  provideAuth,
  redirectSignedIn,
  requireAppRole,
  type AuthAppConfig,
} from '@web/auth/data-access';
import { GATEWAY_URL, loadRuntimeConfig, provideApi } from '@web/shared/data-access';
import type { NavLink } from '@web/shared/ui';
import { AppShellComponent } from './app-shell.component';
import { SignInPage } from './sign-in.page';
import { SignUpPage } from './sign-up.page';

@Component({
  selector: 'app-root',
  imports: [RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: '<router-outlet />',
})
class WebAppRoot {}

export interface WebAppOptions {
  auth: AuthAppConfig & { storageKey: string };
  /** The app's sections in its navigation. */
  links: NavLink[];
  /** The signed-in pages, under the app's shell. */
  pages: Routes;
}

/** A page's title in the browser tab: "Launches · AstroBookings". */
export function pageTitle(page: string): string {
  return `${page} · AstroBookings`;
}

/** An app's routes: its sign-in (and sign-up) pages, and its pages behind the role check. */
export function webAppRoutes(options: WebAppOptions): Routes {
  const title = pageTitle;
  return [
    {
      path: 'sign-in',
      component: SignInPage,
      canActivate: [redirectSignedIn],
      title: title('Sign in'),
    },
    ...(options.auth.allowSignUp
      ? [
          {
            path: 'sign-up',
            component: SignUpPage,
            canActivate: [redirectSignedIn],
            title: title('Sign up'),
          },
        ]
      : []),
    {
      path: '',
      component: AppShellComponent,
      canActivate: [requireAppRole],
      data: { links: options.links },
      children: [
        { path: '', pathMatch: 'full', redirectTo: options.auth.home.replace(/^\//, '') },
        ...options.pages,
      ],
    },
    { path: '**', redirectTo: '' },
  ];
}

/**
 * Starts one of the web apps: reads where the gateway is, then boots zoneless
 * with the router, the API client and the app's session.
 */
export function bootstrapWebApp(options: WebAppOptions): void {
  loadRuntimeConfig()
    .then((runtime) =>
      bootstrapApplication(WebAppRoot, {
        providers: [
          provideBrowserGlobalErrorListeners(),
          provideZonelessChangeDetection(),
          provideRouter(webAppRoutes(options), withComponentInputBinding()),
          { provide: GATEWAY_URL, useValue: runtime.gatewayUrl },
          provideApi(),
          provideAuth(options.auth),
        ],
      }),
    )
    .catch((error: unknown) => console.error(error));
}
