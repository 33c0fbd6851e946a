import { Injectable, Logger, OnModuleInit, SetMetadata } from '@nestjs/common';
import { DiscoveryService, ModulesContainer, Reflector } from '@nestjs/core';
import { JOB_HANDLER_KINDS, type JobHandler } from './job-handler';
import type { JobKind } from './job.types';

/**
 * Which job kinds a module queues, declared on the module class (`@JobKinds(...JOB_KIND_GROUPS.x)`).
 * The boot check asks for a handler of the kinds of the LOADED modules only: a mode that leaves a
 * module out (MODE=upstream loads only the core) leaves its kinds out too, with nothing to configure.
 */
export const JOB_KINDS_OF_MODULE = 'tl:module-job-kinds';
export const JobKinds = (...kinds: readonly JobKind[]) => SetMetadata(JOB_KINDS_OF_MODULE, kinds);

export interface KindDeclaration {
  /** The declaring module's name, for the error message. */
  owner: string;
  kinds: readonly JobKind[];
}

export interface HandlerEntry<T> {
  /** The provider's name and its module's, for the error message. */
  name: string;
  kinds: readonly JobKind[];
  handler: T;
}

export class JobRegistryError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The job registry does not match the loaded modules:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobRegistryError';
  }
}

function groupBy<T>(pairs: Iterable<[JobKind, T]>): Map<JobKind, T[]> {
  const map = new Map<JobKind, T[]>();
  for (const [kind, value] of pairs) map.set(kind, [...(map.get(kind) ?? []), value]);
  return map;
}

/**
 * The boot check: every declared kind has exactly one handler, and every handler's kinds are declared.
 * Throws with every problem at once; returns kind -> handler.
 */
export function checkJobHandlers<T>(
  declared: readonly KindDeclaration[],
  handlers: readonly HandlerEntry<T>[],
): Map<JobKind, T> {
  const owners = groupBy(declared.flatMap((d) => d.kinds.map((kind): [JobKind, string] => [kind, d.owner])));
  const found = groupBy(handlers.flatMap((h) => h.kinds.map((kind): [JobKind, HandlerEntry<T>] => [kind, h])));
  const problems: string[] = [];
  for (const [kind, by] of owners) {
    const list = found.get(kind) ?? [];
    if (list.length === 0) {
      problems.push(
        `job kind "${kind}" (declared by ${by.join(', ')}) has no handler: mark one provider @HandlesJobs('${kind}')`,
      );
    } else if (list.length > 1) {
      problems.push(
        `job kind "${kind}" has ${list.length} handlers (${list.map((h) => h.name).join(', ')}); exactly one may handle it`,
      );
    }
  }
  for (const [kind, list] of found) {
    if (!owners.has(kind)) {
      problems.push(
        `${list.map((h) => h.name).join(', ')} handles job kind "${kind}", which no loaded module declares with @JobKinds`,
      );
    }
  }
  if (problems.length > 0) throw new JobRegistryError(problems);
  return new Map([...owners.keys()].map((kind) => [kind, found.get(kind)![0].handler]));
}

/** kind -> handler, discovered at boot from the providers marked @HandlesJobs (as Immich finds its job handlers). */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly logger = new Logger('Jobs');
  private handlers: Map<JobKind, JobHandler> | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly modules: ModulesContainer,
    private readonly reflector: Reflector,
  ) {}

  /** Fails the boot (app.init rejects) before anything is served or processed. */
  onModuleInit(): void {
    this.handlers = this.discover();
    const kinds = [...this.handlers.keys()];
    this.logger.log(`Job kinds handled: ${kinds.length > 0 ? kinds.join(', ') : 'none'}`);
  }

  /** The handler of a kind; undefined for a kind no loaded module declares (a job queued in another mode). */
  handlerFor(kind: JobKind): JobHandler | undefined {
    this.handlers ??= this.discover();
    return this.handlers.get(kind);
  }

  private discover(): Map<JobKind, JobHandler> {
    const declared: KindDeclaration[] = [];
    for (const module of this.modules.values()) {
      const kinds = this.reflector.get<JobKind[] | undefined>(JOB_KINDS_OF_MODULE, module.metatype);
      if (kinds) declared.push({ owner: module.metatype.name, kinds });
    }
    const handlers: HandlerEntry<JobHandler>[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      // Factory and value providers have no class to carry the decorator.
      if (!wrapper.metatype || wrapper.inject) continue;
      const kinds = this.reflector.get<JobKind[] | undefined>(JOB_HANDLER_KINDS, wrapper.metatype);
      if (!kinds) continue;
      const name = `${String(wrapper.name)} (${wrapper.host?.name ?? 'unknown module'})`;
      const instance = wrapper.instance as Partial<JobHandler> | undefined;
      if (typeof instance?.run !== 'function') {
        throw new JobRegistryError([`${name} is marked @HandlesJobs but has no run(job) method`]);
      }
      handlers.push({ name, kinds, handler: instance as JobHandler });
    }
    return checkJobHandlers(declared, handlers);
  }
}
