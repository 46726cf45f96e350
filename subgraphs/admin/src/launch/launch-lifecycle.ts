import { LaunchStatus } from '@astrobookings/prisma';

/** The moves a launch can make; the last four statuses are final. */
const NEXT: Record<LaunchStatus, readonly LaunchStatus[]> = {
  [LaunchStatus.SCHEDULED]: [
    LaunchStatus.DELAYED,
    LaunchStatus.LAUNCHED,
    LaunchStatus.ABORTED,
    LaunchStatus.CANCELLED,
  ],
  [LaunchStatus.DELAYED]: [
    LaunchStatus.DELAYED,
    LaunchStatus.LAUNCHED,
    LaunchStatus.ABORTED,
    LaunchStatus.CANCELLED,
  ],
  [LaunchStatus.LAUNCHED]: [LaunchStatus.SUCCESSFUL, LaunchStatus.FAILED],
  [LaunchStatus.SUCCESSFUL]: [],
  [LaunchStatus.FAILED]: [],
  [LaunchStatus.ABORTED]: [],
  [LaunchStatus.CANCELLED]: [],
};

export function canMove(from: LaunchStatus, to: LaunchStatus): boolean {
  return NEXT[from].includes(to);
}

/** Seats can be booked and bookings cancelled only before departure. */
export function isOnSale(status: LaunchStatus): boolean {
  return status === LaunchStatus.SCHEDULED || status === LaunchStatus.DELAYED;
}

/** A launch called off: every booking on it is cancelled with a full refund. */
export function isCalledOff(status: LaunchStatus): boolean {
  return status === LaunchStatus.ABORTED || status === LaunchStatus.CANCELLED;
}
