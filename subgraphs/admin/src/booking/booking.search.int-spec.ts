import { createPrismaClient, type PrismaClient } from '@astrobookings/prisma';
import pg from 'pg';
import { AdminKit, type TestSupplier, type TestUser } from '../../../../test/support/admin-kit';
import { BookingRepository, type BookingFilter } from './booking.repository';

const SEARCH = `query Search($search: BookingSearch, $first: Int, $after: String) {
  bookings(search: $search, first: $first, after: $after) {
    totalCount
    edges { node { id status launch { id mission } customer { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Page {
  bookings: {
    totalCount: number;
    edges: { node: { id: string; status: string; launch: { id: string; mission: string } } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe("Employees' booking search (PostgreSQL)", () => {
  let kit: AdminKit;
  let supplier: TestSupplier;
  let employee: TestUser;
  let ada: TestUser;
  let bo: TestUser;
  let launches: { id: string; mission: string }[];
  /** Ada's two on the first launch (the second cancelled), Bo's one on each. */
  let booked: { adaFirst: string; adaCancelled: string; boFirst: string; boSecond: string };

  const search = async (variables: Record<string, unknown>) =>
    (await kit.ok<Page>(SEARCH, variables, employee)).bookings;
  const ids = (page: Page['bookings']) => page.edges.map((edge) => edge.node.id).sort();

  beforeAll(async () => {
    kit = await AdminKit.start();
    supplier = await kit.supplier();
    [employee, ada, bo] = await Promise.all([kit.employee(), kit.customer(), kit.customer()]);
    const ids = [await kit.launch(supplier), await kit.launch(supplier)];
    launches = await kit.prisma.launch.findMany({
      where: { id: { in: ids } },
      select: { id: true, mission: true },
    });
    launches.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const adaFirst = (await kit.book(ada, launches[0].id)).id;
    const adaCancelled = (await kit.book(ada, launches[0].id)).id;
    await kit.services.bookings.cancelBooking(employee.caller, adaCancelled, 'Asked by phone');
    booked = {
      adaFirst,
      adaCancelled,
      boFirst: (await kit.book(bo, launches[0].id)).id,
      boSecond: (await kit.book(bo, launches[1].id)).id,
    };
  });

  afterAll(() => kit.stop());

  it('finds by part of the mission in any case, by booking or launch id, by customer and by status', async () => {
    const missionPart = launches[1].mission.slice(-4).toUpperCase();
    expect(ids(await search({ search: { text: missionPart } }))).toEqual([booked.boSecond]);
    expect(ids(await search({ search: { text: booked.adaFirst.toUpperCase() } }))).toEqual([
      booked.adaFirst,
    ]);
    expect(ids(await search({ search: { text: launches[1].id } }))).toEqual([booked.boSecond]);
    expect(ids(await search({ search: { text: ` ${launches[1].mission} ` } }))).toEqual([
      booked.boSecond,
    ]);
    expect(ids(await search({ search: { customerId: ada.userId } }))).toEqual(
      [booked.adaFirst, booked.adaCancelled].sort(),
    );
    expect(ids(await search({ search: { status: 'CANCELLED' } }))).toEqual([booked.adaCancelled]);
    expect(ids(await search({ search: { launchId: launches[0].id } }))).toEqual(
      [booked.adaFirst, booked.adaCancelled, booked.boFirst].sort(),
    );
  });

  it('combines criteria, counts what matches, and pages through it newest first', async () => {
    const confirmedOnFirst = { launchId: launches[0].id, status: 'CONFIRMED' };
    const first = await search({ search: confirmedOnFirst, first: 1 });
    expect(first.totalCount).toBe(2);
    expect(first.edges.map((edge) => edge.node.id)).toEqual([booked.boFirst]);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await search({
      search: confirmedOnFirst,
      first: 1,
      after: first.pageInfo.endCursor,
    });
    expect(second.edges.map((edge) => edge.node.id)).toEqual([booked.adaFirst]);
    expect(second.pageInfo.hasNextPage).toBe(false);

    const mine = await search({ search: { text: launches[0].mission, customerId: bo.userId } });
    expect(mine.totalCount).toBe(1);
    expect(ids(mine)).toEqual([booked.boFirst]);
    // Without a search: every booking, as the contract's AllBookings lists them.
    expect((await search({})).totalCount).toBe(4);
    expect((await search({ search: null })).totalCount).toBe(4);
  });

  it('matches nothing for an unknown id or text, and refuses a search too short or too long', async () => {
    expect(await search({ search: { launchId: 'not-a-launch' } })).toMatchObject({
      totalCount: 0,
      edges: [],
    });
    expect((await search({ search: { text: 'Voyage to nowhere' } })).totalCount).toBe(0);
    for (const text of ['x', 'y'.repeat(101)]) {
      const { errors } = await kit.run(SEARCH, { search: { text } }, employee);
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    const { errors } = await kit.run(SEARCH, { search: { status: 'CONFIRMED' } }, ada);
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  describe('query plans', () => {
    let prisma: PrismaClient;
    let sent: { query: string; params: string }[];
    let db: pg.Client;

    beforeAll(async () => {
      sent = [];
      prisma = createPrismaClient(kit.databaseUrl, {
        maxConnections: 1,
        onQuery: (event) => sent.push({ query: event.query, params: event.params }),
      });
      db = new pg.Client({ connectionString: kit.databaseUrl });
      await db.connect();
      // A catalog of the size the plans are for: 20,000 launches, 40,000 bookings of 5,000 customers.
      await db.query(
        `INSERT INTO launches (id, supplier_id, rocket_id, spaceport_id, mission, destination,
                               scheduled_at, price_per_seat, currency, seat_capacity, updated_at)
         SELECT gen_random_uuid(), supplier_id, rocket_id, spaceport_id, 'Bulk ' || md5(i::text),
                destination, scheduled_at + i * interval '1 minute', price_per_seat, currency,
                seat_capacity, now()
         FROM launches, generate_series(1, 20000) AS i WHERE id = $1`,
        [launches[0].id],
      );
      const bulk = await db.query(
        `INSERT INTO bookings (launch_id, customer_user_id, idempotency_key, seats, price_per_seat,
                               total_price, currency, status, created_at, updated_at)
         SELECT l.id, 'customer-' || (random() * 5000)::int, md5(random()::text), 1,
                l.price_per_seat, l.price_per_seat, l.currency, 'CONFIRMED',
                now() - random() * interval '300 days', now()
         FROM launches l, generate_series(1, 2) WHERE l.mission LIKE 'Bulk %'`,
      );
      expect(bulk.rowCount).toBe(40_000);
      // VACUUM moves the new rows out of the GIN index's pending list, as autovacuum would.
      await db.query('VACUUM ANALYZE launches, bookings');
    });

    afterAll(async () => {
      await db.end();
      await prisma.$disconnect();
    });

    /** The plan of the page query the repository sends for `filter`. */
    async function planOf(filter: BookingFilter): Promise<string> {
      sent.length = 0;
      await new BookingRepository(prisma).page(filter, 20, undefined);
      const page = sent.find((statement) => statement.query.includes('FROM "public"."bookings"'));
      if (page === undefined) throw new Error(`no bookings query among ${JSON.stringify(sent)}`);
      await db.query('DEALLOCATE ALL');
      await db.query(`PREPARE page AS ${page.query}`);
      const params = (JSON.parse(page.params) as (string | number | boolean | null)[]).map(
        (value) => (value === null ? 'NULL' : `'${String(value).replace(/'/g, "''")}'`),
      );
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN EXECUTE page(${params.join(', ')})`,
      );
      return rows.map((row) => row['QUERY PLAN']).join('\n');
    }

    it.each<[string, () => BookingFilter, RegExp[]]>([
      ['a status', () => ({ status: 'CANCELLED' }), [/bookings_status_created_at_id_idx/]],
      [
        'a customer',
        () => ({ customerUserId: ada.userId }),
        [/bookings_customer_user_id_created_at_idx/],
      ],
      ['a launch', () => ({ launchId: launches[0].id }), [/bookings_launch_id_status_idx/]],
      [
        'a booking or launch id',
        () => ({ anyId: booked.adaFirst }),
        [/bookings_pkey/, /bookings_launch_id_status_idx/],
      ],
      [
        'part of a mission',
        () => ({ missionPart: launches[1].mission.slice(-6) }),
        [/launches_mission_idx/, /bookings_launch_id_status_idx/],
      ],
    ])('finds bookings by %s through its index', async (_, filter, indexes) => {
      const plan = await planOf(filter());
      for (const index of indexes) expect(plan).toMatch(index);
      expect(plan).not.toMatch(/Seq Scan/);
    });
  });
});
