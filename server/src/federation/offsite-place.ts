import type { OffsiteCredential } from '../fleet-link/link.types';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Pure: the REST URL restic is given for the host's off-site repository, credentials included (it is
 * written to a 0600 repository file, never to a container's environment or command). restic runs in
 * a sibling container: a host on this machine's loopback is, from there, the Docker host's gateway.
 */
export function offsitePlaceUrl(upstreamUrl: string, credential: OffsiteCredential): string {
  const url = new URL(credential.path, upstreamUrl);
  if (LOOPBACK.has(url.hostname)) url.hostname = 'host.docker.internal';
  url.username = encodeURIComponent(credential.user);
  url.password = encodeURIComponent(credential.password);
  return url.href;
}
