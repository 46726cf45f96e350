import {
  buildSchema,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { composeSupergraph, staleSchemaFiles } from './compose-supergraph';

/** Built-in scalars and the root types, whose fields carry the descriptions. */
const EXEMPT = new Set([
  'String',
  'Int',
  'Float',
  'Boolean',
  'ID',
  'Query',
  'Mutation',
  'Subscription',
]);

describe('the composed supergraph', () => {
  let composed: Awaited<ReturnType<typeof composeSupergraph>>;

  beforeAll(async () => {
    composed = await composeSupergraph();
  });

  it('is committed as composed now (run `npm run compose` after a schema change)', async () => {
    expect(await staleSchemaFiles(composed)).toEqual([]);
  });

  it('describes every type and field for partners in Sandbox', () => {
    const schema = buildSchema(composed.apiSchema);
    const undocumented: string[] = [];
    const check = (type: GraphQLNamedType) => {
      if (isIntrospectionType(type)) return;
      if (!EXEMPT.has(type.name) && !type.description) undocumented.push(type.name);
      if (isObjectType(type) || isInputObjectType(type)) {
        const fields: { name: string; description?: string | null }[] = Object.values(
          type.getFields(),
        );
        for (const field of fields) {
          if (!field.description) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    };
    Object.values(schema.getTypeMap()).forEach(check);
    expect(undocumented).toEqual([]);
  });
});
