import {
  getNamedType,
  isInputType,
  isInterfaceType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  OperationTypeNode,
  typeFromAST,
  type DocumentNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  print,
} from 'graphql';
import type { Prng } from './prng';
import {
  generateValue,
  NASTY_STRINGS,
  OPERATOR_OBJECTS,
  wrongValue,
  type ValuePools,
} from './values';

/** The processes a request may be sent to. */
export type Target = 'gateway' | 'auth' | 'admin' | 'customer' | 'monitoring';
export const SUBGRAPH_TARGETS: readonly Target[] = ['auth', 'admin', 'customer', 'monitoring'];

export type Category = 'contract' | 'document' | 'syntax' | 'http' | 'entities';

export interface FuzzCase {
  index: number;
  category: Category;
  target: Target;
  method: 'POST' | 'GET';
  /** Appended to the /graphql URL (GET queries). */
  search?: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** A mutation with a defect that must make it fail: a success is a finding. */
  mustRefuse: boolean;
  /** What was sent, short enough for a failure message. */
  summary: string;
}

/** Authorization header values: real tokens of each role, and broken ones. */
export interface TokenPool {
  valid: string[];
  invalid: string[];
}

/** Contract operations that anyone may call: a bad token does not refuse them. */
const PUBLIC_OPERATIONS = new Set(['Register', 'Login', 'Refresh', 'Logout']);

export interface FuzzWorld {
  schema: GraphQLSchema;
  operations: OperationDefinitionNode[];
  pools: ValuePools;
  tokens: TokenPool;
}

interface Authorization {
  header?: string;
  /** Whether the header carries a token the services accept. */
  valid: boolean;
}

function authorization(prng: Prng, tokens: TokenPool): Authorization {
  return prng.weighted<() => Authorization>([
    [55, () => ({ header: `Bearer ${prng.pick(tokens.valid)}`, valid: true })],
    [30, () => ({ header: prng.pick(tokens.invalid), valid: false })],
    [15, () => ({ valid: false })],
  ])();
}

function jsonHeaders(auth?: string): Record<string, string> {
  return {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
    ...(auth === undefined ? {} : { authorization: auth }),
  };
}

function shorten(text: string, max = 300): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;
}

/** Where a contract operation's own fields live, for sending it to that subgraph directly. */
function owningTarget(prng: Prng): Target {
  return prng.chance(0.8) ? 'gateway' : prng.pick(SUBGRAPH_TARGETS);
}

/** A contract operation as written, its variables fuzzed; a mutation always carries a defect. */
function contractCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const operation = prng.pick(world.operations);
  const name = operation.name?.value ?? 'anonymous';
  const isMutation = operation.operation === OperationTypeNode.MUTATION;
  const auth = authorization(prng, world.tokens);
  const variables: Record<string, unknown> = {};
  let wrong = false;
  const definitions = operation.variableDefinitions ?? [];
  for (const definition of definitions) {
    const type = typeFromAST(world.schema, definition.type as never) as
      GraphQLInputType | undefined;
    if (type === undefined) continue;
    const variable = definition.variable.name.value;
    if (!isNonNullType(type) && prng.chance(0.2)) continue;
    if (isNonNullType(type) && prng.chance(0.03)) {
      wrong = true;
      continue;
    }
    const generated = generateValue(type, prng, world.pools, variable);
    variables[variable] = generated.value;
    wrong ||= generated.wrong;
  }
  const refusedByAuth = !auth.valid && !PUBLIC_OPERATIONS.has(name);
  if (isMutation && !wrong && !refusedByAuth) {
    // A type error in one variable: the operation must be refused whatever the rest is.
    if (definitions.length === 0) throw new Error(`mutation ${name} has no variables to spoil`);
    const definition = prng.pick(definitions);
    const type = typeFromAST(world.schema, definition.type as never) as
      GraphQLInputType | undefined;
    variables[definition.variable.name.value] =
      type === undefined ? { $gt: '' } : wrongValue(type, prng);
    wrong = true;
  }
  const body = JSON.stringify({ query: print(operation), variables, operationName: name });
  return {
    index,
    category: 'contract',
    target: owningTarget(prng),
    method: 'POST',
    headers: jsonHeaders(auth.header),
    body,
    mustRefuse: isMutation,
    summary: `${name} ${shorten(JSON.stringify(variables))} auth=${shorten(auth.header ?? 'none', 40)}`,
  };
}

