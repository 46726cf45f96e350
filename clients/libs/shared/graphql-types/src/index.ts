// The GraphQL schema's scalars, enums and input types, generated once (codegen.ts) for
// every app's typed documents, which import them from here.
export type * from './generated/graphql';
