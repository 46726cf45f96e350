import { Prisma } from '@astrobookings/prisma';

/** A write refused by a unique index (two requests raced to create the same thing). */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
