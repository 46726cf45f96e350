import { HttpClient, HttpHeaders } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TypedDocumentNode } from '@apollo/client';
import { print } from 'graphql';
import { firstValueFrom } from 'rxjs';
import { ApiError, toApiError } from './api-error';
import { GATEWAY_URL } from './config';

interface GraphQLResponse<R> {
  data?: R | null;
  errors?: { message?: string; extensions?: { code?: unknown } }[];
}

/**
 * One GraphQL call straight to the gateway, outside Apollo's link chain and
 * cache: for the session's own calls (sign-in, token refresh, sign-out), which
 * the chain's authentication depends on.
 */
@Injectable({ providedIn: 'root' })
export class GraphqlHttp {
  private readonly http = inject(HttpClient);
  private readonly url = inject(GATEWAY_URL);

  async request<R, V extends Record<string, unknown>>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    accessToken?: string,
  ): Promise<R> {
    let headers = new HttpHeaders({ 'content-type': 'application/json' });
    if (accessToken) headers = headers.set('authorization', `Bearer ${accessToken}`);
    let body: GraphQLResponse<R>;
    try {
      body = await firstValueFrom(
        this.http.post<GraphQLResponse<R>>(
          this.url,
          { query: print(document), variables },
          {
            headers,
          },
        ),
      );
    } catch (error) {
      throw toApiError(error);
    }
    if (body.errors?.length) throw ApiError.fromGraphQLErrors(body.errors);
    if (body.data == null) throw new ApiError('INTERNAL_SERVER_ERROR');
    return body.data;
  }
}
