import { Role } from '@astrobookings/shared';
import { randomUUID } from 'node:crypto';
import {
  AdminKit,
  inDays,
  type OperationResult,
  type TestSupplier,
  type TestUser,
} from '../../../test/support/admin-kit';

/**
 * Every operation of the Admin subgraph × every kind of caller, through the
 * schema with real access tokens. The contract's operations are sent as written
 * in the contract but for users' `email`, which the Auth subgraph resolves
 * through the gateway (test/e2e/admin.e2e-spec.ts sends them whole).
 */

/** The contract's document as this subgraph alone can answer it. */
const withoutAuthFields = (document: string) => document.replace(/\{ id email \}/g, '{ id }');

type Who = 'none' | 'CUSTOMER' | 'SUPPLIER owner' | 'other SUPPLIER' | 'EMPLOYEE' | 'OPERATOR';
type Outcome = 'ok' | 'UNAUTHENTICATED' | 'FORBIDDEN';
const WHO: Who[] = ['none', 'CUSTOMER', 'SUPPLIER owner', 'other SUPPLIER', 'EMPLOYEE', 'OPERATOR'];

interface Fixtures {
  kit: AdminKit;
  owner: TestSupplier;
  other: TestSupplier;
}

interface Operation {
  name: string;
  document: string;
  /** Fresh variables for one call (mutations get their own rows). */
  variables: (fx: Fixtures) => Promise<Record<string, unknown>>;
  expected: Record<Who, Outcome>;
  /** More to check on an `ok` answer. */
  check?: (data: Record<string, unknown>, who: Who, fx: Fixtures) => void | Promise<void>;
}

const ANYONE_SIGNED_IN: Record<Who, Outcome> = {
  none: 'UNAUTHENTICATED',
  CUSTOMER: 'ok',
  'SUPPLIER owner': 'ok',
  'other SUPPLIER': 'ok',
  EMPLOYEE: 'ok',
  OPERATOR: 'ok',
};
const EMPLOYEES: Record<Who, Outcome> = {
  none: 'UNAUTHENTICATED',
  CUSTOMER: 'FORBIDDEN',
  'SUPPLIER owner': 'FORBIDDEN',
  'other SUPPLIER': 'FORBIDDEN',
  EMPLOYEE: 'ok',
  OPERATOR: 'FORBIDDEN',
};
const SUPPLIERS: Record<Who, Outcome> = {
  ...EMPLOYEES,
  'SUPPLIER owner': 'ok',
  'other SUPPLIER': 'ok',
  EMPLOYEE: 'FORBIDDEN',
};
const OWNER: Record<Who, Outcome> = { ...SUPPLIERS, 'other SUPPLIER': 'FORBIDDEN' };
const OWNER_OR_EMPLOYEES: Record<Who, Outcome> = { ...OWNER, EMPLOYEE: 'ok' };
const SUPPLIERS_OR_EMPLOYEES: Record<Who, Outcome> = { ...SUPPLIERS, EMPLOYEE: 'ok' };

async function launchOf(fx: Fixtures) {
  return fx.kit.launch(fx.owner, { scheduledAt: inDays(45) });
}

async function bookingOf(fx: Fixtures) {
  const booking = await fx.kit.book(await fx.kit.customer(), await launchOf(fx), 2);
  return booking.id;
}

async function customerInvoiceOf(fx: Fixtures) {
  const invoice = await fx.kit.prisma.invoice.findUniqueOrThrow({
    where: { bookingId: await bookingOf(fx) },
  });
  return invoice.id;
}

async function supplierInvoiceOf(fx: Fixtures) {
  const launchId = await launchOf(fx);
  await fx.kit.book(await fx.kit.customer(), launchId, 1);
  for (const status of ['LAUNCHED', 'SUCCESSFUL'] as const) {
    await fx.kit.services.launches.changeStatus(fx.owner.caller, launchId, status, undefined);
  }
  return (await fx.kit.prisma.invoice.findUniqueOrThrow({ where: { launchId } })).id;
}

const ids = (list: unknown) => (list as { id: string }[]).map((item) => item.id);

