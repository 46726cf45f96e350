import 'reflect-metadata';
import { Max, Min } from 'class-validator';
import { ArgsType, Directive, Field, Int, ObjectType, type ClassType } from 'type-graphql';
import { BadUserInputError } from '../errors';
import { CACHE_HINT_DIRECTIVE } from './federated-schema';

/**
 * Cursor pagination in the one shape every subgraph uses:
 * `{ totalCount edges { cursor node } pageInfo { hasNextPage endCursor } }`.
 * Cursors are opaque (base64url JSON of the row's sort key), so a page is found by
 * keyset — no OFFSET scans, no rows skipped or repeated when rows are added meanwhile.
 */

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

// Every subgraph defines the same PageInfo, so the gateway may take it from any of them.
@Directive('@shareable')
@Directive(CACHE_HINT_DIRECTIVE)
@ObjectType({ description: 'Where a page of a list ends' })
export class PageInfo {
  @Field(() => Boolean, { description: 'Whether items follow this page' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` to get the next page; null on an empty page',
  })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  @Field(() => Int, {
    nullable: true,
    description: `How many items to return (1 to ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE})`,
  })
  first?: number;

  @Field(() => String, {
    nullable: true,
    description: "The previous page's endCursor; omit for the first page",
  })
  after?: string;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  totalCount: number;
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/**
 * The GraphQL types `<name>Connection` and `<name>Edge` for a node type, e.g.
 * `class BookingConnection extends ConnectionType(Booking, 'Booking') {}`.
 */
export function ConnectionType<T extends object>(
  node: ClassType<T>,
  name: string,
): ClassType<Connection<T>> {
  @Directive(CACHE_HINT_DIRECTIVE)
  @ObjectType(`${name}Edge`, { description: `One ${name} and its place in the list` })
  class EdgeType implements Edge<T> {
    @Field(() => String, { description: 'Where this item is; pass as `after` to continue' })
    cursor!: string;

    @Field(() => node, { description: `The ${name}` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} items` })
  class ConnectionClass implements Connection<T> {
    @Field(() => Int, { description: 'How many items the whole list has' })
    totalCount!: number;

    @Field(() => [EdgeType], { description: 'The items of this page, in order' })
    edges!: Edge<T>[];

    @Field(() => PageInfo, { description: 'Whether and how to get the next page' })
    pageInfo!: PageInfo;
  }

  return ConnectionClass;
}

export type CursorKey = readonly (string | number)[];

export function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

/** The sort key in a cursor; BAD_USER_INPUT for anything this API did not hand out. */
export function decodeCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === length &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key;
    }
  } catch {
    // Not JSON: reported below like any other foreign cursor.
  }
  throw new BadUserInputError('Invalid cursor', { argument: 'after' });
}

export function pageSize(args: PageArgs): number {
  return args.first ?? DEFAULT_PAGE_SIZE;
}

/**
 * A connection from rows read with one more than the page size (which tells
 * whether a next page exists without counting).
 */
export function toConnection<T>(
  rows: readonly T[],
  size: number,
  totalCount: number,
  cursorKey: (row: T) => CursorKey,
): Connection<T> {
  const page = rows.slice(0, size);
  const edges = page.map((node) => ({ cursor: encodeCursor(cursorKey(node)), node }));
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: rows.length > size, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
