import { BadUserInputError, Role, UnauthenticatedError, type Logger } from '@astrobookings/shared';
import {
  assertStrongPassword,
  assertValidEmail,
  assertValidName,
  normaliseEmail,
} from '../credentials/credential-rules';
import type { LoginThrottle } from '../credentials/login-throttle';
import type { PasswordHasher } from '../credentials/password-hasher';
import type { SessionService, SessionTokens } from '../session/session.service';
import type { UserRepository, UserView } from '../user/user.repository';

export interface SignedIn extends SessionTokens {
  user: UserView;
}

export interface NewAccount {
  email: string;
  password: string;
  name: string;
}

const STAFF_ROLES: readonly Role[] = [Role.SUPPLIER, Role.EMPLOYEE, Role.OPERATOR];

/** Sign-up, sign-in and staff accounts. */
export class AccountService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly throttle: LoginThrottle,
    private readonly logger: Logger,
  ) {}

  /** Self-service sign-up: always a CUSTOMER. */
  async register(account: NewAccount): Promise<SignedIn> {
    const user = await this.createUser(account, [Role.CUSTOMER]);
    this.logger.info({ userId: user.id }, 'customer registered');
    return { user, ...(await this.sessions.start(user)) };
  }

  /**
   * One message and the same work for an unknown email and a wrong password,
   * so neither the answer nor its timing tells which accounts exist.
   */
  async login(email: string, password: string, clientIp: string): Promise<SignedIn> {
    const normalised = normaliseEmail(email);
    const [, credentials] = await Promise.all([
      this.throttle.assertAllowed(normalised, clientIp),
      this.users.findCredentialsByEmail(normalised),
    ]);
    const valid =
      credentials === undefined
        ? await this.hasher.verifyDecoy(password)
        : await this.hasher.verify(password, credentials.passwordHash);
    if (credentials === undefined || !valid) {
      await this.throttle.recordFailure(normalised, clientIp);
      this.logger.info({ clientIp }, 'login failed');
      throw new UnauthenticatedError('Invalid email or password');
    }
    const { passwordHash, ...user } = credentials;
    const [, session] = await Promise.all([
      this.throttle.recordSuccess(normalised),
      this.sessions.start(user),
      this.upgradePasswordHash(user.id, passwordHash, password),
    ]);
    return { user, ...session };
  }

  /** An employee creates a supplier, employee or operator account. */
  async createStaffUser(account: NewAccount, role: Role, createdBy: string): Promise<UserView> {
    if (!STAFF_ROLES.includes(role)) {
      throw new BadUserInputError(`Staff role must be one of ${STAFF_ROLES.join(', ')}`, {
        field: 'role',
      });
    }
    const user = await this.createUser(account, [role]);
    this.logger.info({ userId: user.id, role, createdBy }, 'staff user created');
    return user;
  }

  async currentUser(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (user === undefined) throw new UnauthenticatedError('This account no longer exists');
    return user;
  }

  /**
   * At start, when configured and no employee exists yet, creates the first
   * one (or grants the role to an existing account with that email).
   */
  async bootstrapEmployee(email: string | undefined, password: string | undefined): Promise<void> {
    if (email === undefined || password === undefined) return;
    if (await this.users.existsWithRole(Role.EMPLOYEE)) return;
    const existing = await this.users.findCredentialsByEmail(normaliseEmail(email));
    if (existing !== undefined) {
      await this.users.addRole(existing.id, Role.EMPLOYEE);
    } else {
      await this.createUser({ email, password, name: 'Administrator' }, [Role.EMPLOYEE]);
    }
    this.logger.info({ email: normaliseEmail(email) }, 'bootstrap employee ready');
  }

  /**
   * Replaces a stored hash made before Argon2id (scrypt), or with less than the
   * current cost, now that the password is at hand. A failure only costs the
   * upgrade: the old hash still works, and the next sign-in tries again.
   */
  private async upgradePasswordHash(
    userId: string,
    verifiedHash: string,
    password: string,
  ): Promise<void> {
    if (!this.hasher.needsRehash(verifiedHash)) return;
    try {
      const upgraded = await this.hasher.hash(password);
      if (await this.users.replacePasswordHash(userId, verifiedHash, upgraded)) {
        this.logger.info({ userId }, 'password hash upgraded');
      }
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'password hash upgrade failed');
    }
  }

  private async createUser(account: NewAccount, roles: Role[]): Promise<UserView> {
    const email = normaliseEmail(account.email);
    assertValidEmail(email);
    assertValidName(account.name);
    assertStrongPassword(account.password, email);
    return this.users.create({
      email,
      name: account.name.trim(),
      passwordHash: await this.hasher.hash(account.password),
      roles,
    });
  }
}
