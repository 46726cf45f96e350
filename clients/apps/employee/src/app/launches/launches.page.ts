import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { CursorPaging, injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ConfirmDialogComponent,
  ErrorBannerComponent,
  NoticeComponent,
  OccupancyComponent,
  PageHeaderComponent,
  PagerComponent,
  ReasonDialogComponent,
  StatusBadgeComponent,
  type ReasonDialogResult,
} from '@web/shared/ui';
import { DateTimePipe, isoToLocalInput, localInputToIso } from '@web/shared/util';
import {
  AllLaunchesDocument,
  ChangeLaunchStatusDocument,
  EmployeeCancelLaunchDocument,
  EmployeeDelayLaunchDocument,
  type AllLaunchesQuery,
  type LaunchStatus,
} from '../generated/graphql';

type Launch = AllLaunchesQuery['allLaunches']['edges'][number]['node'];
type Action = { kind: 'status' | 'delay' | 'cancel'; launch: Launch };

const PAGE_SIZE = 25;
const STATUSES: LaunchStatus[] = [
  'SCHEDULED',
  'DELAYED',
  'LAUNCHED',
  'SUCCESSFUL',
  'FAILED',
  'ABORTED',
  'CANCELLED',
];
/**
 * The statuses offered next in the menu (cancelling has its own action). The
 * Admin subgraph decides what is allowed; this only spares people choices that
 * would be refused.
 */
const NEXT: Partial<Record<LaunchStatus, LaunchStatus[]>> = {
  SCHEDULED: ['LAUNCHED', 'ABORTED'],
  DELAYED: ['LAUNCHED', 'ABORTED'],
  LAUNCHED: ['SUCCESSFUL', 'FAILED'],
};
const NOT_DEPARTED: LaunchStatus[] = ['SCHEDULED', 'DELAYED'];

