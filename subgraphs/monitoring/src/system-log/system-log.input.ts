import { IsOptional, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { LogLevel } from './system-log.type';

@InputType({ description: 'Which log lines to list; every given condition must hold' })
export class SystemLogFilter {
  @Field(() => LogLevel, { nullable: true, description: 'Only lines of exactly this level' })
  level?: LogLevel;

  @IsOptional()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'Only lines of this process' })
  service?: string;

  @Field(() => Date, { nullable: true, description: 'Only lines written at or after this time' })
  since?: Date;

  @Field(() => Date, { nullable: true, description: 'Only lines written at or before this time' })
  until?: Date;

  @IsOptional()
  @MaxLength(200)
  @Field(() => String, {
    nullable: true,
    description: 'Only lines whose message contains this text (literally, ignoring case)',
  })
  search?: string;

  @IsOptional()
  @MaxLength(100)
  @Field(() => String, { nullable: true, description: 'Only lines of this request or job' })
  correlationId?: string;
}
