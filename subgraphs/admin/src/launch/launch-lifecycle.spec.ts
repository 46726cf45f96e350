import { LaunchStatus } from '@astrobookings/prisma';
import { canMove, isCalledOff, isOnSale } from './launch-lifecycle';

const { SCHEDULED, DELAYED, LAUNCHED, SUCCESSFUL, FAILED, ABORTED, CANCELLED } = LaunchStatus;
const ALL = Object.values(LaunchStatus);

describe('launch lifecycle', () => {
  const allowed: [LaunchStatus, LaunchStatus][] = [
    [SCHEDULED, DELAYED],
    [SCHEDULED, LAUNCHED],
    [SCHEDULED, ABORTED],
    [SCHEDULED, CANCELLED],
    [DELAYED, DELAYED],
    [DELAYED, LAUNCHED],
    [DELAYED, ABORTED],
    [DELAYED, CANCELLED],
    [LAUNCHED, SUCCESSFUL],
    [LAUNCHED, FAILED],
  ];

  it.each(allowed)('allows %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(true);
  });

  const refused = ALL.flatMap((from) =>
    ALL.map((to) => [from, to] as [LaunchStatus, LaunchStatus]),
  ).filter(([from, to]) => !allowed.some(([a, b]) => a === from && b === to));

  it.each(refused)('refuses %s → %s', (from, to) => {
    expect(canMove(from, to)).toBe(false);
  });

  it('sells seats only before departure and calls off only by abort or cancellation', () => {
    expect(ALL.filter(isOnSale)).toEqual([SCHEDULED, DELAYED]);
    expect(ALL.filter(isCalledOff)).toEqual([ABORTED, CANCELLED]);
  });
});
