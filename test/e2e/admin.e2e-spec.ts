import { createPrismaClient, type PrismaClient } from '@astrobookings/prisma';
import { randomUUID } from 'node:crypto';
import { createAdminServices, type AdminServices } from '../../subgraphs/admin/src/admin-services';
import { gql } from '../support/graphql';
import { startStack, type Stack } from '../support/stack';
import { call, uniqueLabel, World, WORLD_ENV, type Session } from '../support/world';

/**
 * The contract's Admin operations through the gateway, exactly as written, with
 * the real subgraph and gateway processes: users' emails come from the Auth
 * subgraph, everything else from the Admin subgraph over PostgreSQL. Bookings are
 * placed with the service the sync worker calls (the customer side is tested with
 * its own stack).
 */

const ADMIN_OPERATIONS = {
  CreateSupplier: `mutation CreateSupplier($input: CreateSupplierInput!) {     # EMPLOYEE only; input { userId, name }
  createSupplier(input: $input) { id name user { id email } }
}`,
  CreateSpaceport: `mutation CreateSpaceport($input: CreateSpaceportInput!) {   # EMPLOYEE only; input { name, location }
  createSpaceport(input: $input) { id name location }
}`,
  Spaceports: `query Spaceports {
  spaceports { id name location }
}`,
  CreateRocket: `mutation CreateRocket($input: CreateRocketInput!) {         # SUPPLIER; input { name, capacity }
  createRocket(input: $input) { id name capacity }
}`,
  MyRockets: `query MyRockets {                                           # SUPPLIER: own rockets only
  myRockets { id name capacity }
}`,
  ScheduleLaunch: `mutation ScheduleLaunch($input: ScheduleLaunchInput!) {
  # SUPPLIER, own rocket only; input { rocketId, spaceportId, mission, destination,
  #   scheduledAt, pricePerSeat, currency, seats? (defaults to, and never exceeds, the rocket's capacity) }
  scheduleLaunch(input: $input) {
    id mission destination scheduledAt status pricePerSeat currency
    seatCapacity seatsAvailable
    rocket { id name } spaceport { id name }
  }
}`,
  CancelLaunch: `mutation CancelLaunch($id: ID!, $reason: String!) {         # owning SUPPLIER or EMPLOYEE
  cancelLaunch(id: $id, reason: $reason) { id status }      # bookings on it are cancelled and customers told
}`,
  MyLaunches: `query MyLaunches {                                          # SUPPLIER: own launches with their bookings
  myLaunches {
    id mission status seatCapacity seatsAvailable
    bookings { id seats status customer { id email } }
  }
}`,
  AllBookings: `query AllBookings($first: Int, $after: String) {            # EMPLOYEE
  bookings(first: $first, after: $after) {
    totalCount
    edges { cursor node { id seats status totalPrice currency launch { id mission } customer { id email } } }
    pageInfo { hasNextPage endCursor }
  }
}`,
  CancelBooking: `mutation CancelBooking($id: ID!, $reason: String!) {        # EMPLOYEE
  cancelBooking(id: $id, reason: $reason) { id status }
}`,
  Invoices: `query Invoices {                                            # EMPLOYEE: all; SUPPLIER: own
  invoices { id number kind amount currency status }        # kind CUSTOMER | SUPPLIER; status ISSUED | PAID | VOID
}`,
  MarkInvoicePaid: `mutation MarkInvoicePaid($id: ID!) {                        # EMPLOYEE
  markInvoicePaid(id: $id) { id status }
}`,
};

interface BookingEdge {
  cursor: string;
  node: {
    id: string;
    seats: number;
    status: string;
    totalPrice: number;
    currency: string;
    launch: { id: string; mission: string };
    customer: { id: string; email: string };
  };
}

