import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AUTH_APP, SessionStore } from '@web/auth/data-access';
import { toApiError } from '@web/shared/data-access';
import { ErrorBannerComponent } from '@web/shared/ui';

/** Where each app's users sign in (and customers find the way to sign up). */
@Component({
  selector: 'auth-sign-in-page',
  imports: [FormsModule, RouterLink, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <section class="card auth-card" aria-labelledby="sign-in-title">
        <p class="eyebrow">AstroBookings · {{ app.audience }}</p>
        <h1 id="sign-in-title">Sign in</h1>
        <form class="form" (ngSubmit)="submit()" #form="ngForm">
          <div class="field">
            <label for="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="username"
              required
              [(ngModel)]="email"
            />
          </div>
          <div class="field">
            <label for="password">Password</label>
            <input
              id="password"
              name="password"
              type="password"
              autocomplete="current-password"
              required
              [(ngModel)]="password"
            />
          </div>
          <ui-error [message]="error()" />
          <button type="submit" class="btn btn-primary" [disabled]="busy() || !form.valid">
            {{ busy() ? 'Signing in…' : 'Sign in' }}
          </button>
        </form>
        @if (app.allowSignUp) {
          <p class="alt">
            New here? <a routerLink="/sign-up" [queryParams]="returnQuery()">Create an account</a>
          </p>
        } @else {
          <p class="alt muted">Accounts for this app are created by AstroBookings employees.</p>
        }
      </section>
    </main>
  `,
  styles: `
    .eyebrow {
      color: var(--primary);
      font-weight: 600;
      font-size: 0.85rem;
      text-transform: uppercase;
      letter-spacing: 0.05em;
      margin-bottom: 0.25rem;
    }
    .alt {
      margin: 1rem 0 0;
      font-size: 0.95rem;
    }
  `,
})
export class SignInPage {
  protected readonly app = inject(AUTH_APP);
  private readonly store = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected email = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected returnQuery(): Record<string, string> {
    const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl');
    return returnUrl ? { returnUrl } : {};
  }

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      const user = await this.store.signIn(this.email, this.password);
      if (!user.roles.includes(this.app.role)) {
        await this.store.signOut();
        this.error.set(`The account ${user.email} cannot use the app for ${this.app.audience}.`);
        return;
      }
      await this.router.navigateByUrl(
        safeReturnUrl(this.returnQuery()['returnUrl'], this.app.home),
      );
    } catch (failure) {
      // A wrong email or password both read as UNAUTHENTICATED: never say which.
      const error = toApiError(failure);
      this.error.set(
        error.code === 'UNAUTHENTICATED' ? 'The email or password is not right.' : error.message,
      );
    } finally {
      this.busy.set(false);
    }
  }
}

/** Only a path inside this app: never an address elsewhere that a link could smuggle in. */
export function safeReturnUrl(value: string | undefined, fallback: string): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/sign-')) {
    return fallback;
  }
  return value;
}
