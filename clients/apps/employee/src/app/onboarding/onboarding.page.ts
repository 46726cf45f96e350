import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { injectMutation, injectQuery } from '@web/shared/data-access';
import {
  AsyncStateComponent,
  ErrorBannerComponent,
  NoticeComponent,
  PageHeaderComponent,
} from '@web/shared/ui';
import { DateTimePipe } from '@web/shared/util';
import {
  CreateStaffUserDocument,
  CreateSupplierDocument,
  SuppliersDocument,
  type Role,
} from '../generated/graphql';

interface SupplierForm {
  company: string;
  name: string;
  email: string;
  password: string;
}

interface StaffForm {
  name: string;
  email: string;
  password: string;
  role: Role;
}

const PASSWORD_HINT =
  'At least 10 characters, with letters and a digit or symbol. Share it safely.';

/**
 * Onboarding: a supplier is a SUPPLIER account plus the company it runs (two
 * steps; when the second fails, it is retried for the account already made);
 * employees and operators are accounts alone.
 */
@Component({
  selector: 'app-onboarding-page',
  imports: [
    FormsModule,
    AsyncStateComponent,
    ErrorBannerComponent,
    NoticeComponent,
    PageHeaderComponent,
    DateTimePipe,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ui-page-header
      heading="Onboarding"
      subheading="Suppliers and staff get their accounts here."
    />
    <div class="columns">
      <section class="card" aria-labelledby="supplier-title">
        <h2 id="supplier-title">Onboard a supplier</h2>
        <form class="form" (ngSubmit)="onboardSupplier()" #sf="ngForm">
          <div class="field">
            <label for="company">Company</label>
            <input
              id="company"
              name="company"
              required
              maxlength="200"
              [(ngModel)]="supplier.company"
            />
          </div>
          <div class="field">
            <label for="supplier-name">Contact name</label>
            <input
              id="supplier-name"
              name="supplierName"
              required
              maxlength="100"
              [(ngModel)]="supplier.name"
              [disabled]="!!pendingUserId()"
            />
          </div>
          <div class="field">
            <label for="supplier-email">Contact email (signs in with it)</label>
            <input
              id="supplier-email"
              name="supplierEmail"
              type="email"
              required
              [(ngModel)]="supplier.email"
              [disabled]="!!pendingUserId()"
            />
          </div>
          <div class="field">
            <label for="supplier-password">First password</label>
            <input
              id="supplier-password"
              name="supplierPassword"
              type="password"
              autocomplete="new-password"
              required
              minlength="10"
              aria-describedby="supplier-password-hint"
              [(ngModel)]="supplier.password"
              [disabled]="!!pendingUserId()"
            />
            <span class="hint" id="supplier-password-hint">{{ passwordHint }}</span>
          </div>
          <ui-error
            [message]="staffForSupplier.error()?.message ?? createSupplier.error()?.message"
          />
          <button type="submit" class="btn btn-primary" [disabled]="supplierBusy() || !sf.valid">
            {{
              supplierBusy()
                ? 'Onboarding…'
                : pendingUserId()
                  ? 'Retry creating the supplier'
                  : 'Onboard supplier'
            }}
          </button>
        </form>
        <ui-notice [message]="supplierNotice()" />
      </section>

      <section class="card" aria-labelledby="staff-title">
        <h2 id="staff-title">Add a staff member</h2>
        <form class="form" (ngSubmit)="addStaff()" #tf="ngForm">
          <div class="field">
            <label for="staff-name">Name</label>
            <input
              id="staff-name"
              name="staffName"
              required
              maxlength="100"
              [(ngModel)]="staff.name"
            />
          </div>
          <div class="field">
            <label for="staff-email">Email</label>
            <input
              id="staff-email"
              name="staffEmail"
              type="email"
              required
              [(ngModel)]="staff.email"
            />
          </div>
          <div class="field">
            <label for="staff-password">First password</label>
            <input
              id="staff-password"
              name="staffPassword"
              type="password"
              autocomplete="new-password"
              required
              minlength="10"
              aria-describedby="staff-password-hint"
              [(ngModel)]="staff.password"
            />
            <span class="hint" id="staff-password-hint">{{ passwordHint }}</span>
          </div>
          <fieldset>
            <legend>Role</legend>
            <label class="choice"
              ><input type="radio" name="role" value="EMPLOYEE" [(ngModel)]="staff.role" />
              Employee</label
            >
            <label class="choice"
              ><input type="radio" name="role" value="OPERATOR" [(ngModel)]="staff.role" /> IT
              operator</label
            >
          </fieldset>
          <ui-error [message]="staffUser.error()?.message" />
          <button
            type="submit"
            class="btn btn-primary"
            [disabled]="staffUser.pending() || !tf.valid"
          >
            {{ staffUser.pending() ? 'Adding…' : 'Add staff member' }}
          </button>
        </form>
        <ui-notice [message]="staffNotice()" />
      </section>
    </div>

    <h2 class="list-title">Suppliers</h2>
    <ui-async
      [loading]="suppliers.loading()"
      [error]="suppliers.error()"
      [hasData]="!!suppliers.data()"
      [empty]="!suppliers.data()?.suppliers?.length"
      emptyTitle="No suppliers yet"
      (retry)="suppliers.reload()"
    >
      <div class="table-wrap">
        <table class="table">
          <caption class="sr-only">
            Suppliers
          </caption>
          <thead>
            <tr>
              <th scope="col">Company</th>
              <th scope="col">Signs in as</th>
              <th scope="col">Onboarded</th>
            </tr>
          </thead>
          <tbody>
            @for (s of suppliers.data()?.suppliers; track s.id) {
              <tr>
                <td>{{ s.name }}</td>
                <td>{{ s.user.email }}</td>
                <td class="nowrap">{{ s.createdAt | dateTime: 'date' }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </ui-async>
  `,
  styles: `
    .columns {
      display: grid;
      gap: 1rem;
      grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr));
      align-items: start;
    }
    .choice {
      display: inline-flex;
      gap: 0.35rem;
      align-items: center;
      margin-right: 1.25rem;
    }
    ui-notice {
      display: block;
      margin-top: 0.75rem;
    }
    .list-title {
      margin-top: 2rem;
    }
  `,
})
export class OnboardingPage {
  protected readonly passwordHint = PASSWORD_HINT;
  protected readonly suppliers = injectQuery(SuppliersDocument, () => ({}));
  protected readonly staffForSupplier = injectMutation(CreateStaffUserDocument);
  protected readonly createSupplier = injectMutation(CreateSupplierDocument);
  protected readonly staffUser = injectMutation(CreateStaffUserDocument);
  /** The SUPPLIER account made by a first step whose second step failed. */
  protected readonly pendingUserId = signal<string | null>(null);
  protected readonly supplierNotice = signal<string | null>(null);
  protected readonly staffNotice = signal<string | null>(null);
  protected supplier: SupplierForm = { company: '', name: '', email: '', password: '' };
  protected staff: StaffForm = { name: '', email: '', password: '', role: 'EMPLOYEE' };

  protected supplierBusy(): boolean {
    return this.staffForSupplier.pending() || this.createSupplier.pending();
  }

  protected async onboardSupplier(): Promise<void> {
    this.supplierNotice.set(null);
    let userId = this.pendingUserId();
    if (!userId) {
      const account = await this.staffForSupplier.run({
        input: {
          name: this.supplier.name.trim(),
          email: this.supplier.email.trim(),
          password: this.supplier.password,
          role: 'SUPPLIER',
        },
      });
      if (!account) return;
      userId = account.createStaffUser.id;
      this.pendingUserId.set(userId);
    }
    const created = await this.createSupplier.run({
      input: { userId, name: this.supplier.company.trim() },
    });
    if (!created) return;
    this.pendingUserId.set(null);
    this.supplierNotice.set(
      `${created.createSupplier.name} is onboarded: ${created.createSupplier.user.email} can sign in to the supplier app.`,
    );
    this.supplier = { company: '', name: '', email: '', password: '' };
    this.suppliers.reload();
  }

  protected async addStaff(): Promise<void> {
    this.staffNotice.set(null);
    const result = await this.staffUser.run({
      input: {
        name: this.staff.name.trim(),
        email: this.staff.email.trim(),
        password: this.staff.password,
        role: this.staff.role,
      },
    });
    if (!result) return;
    const role = this.staff.role === 'OPERATOR' ? 'IT operator' : 'employee';
    this.staffNotice.set(`${result.createStaffUser.email} is added as ${role}.`);
    this.staff = { name: '', email: '', password: '', role: this.staff.role };
  }
}
