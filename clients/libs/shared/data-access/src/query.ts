import { DestroyRef, effect, inject, signal, untracked, type Signal } from '@angular/core';
import type { OperationVariables, TypedDocumentNode } from '@apollo/client';
import { Apollo } from 'apollo-angular';
import { firstValueFrom, type Subscription } from 'rxjs';
import { toApiError, type ApiError } from './api-error';

/** A query's state for a template: data (kept while reloading), loading, error in words. */
export interface QueryState<R> {
  readonly data: Signal<R | undefined>;
  readonly loading: Signal<boolean>;
  readonly error: Signal<ApiError | null>;
  reload(): void;
}

export interface QueryOptions {
  /** Fetch again every so many milliseconds while the component lives. */
  pollInterval?: number;
}

/**
 * Runs a typed query in an injection context and again whenever the signals
 * read by `variables` change; `variables` returning null skips the query.
 */
export function injectQuery<R, V extends OperationVariables>(
  document: TypedDocumentNode<R, V>,
  variables: () => V | null,
  options: QueryOptions = {},
): QueryState<R> {
  const apollo = inject(Apollo);
  const data = signal<R | undefined>(undefined);
  const loading = signal(false);
  const error = signal<ApiError | null>(null);
  const generation = signal(0);
  let running: Subscription | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const run = (vars: V, quiet: boolean) => {
    running?.unsubscribe();
    clearTimeout(timer);
    if (!quiet) loading.set(true);
    running = apollo.query<R, V>({ query: document, variables: vars }).subscribe({
      next: (result) => {
        data.set(result.data);
        error.set(null);
        loading.set(false);
      },
      error: (failure: unknown) => {
        error.set(toApiError(failure));
        loading.set(false);
        schedule(vars);
      },
      complete: () => schedule(vars),
    });
  };
  const schedule = (vars: V) => {
    if (options.pollInterval) timer = setTimeout(() => run(vars, true), options.pollInterval);
  };

  effect(() => {
    generation();
    const vars = variables();
    untracked(() => {
      if (vars === null) {
        running?.unsubscribe();
        clearTimeout(timer);
        loading.set(false);
        return;
      }
      run(vars, false);
    });
  });
  inject(DestroyRef).onDestroy(() => {
    running?.unsubscribe();
    clearTimeout(timer);
  });

  return {
    data: data.asReadonly(),
    loading: loading.asReadonly(),
    error: error.asReadonly(),
    reload: () => generation.update((n) => n + 1),
  };
}

/** A mutation's state for a template, and the call that runs it. */
export interface MutationState<R, V> {
  readonly pending: Signal<boolean>;
  readonly error: Signal<ApiError | null>;
  /** Resolves with the result, or with null after a failure (then `error` says why). */
  run(variables: V): Promise<R | null>;
  reset(): void;
}

export function injectMutation<R, V extends OperationVariables>(
  document: TypedDocumentNode<R, V>,
): MutationState<R, V> {
  const apollo = inject(Apollo);
  const pending = signal(false);
  const error = signal<ApiError | null>(null);
  return {
    pending: pending.asReadonly(),
    error: error.asReadonly(),
    reset: () => error.set(null),
    run: async (variables: V) => {
      pending.set(true);
      error.set(null);
      try {
        const result = await firstValueFrom(apollo.mutate<R, V>({ mutation: document, variables }));
        return result.data ?? null;
      } catch (failure) {
        error.set(toApiError(failure));
        return null;
      } finally {
        pending.set(false);
      }
    },
  };
}
