import { BadUserInputError, type Principal } from '@astrobookings/shared';
import type { Clock } from '../common/clock';
import type { UpdateMyProfileInput } from './profile.input';
import type { ProfileRepository, ProfileView } from './profile.repository';

const MAX_NAME_LENGTH = 100;
const PHONE = /^\+?[0-9][0-9 ()-]{3,28}[0-9]$/;
/** Customers known to have a profile, so most requests skip the store; bounded. */
const KNOWN_LIMIT = 50_000;

/**
 * Customer profiles: created from the verified token's claims (user id, email) on
 * the customer's first use, then read and changed by the customer.
 */
export class ProfileService {
  private readonly known = new Set<string>();

  constructor(
    private readonly profiles: ProfileRepository,
    private readonly clock: Clock,
  ) {}

  /** Makes sure the caller has a profile (their first request creates it). */
  async ensure(caller: Principal): Promise<void> {
    if (this.known.has(caller.userId)) return;
    const profile = await this.profiles.findById(caller.userId);
    if (profile === undefined) {
      await this.profiles.insertIfAbsent(caller.userId, caller.email, this.clock());
    } else if (profile.email !== caller.email) {
      // The token is the account's word on the email address.
      await this.profiles.update(caller.userId, { email: caller.email }, this.clock());
    }
    if (this.known.size >= KNOWN_LIMIT) this.known.clear();
    this.known.add(caller.userId);
  }

  async get(caller: Principal): Promise<ProfileView> {
    await this.ensure(caller);
    const profile = await this.profiles.findById(caller.userId);
    if (profile === undefined) throw new Error('a profile just ensured was not found');
    return profile;
  }

  async update(caller: Principal, input: UpdateMyProfileInput): Promise<ProfileView> {
    const changes: { name?: string | null; phone?: string | null } = {};
    if (input.name !== undefined) changes.name = profileName(input.name);
    if (input.phone !== undefined) changes.phone = phoneNumber(input.phone);
    await this.ensure(caller);
    if (Object.keys(changes).length > 0) {
      await this.profiles.update(caller.userId, changes, this.clock());
    }
    return this.get(caller);
  }
}

function profileName(name: string | null): string | null {
  if (name === null) return null;
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw new BadUserInputError(`A name has 1 to ${MAX_NAME_LENGTH} characters`, { field: 'name' });
  }
  return trimmed;
}

function phoneNumber(phone: string | null): string | null {
  if (phone === null) return null;
  const trimmed = phone.trim();
  if (!PHONE.test(trimmed)) {
    throw new BadUserInputError('Not a phone number', { field: 'phone' });
  }
  return trimmed;
}