interface BookingPage {
  bookings: {
    totalCount: number;
    edges: BookingEdge[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

let stack: Stack;
let world: World;
let prisma: PrismaClient;
let admin: AdminServices;
let employee: Session;
let supplier: Session;
let customers: Session[];
let spaceportId: string;
let rocketId: string;
let launchId: string;

const as = (session: Session) => ({ token: session.accessToken });

beforeAll(async () => {
  stack = await startStack({
    name: 'admin_e2e',
    // The gateway is ready once every subgraph it joins answers.
    services: ['auth', 'admin', 'customer', 'monitoring', 'gateway'],
    env: WORLD_ENV,
    portBase: 5300,
  });
  world = new World(stack.urls.gateway);
  prisma = createPrismaClient(String(stack.env.DATABASE_URL), { maxConnections: 2 });
  admin = createAdminServices(prisma, { platformCommissionPercent: 10 }).services;
  employee = await world.employee();
  supplier = await world.staff(employee, 'SUPPLIER');
  customers = await world.customers(3);
});

afterAll(async () => {
  await prisma?.$disconnect();
  await stack?.stop();
});

describe('the Admin operations of the contract, through the gateway', () => {
  it('onboard a supplier (its user and email from the Auth subgraph) and a spaceport', async () => {
    const created = await call<{
      createSupplier: { id: string; name: string; user: { id: string; email: string } };
    }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CreateSupplier,
      { input: { userId: supplier.user.id, name: uniqueLabel('Orbital Works') } },
      as(employee),
    );
    expect(created.createSupplier.user).toEqual({
      id: supplier.user.id,
      email: supplier.user.email,
    });

    const port = await call<{ createSpaceport: { id: string; location: string } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CreateSpaceport,
      { input: { name: uniqueLabel('Esrange'), location: 'Kiruna, Sweden' } },
      as(employee),
    );
    spaceportId = port.createSpaceport.id;
    const listed = await call<{ spaceports: { id: string }[] }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.Spaceports,
      {},
      as(customers[0]),
    );
    expect(listed.spaceports.map((spaceport) => spaceport.id)).toContain(spaceportId);
  });

  it('let the supplier build its fleet and schedule a launch', async () => {
    const rocket = await call<{ createRocket: { id: string; capacity: number } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CreateRocket,
      { input: { name: uniqueLabel('Falcon'), capacity: 6 } },
      as(supplier),
    );
    rocketId = rocket.createRocket.id;
    const fleet = await call<{ myRockets: { id: string }[] }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.MyRockets,
      {},
      as(supplier),
    );
    expect(fleet.myRockets).toEqual([expect.objectContaining({ id: rocketId, capacity: 6 })]);

    const scheduledAt = new Date(Date.now() + 60 * 86_400_000).toISOString();
    const scheduled = await call<{ scheduleLaunch: Record<string, unknown> & { id: string } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.ScheduleLaunch,
      {
        input: {
          rocketId,
          spaceportId,
          mission: 'Aurora Ascent',
          destination: 'Low Earth Orbit',
          scheduledAt,
          pricePerSeat: 12_500_000,
          currency: 'EUR',
        },
      },
      as(supplier),
    );
    launchId = scheduled.scheduleLaunch.id;
    expect(scheduled.scheduleLaunch).toMatchObject({
      mission: 'Aurora Ascent',
      scheduledAt,
      status: 'SCHEDULED',
      pricePerSeat: 12_500_000,
      currency: 'EUR',
      seatCapacity: 6,
      seatsAvailable: 6,
      rocket: { id: rocketId },
      spaceport: { id: spaceportId },
    });
  });

  it("show the supplier its launches with their bookings and customers' emails", async () => {
    for (const customer of customers) {
      await admin.bookings.placeBooking(customer.user.id, launchId, 2, randomUUID());
    }

    const data = await call<{
      myLaunches: {
        id: string;
        seatsAvailable: number;
        bookings: { seats: number; status: string; customer: { id: string; email: string } }[];
      }[];
    }>(stack.urls.gateway, ADMIN_OPERATIONS.MyLaunches, {}, as(supplier));

    const [launch] = data.myLaunches;
    expect(launch).toMatchObject({ id: launchId, seatsAvailable: 0 });
    expect(launch?.bookings.map((booking) => booking.customer)).toEqual(
      customers.map((customer) => ({ id: customer.user.id, email: customer.user.email })),
    );
  });

  it('page through every booking for employees', async () => {
    const first = await call<BookingPage>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.AllBookings,
      { first: 2 },
      as(employee),
    );
    const rest = await call<BookingPage>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.AllBookings,
      { first: 2, after: first.bookings.pageInfo.endCursor },
      as(employee),
    );

    expect(first.bookings.totalCount).toBe(3);
    expect(first.bookings.pageInfo.hasNextPage).toBe(true);
    expect(rest.bookings.pageInfo.hasNextPage).toBe(false);
    const edges = [...first.bookings.edges, ...rest.bookings.edges];
    expect(new Set(edges.map((edge) => edge.node.id)).size).toBe(3);
    expect(edges[0]?.node).toMatchObject({
      seats: 2,
      status: 'CONFIRMED',
      totalPrice: 25_000_000,
      currency: 'EUR',
      launch: { id: launchId, mission: 'Aurora Ascent' },
      customer: { email: customers[2]?.user.email },
    });
  });

  it('let employees cancel a booking, see every invoice and mark one paid', async () => {
    const page = await call<BookingPage>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.AllBookings,
      { first: 1 },
      as(employee),
    );
    const bookingId = page.bookings.edges[0].node.id;
    const cancelled = await call<{ cancelBooking: { id: string; status: string } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CancelBooking,
      { id: bookingId, reason: 'Customer asked by phone' },
      as(employee),
    );
    expect(cancelled.cancelBooking).toEqual({ id: bookingId, status: 'CANCELLED' });

    const invoices = await call<{
      invoices: { id: string; number: string; kind: string; amount: number; status: string }[];
    }>(stack.urls.gateway, ADMIN_OPERATIONS.Invoices, {}, as(employee));
    // Three bookings invoiced; the one cancelled 60 days ahead was refunded in full (voided).
    expect(invoices.invoices).toHaveLength(3);
    expect(invoices.invoices.filter((invoice) => invoice.status === 'VOID')).toHaveLength(1);
    const issued = invoices.invoices.find((invoice) => invoice.status === 'ISSUED')!;
    expect(issued).toMatchObject({ kind: 'CUSTOMER', amount: 25_000_000 });
    expect(issued.number).toMatch(/^C-\d{4}-\d{6}$/);

    const paid = await call<{ markInvoicePaid: { id: string; status: string } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.MarkInvoicePaid,
      { id: issued.id },
      as(employee),
    );
    expect(paid.markInvoicePaid).toEqual({ id: issued.id, status: 'PAID' });
    const own = await call<{ invoices: unknown[] }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.Invoices,
      {},
      as(supplier),
    );
    expect(own.invoices).toEqual([]);
  });

  it('let the supplier cancel its launch, refunding its bookings', async () => {
    const cancelled = await call<{ cancelLaunch: { id: string; status: string } }>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CancelLaunch,
      { id: launchId, reason: 'Range closed' },
      as(supplier),
    );
    expect(cancelled.cancelLaunch).toEqual({ id: launchId, status: 'CANCELLED' });
    const page = await call<BookingPage>(
      stack.urls.gateway,
      ADMIN_OPERATIONS.AllBookings,
      { first: 10 },
      as(employee),
    );
    expect(page.bookings.edges.map((edge) => edge.node.status)).toEqual([
      'CANCELLED',
      'CANCELLED',
      'CANCELLED',
    ]);
  });

  it('refuse callers without the role, with the contract codes', async () => {
    const asCustomer = await gql(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CreateSpaceport,
      { input: { name: uniqueLabel('Nope'), location: 'Nowhere' } },
      as(customers[0]),
    );
    expect(asCustomer.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    const anonymous = await gql(stack.urls.gateway, ADMIN_OPERATIONS.AllBookings, { first: 1 });
    expect(anonymous.body.errors?.map((error) => error.extensions?.code)).toEqual([
      'UNAUTHENTICATED',
    ]);
    const otherSupplier = await world.staff(employee, 'SUPPLIER');
    const notOnboarded = await gql(
      stack.urls.gateway,
      ADMIN_OPERATIONS.CreateRocket,
      { input: { name: 'Orphan', capacity: 2 } },
      as(otherSupplier),
    );
    expect(notOnboarded.body.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });
});
