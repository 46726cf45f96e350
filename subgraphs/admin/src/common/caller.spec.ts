import { ForbiddenError, Role } from '@astrobookings/shared';
import { Caller } from './caller';

describe('Caller', () => {
  const supplier = new Caller('u1', [Role.SUPPLIER], 's1');
  const employee = new Caller('u2', [Role.EMPLOYEE], null);
  const notOnboarded = new Caller('u3', [Role.SUPPLIER], null);

  it('lets a supplier manage only what is its own, and employees everything', () => {
    expect(supplier.canManage('s1')).toBe(true);
    expect(supplier.canManage('s2')).toBe(false);
    expect(employee.canManage('s1')).toBe(true);
    expect(notOnboarded.canManage('s1')).toBe(false);
    expect(() => supplier.assertCanManage('s2')).toThrow(ForbiddenError);
  });

  it('acts for a supplier only once an employee has onboarded it', () => {
    expect(supplier.ownSupplierId()).toBe('s1');
    expect(() => notOnboarded.ownSupplierId()).toThrow(ForbiddenError);
    expect(() => employee.ownSupplierId()).toThrow(ForbiddenError);
    // A supplier link without the role (the role was taken away) acts for nobody.
    const demoted = new Caller('u4', [Role.CUSTOMER], 's1');
    expect(() => demoted.ownSupplierId()).toThrow(ForbiddenError);
    expect(demoted.canManage('s1')).toBe(false);
  });

  it('records who acted with which roles', () => {
    expect(Caller.customer('c1').auditActor).toEqual({ userId: 'c1', roles: [Role.CUSTOMER] });
  });
});