interface SelectionState {
  variables: { name: string; type: string; value: unknown }[];
  aliases: number;
  /** Fields left to place: wide and deep at once would grow without bound. */
  budget: number;
}

function argumentsFor(
  field: GraphQLField<unknown, unknown>,
  prng: Prng,
  world: FuzzWorld,
  state: SelectionState,
): string {
  const parts: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type) && prng.chance(0.5)) continue;
    if (!isInputType(arg.type)) continue;
    const name = `v${state.variables.length}`;
    state.variables.push({
      name,
      type: String(arg.type),
      value: generateValue(arg.type, prng, world.pools, arg.name).value,
    });
    parts.push(`${arg.name}: $${name}`);
  }
  return parts.length === 0 ? '' : `(${parts.join(', ')})`;
}

/** A random selection under `type`: deep, wide and aliased at random. */
function selectionSet(
  type: GraphQLOutputType,
  depth: number,
  maxDepth: number,
  prng: Prng,
  world: FuzzWorld,
  state: SelectionState,
): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) {
    const member = prng.pick(named.getTypes());
    return `{ __typename ... on ${member.name} ${selectionSet(member, depth + 1, maxDepth, prng, world, state)} }`;
  }
  if (!isObjectType(named) && !isInterfaceType(named)) return '{ __typename }';
  const fields = Object.values(named.getFields());
  const leaves = fields.filter((field) => isLeafType(getNamedType(field.type)));
  const width = prng.weighted([
    [8, prng.int(1, 4)],
    [2, prng.int(5, 40)],
    [1, prng.int(100, 400)],
  ] as const);
  const chosen: string[] = [];
  for (let i = 0; i < width && state.budget > 0; i++) {
    state.budget--;
    const goDeeper = depth < maxDepth && prng.chance(0.6);
    const candidates = goDeeper ? fields : leaves.length > 0 ? leaves : fields;
    const field = prng.pick(candidates);
    const alias = prng.chance(0.15) ? `a${state.aliases++}: ` : '';
    const sub = isLeafType(getNamedType(field.type))
      ? ''
      : ` ${selectionSet(field.type, depth + 1, maxDepth, prng, world, state)}`;
    chosen.push(`${alias}${field.name}${argumentsFor(field, prng, world, state)}${sub}`);
  }
  return `{ ${chosen.join(' ')} }`;
}

/** Introspection nested `levels` deep: each level multiplies the work by the fields of every type. */
function introspectionBomb(levels: number): string {
  let selection = 'name';
  for (let i = 0; i < levels; i++) selection = `name fields { name type { ${selection} } }`;
  return `query Bomb { __schema { types { ${selection} } } }`;
}

