import { BadUserInputError } from '../errors';
import { decodeCursor, encodeCursor, toConnection } from './pagination';

describe('cursor pagination', () => {
  it('round-trips a sort key through an opaque cursor', () => {
    const cursor = encodeCursor(['2030-01-01T00:00:00.000Z', 'b0f5']);
    expect(cursor).not.toContain('2030');
    expect(decodeCursor(cursor, 2)).toEqual(['2030-01-01T00:00:00.000Z', 'b0f5']);
  });

  it.each([
    ['not a cursor'],
    [encodeCursor(['only one part'])],
    [encodeCursor([1, { a: 1 } as never])],
  ])('refuses a cursor it did not hand out: %s', (cursor) => {
    expect(() => decodeCursor(cursor, 2)).toThrow(BadUserInputError);
  });

  it('reads one row past the page to know whether another page follows', () => {
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const page = toConnection(rows, 2, 7, (row) => [row.id]);
    expect(page.edges.map((edge) => edge.node.id)).toEqual(['a', 'b']);
    expect(page.totalCount).toBe(7);
    expect(page.pageInfo).toEqual({ hasNextPage: true, endCursor: encodeCursor(['b']) });

    const last = toConnection(rows.slice(2), 2, 7, (row) => [row.id]);
    expect(last.pageInfo).toEqual({ hasNextPage: false, endCursor: encodeCursor(['c']) });
    expect(toConnection([], 2, 0, (row: { id: string }) => [row.id]).pageInfo).toEqual({
      hasNextPage: false,
      endCursor: null,
    });
  });
});
