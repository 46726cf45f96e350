import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  NoticeComponent,
  OccupancyComponent,
  PageHeaderComponent,
  ReasonDialogComponent,
  StatusBadgeComponent,
  type ReasonDialogResult,
} from '@web/shared/ui';
import { DateTimePipe, isoToLocalInput, localInputToIso, MoneyPipe } from '@web/shared/util';
import {
  CancelLaunchDocument,
  DelayLaunchDocument,
  MyLaunchesDocument,
  type MyLaunchesQuery,
} from '../generated/graphql';

type Launch = MyLaunchesQuery['myLaunches'][number];
type Action = { kind: 'delay' | 'cancel'; launch: Launch };

const CHANGEABLE = ['SCHEDULED', 'DELAYED'];

/** The supplier's launches with occupancy; rescheduling and cancelling. */
@Component({
  selector: 'app-launches-page',
  imports: [
    RouterLink,
    AsyncStateComponent,
    NoticeComponent,
    OccupancyComponent,
    PageHeaderComponent,
    ReasonDialogComponent,
    StatusBadgeComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Launches" subheading="Your launches by departure, with seats sold.">
      <a class="btn btn-primary" routerLink="/launches/new">Schedule a launch</a>
    </ui-page-header>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="launches.loading()"
      [error]="launches.error()"
      [hasData]="!!launches.data()"
      [empty]="!launches.data()?.myLaunches?.length"
      emptyTitle="No launches yet"
      emptyText="Schedule a launch of one of your rockets to put its seats on sale."
      (retry)="launches.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Your launches
          </caption>
          <thead>
            <tr>
              <th scope="col">Mission</th>
              <th scope="col">Departure</th>
              <th scope="col">Rocket · spaceport</th>
              <th scope="col">Status</th>
              <th scope="col">Occupancy</th>
              <th scope="col" class="num">Per seat</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (l of launches.data()?.myLaunches; track l.id) {
              <tr>
                <td>
                  <a [routerLink]="['/launches', l.id]">{{ l.mission }}</a>
                  <div class="muted small">{{ l.destination }}</div>
                </td>
                <td class="nowrap">{{ l.scheduledAt | dateTime }}</td>
                <td>
                  {{ l.rocket.name }}
                  <div class="muted small">{{ l.spaceport.name }}</div>
                </td>
                <td><ui-badge [status]="l.status" /></td>
                <td><ui-occupancy [sold]="l.seatsSold" [capacity]="l.seatCapacity" /></td>
                <td class="num">{{ l.pricePerSeat | money: l.currency }}</td>
                <td class="actions">
                  <a class="btn btn-small" [routerLink]="['/launches', l.id]">
                    Passengers<span class="sr-only"> of {{ l.mission }}</span>
                  </a>
                  @if (changeable(l)) {
                    <button type="button" class="btn btn-small" (click)="act('delay', l)">
                      Reschedule<span class="sr-only"> {{ l.mission }}</span>
                    </button>
                    <button type="button" class="btn btn-small" (click)="act('cancel', l)">
                      Cancel<span class="sr-only"> {{ l.mission }}</span>
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>

    <ui-reason-dialog
      [open]="action()?.kind === 'delay'"
      heading="Reschedule this launch"
      confirmLabel="Reschedule"
      tone="primary"
      dateTimeLabel="New departure"
      reasonLabel="Reason (told to the passengers)"
      [initialDateTime]="currentTime()"
      [busy]="delay.pending()"
      [error]="delay.error()?.message"
      (confirmed)="reschedule($event)"
      (cancelled)="action.set(null)"
    >
      <p>
        {{ action()?.launch?.mission }}: departs {{ action()?.launch?.scheduledAt | dateTime }}.
      </p>
    </ui-reason-dialog>

    <ui-reason-dialog
      [open]="action()?.kind === 'cancel'"
      heading="Cancel this launch?"
      confirmLabel="Cancel launch"
      reasonLabel="Reason (told to the passengers)"
      [busy]="cancel.pending()"
      [error]="cancel.error()?.message"
      (confirmed)="cancelLaunch($event)"
      (cancelled)="action.set(null)"
    >
      <p>
        Every booking on <strong>{{ action()?.launch?.mission }}</strong> is cancelled and refunded
        in full, and its passengers are told why.
      </p>
    </ui-reason-dialog>
  `,
  styles: `
    .small {
      font-size: 0.85rem;
    }
    ui-notice {
      display: block;
      margin-bottom: 1rem;
    }
  `,
})
export class LaunchesPage {
  protected readonly launches = injectQuery(MyLaunchesDocument, () => ({}));
  protected readonly delay = injectMutation(DelayLaunchDocument);
  protected readonly cancel = injectMutation(CancelLaunchDocument);
  protected readonly action = signal<Action | null>(null);
  protected readonly notice = signal<string | null>(null);

  protected changeable(launch: Launch): boolean {
    return CHANGEABLE.includes(launch.status);
  }

  protected currentTime(): string {
    const launch = this.action()?.launch;
    return launch ? isoToLocalInput(launch.scheduledAt) : '';
  }

  protected act(kind: Action['kind'], launch: Launch): void {
    this.notice.set(null);
    this.delay.reset();
    this.cancel.reset();
    this.action.set({ kind, launch });
  }

  protected async reschedule(result: ReasonDialogResult): Promise<void> {
    const launch = this.action()?.launch;
    const scheduledAt = localInputToIso(result.dateTime);
    if (!launch || !scheduledAt) return;
    const done = await this.delay.run({ id: launch.id, scheduledAt, reason: result.reason });
    if (!done) return;
    this.action.set(null);
    this.notice.set(`${launch.mission} is rescheduled; its passengers are told.`);
    this.launches.reload();
  }

  protected async cancelLaunch(result: ReasonDialogResult): Promise<void> {
    const launch = this.action()?.launch;
    if (!launch) return;
    const done = await this.cancel.run({ id: launch.id, reason: result.reason });
    if (!done) return;
    this.action.set(null);
    this.notice.set(`${launch.mission} is cancelled; its bookings are refunded.`);
    this.launches.reload();
  }
}
