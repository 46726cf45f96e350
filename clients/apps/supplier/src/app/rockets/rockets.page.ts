import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ConfirmDialogComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
} from '@web/shared/ui';
import {
  CreateRocketDocument,
  MyRocketsDocument,
  UpdateRocketDocument,
  type MyRocketsQuery,
} from '../generated/graphql';

type Rocket = MyRocketsQuery['myRockets'][number];

/** The supplier's fleet: adding rockets and changing their name or seats. */
@Component({
  selector: 'app-rockets-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    ConfirmDialogComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header heading="Rockets" subheading="Your fleet; each launch flies one of them." />
    <section class="card add" aria-labelledby="add-title">
      <h2 id="add-title">Add a rocket</h2>
      <form class="form-grid" (ngSubmit)="add()" #f="ngForm">
        <div class="field">
          <label for="name">Name</label>
          <input id="name" name="name" required maxlength="100" [(ngModel)]="name" />
        </div>
        <div class="field">
          <label for="capacity">Passenger seats</label>
          <input
            id="capacity"
            name="capacity"
            type="number"
            required
            min="1"
            max="1000"
            [(ngModel)]="capacity"
          />
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary" [disabled]="create.pending() || !f.valid">
            {{ create.pending() ? 'Adding…' : 'Add rocket' }}
          </button>
        </div>
      </form>
      <ui-error [message]="create.error()?.message" />
    </section>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="rockets.loading()"
      [error]="rockets.error()"
      [hasData]="!!rockets.data()"
      [empty]="!rockets.data()?.myRockets?.length"
      emptyTitle="No rockets yet"
      emptyText="Add your first rocket above."
      (retry)="rockets.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Your rockets
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col" class="num">Seats</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (r of rockets.data()?.myRockets; track r.id) {
              <tr>
                <td>{{ r.name }}</td>
                <td class="num">{{ r.capacity }}</td>
                <td class="actions">
                  <button type="button" class="btn btn-small" (click)="edit(r)">
                    Edit<span class="sr-only"> {{ r.name }}</span>
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>

    <ui-confirm-dialog
      [open]="!!editing()"
      heading="Edit rocket"
      confirmLabel="Save"
      cancelLabel="Cancel"
      tone="primary"
      [busy]="update.pending()"
      [confirmDisabled]="!editName.trim() || !(editCapacity >= 1)"
      (confirmed)="save()"
      (cancelled)="editing.set(null)"
    >
      <div class="field">
        <label for="edit-name">Name</label>
        <input id="edit-name" name="editName" required maxlength="100" [(ngModel)]="editName" />
      </div>
      <div class="field">
        <label for="edit-capacity">Passenger seats</label>
        <input
          id="edit-capacity"
          name="editCapacity"
          type="number"
          min="1"
          max="1000"
          aria-describedby="edit-capacity-hint"
          [(ngModel)]="editCapacity"
        />
        <span class="hint" id="edit-capacity-hint"
          >Launches already scheduled keep their seats.</span
        >
      </div>
      <ui-error [message]="update.error()?.message" />
    </ui-confirm-dialog>
  `,
  styles: `
    .add {
      margin-bottom: 1.25rem;
    }
    .add ui-error,
    ui-notice {
      display: block;
      margin-top: 0.75rem;
      margin-bottom: 1rem;
    }
    .field + .field {
      margin-top: 0.75rem;
    }
  `,
})
export class RocketsPage {
  protected readonly rockets = injectQuery(MyRocketsDocument, () => ({}));
  protected readonly create = injectMutation(CreateRocketDocument);
  protected readonly update = injectMutation(UpdateRocketDocument);
  protected readonly editing = signal<Rocket | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected name = '';
  protected capacity: number | null = null;
  protected editName = '';
  protected editCapacity = 1;

  protected async add(): Promise<void> {
    this.notice.set(null);
    const result = await this.create.run({
      input: { name: this.name.trim(), capacity: Number(this.capacity) },
    });
    if (!result) return;
    this.notice.set(`${result.createRocket.name} is in your fleet.`);
    this.name = '';
    this.capacity = null;
    this.rockets.reload();
  }

  protected edit(rocket: Rocket): void {
    this.notice.set(null);
    this.update.reset();
    this.editName = rocket.name;
    this.editCapacity = rocket.capacity;
    this.editing.set(rocket);
  }

  protected async save(): Promise<void> {
    const rocket = this.editing();
    if (!rocket) return;
    const result = await this.update.run({
      id: rocket.id,
      input: { name: this.editName.trim(), capacity: Number(this.editCapacity) },
    });
    if (!result) return;
    this.editing.set(null);
    this.notice.set(`${result.updateRocket.name} is saved.`);
    this.rockets.reload();
  }
}
