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
  CreateSpaceportDocument,
  SpaceportsDocument,
  UpdateSpaceportDocument,
  type SpaceportsQuery,
} from '../generated/graphql';

type Spaceport = SpaceportsQuery['spaceports'][number];

/** The launch sites suppliers schedule from: adding and correcting them. */
@Component({
  selector: 'app-spaceports-page',
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
    <ui-page-header heading="Spaceports" subheading="Where launches depart from." />
    <section class="card add" aria-labelledby="add-title">
      <h2 id="add-title">Add a spaceport</h2>
      <form class="form-grid" (ngSubmit)="add()" #f="ngForm">
        <div class="field">
          <label for="name">Name</label>
          <input id="name" name="name" required maxlength="200" [(ngModel)]="name" />
        </div>
        <div class="field">
          <label for="location">Location</label>
          <input
            id="location"
            name="location"
            required
            maxlength="200"
            placeholder="e.g. Cape Canaveral, Florida, USA"
            [(ngModel)]="location"
          />
        </div>
        <div class="row">
          <button type="submit" class="btn btn-primary" [disabled]="create.pending() || !f.valid">
            {{ create.pending() ? 'Adding…' : 'Add spaceport' }}
          </button>
        </div>
      </form>
      <ui-error [message]="create.error()?.message" />
    </section>
    <ui-notice [message]="notice()" />
    <ui-async
      [loading]="spaceports.loading()"
      [error]="spaceports.error()"
      [hasData]="!!spaceports.data()"
      [empty]="!spaceports.data()?.spaceports?.length"
      emptyTitle="No spaceports yet"
      emptyText="Suppliers need one to schedule launches."
      (retry)="spaceports.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Spaceports
          </caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Location</th>
              <th scope="col"><span class="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            @for (p of spaceports.data()?.spaceports; track p.id) {
              <tr>
                <td>{{ p.name }}</td>
                <td>{{ p.location }}</td>
                <td class="actions">
                  <button type="button" class="btn btn-small" (click)="edit(p)">
                    Edit<span class="sr-only"> {{ p.name }}</span>
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
      heading="Edit spaceport"
      confirmLabel="Save"
      cancelLabel="Cancel"
      tone="primary"
      [busy]="update.pending()"
      [confirmDisabled]="!editName.trim() || !editLocation.trim()"
      (confirmed)="save()"
      (cancelled)="editing.set(null)"
    >
      <div class="field">
        <label for="edit-name">Name</label>
        <input id="edit-name" name="editName" required maxlength="200" [(ngModel)]="editName" />
      </div>
      <div class="field">
        <label for="edit-location">Location</label>
        <input
          id="edit-location"
          name="editLocation"
          required
          maxlength="200"
          [(ngModel)]="editLocation"
        />
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
export class SpaceportsPage {
  protected readonly spaceports = injectQuery(SpaceportsDocument, () => ({}));
  protected readonly create = injectMutation(CreateSpaceportDocument);
  protected readonly update = injectMutation(UpdateSpaceportDocument);
  protected readonly editing = signal<Spaceport | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected name = '';
  protected location = '';
  protected editName = '';
  protected editLocation = '';

  protected async add(): Promise<void> {
    this.notice.set(null);
    const result = await this.create.run({
      input: { name: this.name.trim(), location: this.location.trim() },
    });
    if (!result) return;
    this.notice.set(`${result.createSpaceport.name} is added.`);
    this.name = '';
    this.location = '';
    this.spaceports.reload();
  }

  protected edit(spaceport: Spaceport): void {
    this.notice.set(null);
    this.update.reset();
    this.editName = spaceport.name;
    this.editLocation = spaceport.location;
    this.editing.set(spaceport);
  }

  protected async save(): Promise<void> {
    const spaceport = this.editing();
    if (!spaceport) return;
    const result = await this.update.run({
      id: spaceport.id,
      input: { name: this.editName.trim(), location: this.editLocation.trim() },
    });
    if (!result) return;
    this.editing.set(null);
    this.notice.set(`${result.updateSpaceport.name} is saved.`);
    this.spaceports.reload();
  }
}
