/**
 * The outbox events of waitlists, written by the waitlist migration's triggers
 * (hold granted, hold used) and by the sync worker's own changes (updated).
 */
export enum WaitlistEventType {
  HoldGranted = 'waitlist.hold_granted',
  HoldUsed = 'waitlist.hold_used',
  Updated = 'waitlist.updated',
}

/** Their payload (waitlist_record_event): times are PostgreSQL's JSON timestamps. */
export interface WaitlistEventPayload {
  entry: {
    id: string;
    launchId: string;
    customerUserId: string;
    seats: number;
    /** While HOLDING: the seats held. */
    heldSeats: number | null;
    status: 'WAITING' | 'HOLDING' | 'BOOKED' | 'LEFT' | 'EXPIRED' | 'CLOSED';
    queuedAt: string;
    holdExpiresAt: string | null;
    bookingId: string | null;
    updatedAt: string;
  };
  launch: { id: string; seatCapacity: number; seatsSold: number; seatsAvailable: number };
}

export function isWaitlistEvent(type: string): type is WaitlistEventType {
  return (Object.values(WaitlistEventType) as string[]).includes(type);
}
