import { randomUUID } from 'node:crypto';
import { eventually } from './eventually';
import { gql, type GqlOptions } from './graphql';

/**
 * A small world built through the gateway with the contract's operations: an
 * employee (bootstrapped), a supplier with a rocket, a spaceport, launches on
 * sale and customers. Shared by the benchmarks and the fault and fuzz tiers.
 */

export const WORLD_EMPLOYEE = {
  email: 'world-employee@astrobookings.test',
  password: 'Orbit-World-Employee-2026!',
};

/** The stack variables that make the auth service create WORLD_EMPLOYEE at start. */
export const WORLD_ENV: Record<string, string> = {
  BOOTSTRAP_EMPLOYEE_EMAIL: WORLD_EMPLOYEE.email,
  BOOTSTRAP_EMPLOYEE_PASSWORD: WORLD_EMPLOYEE.password,
};

export const WORLD_PASSWORD = 'correct horse 7 battery';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; roles: string[] };
}

export interface SupplierFleet {
  session: Session;
  supplierId: string;
  rocketId: string;
}

export interface ScheduledLaunch {
  id: string;
  mission: string;
  scheduledAt: string;
  seatCapacity: number;
}

const SESSION = 'accessToken refreshToken user { id email roles }';

export const OPERATIONS = {
  login: `mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { ${SESSION} } }`,
  register: `mutation Register($input: RegisterInput!) { register(input: $input) { ${SESSION} } }`,
  createStaffUser: `mutation CreateStaffUser($input: CreateStaffUserInput!) { createStaffUser(input: $input) { id email name roles } }`,
  createSupplier: `mutation CreateSupplier($input: CreateSupplierInput!) { createSupplier(input: $input) { id name user { id email } } }`,
  createSpaceport: `mutation CreateSpaceport($input: CreateSpaceportInput!) { createSpaceport(input: $input) { id name location } }`,
  createRocket: `mutation CreateRocket($input: CreateRocketInput!) { createRocket(input: $input) { id name capacity } }`,
  scheduleLaunch: `mutation ScheduleLaunch($input: ScheduleLaunchInput!) {
    scheduleLaunch(input: $input) {
      id mission destination scheduledAt status pricePerSeat currency seatCapacity seatsAvailable
      rocket { id name } spaceport { id name }
    }
  }`,
  launch: `query Launch($id: ID!) { launch(id: $id) { id mission destination scheduledAt status pricePerSeat currency seatsAvailable } }`,
  launches: `query Launches($filter: LaunchFilter, $first: Int, $after: String) {
    launches(filter: $filter, first: $first, after: $after) {
      totalCount
      edges { cursor node { id mission destination scheduledAt pricePerSeat currency seatsAvailable spaceport { name } } }
      pageInfo { hasNextPage endCursor }
    }
  }`,
  bookSeats: `mutation BookSeats($input: BookSeatsInput!) {
    bookSeats(input: $input) { id status seats totalPrice currency launch { id mission } }
  }`,
  myBookings: `query MyBookings { myBookings { id status seats totalPrice currency launch { id mission scheduledAt } } }`,
  myNotifications: `query MyNotifications { myNotifications { id subject createdAt } }`,
  me: `query Me { me { id email name roles } }`,
  spaceports: `query Spaceports { spaceports { id name location } }`,
  myLaunches: `query MyLaunches {
    myLaunches { id mission status seatCapacity seatsAvailable bookings { id seats status customer { id email } } }
  }`,
  queues: `query Queues { queues { name waiting active completed failed delayed } }`,
} as const;

