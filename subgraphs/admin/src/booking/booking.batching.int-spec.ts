import { AdminKit, type TestUser } from '../../../../test/support/admin-kit';

/**
 * Entity references are read in batches: listing bookings with their launch,
 * rocket, spaceport and customer takes the same few SQL statements for 5
 * bookings as for 50.
 */

const LIST = `query AllBookings($first: Int) {
  bookings(first: $first) {
    totalCount
    edges { cursor node {
      id seats status totalPrice currency
      launch { id mission seatsAvailable rocket { id name } spaceport { id name } supplier { id name } }
      customer { id }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Listed {
  bookings: {
    totalCount: number;
    edges: { node: { launch: { rocket: { name: string }; spaceport: { name: string } } } }[];
  };
}

describe('Admin batching (PostgreSQL)', () => {
  let kit: AdminKit;
  let employee: TestUser;

  beforeAll(async () => {
    kit = await AdminKit.start();
    employee = await kit.employee();
    // 50 bookings on 10 launches of 2 suppliers, from 5 spaceports, by 50 customers.
    const suppliers = [await kit.supplier(), await kit.supplier()];
    const spaceports = await Promise.all(Array.from({ length: 5 }, () => kit.spaceport()));
    for (let index = 0; index < 10; index += 1) {
      const launchId = await kit.launch(suppliers[index % 2], {
        capacity: 20,
        spaceportId: spaceports[index % 5],
      });
      for (let booking = 0; booking < 5; booking += 1) {
        await kit.book(await kit.customer(), launchId, 1);
      }
    }
  });

  afterAll(() => kit.stop());

  async function statementsToList(first: number): Promise<{ count: number; data: Listed }> {
    kit.queries.length = 0;
    const data = await kit.ok<Listed>(LIST, { first }, employee);
    return { count: kit.queries.length, data };
  }

  it('lists 50 bookings with launch, rocket, spaceport, supplier and customer in a constant few statements', async () => {
    const few = await statementsToList(5);
    const many = await statementsToList(50);

    expect(many.data.bookings.totalCount).toBe(50);
    expect(many.data.bookings.edges).toHaveLength(50);
    expect(many.data.bookings.edges.every((edge) => edge.node.launch.rocket.name !== '')).toBe(
      true,
    );
    // Count + page, then one query each for launches, rockets, spaceports and suppliers.
    expect(many.count).toBe(6);
    expect(many.count).toBe(few.count);
    process.stdout.write(
      `batching: 50 bookings with launch, rocket, spaceport, supplier and customer → ${many.count} SQL statements (5 bookings → ${few.count})\n`,
    );
  });
});
