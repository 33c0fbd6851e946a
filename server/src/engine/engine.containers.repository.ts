import type Docker from 'dockerode';
import { Readable, type Duplex } from 'node:stream';
import { EngineError, toEngineError } from './engine.errors';
import { archiveGroups, containerCreateSpec } from './engine.container-spec';
import { FrameDemuxer, LineSplitter, PullProgressTracker, jsonLines, pumpExec, tarArchive } from './engine.streams';
import type { PullMessage } from './engine.streams';
import { ToolRunAbortedError, toolCreateBody, type ToolRunSpec, type ToolRunStreams } from './engine.tool-run';
import type {
  DesiredContainer,
  EngineCreateSpec,
  ExecOptions,
  LogLine,
  LogOptions,
  NetworkEndpoint,
  PullProgress,
} from './engine.types';

/**
 * The engine calls that stream or take several requests (pulls, exec, logs, container creation), as
 * functions over the client EngineRepository owns; it stays the one class the rest of the code sees.
 */

/** Runs one engine call; every error leaves as a typed EngineError. */
export async function engineCall<T>(what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw toEngineError(error, what);
  }
}

/** Pulls one tagged reference, reporting aggregated layer progress. Rejects on any error in the stream. */
export async function pullImage(
  docker: Docker,
  ref: string,
  onProgress?: (percent: number, detail: string) => void,
): Promise<void> {
  if (!/[:@][^/]+$/.test(ref)) throw new EngineError(`pull ${ref}: the reference must name a tag or digest`);
  const stream = await engineCall(`pull ${ref}`, () => docker.pull(ref));
  const tracker = new PullProgressTracker();
  await engineCall(`pull ${ref}`, async () => {
    for await (const value of jsonLines(stream as AsyncIterable<Buffer | string>)) {
      const message = value as PullMessage;
      // The engine reports a failed pull inside a 200 stream, not as an HTTP error.
      if (message.error) throw new EngineError(`pull ${ref}: ${message.errorDetail?.message ?? message.error}`);
      const progress: PullProgress = tracker.update(message);
      onProgress?.(progress.percent, progress.detail);
    }
  });
  onProgress?.(100, `pulled ${ref}`);
}

/**
 * Creates a container, connects its other networks and runs `prepare` (files to write before the
 * first start); removes it again if any of that fails, so no half-made container is left behind.
 */
export async function createConnected(
  docker: Docker,
  name: string,
  body: object,
  connect: readonly NetworkEndpoint[],
  prepare: (container: Docker.Container) => Promise<void> = () => Promise.resolve(),
): Promise<string> {
  const options = body as Docker.ContainerCreateOptions;
  const container = await engineCall(`create container ${name}`, () => docker.createContainer(options));
  try {
    for (const network of connect) {
      await engineCall(`connect ${name} to ${network.name}`, () =>
        docker.getNetwork(network.name).connect({
          Container: container.id,
          EndpointConfig: network.aliases.length > 0 ? { Aliases: [...network.aliases] } : {},
        }),
      );
    }
    await prepare(container);
    return container.id;
  } catch (error) {
    await container.remove({ force: true }).catch(() => undefined);
    throw toEngineError(error, `create container ${name}`);
  }
}

/** Creates a desired container, joins its other networks and writes its files; returns its id. */
export function createDesired(docker: Docker, desired: DesiredContainer): Promise<string> {
  const groups = archiveGroups(
    desired.files,
    desired.volumes.map((v) => v.target),
  );
  return createConnected(docker, desired.name, containerCreateSpec(desired), desired.networks.slice(1), async (c) => {
    for (const group of groups) {
      await engineCall(`write files into ${desired.name}:${group.root}`, () =>
        c.putArchive(tarArchive(group.files), { path: group.root }),
      );
    }
  });
}

/** A plain create body (another container's details, or a helper's) and the networks to connect after. */
export function createFromSpec(docker: Docker, spec: EngineCreateSpec, connect: readonly NetworkEndpoint[]) {
  return createConnected(docker, spec.name, { ...spec }, connect);
}

