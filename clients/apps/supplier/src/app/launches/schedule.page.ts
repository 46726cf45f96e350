import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, ErrorBannerComponent, PageHeaderComponent } from '@web/shared/ui';
import { localInputToIso, parseMoney } from '@web/shared/util';
import { ScheduleLaunchDocument, ScheduleOptionsDocument } from '../generated/graphql';

const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD'];

interface LaunchForm {
  rocketId: string;
  spaceportId: string;
  mission: string;
  destination: string;
  scheduledAt: string;
  price: string;
  currency: string;
  seats: number | null;
}

/** Scheduling a launch of one of the supplier's rockets from a spaceport. */
@Component({
  selector: 'app-schedule-page',
  imports: [
    FormsModule,
    RouterLink,
    AsyncStateComponent,
    ErrorBannerComponent,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <p><a routerLink="/launches">← Launches</a></p>
    <ui-page-header
      heading="Schedule a launch"
      subheading="Its seats go on sale to customers at once."
    />
    <ui-async
      [loading]="options.loading()"
      [error]="options.error()"
      [hasData]="!!options.data()"
      [empty]="!options.data()?.myRockets?.length"
      emptyTitle="Add a rocket first"
      emptyText="A launch flies one of your rockets."
      (retry)="options.reload()"
    >
      <a empty-actions class="btn btn-primary" routerLink="/rockets">Add a rocket</a>
      <form class="card form" (ngSubmit)="submit()" #f="ngForm">
        <div class="form-grid">
          <div class="field">
            <label for="mission">Mission</label>
            <input
              id="mission"
              name="mission"
              required
              maxlength="200"
              [(ngModel)]="form.mission"
            />
          </div>
          <div class="field">
            <label for="destination">Destination</label>
            <input
              id="destination"
              name="destination"
              required
              maxlength="200"
              placeholder="e.g. Low Earth Orbit"
              [(ngModel)]="form.destination"
            />
          </div>
          <div class="field">
            <label for="rocket">Rocket</label>
            <select
              id="rocket"
              name="rocket"
              required
              [(ngModel)]="form.rocketId"
              (ngModelChange)="rocketId.set($event)"
            >
              <option value="" disabled>Choose a rocket</option>
              @for (r of options.data()?.myRockets; track r.id) {
                <option [value]="r.id">{{ r.name }} ({{ r.capacity }} seats)</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="spaceport">Spaceport</label>
            <select id="spaceport" name="spaceport" required [(ngModel)]="form.spaceportId">
              <option value="" disabled>Choose a spaceport</option>
              @for (p of options.data()?.spaceports; track p.id) {
                <option [value]="p.id">{{ p.name }} — {{ p.location }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="scheduledAt">Departure (your time)</label>
            <input
              id="scheduledAt"
              name="scheduledAt"
              type="datetime-local"
              required
              [(ngModel)]="form.scheduledAt"
            />
          </div>
          <div class="field">
            <label for="price">Price per seat</label>
            <input
              id="price"
              name="price"
              inputmode="decimal"
              required
              placeholder="e.g. 250000.00"
              [attr.aria-invalid]="priceInvalid()"
              aria-describedby="price-hint"
              [(ngModel)]="form.price"
            />
            <span class="hint" id="price-hint">In {{ form.currency }}, e.g. 1250.50</span>
          </div>
          <div class="field">
            <label for="currency">Currency</label>
            <select id="currency" name="currency" [(ngModel)]="form.currency">
              @for (c of currencies; track c) {
                <option [value]="c">{{ c }}</option>
              }
            </select>
          </div>
          <div class="field">
            <label for="seats">Seats for sale</label>
            <input
              id="seats"
              name="seats"
              type="number"
              min="1"
              [max]="capacity()"
              aria-describedby="seats-hint"
              [(ngModel)]="form.seats"
            />
            <span class="hint" id="seats-hint"
              >Leave empty for every seat of the rocket{{
                capacity() ? ' (' + capacity() + ')' : ''
              }}.</span
            >
          </div>
        </div>
        <ui-error [message]="problem() ?? schedule.error()?.message" />
        <div class="row">
          <button type="submit" class="btn btn-primary" [disabled]="schedule.pending() || !f.valid">
            {{ schedule.pending() ? 'Scheduling…' : 'Schedule launch' }}
          </button>
          <a class="btn btn-ghost" routerLink="/launches">Cancel</a>
        </div>
      </form>
    </ui-async>
  `,
})
export class SchedulePage {
  private readonly router = inject(Router);
  protected readonly currencies = CURRENCIES;
  protected readonly options = injectQuery(ScheduleOptionsDocument, () => ({}));
  protected readonly schedule = injectMutation(ScheduleLaunchDocument);
  protected readonly problem = signal<string | null>(null);
  protected readonly rocketId = signal('');
  protected readonly capacity = computed(
    () => this.options.data()?.myRockets.find((r) => r.id === this.rocketId())?.capacity ?? null,
  );
  protected form: LaunchForm = {
    rocketId: '',
    spaceportId: '',
    mission: '',
    destination: '',
    scheduledAt: '',
    price: '',
    currency: 'USD',
    seats: null,
  };

  protected priceInvalid(): boolean {
    return this.form.price !== '' && parseMoney(this.form.price, this.form.currency) === null;
  }

  protected async submit(): Promise<void> {
    this.problem.set(null);
    const pricePerSeat = parseMoney(this.form.price, this.form.currency);
    const scheduledAt = localInputToIso(this.form.scheduledAt);
    if (pricePerSeat === null) {
      this.problem.set(`The price is not an amount in ${this.form.currency}.`);
      return;
    }
    if (!scheduledAt || new Date(scheduledAt) <= new Date()) {
      this.problem.set('The departure must be in the future.');
      return;
    }
    const result = await this.schedule.run({
      input: {
        rocketId: this.form.rocketId,
        spaceportId: this.form.spaceportId,
        mission: this.form.mission.trim(),
        destination: this.form.destination.trim(),
        scheduledAt,
        pricePerSeat,
        currency: this.form.currency,
        seats: this.form.seats || null,
      },
    });
    if (result) await this.router.navigate(['/launches', result.scheduleLaunch.id]);
  }
}
