import { buildSchema, parse, validate } from 'graphql';
import { limitValidationRules } from './request-limits';

const schema = buildSchema(`
  type Query { node: Node }
  type Node { id: ID! child: Node }
`);

function errorsFor(query: string): string[] {
  const rules = limitValidationRules({ maxDepth: 3, maxCost: 100, maxAliases: 2 });
  return validate(schema, parse(query), rules).map((error) => error.message);
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

  it('ignores introspection when measuring depth', () => {
    expect(
      errorsFor('{ __schema { types { fields { type { ofType { ofType { name } } } } } } }'),
    ).toEqual([]);
  });

  it('refuses more aliases than the limit, once', () => {
    expect(errorsFor('{ a: node { id } b: node { id } c: node { id } d: node { id } }')).toEqual([
      'Query uses more than 2 aliases',
    ]);
  });
});
