/** What a GraphQL server answers: data, errors with their extensions, or both. */
export interface GraphQLBody<T> {
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string } & Record<string, unknown>;
  }[];
}

export interface GqlOptions {
  /** An access token, sent as `Authorization: Bearer <token>`. */
  token?: string;
  headers?: Record<string, string>;
}

export interface GqlResponse<T> {
  status: number;
  headers: Headers;
  body: GraphQLBody<T>;
}

/** POSTs one GraphQL operation as JSON (a content type Apollo's CSRF prevention accepts). */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<GqlResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: GraphQLBody<T>;
  try {
    body = JSON.parse(text) as GraphQLBody<T>;
  } catch {
    throw new Error(
      `${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`,
    );
  }
  return { status: response.status, headers: response.headers, body };
}
