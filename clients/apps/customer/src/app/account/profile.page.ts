import { ChangeDetectionStrategy, Component, effect, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
} from '@web/shared/ui';
import { MyProfileDocument, UpdateMyProfileDocument } from '../generated/graphql';

/** How the customer is addressed, and a phone for urgent launch news. */
@Component({
  selector: 'app-profile-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Profile"
      subheading="How we address you and reach you about your launches."
    />
    <ui-async
      [loading]="profile.loading()"
      [error]="profile.error()"
      [hasData]="!!profile.data()"
      (retry)="profile.reload()"
    >
      <form class="card form narrow" (ngSubmit)="save()" #f="ngForm">
        <div class="field">
          <span class="label">Email</span>
          <span>{{ profile.data()?.myProfile?.email }}</span>
        </div>
        <div class="field">
          <label for="name">Name</label>
          <input
            id="name"
            name="name"
            required
            maxlength="100"
            autocomplete="name"
            [(ngModel)]="name"
          />
        </div>
        <div class="field">
          <label for="phone">Phone</label>
          <input
            id="phone"
            name="phone"
            type="tel"
            autocomplete="tel"
            aria-describedby="phone-hint"
            [(ngModel)]="phone"
          />
          <span class="hint" id="phone-hint"
            >For urgent news about your launches, e.g. +1 321 555 0100.</span
          >
        </div>
        <ui-error [message]="update.error()?.message" />
        <ui-notice [message]="notice()" />
        <div class="row">
          <button type="submit" class="btn btn-primary" [disabled]="update.pending() || !f.valid">
            {{ update.pending() ? 'Saving…' : 'Save' }}
          </button>
        </div>
      </form>
    </ui-async>
  `,
  styles: `
    .narrow {
      max-width: 34rem;
    }
  `,
})
export class ProfilePage {
  protected readonly profile = injectQuery(MyProfileDocument, () => ({}));
  protected readonly update = injectMutation(UpdateMyProfileDocument);
  protected readonly notice = signal<string | null>(null);
  protected name = '';
  protected phone = '';

  constructor() {
    // The form starts from what is stored, each time it is (re)loaded.
    effect(() => {
      const stored = this.profile.data()?.myProfile;
      if (!stored) return;
      this.name = stored.name ?? '';
      this.phone = stored.phone ?? '';
    });
  }

  protected async save(): Promise<void> {
    this.notice.set(null);
    const result = await this.update.run({
      input: { name: this.name.trim(), phone: this.phone.trim() || null },
    });
    if (result) this.notice.set('Your profile is saved.');
  }
}
