import { BadUserInputError } from '@astrobookings/shared';

const MAX_REASON_LENGTH = 500;

/** A reason given by a person (for a cancellation, a delay, …): trimmed, 1 to 500 characters. */
export function reasonText(value: string, argument = 'reason'): string {
  const reason = value.trim();
  if (reason.length === 0 || reason.length > MAX_REASON_LENGTH) {
    throw new BadUserInputError(`The ${argument} must be 1 to ${MAX_REASON_LENGTH} characters`, {
      argument,
    });
  }
  return reason;
}
