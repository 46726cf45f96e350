import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Role, type GraphQLContext } from '@astrobookings/shared';
import type { SessionService } from '../session/session.service';
import { User } from '../user/user.type';
import { CreateStaffUserInput, RegisterInput } from './account.input';
import type { AccountService } from './account.service';
import { AuthPayload, TokenPair } from './account.type';

@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
  ) {}

  @Mutation(() => AuthPayload, { description: 'Sign up as a customer and sign in' })
  register(@Arg('input', () => RegisterInput) input: RegisterInput): Promise<AuthPayload> {
    return this.accounts.register(input);
  }

  @Mutation(() => AuthPayload, { description: 'Sign in with email and password' })
  login(
    @Arg('email', () => String) email: string,
    @Arg('password', () => String) password: string,
    @Ctx() context: GraphQLContext,
  ): Promise<AuthPayload> {
    return this.accounts.login(email, password, context.clientIp);
  }

  @Mutation(() => TokenPair, {
    description: 'Exchange a refresh token for new tokens; the presented one stops working',
  })
  refreshToken(@Arg('refreshToken', () => String) refreshToken: string): Promise<TokenPair> {
    return this.sessions.refresh(refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description: "End the session of this refresh token; false if it isn't the caller's",
  })
  async logout(
    @Arg('refreshToken', () => String) refreshToken: string,
    @Ctx() context: GraphQLContext,
  ): Promise<boolean> {
    const caller = await context.auth.require();
    return this.sessions.logout(caller.userId, refreshToken);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: "End all of the caller's sessions on every device" })
  async logoutEverywhere(@Ctx() context: GraphQLContext): Promise<boolean> {
    const caller = await context.auth.require();
    await this.sessions.logoutEverywhere(caller.userId);
    return true;
  }

  @Authorized()
  @Query(() => User, { description: 'The signed-in user' })
  async me(@Ctx() context: GraphQLContext): Promise<User> {
    const caller = await context.auth.require();
    return this.accounts.currentUser(caller.userId);
  }

  @Authorized(Role.EMPLOYEE)
  @Mutation(() => User, {
    description: 'Create a supplier, employee or operator account (employees only)',
  })
  async createStaffUser(
    @Arg('input', () => CreateStaffUserInput) input: CreateStaffUserInput,
    @Ctx() context: GraphQLContext,
  ): Promise<User> {
    const caller = await context.auth.require(Role.EMPLOYEE);
    return this.accounts.createStaffUser(input, input.role, caller.userId);
  }
}
