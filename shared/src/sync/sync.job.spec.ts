import { parseSyncOutcome, SyncJobName, SYNC_JOB_PRIORITY, syncJobIds } from './sync.job';

describe('the sync job contract', () => {
  it('names jobs without the colon BullMQ refuses, one per event and per request', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    const ids = [
      syncJobIds.outboxEvent('42'),
      syncJobIds.placeBooking('b1'),
      syncJobIds.cancelBooking('b1', at),
      syncJobIds.waitlistRequest('w1', at),
      syncJobIds.reconcile(7),
    ];
    expect(ids.every((id) => !id.includes(':'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // A second cancellation request of the same booking is a job of its own.
    expect(syncJobIds.cancelBooking('b1', new Date(at.getTime() + 1))).not.toBe(ids[2]);
  });

  it('runs customer requests before copies of events, and copies before sweeps', () => {
    const rank = (name: SyncJobName) => SYNC_JOB_PRIORITY[name] ?? 0;
    expect(rank(SyncJobName.PlaceBooking)).toBeLessThan(rank(SyncJobName.OutboxEvent));
    expect(rank(SyncJobName.CancelBooking)).toBeLessThan(rank(SyncJobName.OutboxEvent));
    expect(rank(SyncJobName.WaitlistRequest)).toBeLessThan(rank(SyncJobName.OutboxEvent));
    expect(rank(SyncJobName.OutboxEvent)).toBeLessThan(rank(SyncJobName.Reconcile));
  });

  it('reads outcome announcements and ignores anything else on the channel', () => {
    expect(parseSyncOutcome('{"entity":"booking","id":"b1"}')).toEqual({
      entity: 'booking',
      id: 'b1',
    });
    expect(parseSyncOutcome('{"entity":"launch","id":"l1"}')).toBeUndefined();
    expect(parseSyncOutcome('{"entity":"booking"}')).toBeUndefined();
    expect(parseSyncOutcome('not json')).toBeUndefined();
  });
});
