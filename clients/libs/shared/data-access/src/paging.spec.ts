import { CursorPaging } from './paging';

describe('CursorPaging', () => {
  it('walks forward by end cursors and back through the ones seen', () => {
    const paging = new CursorPaging();
    expect([paging.page(), paging.after()]).toEqual([1, undefined]);
    // The first page's `after` is left out of the request, not sent as null.
    expect(JSON.stringify({ first: 10, after: paging.after() })).toBe('{"first":10}');
    paging.next('c10');
    paging.next('c20');
    expect([paging.page(), paging.after()]).toEqual([3, 'c20']);
    paging.previous();
    expect([paging.page(), paging.after()]).toEqual([2, 'c10']);
    paging.previous();
    paging.previous();
    expect([paging.page(), paging.after()]).toEqual([1, undefined]);
  });

  it('stays put without an end cursor, and starts over on reset', () => {
    const paging = new CursorPaging();
    paging.next(null);
    paging.next(undefined);
    expect(paging.page()).toBe(1);
    paging.next('c10');
    paging.reset();
    expect([paging.page(), paging.after()]).toEqual([1, undefined]);
  });
});
