import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { CursorPaging, injectQuery } from '@web/shared/data-access';
import { AsyncStateComponent, PageHeaderComponent, PagerComponent } from '@web/shared/ui';
import { DateTimePipe, MoneyPipe } from '@web/shared/util';
import { LaunchesDocument, SpaceportsDocument, type LaunchFilter } from '../generated/graphql';

const PAGE_SIZE = 12;

interface FilterForm {
  destination: string;
  from: string;
  to: string;
  spaceportId: string;
}

/** Launches on sale, filtered by destination, dates and spaceport; the filter lives in the address. */
@Component({
  selector: 'app-launches-page',
  imports: [
    FormsModule,
    RouterLink,
    AsyncStateComponent,
    PageHeaderComponent,
    PagerComponent,
    DateTimePipe,
    MoneyPipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Launches" subheading="Choose a launch and book up to four seats." />

    <form class="card filters" (ngSubmit)="apply()" aria-label="Filter launches">
      <div class="form-grid">
        <div class="field">
          <label for="destination">Destination</label>
          <input
            id="destination"
            name="destination"
            placeholder="e.g. Moon"
            [(ngModel)]="form.destination"
          />
        </div>
        <div class="field">
          <label for="from">From</label>
          <input id="from" name="from" type="date" [(ngModel)]="form.from" />
        </div>
        <div class="field">
          <label for="to">To</label>
          <input id="to" name="to" type="date" [(ngModel)]="form.to" />
        </div>
        @if (spaceports.data()?.spaceports; as ports) {
          <div class="field">
            <label for="spaceport">Spaceport</label>
            <select id="spaceport" name="spaceport" [(ngModel)]="form.spaceportId">
              <option value="">Any spaceport</option>
              @for (port of ports; track port.id) {
                <option [value]="port.id">{{ port.name }}</option>
              }
            </select>
          </div>
        }
        <div class="row">
          <button type="submit" class="btn btn-primary">Search</button>
          <button type="button" class="btn btn-ghost" (click)="clear()">Clear</button>
        </div>
      </div>
    </form>

    <ui-async
      [loading]="launches.loading()"
      [error]="launches.error()"
      [hasData]="!!launches.data()"
      [empty]="edges().length === 0"
      emptyTitle="No launches match"
      emptyText="Try another destination or a wider range of dates."
      (retry)="launches.reload()"
    >
      <ul class="grid launches" aria-label="Launches on sale">
        @for (edge of edges(); track edge.node.id) {
          <li class="card launch">
            <p class="destination">{{ edge.node.destination }}</p>
            <h2>
              <a [routerLink]="['/launches', edge.node.id]">{{ edge.node.mission }}</a>
            </h2>
            <dl class="details">
              <dt>When</dt>
              <dd>{{ edge.node.scheduledAt | dateTime }}</dd>
              <dt>From</dt>
              <dd>{{ edge.node.spaceport.name }}</dd>
              <dt>Per seat</dt>
              <dd>{{ edge.node.pricePerSeat | money: edge.node.currency }}</dd>
              <dt>Seats left</dt>
              <dd>{{ edge.node.seatsAvailable === 0 ? 'Sold out' : edge.node.seatsAvailable }}</dd>
            </dl>
          </li>
        }
      </ul>
      <ui-pager
        [page]="paging.page()"
        [pageSize]="pageSize"
        [shown]="edges().length"
        [totalCount]="launches.data()?.launches?.totalCount ?? 0"
        [hasNext]="launches.data()?.launches?.pageInfo?.hasNextPage ?? false"
        (next)="paging.next(launches.data()?.launches?.pageInfo?.endCursor)"
        (previous)="paging.previous()"
      />
    </ui-async>
  `,
  styles: `
    .filters {
      margin-bottom: 1.25rem;
    }
    .launches {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .launch h2 {
      font-size: 1.15rem;
    }
    .launch h2 a {
      text-decoration: none;
    }
    .launch h2 a::after {
      content: ' →';
    }
    .destination {
      color: var(--muted);
      text-transform: uppercase;
      font-size: 0.8rem;
      letter-spacing: 0.05em;
      font-weight: 600;
      margin-bottom: 0.2rem;
    }
  `,
})
export class LaunchesPage {
  private readonly router = inject(Router);
  private readonly params = toSignal(inject(ActivatedRoute).queryParamMap, { requireSync: true });
  protected readonly pageSize = PAGE_SIZE;
  protected readonly paging = new CursorPaging();
  protected form: FilterForm = this.formFromAddress();

  private readonly filter = computed<LaunchFilter>(() => {
    const params = this.params();
    const day = (name: string, end: boolean) => {
      const value = params.get(name);
      return value
        ? new Date(`${value}T${end ? '23:59:59.999' : '00:00:00.000'}`).toISOString()
        : null;
    };
    return {
      destination: params.get('destination') || null,
      from: day('from', false),
      to: day('to', true),
      spaceportId: params.get('spaceport') || null,
    };
  });

  protected readonly spaceports = injectQuery(SpaceportsDocument, () => ({}));
  protected readonly launches = injectQuery(LaunchesDocument, () => ({
    filter: this.filter(),
    first: PAGE_SIZE,
    after: this.paging.after(),
  }));
  protected readonly edges = computed(() => this.launches.data()?.launches.edges ?? []);

  protected apply(): void {
    this.paging.reset();
    void this.router.navigate([], {
      queryParams: {
        destination: this.form.destination.trim() || null,
        from: this.form.from || null,
        to: this.form.to || null,
        spaceport: this.form.spaceportId || null,
      },
    });
  }

  protected clear(): void {
    this.form = { destination: '', from: '', to: '', spaceportId: '' };
    this.apply();
  }

  private formFromAddress(): FilterForm {
    const params = this.params();
    return {
      destination: params.get('destination') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
      spaceportId: params.get('spaceport') ?? '',
    };
  }
}