/** A query document generated from the schema: any field, any depth, any width, aliases, fragments. */
function documentCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const auth = authorization(prng, world.tokens);
  let query: string;
  let variables: Record<string, unknown> = {};
  const shape = prng.weighted([
    [70, 'random'],
    [8, 'introspection'],
    [8, 'aliases'],
    [7, 'fragments'],
    [7, 'directives'],
  ] as const);
  const state: SelectionState = { variables: [], aliases: 0, budget: prng.pick([20, 300, 3_000]) };
  const queryType = world.schema.getQueryType()!;
  switch (shape) {
    case 'random': {
      const maxDepth = prng.weighted([
        [6, prng.int(1, 4)],
        [3, prng.int(5, 12)],
        [1, prng.int(13, 40)],
      ] as const);
      const selection = selectionSet(queryType, 0, maxDepth, prng, world, state);
      const definitions = state.variables.map((v) => `$${v.name}: ${v.type}`).join(', ');
      query = `query Fuzz${definitions ? `(${definitions})` : ''} ${selection}`;
      variables = Object.fromEntries(state.variables.map((v) => [v.name, v.value]));
      break;
    }
    case 'introspection':
      query = prng.chance(0.5)
        ? introspectionBomb(prng.int(1, 8))
        : `{ __schema { types { name fields { name args { name type { name } } } } } __type(name: ${JSON.stringify(prng.pick(NASTY_STRINGS))}) { name } }`;
      break;
    case 'aliases': {
      const count = prng.pick([31, 100, 1_000, 5_000]);
      const field = prng.pick([
        'me { id }',
        '__typename',
        'spaceports { id }',
        'launches(first: 100) { totalCount }',
      ]);
      query = `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
      break;
    }
    case 'fragments': {
      const count = prng.int(2, 200);
      const fragments = Array.from(
        { length: count },
        (_, i) =>
          `fragment F${i} on Query { ...F${(i + 1) % (prng.chance(0.5) ? count : count + 1)} __typename }`,
      );
      query = `query Frag { ...F0 } ${fragments.join(' ')}`;
      break;
    }
    case 'directives':
      query = `query D($x: Boolean) { me @include(if: $x) @skip(if: ${prng.pick(['true', 'false', '$x', '"yes"', '1'])}) ${'@deprecated '.repeat(prng.int(0, 50))}{ id } __typename @${prng.pick(['unknown', 'include', 'defer', 'stream'])} }`;
      variables = { x: prng.pick([true, false, null, 'true', { $ne: null }]) };
      break;
  }
  return {
    index,
    category: 'document',
    target: owningTarget(prng),
    method: 'POST',
    headers: jsonHeaders(auth.header),
    body: JSON.stringify({ query, variables }),
    mustRefuse: false,
    summary: `${shape}: ${shorten(query, 200)}`,
  };
}

/** Documents that are not GraphQL, or barely. */
function syntaxCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const valid = print(prng.pick(world.operations));
  const query = prng.weighted([
    [3, () => valid.slice(0, prng.int(0, valid.length - 1))],
    [2, () => valid.replace(/[{}()]/g, (c) => (prng.chance(0.2) ? '' : c))],
    [1, () => '{'.repeat(prng.pick([100, 1_000, 20_000]))],
    [1, () => `query ${'A'.repeat(prng.pick([1_000, 50_000]))} { __typename }`],
    [1, () => `${valid}\n${valid}`],
    [1, () => `query Q { __typename } mutation Q { __typename }`],
    [1, () => prng.string(prng.int(1, 500), '{}()[]:$@!.,"\\ \n\tquerymutation0123abc')],
    [1, () => `subscription S { __typename }`],
    [1, () => `{ me { id } } # ${'\u0000'.repeat(10)}`],
    [1, () => `"""${'x'.repeat(10_000)}""" query { __typename }`],
  ] as const)();
  const auth = authorization(prng, world.tokens);
  const payload: Record<string, unknown> = { query };
  if (prng.chance(0.3)) payload.operationName = prng.pick(['Nope', '', 'Q', null, 42]);
  return {
    index,
    category: 'syntax',
    target: owningTarget(prng),
    method: 'POST',
    headers: jsonHeaders(auth.header),
    body: JSON.stringify(payload),
    mustRefuse: false,
    summary: shorten(query, 200),
  };
}

