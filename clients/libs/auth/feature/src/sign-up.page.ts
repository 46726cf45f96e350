import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { AUTH_APP, SessionStore } from '@web/auth/data-access';
import { toApiError } from '@web/shared/data-access';
import { ErrorBannerComponent } from '@web/shared/ui';
import { safeReturnUrl } from './sign-in.page';

/** Customers create their own account (always the CUSTOMER role) and are signed in at once. */
@Component({
  selector: 'auth-sign-up-page',
  imports: [FormsModule, RouterLink, ErrorBannerComponent],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <main class="auth-page">
      <section class="card auth-card" aria-labelledby="sign-up-title">
        <h1 id="sign-up-title">Create your account</h1>
        <p class="muted">Book seats on launches from spaceports around the world.</p>
        <form class="form" (ngSubmit)="submit()" #form="ngForm">
          <div class="field">
            <label for="name">Name</label>
            <input
              id="name"
              name="name"
              autocomplete="name"
              required
              maxlength="100"
              [(ngModel)]="name"
            />
          </div>
          <div class="field">
            <label for="email">Email</label>
            <input
              id="email"
              name="email"
              type="email"
              autocomplete="email"
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
              autocomplete="new-password"
              required
              minlength="10"
              aria-describedby="password-hint"
              [(ngModel)]="password"
            />
            <span class="hint" id="password-hint"
              >At least 10 characters, with letters and a digit or symbol.</span
            >
          </div>
          <ui-error [message]="error()" />
          <button type="submit" class="btn btn-primary" [disabled]="busy() || !form.valid">
            {{ busy() ? 'Creating your account…' : 'Create account' }}
          </button>
        </form>
        <p class="alt">Already have an account? <a routerLink="/sign-in">Sign in</a></p>
      </section>
    </main>
  `,
  styles: `
    .alt {
      margin: 1rem 0 0;
      font-size: 0.95rem;
    }
  `,
})
export class SignUpPage {
  private readonly app = inject(AUTH_APP);
  private readonly store = inject(SessionStore);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  protected name = '';
  protected email = '';
  protected password = '';
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.store.register({ name: this.name, email: this.email, password: this.password });
      const returnUrl = this.route.snapshot.queryParamMap.get('returnUrl') ?? undefined;
      await this.router.navigateByUrl(safeReturnUrl(returnUrl, this.app.home));
    } catch (failure) {
      this.error.set(toApiError(failure).message);
    } finally {
      this.busy.set(false);
    }
  }
}
