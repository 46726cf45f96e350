import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { operationRules } from './operation-rules';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID! child: Node }
`);

function errorsFor(query: string): string[] {
  const rules = operationRules({ maxDepth: 3, maxAliases: 2, maxTokens: 1000 });
  return validate(schema, parse(query), [...specifiedRules, ...rules]).map(
    (error) => error.message,
  );
}

describe('operation rules', () => {
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
});