function nestedJson(levels: number): string {
  return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

/** Requests that are wrong before GraphQL: bodies, content types, methods, headers. */
function httpCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const simple = JSON.stringify({ query: '{ __typename }' });
  const mutation = print(
    prng.pick(
      world.operations.filter((operation) => operation.operation === OperationTypeNode.MUTATION),
    ),
  );
  const auth = authorization(prng, world.tokens);
  const base = { index, category: 'http' as const, target: owningTarget(prng), mustRefuse: false };
  const kind = prng.weighted([
    [2, 'malformed json'],
    [2, 'content type'],
    [2, 'batch'],
    [2, 'get'],
    [1, 'empty'],
    [1, 'too large'],
    [2, 'field types'],
    [1, 'persisted query'],
    [1, 'bad utf-8'],
    [1, 'deep json'],
    [1, 'proto'],
    [2, 'headers'],
  ] as const);
  switch (kind) {
    case 'malformed json':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: prng.pick([
          '{',
          '{"query": "{ __typename }"',
          "{'query': 1}",
          'null',
          'true',
          '"query"',
          '[',
          '{"query": "{ me { id } }",}',
          simple.slice(0, -1),
        ]),
        summary: `malformed JSON`,
      };
    case 'content type':
      return {
        ...base,
        method: 'POST',
        headers: {
          ...jsonHeaders(auth.header),
          'content-type': prng.pick([
            'text/plain',
            'application/x-www-form-urlencoded',
            'multipart/form-data; boundary=x',
            'application/graphql',
            '',
            'application/json; charset=utf-16',
          ]),
        },
        body: simple,
        summary: `content type`,
      };
    case 'batch': {
      const size = prng.pick([0, 1, 2, 50, 500]);
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: JSON.stringify(
          Array.from({ length: size }, () => ({
            query: prng.chance(0.5) ? mutation : '{ me { id } }',
            variables: {},
          })),
        ),
        // A batched mutation must not run.
        mustRefuse: size > 0,
        summary: `batch of ${size}`,
      };
    }
    case 'get': {
      const query = prng.chance(0.5)
        ? mutation
        : prng.pick(['{ __typename }', '{ me { id } }', '']);
      const params = new URLSearchParams({ query });
      if (prng.chance(0.5))
        params.set('variables', prng.pick(['{', '[]', '{"$gt": ""}', 'x'.repeat(5_000)]));
      return {
        ...base,
        method: 'GET',
        search: `?${params.toString()}`,
        headers: {
          accept: 'application/json',
          'apollo-require-preflight': 'true',
          ...(auth.header ? { authorization: auth.header } : {}),
        },
        mustRefuse: query.startsWith('mutation'),
        summary: `GET ${shorten(query, 80)}`,
      };
    }
    case 'empty':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: prng.pick(['', '{}', '[]', '{"query": ""}']),
        summary: 'empty',
      };
    case 'too large':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: JSON.stringify({
          query: '{ __typename }',
          variables: { pad: 'x'.repeat(prng.pick([120_000, 1_100_000])) },
        }),
        summary: 'body over the limit',
      };
    case 'field types':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: JSON.stringify(
          prng.pick([
            { query: 42 },
            { query: ['{ __typename }'] },
            { query: { $gt: '' } },
            { query: '{ __typename }', variables: 'not an object' },
            { query: '{ __typename }', variables: [1, 2] },
            { query: '{ __typename }', operationName: { $ne: null } },
            { query: '{ __typename }', extensions: 'x' },
            { query: mutation, variables: { input: prng.pick(OPERATOR_OBJECTS) } },
          ]),
        ),
        mustRefuse: false,
        summary: 'wrong field types',
      };
    case 'persisted query':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: JSON.stringify({
          ...(prng.chance(0.5) ? { query: '{ __typename }' } : {}),
          extensions: {
            persistedQuery: {
              version: prng.pick([1, 2, '1']),
              sha256Hash: prng.pick([prng.string(64, '0123456789abcdef'), '', { $gt: '' }]),
            },
          },
        }),
        summary: 'persisted query',
      };
    case 'bad utf-8':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: Buffer.concat([
          Buffer.from('{"query": "{ __typename }", "variables": {"x": "'),
          Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
          Buffer.from('"}}'),
        ]),
        summary: 'invalid UTF-8',
      };
    case 'deep json':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: `{"query": "{ __typename }", "variables": ${nestedJson(prng.pick([100, 5_000, 40_000]))}}`,
        summary: 'deeply nested JSON',
      };
    case 'proto':
      return {
        ...base,
        method: 'POST',
        headers: jsonHeaders(auth.header),
        body: `{"query": "{ me { id roles } }", "__proto__": {"isAdmin": true}, "constructor": {"prototype": {"roles": ["EMPLOYEE"]}}, "variables": {"__proto__": {"x": 1}}}`,
        summary: '__proto__ in the body',
      };
    case 'headers':
      return {
        ...base,
        method: 'POST',
        headers: {
          ...jsonHeaders(
            prng.pick([...world.tokens.invalid, `Bearer ${prng.pick(world.tokens.valid)}`]),
          ),
          [prng.pick(['x-correlation-id', 'x-forwarded-for', 'accept', 'origin'])]: prng.pick([
            'x'.repeat(8_000),
            '../../etc',
            '{"$gt": ""}',
            '*/*',
            'text/html',
            '1.2.3.4, 5.6.7.8, not-an-ip',
            'null',
          ]),
        },
        body: simple,
        summary: 'odd headers',
      };
  }
}

