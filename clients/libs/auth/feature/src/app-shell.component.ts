import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterOutlet } from '@angular/router';
import { AUTH_APP, SessionStore, SIGN_IN_PATH } from '@web/auth/data-access';
import { toApiError } from '@web/shared/data-access';
import { ErrorBannerComponent, ShellComponent, type NavLink } from '@web/shared/ui';

/**
 * The layout route of a signed-in app, wired to the session: who is signed in,
 * signing out, and the app's sections (the route's `data.links`).
 */
@Component({
  selector: 'auth-app-shell',
  imports: [ShellComponent, ErrorBannerComponent, RouterOutlet],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-shell
      [appName]="app.audience"
      [homePath]="app.home"
      [links]="links()"
      [userName]="userName()"
      [userEmail]="store.user()?.email ?? null"
      (signOut)="signOut(false)"
      (signOutEverywhere)="signOut(true)"
    >
      @if (error()) {
        <ui-error [message]="error()" />
      }
      <router-outlet />
    </ui-shell>
  `,
})
export class AppShellComponent {
  protected readonly app = inject(AUTH_APP);
  protected readonly store = inject(SessionStore);
  private readonly router = inject(Router);
  readonly links = input<NavLink[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly userName = computed(() => this.store.user()?.name ?? null);

  protected async signOut(everywhere: boolean): Promise<void> {
    this.error.set(null);
    try {
      if (everywhere) await this.store.signOutEverywhere();
      else await this.store.signOut();
      await this.router.navigateByUrl(SIGN_IN_PATH);
    } catch (failure) {
      this.error.set(toApiError(failure).message);
    }
  }
}
