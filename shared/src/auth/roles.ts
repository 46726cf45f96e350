import { registerEnumType } from 'type-graphql';

/** What a user may do; a user may hold several roles. */
export enum Role {
  CUSTOMER = 'CUSTOMER',
  SUPPLIER = 'SUPPLIER',
  EMPLOYEE = 'EMPLOYEE',
  OPERATOR = 'OPERATOR',
}

registerEnumType(Role, {
  name: 'Role',
  description: 'What a user may do; a user may hold several roles',
});

/** The authenticated caller of one request, taken from a verified access token. */
export interface Principal {
  userId: string;
  email: string;
  roles: Role[];
}

export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return roles.some((role) => principal.roles.includes(role));
}
