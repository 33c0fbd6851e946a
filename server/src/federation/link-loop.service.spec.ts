import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { describe, it } from 'node:test';
import type { AppConfig } from '../config/app-config';
import { publicKeyToBase64 } from '../fleet-link/key-fingerprint';
import { Clock } from '../platform/clock';
import type { FederationLinkEntity } from './federation-link.entity';
import type { FederationLinkRepository } from './federation-link.repository';
import type { LinkCommandsService } from './link-commands.service';
import type { LinkKeysRepository } from './link-keys.repository';
import { LinkLoopService } from './link-loop.service';
import type { LocalAppliance } from './local-appliance.port';
import type { OffsiteHost, OffsiteSetupService } from './offsite-setup.service';
import type { UpstreamLinkRepository } from './upstream-link.repository';

const pair = generateKeyPairSync('ed25519');

/** One round of the loop with fakes around it: which off-site set-ups it asked for. */
async function oneRound(offsitePending: boolean, heartbeatFails = false): Promise<OffsiteHost[]> {
  const link = {
    id: 1,
    upstreamUrl: 'https://hub.example.coop',
    upstreamName: 'Coop',
    upstreamKey: publicKeyToBase64(pair.publicKey),
    applianceId: 'a1',
    offsitePending,
    confirmedAt: new Date('2026-12-01T00:00:00.000Z'),
  } as FederationLinkEntity;
  const asked: OffsiteHost[] = [];
  let settled!: () => void;
  const roundOver = new Promise<void>((resolve) => (settled = resolve));
  const links = {
    get: () => Promise.resolve(link),
    contact: () => Promise.resolve(),
    failure: () => Promise.resolve(settled()),
  } as unknown as FederationLinkRepository;
  const keys = { privateKey: () => pair.privateKey } as unknown as LinkKeysRepository;
  const upstream = {
    heartbeat: () => (heartbeatFails ? Promise.reject(new Error('down')) : Promise.resolve({ pendingCommands: 0 })),
  } as unknown as UpstreamLinkRepository;
  const commands = { acknowledgePending: () => Promise.resolve() } as unknown as LinkCommandsService;
  const local = {
    version: () => Promise.resolve('1'),
    services: () => Promise.resolve([]),
    diskFreeBytes: () => Promise.resolve(null),
    lastBackupAt: () => Promise.resolve(null),
  } as unknown as LocalAppliance;
  const offsite = {
    setUp: (host: OffsiteHost) => {
      asked.push(host);
      return Promise.resolve(true);
    },
  } as unknown as OffsiteSetupService;
  const config = { linkHeartbeatMs: 3_600_000 } as AppConfig;
  const loop = new LinkLoopService(config, links, keys, upstream, commands, local, offsite, new Clock());
  const originalContact = links.contact.bind(links);
  links.contact = async (at: Date) => {
    await originalContact(at);
    setImmediate(settled);
  };
  // The loop's timer does not hold the process open (unref): this one does, for the round.
  const keepAlive = setInterval(() => undefined, 1_000);
  loop.start();
  await roundOver;
  clearInterval(keepAlive);
  await new Promise((resolve) => setImmediate(resolve));
  await loop.stop();
  return asked;
}

describe('the link loop and the off-site place', () => {
  it('asks again for the place after a heartbeat while it is pending', async () => {
    const asked = await oneRound(true);
    assert.deepEqual(
      asked.map((h) => h.upstreamUrl),
      ['https://hub.example.coop'],
    );
  });

  it('does not ask once it is made', async () => {
    assert.deepEqual(await oneRound(false), []);
  });

  it('does not ask when the heartbeat failed (the host is away)', async () => {
    assert.deepEqual(await oneRound(true, true), []);
  });
});