const OPERATIONS: Operation[] = [
  // ---------------------------------------------------- the contract, as written
  {
    name: 'CreateSupplier',
    document: `mutation CreateSupplier($input: CreateSupplierInput!) {     # EMPLOYEE only; input { userId, name }
  createSupplier(input: $input) { id name user { id email } }
}`,
    variables: () => {
      const userId = randomUUID();
      return Promise.resolve({ input: { userId, name: `Supplier ${userId}` } });
    },
    expected: EMPLOYEES,
  },
  {
    name: 'CreateSpaceport',
    document: `mutation CreateSpaceport($input: CreateSpaceportInput!) {   # EMPLOYEE only; input { name, location }
  createSpaceport(input: $input) { id name location }
}`,
    variables: () =>
      Promise.resolve({
        input: { name: `Port ${randomUUID()}`, location: 'Kourou, French Guiana' },
      }),
    expected: EMPLOYEES,
  },
  {
    name: 'Spaceports',
    document: `query Spaceports {
  spaceports { id name location }
}`,
    variables: () => Promise.resolve({}),
    expected: ANYONE_SIGNED_IN,
  },
  {
    name: 'CreateRocket',
    document: `mutation CreateRocket($input: CreateRocketInput!) {         # SUPPLIER; input { name, capacity }
  createRocket(input: $input) { id name capacity }
}`,
    variables: () => Promise.resolve({ input: { name: `Rocket ${randomUUID()}`, capacity: 7 } }),
    expected: SUPPLIERS,
  },
  {
    name: 'MyRockets',
    document: `query MyRockets {                                           # SUPPLIER: own rockets only
  myRockets { id name capacity }
}`,
    variables: async (fx) => {
      await fx.kit.rocket(fx.owner);
      return {};
    },
    expected: SUPPLIERS,
    check: async (data, who, fx) => {
      const rockets = data.myRockets as { id: string }[];
      if (who === 'SUPPLIER owner') expect(rockets.length).toBeGreaterThan(0);
      if (who === 'other SUPPLIER') await expectNoneOwnedBy(fx, ids(rockets));
    },
  },
  {
    name: 'ScheduleLaunch',
    document: `mutation ScheduleLaunch($input: ScheduleLaunchInput!) {
  # SUPPLIER, own rocket only; input { rocketId, spaceportId, mission, destination,
  #   scheduledAt, pricePerSeat, currency, seats? (defaults to, and never exceeds, the rocket's capacity) }
  scheduleLaunch(input: $input) {
    id mission destination scheduledAt status pricePerSeat currency
    seatCapacity seatsAvailable
    rocket { id name } spaceport { id name }
  }
}`,
    variables: async (fx) => ({
      input: {
        rocketId: await fx.kit.rocket(fx.owner, 5),
        spaceportId: await fx.kit.spaceport(),
        mission: 'Orbital Sunrise',
        destination: 'Low Earth Orbit',
        scheduledAt: inDays(30).toISOString(),
        pricePerSeat: 45_000_000,
        currency: 'USD',
      },
    }),
    expected: OWNER,
    check: (data) => {
      expect(data.scheduleLaunch).toMatchObject({
        status: 'SCHEDULED',
        seatCapacity: 5,
        seatsAvailable: 5,
        currency: 'USD',
      });
    },
  },
  {
    name: 'CancelLaunch',
    document: `mutation CancelLaunch($id: ID!, $reason: String!) {         # owning SUPPLIER or EMPLOYEE
  cancelLaunch(id: $id, reason: $reason) { id status }      # bookings on it are cancelled and customers told
}`,
    variables: async (fx) => ({ id: await launchOf(fx), reason: 'Range closed' }),
    expected: OWNER_OR_EMPLOYEES,
    check: (data) => expect(data.cancelLaunch).toMatchObject({ status: 'CANCELLED' }),
  },
  {
    name: 'MyLaunches',
    document: `query MyLaunches {                                          # SUPPLIER: own launches with their bookings
  myLaunches {
    id mission status seatCapacity seatsAvailable
    bookings { id seats status customer { id email } }
  }
}`,
    variables: async (fx) => {
      await bookingOf(fx);
      return {};
    },
    expected: SUPPLIERS,
    check: async (data, who, fx) => {
      const launches = data.myLaunches as { id: string; bookings: unknown[] }[];
      if (who === 'SUPPLIER owner') {
        expect(launches.some((launch) => launch.bookings.length > 0)).toBe(true);
      }
      if (who === 'other SUPPLIER') await expectNoneOwnedBy(fx, ids(launches));
    },
  },
  {
    name: 'AllBookings',
    document: `query AllBookings($first: Int, $after: String) {            # EMPLOYEE
  bookings(first: $first, after: $after) {
    totalCount
    edges { cursor node { id seats status totalPrice currency launch { id mission } customer { id email } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
    variables: async (fx) => {
      await bookingOf(fx);
      return { first: 5 };
    },
    expected: EMPLOYEES,
  },
  {
    name: 'CancelBooking',
    document: `mutation CancelBooking($id: ID!, $reason: String!) {        # EMPLOYEE
  cancelBooking(id: $id, reason: $reason) { id status }
}`,
    variables: async (fx) => ({ id: await bookingOf(fx), reason: 'Customer called' }),
    expected: EMPLOYEES,
    check: (data) => expect(data.cancelBooking).toMatchObject({ status: 'CANCELLED' }),
  },
  {
    name: 'Invoices',
    document: `query Invoices {                                            # EMPLOYEE: all; SUPPLIER: own
  invoices { id number kind amount currency status }        # kind CUSTOMER | SUPPLIER; status ISSUED | PAID | VOID
}`,
    variables: async (fx) => {
      await supplierInvoiceOf(fx);
      return {};
    },
    expected: SUPPLIERS_OR_EMPLOYEES,
    check: (data, who) => {
      const kinds = new Set((data.invoices as { kind: string }[]).map((invoice) => invoice.kind));
      if (who === 'EMPLOYEE') expect([...kinds].sort()).toEqual(['CUSTOMER', 'SUPPLIER']);
      if (who === 'SUPPLIER owner') expect([...kinds]).toEqual(['SUPPLIER']);
      if (who === 'other SUPPLIER') expect(data.invoices).toEqual([]);
    },
  },
  {
    name: 'MarkInvoicePaid',
    document: `mutation MarkInvoicePaid($id: ID!) {                        # EMPLOYEE
  markInvoicePaid(id: $id) { id status }
}`,
    variables: async (fx) => ({ id: await customerInvoiceOf(fx) }),
    expected: EMPLOYEES,
    check: (data) => expect(data.markInvoicePaid).toMatchObject({ status: 'PAID' }),
  },
  // ------------------------------------------------------ beyond the contract
  {
    name: 'updateSpaceport',
    document: `mutation($id: ID!) { updateSpaceport(id: $id, input: { location: "Moved" }) { id location } }`,
    variables: async (fx) => ({ id: await fx.kit.spaceport() }),
    expected: EMPLOYEES,
  },
  {
    name: 'suppliers',
    document: `query { suppliers { id name user { id } } }`,
    variables: () => Promise.resolve({}),
    expected: EMPLOYEES,
  },
  {
    name: 'updateRocket',
    document: `mutation($id: ID!) { updateRocket(id: $id, input: { capacity: 3 }) { id capacity } }`,
    variables: async (fx) => ({ id: await fx.kit.rocket(fx.owner) }),
    expected: OWNER,
  },
  {
    name: 'delayLaunch',
    document: `mutation($id: ID!, $at: DateTime!) { delayLaunch(id: $id, scheduledAt: $at, reason: "Weather") { id status } }`,
    variables: async (fx) => ({ id: await launchOf(fx), at: inDays(50).toISOString() }),
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'changeLaunchStatus',
    document: `mutation($id: ID!) { changeLaunchStatus(id: $id, status: LAUNCHED) { id status } }`,
    variables: async (fx) => ({ id: await launchOf(fx) }),
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'allLaunches',
    document: `query { allLaunches(first: 3) { totalCount edges { node { id } } } }`,
    variables: () => Promise.resolve({}),
    expected: EMPLOYEES,
  },
  {
    name: 'markInvoiceVoid',
    document: `mutation($id: ID!) { markInvoiceVoid(id: $id, reason: "Comped") { id status } }`,
    variables: async (fx) => ({ id: await customerInvoiceOf(fx) }),
    expected: EMPLOYEES,
  },
  {
    name: "launchReports of the owner's launches",
    document: `query($supplierId: ID) { launchReports(supplierId: $supplierId) { seatsSold launch { id } } }`,
    variables: async (fx) => {
      await launchOf(fx);
      return { supplierId: fx.owner.supplierId };
    },
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'supplierReports',
    document: `query { supplierReports { launches revenue { amount currency } supplier { id } } }`,
    variables: () => Promise.resolve({}),
    expected: SUPPLIERS_OR_EMPLOYEES,
    check: (data, who, fx) => {
      const suppliers = (data.supplierReports as { supplier: { id: string } }[]).map(
        (report) => report.supplier.id,
      );
      if (who === 'other SUPPLIER') expect(suppliers).toEqual([fx.other.supplierId]);
      if (who === 'SUPPLIER owner') expect(suppliers).toEqual([fx.owner.supplierId]);
    },
  },
  // ------------------------------------- entities, as the gateway asks for them
  {
    name: 'Booking entity',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Booking { id seats } } }`,
    variables: async (fx) => ({ reps: [{ __typename: 'Booking', id: await bookingOf(fx) }] }),
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'Invoice entity (SUPPLIER)',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Invoice { id amount } } }`,
    variables: async (fx) => ({
      reps: [{ __typename: 'Invoice', id: await supplierInvoiceOf(fx) }],
    }),
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'Launch entity',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Launch { id seatsAvailable rocket { name } } } }`,
    variables: async (fx) => ({ reps: [{ __typename: 'Launch', id: await launchOf(fx) }] }),
    expected: ANYONE_SIGNED_IN,
  },
  {
    name: 'Launch.bookings',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Launch { id bookings { id } } } }`,
    variables: async (fx) => {
      const launchId = await launchOf(fx);
      await fx.kit.book(await fx.kit.customer(), launchId, 1);
      return { reps: [{ __typename: 'Launch', id: launchId }] };
    },
    expected: OWNER_OR_EMPLOYEES,
  },
  {
    name: 'Supplier entity',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Supplier { id name } } }`,
    variables: (fx) =>
      Promise.resolve({ reps: [{ __typename: 'Supplier', id: fx.owner.supplierId }] }),
    expected: ANYONE_SIGNED_IN,
  },
  {
    name: 'User.supplier',
    document: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on User { id supplier { id } } } }`,
    variables: (fx) => Promise.resolve({ reps: [{ __typename: 'User', id: fx.owner.userId }] }),
    expected: ANYONE_SIGNED_IN,
    check: (data, who, fx) => {
      const [user] = data._entities as { supplier: { id: string } | null }[];
      // Only the user themself and employees learn which supplier a user runs.
      const sees = who === 'SUPPLIER owner' || who === 'EMPLOYEE';
      expect(user?.supplier).toEqual(sees ? { id: fx.owner.supplierId } : null);
    },
  },
];

/** Nothing of the owner's (rockets, launches) reaches another supplier. */
async function expectNoneOwnedBy(fx: Fixtures, listed: string[]): Promise<void> {
  const where = { supplierId: fx.owner.supplierId, id: { in: listed } };
  const [rockets, launches] = await Promise.all([
    fx.kit.prisma.rocket.count({ where }),
    fx.kit.prisma.launch.count({ where }),
  ]);
  expect(rockets + launches).toBe(0);
}

describe('Admin authorization: every operation × every caller', () => {
  let fx: Fixtures;
  const users = new Map<Who, TestUser | undefined>();

  beforeAll(async () => {
    const kit = await AdminKit.start();
    fx = { kit, owner: await kit.supplier(), other: await kit.supplier() };
    users.set('none', undefined);
    users.set('CUSTOMER', await kit.customer());
    users.set('SUPPLIER owner', fx.owner);
    users.set('other SUPPLIER', fx.other);
    users.set('EMPLOYEE', await kit.employee());
    users.set('OPERATOR', await kit.user([Role.OPERATOR]));
  });

  afterAll(() => fx.kit.stop());

  const cells = OPERATIONS.flatMap((operation) =>
    WHO.map((who) => [operation.name, who, operation.expected[who], operation] as const),
  );

  it.each(cells)('%s as %s → %s', async (_name, who, outcome, operation) => {
    const result: OperationResult = await fx.kit.run(
      withoutAuthFields(operation.document),
      await operation.variables(fx),
      users.get(who),
    );
    if (outcome === 'ok') {
      expect(result.errors).toBeUndefined();
      await operation.check?.(result.data ?? {}, who, fx);
    } else {
      expect(result.errors?.map((error) => error.extensions?.code)).toEqual([outcome]);
    }
  });

  it("lets a customer see their own booking, never another's", async () => {
    const customer = await fx.kit.customer();
    const booking = await fx.kit.book(customer, await launchOf(fx), 1);
    const document = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Booking { id } } }`;
    const reps = [{ __typename: 'Booking', id: booking.id }];

    expect((await fx.kit.run(document, { reps }, customer)).errors).toBeUndefined();
    const stranger = await fx.kit.run(document, { reps }, await fx.kit.customer());
    expect(stranger.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