/** Log lines (stdout and stderr demultiplexed); with `follow`, until the signal aborts or the container stops. */
export async function* containerLogs(docker: Docker, id: string, options: LogOptions = {}): AsyncIterable<LogLine> {
  const container = docker.getContainer(id);
  const base = { stdout: true, stderr: true, tail: options.tail ?? 200 };
  const demux = new FrameDemuxer();
  const lines = new LineSplitter();
  const source: AsyncIterable<Buffer | string> = options.follow
    ? await engineCall(`follow logs of ${id}`, () =>
        container.logs({ ...base, follow: true, abortSignal: options.signal }),
      )
    : Readable.from([await engineCall(`read logs of ${id}`, () => container.logs({ ...base, follow: false }))]);
  try {
    for await (const chunk of source) {
      for (const frame of demux.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk)))
        yield* lines.push(frame.stream, frame.payload);
    }
  } catch (error) {
    if (!options.signal?.aborted) throw toEngineError(error, `read logs of ${id}`);
  }
  yield* lines.flush();
}

/** Runs a command (argv, no shell) in a running container; resolves with its exit code. */
export async function execIn(docker: Docker, id: string, cmd: readonly string[], options: ExecOptions = {}) {
  const container = docker.getContainer(id);
  const withStdin = options.stdin !== undefined;
  const exec = await engineCall(`exec in ${id}`, () =>
    container.exec({
      Cmd: [...cmd],
      AttachStdin: withStdin,
      AttachStdout: true,
      AttachStderr: true,
      User: options.user,
    }),
  );
  const stream = await engineCall(`exec in ${id}`, () => exec.start({ hijack: true, stdin: withStdin }));
  await engineCall(`exec in ${id}`, () => pumpExec(stream, options));
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await engineCall(`inspect exec in ${id}`, () => exec.inspect());
    if (!info.Running && info.ExitCode !== null) return info.ExitCode;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new EngineError(`exec in ${id}: the command did not report an exit code`);
}

/** Ids of the containers (tool runs) that carry all these labels. */
export async function listTools(docker: Docker, labels: string[]): Promise<string[]> {
  const list = await engineCall('list tool containers', () =>
    docker.listContainers({ all: true, filters: { label: labels } }),
  );
  return list.map((c) => c.Id);
}

/**
 * Runs a tool container to completion: create, attach (before start, so no output is lost), start,
 * pump the streams with backpressure, wait; resolves with its exit code. Always removed afterwards,
 * also when the signal aborts it (then rejects with ToolRunAbortedError).
 */
export async function runToCompletion(docker: Docker, spec: ToolRunSpec, streams: ToolRunStreams): Promise<number> {
  if (streams.signal?.aborted) throw new ToolRunAbortedError(spec.name);
  const withStdin = streams.stdin !== undefined;
  const body = toolCreateBody(spec, withStdin) as Docker.ContainerCreateOptions;
  const container = await engineCall(`create container ${spec.name}`, () => docker.createContainer(body));
  let killing: Promise<unknown> | undefined;
  const kill = () => void (killing = container.remove({ force: true }).catch(() => undefined));
  streams.signal?.addEventListener('abort', kill, { once: true });
  try {
    // Aborted while it was being created: the listener came too late to fire.
    if (streams.signal?.aborted) throw new ToolRunAbortedError(spec.name);
    const stream = (await engineCall(`attach to ${spec.name}`, () =>
      container.attach({ stream: true, hijack: true, stdin: withStdin, stdout: true, stderr: true }),
    )) as unknown as Duplex;
    const pumped = pumpExec(stream, streams);
    await engineCall(`start ${spec.name}`, () => container.start());
    const [result] = await Promise.all([
      engineCall(`wait for ${spec.name}`, () => container.wait() as Promise<{ StatusCode: number }>),
      engineCall(`read output of ${spec.name}`, () => pumped),
    ]);
    if (streams.signal?.aborted) throw new ToolRunAbortedError(spec.name);
    return result.StatusCode;
  } catch (error) {
    if (streams.signal?.aborted) throw new ToolRunAbortedError(spec.name);
    throw error;
  } finally {
    streams.signal?.removeEventListener('abort', kill);
    // After the kill's own removal, if any: a removal in progress answers a second one at once.
    await killing;
    await container.remove({ force: true }).catch(() => undefined);
  }
}
