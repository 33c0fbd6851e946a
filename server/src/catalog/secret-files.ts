import type { RenderedFile } from './catalog.types';

/** Where secrets reach a container: the path Docker secrets use, which HedgeDoc reads by itself. */
export const SECRETS_DIR = '/run/secrets';

/**
 * A secret as a file rather than an environment variable (which `docker inspect` shows to anyone
 * with the engine socket and which child processes inherit). Owned by the user the service runs as,
 * group root: images whose entrypoint reads it as root before dropping privileges still can, even
 * without CAP_DAC_OVERRIDE. No trailing newline: some readers take the content verbatim.
 */
export function secretFile(name: string, content: string, uid: number): RenderedFile {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) throw new RangeError(`unsafe secret file name "${name}"`);
  return { type: 'file', path: `${SECRETS_DIR}/${name}`, content, mode: 0o440, uid, gid: 0 };
}

/** The directory holding them: traversable by the service user and root only. */
export function secretsDirectory(uid: number): RenderedFile {
  return { type: 'directory', path: SECRETS_DIR, mode: 0o550, uid, gid: 0 };
}
