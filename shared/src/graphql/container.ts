import type { ContainerType, ResolverData } from 'type-graphql';

type Constructor<T> = abstract new (...args: never[]) => T;

/**
 * The composition root's instances, handed to type-graphql so resolvers get
 * their services through their constructors. Building a schema (e.g. to print
 * its SDL) needs no instances; resolving does.
 */
export class ServiceContainer implements ContainerType {
  private readonly instances = new Map<Constructor<unknown>, unknown>();

  register<T>(type: Constructor<T>, instance: T): this {
    this.instances.set(type, instance);
    return this;
  }

  get<T>(type: Constructor<T>, _resolverData?: ResolverData): T {
    const instance = this.instances.get(type);
    if (instance === undefined) throw new Error(`${type.name} is not registered in the container`);
    return instance as T;
  }
}