/** Every launch by departure, filtered by status: status changes, rescheduling, cancelling. */
@Component({
  selector: 'app-launches-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    ConfirmDialogComponent,
    ErrorBannerComponent,
    NoticeComponent,
    OccupancyComponent,
    PageHeaderComponent,
    PagerComponent,
    ReasonDialogComponent,
    StatusBadgeComponent,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Launches" subheading="Every launch by departure.">
      <div class="field inline">
        <label for="status-filter">Status</label>
        <select id="status-filter" [ngModel]="status()" (ngModelChange)="filterBy($event)">
          <option [ngValue]="null">Any status</option>
          @for (s of statuses; track s) {
            <option [ngValue]="s">{{ s.toLowerCase() }}</option>
          }
        </select>
      </div>
    </ui-page-header>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="launches.loading()"
      [error]="launches.error()"
      [hasData]="!!launches.data()"
      [empty]="rows().length === 0"
      emptyTitle="No launches here"
      (retry)="launches.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Launches
          </caption>
          <thead>
            <tr>
              <th scope="col">Mission</th>
              <th scope="col">Supplier</th>
              <th scope="col">Departure</th>
              <th scope="col">Status</th>
              <th scope="col">Occupancy</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (l of rows(); track l.id) {
              <tr>
                <td>
                  {{ l.mission }}
                  <div class="muted small">{{ l.destination }} · {{ l.spaceport.name }}</div>
                </td>
                <td>{{ l.supplier.name }}</td>
                <td class="nowrap">{{ l.scheduledAt | dateTime }}</td>
                <td>
                  <ui-badge [status]="l.status" />
                  @if (l.statusReason) {
                    <div class="muted small">{{ l.statusReason }}</div>
                  }
                </td>
                <td><ui-occupancy [sold]="l.seatsSold" [capacity]="l.seatCapacity" /></td>
                <td class="actions">
                  @if (next(l).length) {
                    <button type="button" class="btn btn-small" (click)="act('status', l)">
                      Change status<span class="sr-only"> of {{ l.mission }}</span>
                    </button>
                  }
                  @if (notDeparted(l)) {
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
      <ui-pager
        [page]="paging.page()"
        [pageSize]="pageSize"
        [shown]="rows().length"
        [totalCount]="launches.data()?.allLaunches?.totalCount ?? 0"
        [hasNext]="launches.data()?.allLaunches?.pageInfo?.hasNextPage ?? false"
        (next)="paging.next(launches.data()?.allLaunches?.pageInfo?.endCursor)"
        (previous)="paging.previous()"
      />
    </ui-async>

    <ui-confirm-dialog
      [open]="action()?.kind === 'status'"
      heading="Change the launch status"
      confirmLabel="Change status"
      cancelLabel="Cancel"
      tone="primary"
      [busy]="change.pending()"
      [confirmDisabled]="!nextStatus()"
      (confirmed)="changeStatus()"
      (cancelled)="action.set(null)"
    >
      @if (action(); as a) {
        <p>{{ a.launch.mission }} is {{ a.launch.status.toLowerCase() }}.</p>
        <div class="field">
          <label for="next-status">New status</label>
          <select
            id="next-status"
            [ngModel]="nextStatus()"
            (ngModelChange)="nextStatus.set($event)"
          >
            @for (s of next(a.launch); track s) {
              <option [value]="s">{{ s.toLowerCase() }}</option>
            }
          </select>
          @if (nextStatus() === 'SUCCESSFUL') {
            <span class="hint">Issues the supplier's invoice.</span>
          }
          @if (nextStatus() === 'ABORTED') {
            <span class="hint">Every booking is cancelled and refunded in full.</span>
          }
        </div>
        <div class="field">
          <label for="status-reason">Reason (optional, told to the passengers)</label>
          <textarea
            id="status-reason"
            maxlength="500"
            [ngModel]="statusReason()"
            (ngModelChange)="statusReason.set($event)"
          ></textarea>
        </div>
        <ui-error [message]="change.error()?.message" />
      }
    </ui-confirm-dialog>

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
        in full.
      </p>
    </ui-reason-dialog>
  `,
  styles: `
    .small {
      font-size: 0.85rem;
    }
    .inline {
      flex-direction: row;
      align-items: center;
      gap: 0.5rem;
    }
    .field + .field {
      margin-top: 0.75rem;
    }
    ui-notice,
    ui-error {
      display: block;
      margin: 0.75rem 0;
    }
  `,
})
export class LaunchesPage {
  protected readonly pageSize = PAGE_SIZE;
  protected readonly statuses = STATUSES;
  protected readonly paging = new CursorPaging();
  protected readonly status = signal<LaunchStatus | null>(null);
  protected readonly action = signal<Action | null>(null);
  protected readonly nextStatus = signal<LaunchStatus | null>(null);
  protected readonly statusReason = signal('');
  protected readonly notice = signal<string | null>(null);
  protected readonly launches = injectQuery(AllLaunchesDocument, () => ({
    first: PAGE_SIZE,
    after: this.paging.after(),
    status: this.status(),
  }));
  protected readonly change = injectMutation(ChangeLaunchStatusDocument);
  protected readonly delay = injectMutation(EmployeeDelayLaunchDocument);
  protected readonly cancel = injectMutation(EmployeeCancelLaunchDocument);
  protected readonly rows = computed(
    () => this.launches.data()?.allLaunches.edges.map((e) => e.node) ?? [],
  );

  protected next(launch: Launch): LaunchStatus[] {
    return NEXT[launch.status] ?? [];
  }

  protected notDeparted(launch: Launch): boolean {
    return NOT_DEPARTED.includes(launch.status);
  }

  protected currentTime(): string {
    const launch = this.action()?.launch;
    return launch ? isoToLocalInput(launch.scheduledAt) : '';
  }

  protected filterBy(status: LaunchStatus | null): void {
    this.paging.reset();
    this.status.set(status);
  }

  protected act(kind: Action['kind'], launch: Launch): void {
    this.notice.set(null);
    for (const mutation of [this.change, this.delay, this.cancel]) mutation.reset();
    this.nextStatus.set(this.next(launch)[0] ?? null);
    this.statusReason.set('');
    this.action.set({ kind, launch });
  }

  protected async changeStatus(): Promise<void> {
    const launch = this.action()?.launch;
    const status = this.nextStatus();
    if (!launch || !status) return;
    const done = await this.change.run({
      id: launch.id,
      status,
      reason: this.statusReason().trim() || null,
    });
    if (!done) return;
    this.finish(`${launch.mission} is now ${done.changeLaunchStatus.status.toLowerCase()}.`);
  }

  protected async reschedule(result: ReasonDialogResult): Promise<void> {
    const launch = this.action()?.launch;
    const scheduledAt = localInputToIso(result.dateTime);
    if (!launch || !scheduledAt) return;
    const done = await this.delay.run({ id: launch.id, scheduledAt, reason: result.reason });
    if (done) this.finish(`${launch.mission} is rescheduled; its passengers are told.`);
  }

  protected async cancelLaunch(result: ReasonDialogResult): Promise<void> {
    const launch = this.action()?.launch;
    if (!launch) return;
    const done = await this.cancel.run({ id: launch.id, reason: result.reason });
    if (done) this.finish(`${launch.mission} is cancelled; its bookings are refunded.`);
  }

  private finish(message: string): void {
    this.action.set(null);
    this.notice.set(message);
    this.launches.reload();
  }
}
