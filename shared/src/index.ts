import 'reflect-metadata';

export * from './auth/access-token';
export * from './auth/request-auth';
export * from './auth/roles';
export * from './config';
export * from './errors';
export * from './graphql/context';
export * from './graphql/federated-schema';
export * from './graphql/operation-plugin';
export * from './graphql/subgraph-server';
export * from './http/health';
export * from './http/metrics';
export * from './http/server';
export * from './lifecycle';
export * from './logger';
export * from './request-context';
export * from './stores/mongo';
export * from './stores/redis';