/** A unique, readable suffix for names that must not collide between runs. */
export function uniqueLabel(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** Runs one operation and answers its data; any error is thrown with the operation's name. */
export async function call<T>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<T> {
  const { status, body } = await gql<T>(url, query, variables, options);
  if (body.errors !== undefined || body.data == null) {
    const name = /(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'operation';
    throw new Error(`${name} failed (HTTP ${status}): ${JSON.stringify(body.errors ?? body)}`);
  }
  return body.data;
}

export class World {
  /** `url` is the gateway's GraphQL endpoint. */
  constructor(readonly url: string) {}

  async login(email: string, password: string): Promise<Session> {
    return (await call<{ login: Session }>(this.url, OPERATIONS.login, { email, password })).login;
  }

  employee(): Promise<Session> {
    return this.login(WORLD_EMPLOYEE.email, WORLD_EMPLOYEE.password);
  }

  async register(label = 'customer'): Promise<Session> {
    const email = `${uniqueLabel(label)}@example.com`;
    const data = await call<{ register: Session }>(this.url, OPERATIONS.register, {
      input: { email, password: WORLD_PASSWORD, name: label },
    });
    return data.register;
  }

  /** `count` customers, registered `parallel` at a time (each costs a password hash). */
  async customers(count: number, parallel = 2): Promise<Session[]> {
    const sessions: Session[] = [];
    for (let i = 0; i < count; i += parallel) {
      const batch = Math.min(parallel, count - i);
      sessions.push(...(await Promise.all(Array.from({ length: batch }, () => this.register()))));
    }
    return sessions;
  }

  /** A staff account with `role`, signed in. */
  async staff(employee: Session, role: 'SUPPLIER' | 'EMPLOYEE' | 'OPERATOR'): Promise<Session> {
    const email = `${uniqueLabel(role.toLowerCase())}@astrobookings.test`;
    await call(
      this.url,
      OPERATIONS.createStaffUser,
      { input: { email, password: WORLD_PASSWORD, name: role, role } },
      { token: employee.accessToken },
    );
    return this.login(email, WORLD_PASSWORD);
  }

  async spaceport(employee: Session): Promise<string> {
    const data = await call<{ createSpaceport: { id: string } }>(
      this.url,
      OPERATIONS.createSpaceport,
      { input: { name: uniqueLabel('Port'), location: 'Kourou' } },
      { token: employee.accessToken },
    );
    return data.createSpaceport.id;
  }

  /** A supplier company for a new SUPPLIER user, with one rocket of `capacity` seats. */
  async supplier(employee: Session, capacity = 1000): Promise<SupplierFleet> {
    const session = await this.staff(employee, 'SUPPLIER');
    const supplier = await call<{ createSupplier: { id: string } }>(
      this.url,
      OPERATIONS.createSupplier,
      { input: { userId: session.user.id, name: uniqueLabel('Orbital') } },
      { token: employee.accessToken },
    );
    const rocket = await call<{ createRocket: { id: string } }>(
      this.url,
      OPERATIONS.createRocket,
      { input: { name: uniqueLabel('Lifter'), capacity } },
      { token: session.accessToken },
    );
    return { session, supplierId: supplier.createSupplier.id, rocketId: rocket.createRocket.id };
  }

  async scheduleLaunch(
    fleet: SupplierFleet,
    spaceportId: string,
    options: {
      seats?: number;
      daysAhead?: number;
      destination?: string;
      pricePerSeat?: number;
    } = {},
  ): Promise<ScheduledLaunch> {
    const departure = new Date(Date.now() + (options.daysAhead ?? 30) * 86_400_000);
    const data = await call<{ scheduleLaunch: ScheduledLaunch }>(
      this.url,
      OPERATIONS.scheduleLaunch,
      {
        input: {
          rocketId: fleet.rocketId,
          spaceportId,
          mission: uniqueLabel('Mission'),
          destination: options.destination ?? 'Lunar orbit',
          scheduledAt: departure.toISOString(),
          pricePerSeat: options.pricePerSeat ?? 250_000,
          currency: 'EUR',
          ...(options.seats === undefined ? {} : { seats: options.seats }),
        },
      },
      { token: fleet.session.accessToken },
    );
    return data.scheduleLaunch;
  }

  /** Waits until the Customer read model sells every launch (the sync worker copied them). */
  async untilOnSale(
    launchIds: readonly string[],
    token: string,
    timeoutMs = 30_000,
  ): Promise<void> {
    for (const id of launchIds) {
      await eventually(
        async () => {
          const { body } = await gql<{ launch: { status: string } | null }>(
            this.url,
            OPERATIONS.launch,
            { id },
            { token },
          );
          return body.data?.launch ? true : undefined;
        },
        { timeoutMs, what: `launch ${id} in the customer read model` },
      );
    }
  }
}
