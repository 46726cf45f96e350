import { ConnectionType } from '@astrobookings/shared';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** Severity of a log line, as pino names it. */
export enum LogLevel {
  TRACE = 'trace',
  DEBUG = 'debug',
  INFO = 'info',
  WARN = 'warn',
  ERROR = 'error',
  FATAL = 'fatal',
}

registerEnumType(LogLevel, {
  name: 'LogLevel',
  description: 'Severity of a log line, from TRACE (most verbose) to FATAL',
});

@ObjectType({ description: 'One structured log line of a process of the system' })
export class SystemLog {
  @Field(() => ID, { description: 'Opaque id of the line' })
  id!: string;

  @Field(() => Date, { description: 'When the process wrote the line (UTC)' })
  timestamp!: Date;

  @Field(() => LogLevel, { description: 'Severity' })
  level!: LogLevel;

  @Field(() => String, { description: 'The process that wrote it: gateway, auth, admin, …' })
  service!: string;

  @Field(() => String, { description: 'The message' })
  message!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The request or job the line belongs to, the same in every process it crossed',
  })
  correlationId!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The line's other fields as JSON text (secrets are masked before shipping)",
  })
  context!: string | null;
}

@ObjectType({ description: 'A page of log lines, newest first' })
export class SystemLogConnection extends ConnectionType(SystemLog, 'SystemLog') {}
