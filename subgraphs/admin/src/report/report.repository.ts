import type { Db } from '../common/db';

export interface LaunchFigures {
  launchId: string;
  seatCapacity: number;
  seatsSold: number;
  currency: string;
  confirmedBookings: number;
  /** Paid by CONFIRMED bookings plus what cancelled ones kept after their refund. */
  revenue: number;
  refunded: number;
}

export interface SupplierFigures {
  supplierId: string;
  launches: number;
  seatCapacity: number;
  seatsSold: number;
  revenue: { currency: string; amount: number }[];
}

type Counted = bigint | number;

/** Occupancy and revenue, summed by PostgreSQL over the launches and bookings indexes. */
export class ReportRepository {
  constructor(private readonly db: Db) {}

  async launchFigures(supplierId: string | null): Promise<LaunchFigures[]> {
    const rows = await this.db.$queryRaw<
      {
        launch_id: string;
        seat_capacity: number;
        seats_sold: number;
        currency: string;
        confirmed_bookings: Counted;
        revenue: Counted;
        refunded: Counted;
      }[]
    >`
      SELECT l.id AS launch_id, l.seat_capacity, l.seats_sold, l.currency,
             COUNT(b.id) FILTER (WHERE b.status = 'CONFIRMED') AS confirmed_bookings,
             COALESCE(SUM(CASE b.status WHEN 'CONFIRMED' THEN b.total_price
                                        WHEN 'CANCELLED' THEN b.total_price - b.refund_amount END), 0) AS revenue,
             COALESCE(SUM(b.refund_amount) FILTER (WHERE b.status = 'CANCELLED'), 0) AS refunded
        FROM launches l
        LEFT JOIN bookings b ON b.launch_id = l.id
       WHERE (${supplierId}::uuid IS NULL OR l.supplier_id = ${supplierId}::uuid)
       GROUP BY l.id
       ORDER BY l.scheduled_at, l.id`;
    return rows.map((row) => ({
      launchId: row.launch_id,
      seatCapacity: row.seat_capacity,
      seatsSold: row.seats_sold,
      currency: row.currency,
      confirmedBookings: Number(row.confirmed_bookings),
      revenue: Number(row.revenue),
      refunded: Number(row.refunded),
    }));
  }

  async supplierFigures(supplierId: string | null): Promise<SupplierFigures[]> {
    const [totals, revenue] = await Promise.all([
      this.db.$queryRaw<
        { supplier_id: string; launches: Counted; seat_capacity: Counted; seats_sold: Counted }[]
      >`
        SELECT s.id AS supplier_id, COUNT(l.id) AS launches,
               COALESCE(SUM(l.seat_capacity), 0) AS seat_capacity,
               COALESCE(SUM(l.seats_sold), 0) AS seats_sold
          FROM suppliers s
          LEFT JOIN launches l ON l.supplier_id = s.id
         WHERE (${supplierId}::uuid IS NULL OR s.id = ${supplierId}::uuid)
         GROUP BY s.id
         ORDER BY s.name`,
      this.db.$queryRaw<{ supplier_id: string; currency: string; amount: Counted }[]>`
        SELECT l.supplier_id, l.currency,
               SUM(CASE b.status WHEN 'CONFIRMED' THEN b.total_price
                                 ELSE b.total_price - b.refund_amount END) AS amount
          FROM bookings b
          JOIN launches l ON l.id = b.launch_id
         WHERE b.status IN ('CONFIRMED', 'CANCELLED')
           AND (${supplierId}::uuid IS NULL OR l.supplier_id = ${supplierId}::uuid)
         GROUP BY l.supplier_id, l.currency
         ORDER BY l.currency`,
    ]);
    return totals.map((row) => ({
      supplierId: row.supplier_id,
      launches: Number(row.launches),
      seatCapacity: Number(row.seat_capacity),
      seatsSold: Number(row.seats_sold),
      revenue: revenue
        .filter((money) => money.supplier_id === row.supplier_id)
        .map((money) => ({ currency: money.currency, amount: Number(money.amount) })),
    }));
  }
}