/** Federation's entry point, which only the subgraphs expose: representations of any shape. */
function entitiesCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const typenames = [
    'Launch',
    'Booking',
    'Invoice',
    'User',
    'Spaceport',
    'Supplier',
    'Rocket',
    'Nope',
    '__Schema',
  ];
  const count = prng.pick([1, 2, 10, 1_000]);
  const representations = Array.from({ length: count }, () =>
    prng.weighted<() => unknown>([
      [
        4,
        () => ({
          __typename: prng.pick(typenames),
          id: prng.pick([...world.pools.ids, ...NASTY_STRINGS]),
        }),
      ],
      [2, () => ({ __typename: prng.pick(typenames), id: prng.pick(OPERATOR_OBJECTS) })],
      [1, () => ({ id: '1' })],
      [1, () => prng.pick([null, 'Launch', 42, []])],
      [1, () => ({ __typename: { $ne: null }, id: '1' })],
    ])(),
  );
  const auth = authorization(prng, world.tokens);
  const query = prng.chance(0.8)
    ? 'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Launch { id mission } ... on User { id email } ... on Booking { id status } } }'
    : 'query S { _service { sdl } }';
  return {
    index,
    category: 'entities',
    target: prng.pick(SUBGRAPH_TARGETS),
    method: 'POST',
    headers: jsonHeaders(auth.header),
    body: JSON.stringify({ query, variables: { r: representations } }),
    mustRefuse: false,
    summary: `_entities ${shorten(JSON.stringify(representations), 200)}`,
  };
}

/** Bodies past this are left to the 'too large' case: a client's memory is not what is tested. */
const MAX_BODY_BYTES = 1_500_000;

export function generateCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  for (;;) {
    const fuzzCase = anyCase(world, prng, index);
    if (fuzzCase.body === undefined || fuzzCase.body.length <= MAX_BODY_BYTES) return fuzzCase;
  }
}

function anyCase(world: FuzzWorld, prng: Prng, index: number): FuzzCase {
  const category = prng.weighted([
    [50, 'contract'],
    [18, 'document'],
    [8, 'syntax'],
    [14, 'http'],
    [10, 'entities'],
  ] as const);
  switch (category) {
    case 'contract':
      return contractCase(world, prng, index);
    case 'document':
      return documentCase(world, prng, index);
    case 'syntax':
      return syntaxCase(world, prng, index);
    case 'http':
      return httpCase(world, prng, index);
    case 'entities':
      return entitiesCase(world, prng, index);
  }
}

export function contractOperations(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  );
}
