import pino, { type DestinationStream, type Logger } from 'pino';
import { currentCorrelationId } from './request-context';

export type { Logger } from 'pino';

/** Paths whose values never reach a log line. */
export const REDACTED_PATHS = [
  'password',
  'newPassword',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  '*.password',
  '*.newPassword',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'variables.password',
  'variables.refreshToken',
  'variables.input.password',
];

export interface LoggerOptions {
  level: string;
  /** Extra destinations (e.g. shipping to the system store) besides stdout. */
  streams?: DestinationStream[];
}

/** JSON logs with the service name and the current correlation id on every line. */
export function createLogger(service: string, options: LoggerOptions): Logger {
  const destinations = [
    { stream: pino.destination(1) },
    ...(options.streams ?? []).map((stream) => ({ stream })),
  ];
  return pino(
    {
      level: options.level,
      base: { service },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const correlationId = currentCorrelationId();
        return correlationId === undefined ? {} : { correlationId };
      },
    },
    pino.multistream(destinations),
  );
}
