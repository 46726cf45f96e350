import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router } from '@angular/router';
import { CursorPaging, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  PageHeaderComponent,
  PagerComponent,
  StatusBadgeComponent,
} from '@web/shared/ui';
import { DateTimePipe, localInputToIso } from '@web/shared/util';
import { SystemLogsDocument, type LogLevel, type SystemLogFilter } from '../generated/graphql';

const PAGE_SIZE = 50;
/** Follow mode reads the newest page again this often. */
const FOLLOW_MS = 3000;
const LEVELS: LogLevel[] = ['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE'];
const SERVICES = [
  'gateway',
  'auth',
  'admin',
  'customer',
  'monitoring',
  'sync-worker',
  'notifications-worker',
  'web',
];

interface FilterForm {
  level: string;
  service: string;
  since: string;
  until: string;
  search: string;
  correlationId: string;
}

const EMPTY_FORM: FilterForm = {
  level: '',
  service: '',
  since: '',
  until: '',
  search: '',
  correlationId: '',
};

/** Every process's logs, filtered (the filter lives in the address), paged, or followed live. */
@Component({
  selector: 'app-logs-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    PageHeaderComponent,
    PagerComponent,
    StatusBadgeComponent,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="System logs"
      subheading="Structured logs of every process, newest first."
    >
      <label class="follow">
        <input type="checkbox" [checked]="follow()" (change)="toggleFollow()" />
        Follow live
      </label>
    </ui-page-header>

    <form class="card filters" (ngSubmit)="apply()" aria-label="Filter logs">
      <div class="form-grid">
        <div class="field">
          <label for="level">Level</label>
          <select id="level" name="level" [(ngModel)]="form.level">
            <option value="">Any level</option>
            @for (level of levels; track level) {
              <option [value]="level">{{ level }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="service">Service</label>
          <select id="service" name="service" [(ngModel)]="form.service">
            <option value="">Any service</option>
            @for (service of services; track service) {
              <option [value]="service">{{ service }}</option>
            }
          </select>
        </div>
        <div class="field">
          <label for="since">Since</label>
          <input id="since" name="since" type="datetime-local" [(ngModel)]="form.since" />
        </div>
        <div class="field">
          <label for="until">Until</label>
          <input id="until" name="until" type="datetime-local" [(ngModel)]="form.until" />
        </div>
        <div class="field">
          <label for="search">Message contains</label>
          <input id="search" name="search" type="search" [(ngModel)]="form.search" />
        </div>
        <div class="field">
          <label for="correlation">Correlation id</label>
          <input
            id="correlation"
            name="correlation"
            class="mono"
            [(ngModel)]="form.correlationId"
          />
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary">Filter</button>
          <button type="button" class="btn btn-ghost" (click)="clear()">Clear</button>
        </div>
      </div>
    </form>

    <ui-async
      [loading]="logs().loading()"
      [error]="logs().error()"
      [hasData]="!!logs().data()"
      [empty]="rows().length === 0"
      emptyTitle="No log lines match"
      emptyText="Widen the time range or clear the filters."
      (retry)="logs().reload()"
    >
      <div class="table-wrap">
        <table class="table logs">
          <caption class="sr-only">
            Log lines
          </caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Level</th>
              <th scope="col">Service</th>
              <th scope="col">Message</th>
              <th scope="col">Correlation id</th>
            </tr>
          </thead>
          <tbody>
            @for (line of rows(); track line.id) {
              <tr>
                <td class="nowrap">{{ line.timestamp | dateTime: 'precise' }}</td>
                <td><ui-badge [status]="line.level" /></td>
                <td>{{ line.service }}</td>
                <td class="message">{{ line.message }}</td>
                <td>
                  @if (line.correlationId; as id) {
                    <button
                      type="button"
                      class="link mono"
                      (click)="showCorrelation(id)"
                      [title]="'Show every line of ' + id"
                    >
                      {{ id }}
                    </button>
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
      @if (!follow()) {
        <ui-pager
          [page]="paging.page()"
          [pageSize]="pageSize"
          [shown]="rows().length"
          [totalCount]="logs().data()?.systemLogs?.totalCount ?? 0"
          [hasNext]="logs().data()?.systemLogs?.pageInfo?.hasNextPage ?? false"
          (next)="paging.next(logs().data()?.systemLogs?.pageInfo?.endCursor)"
          (previous)="paging.previous()"
        />
      }
    </ui-async>
  `,
  styles: `
    .filters {
      margin-bottom: 1.25rem;
    }
    .follow {
      display: inline-flex;
      gap: 0.4rem;
      align-items: center;
      font-weight: 600;
    }
    .message {
      font-family: var(--mono);
      font-size: 0.85rem;
      word-break: break-word;
      min-width: 16rem;
    }
    .link {
      background: none;
      border: none;
      color: var(--primary);
      cursor: pointer;
      padding: 0;
      text-decoration: underline;
      max-width: 11rem;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
      display: inline-block;
    }
  `,
})
export class LogsPage {
  private readonly router = inject(Router);
  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  protected readonly levels = LEVELS;
  protected readonly services = SERVICES;
  protected readonly pageSize = PAGE_SIZE;
  protected readonly paging = new CursorPaging();
  protected readonly follow = signal(false);
  protected form: FilterForm = this.formFromAddress();

  private readonly filter = computed<SystemLogFilter>(() => {
    const params = this.params();
    return {
      level: (params.get('level') as LogLevel | null) || null,
      service: params.get('service') || null,
      since: localInputToIso(params.get('since') ?? ''),
      until: localInputToIso(params.get('until') ?? ''),
      search: params.get('search') || null,
      correlationId: params.get('correlation') || null,
    };
  });

  private readonly paged = injectQuery(SystemLogsDocument, () =>
    this.follow() ? null : { filter: this.filter(), first: PAGE_SIZE, after: this.paging.after() },
  );
  /** Follow mode: the newest page, read again and again. */
  private readonly live = injectQuery(
    SystemLogsDocument,
    () => (this.follow() ? { filter: this.filter(), first: PAGE_SIZE } : null),
    { pollInterval: FOLLOW_MS },
  );
  protected readonly logs = computed(() => (this.follow() ? this.live : this.paged));
  protected readonly rows = computed(
    () =>
      this.logs()
        .data()
        ?.systemLogs.edges.map((edge) => edge.node) ?? [],
  );

  protected toggleFollow(): void {
    this.paging.reset();
    this.follow.update((on) => !on);
  }

  protected showCorrelation(id: string): void {
    this.form = { ...EMPTY_FORM, correlationId: id };
    this.apply();
  }

  protected apply(): void {
    this.paging.reset();
    void this.router.navigate([], {
      queryParams: {
        level: this.form.level || null,
        service: this.form.service || null,
        since: this.form.since || null,
        until: this.form.until || null,
        search: this.form.search.trim() || null,
        correlation: this.form.correlationId.trim() || null,
      },
    });
  }

  protected clear(): void {
    this.form = { ...EMPTY_FORM };
    this.apply();
  }

  private formFromAddress(): FilterForm {
    const params = this.params();
    return {
      level: params.get('level') ?? '',
      service: params.get('service') ?? '',
      since: params.get('since') ?? '',
      until: params.get('until') ?? '',
      search: params.get('search') ?? '',
      correlationId: params.get('correlation') ?? '',
    };
  }
}
