import type { Readable, Writable } from 'node:stream';
import { LABELS, MANAGED_BY, type EngineMountSpec, type Labels } from './engine.types';

/**
 * A short-lived tool container (restic, a clean-up): run once to completion with its streams attached,
 * then removed. Least privilege is the default: every capability dropped, no new privileges, a
 * read-only root filesystem, no network; the caller adds back only what the tool needs.
 */
export interface ToolRunSpec {
  /** Labels it as this appliance's, so a clean-up (tests, boot) finds a leftover. */
  applianceId: string;
  name: string;
  image: string;
  cmd: readonly string[];
  /** Replaces the image's entrypoint (e.g. `find` in the restic image). */
  entrypoint?: readonly string[];
  env?: readonly string[];
  /** `uid[:gid]`; the image's user when absent. */
  user?: string;
  labels?: Labels;
  mounts: readonly EngineMountSpec[];
  /** `none` (default) or a network the tool needs to reach a remote target. */
  network?: 'none' | 'bridge';
  capAdd?: readonly string[];
  /** Writable scratch directories (tmpfs), e.g. a cache. */
  tmpfs?: readonly string[];
  extraHosts?: readonly string[];
}

export interface ToolRunStreams {
  /** Fed to the tool's stdin, then closed (EOF). */
  stdin?: Readable;
  stdout?: Writable;
  stderr?: Writable;
  /** Kills and removes the container; the run then rejects with ToolRunAbortedError. */
  signal?: AbortSignal;
}

export class ToolRunAbortedError extends Error {
  constructor(name: string) {
    super(`${name} was stopped before it finished`);
    this.name = 'ToolRunAbortedError';
  }
}

/** The engine's create body for a tool run (pure). */
export function toolCreateBody(spec: ToolRunSpec, withStdin: boolean): Record<string, unknown> {
  return {
    name: spec.name,
    Image: spec.image,
    Cmd: [...spec.cmd],
    ...(spec.entrypoint ? { Entrypoint: [...spec.entrypoint] } : {}),
    Env: [...(spec.env ?? [])],
    ...(spec.user ? { User: spec.user } : {}),
    Labels: { ...spec.labels, [LABELS.managedBy]: MANAGED_BY, [LABELS.applianceId]: spec.applianceId },
    AttachStdin: withStdin,
    AttachStdout: true,
    AttachStderr: true,
    // StdinOnce: the container's stdin closes when the attached client half-closes (restic sees EOF).
    OpenStdin: withStdin,
    StdinOnce: withStdin,
    Tty: false,
    NetworkDisabled: (spec.network ?? 'none') === 'none',
    HostConfig: {
      AutoRemove: false,
      RestartPolicy: { Name: 'no' },
      Mounts: spec.mounts.map((m) => ({ ...m })),
      NetworkMode: spec.network ?? 'none',
      CapDrop: ['ALL'],
      CapAdd: [...(spec.capAdd ?? [])],
      SecurityOpt: ['no-new-privileges'],
      ReadonlyRootfs: true,
      Tmpfs: Object.fromEntries((spec.tmpfs ?? []).map((path) => [path, 'rw,nosuid,nodev,mode=1777'])),
      ExtraHosts: [...(spec.extraHosts ?? [])],
      // The output (a whole database dump) goes through the attached streams, never into a log file.
      LogConfig: { Type: 'none', Config: {} },
    },
  };
}
