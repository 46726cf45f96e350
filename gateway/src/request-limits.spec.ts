import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { limitValidationRules, nestsDeeperThan } from './request-limits';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID! child: Node }
`);

function errorsFor(query: string): string[] {
  const rules = limitValidationRules({ maxDepth: 3, maxCost: 100, maxAliases: 2 });
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map(
    (error) => error.message,
  );
}

describe('gateway request limits', () => {
  it('accepts a query within the depth limit', () => {
    expect(errorsFor('{ node { child { child { id } } } }')).toEqual([]);
  });

  it('refuses a query deeper than the limit', () => {
    expect(errorsFor('{ node { child { child { child { child { id } } } } } }')).toEqual([
      expect.stringContaining('exceeds maximum operation depth of 3'),
    ]);
  });

  it('reports a deep and wide query once, however many fields are too deep', () => {
    const leaves = Array.from({ length: 150 }, (_, i) => `a${i}: id`).join(' ');
    expect(
      errorsFor(`{ node { child { child { child { child { ${leaves} } } } } } }`).filter((m) =>
        m.includes('depth'),
      ),
    ).toEqual([expect.stringContaining('exceeds maximum operation depth of 3')]);
  });

  it('ignores introspection when measuring depth', () => {
    expect(
      errorsFor('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }'),
    ).toEqual([]);
  });

  it('leaves cyclic and unknown fragments to graphql without crashing', () => {
    expect(errorsFor('{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }')).toEqual(
      [expect.stringContaining('Cannot spread fragment "A" within itself via "B"')],
    );
    expect(errorsFor('{ ...Missing }')).toEqual(['Unknown fragment "Missing".']);
  });

  it('refuses an operation type the schema lacks', () => {
    expect(errorsFor('subscription { node { id } }')).toEqual([
      'This API has no subscription operations',
    ]);
  });

  it('refuses more aliases than the limit, once', () => {
    expect(errorsFor('{ a: node { id } b: node { id } c: node { id } d: node { id } }')).toEqual([
      'Query uses more than 2 aliases',
    ]);
  });

  it('measures how deep variables nest, however deep, without recursion', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 40_000; i++) deep = [deep];
    expect(nestsDeeperThan({ input: deep }, 32)).toBe(true);
    expect(nestsDeeperThan({ input: { launchId: 'x', seats: 2, tags: ['a'] } }, 32)).toBe(false);
    expect(nestsDeeperThan(undefined, 32)).toBe(false);
  });
});
