import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplianceContextService, ApplianceSnapshot } from '../services/appliance-context.service';
import type { MatrixAdminService } from '../services/matrix-admin.service';
import { ServiceHttpError } from '../services/service-http.repository';
import type { ServiceStepsService } from '../services/service-steps.service';
import type { InstallationRepository } from '../setup/installation.repository';
import type { AdminNotice } from './admin-notice.messages';
import { AdminNoticeService } from './admin-notice.service';
import type { AdminRoomService, ChatEndpoint } from './admin-room.service';

const NOTICE: AdminNotice = {
  operation: 'backup',
  key: 'backupDiskFull',
  params: {},
  at: new Date('2026-11-30T02:00:00Z'),
};

/** The service with its collaborators as plain objects: chat on and healthy unless told otherwise. */
function service(options: { features?: string[]; stopped?: string[]; post?: () => Promise<void> } = {}) {
  const posts: Array<{ chat: ChatEndpoint; room: { name: string }; body: string }> = [];
  const snapshot = {
    features: options.features ?? ['chat'],
    stopped: options.stopped ?? [],
    ctx: {
      settings: { domain: 'fabrique.example.org', communityName: 'La Fabrique', tls: 'acme', adminUsername: 'camille' },
      secrets: { synapseRegistrationSecret: 'shared' },
    },
  } as unknown as ApplianceSnapshot;
  const context = { load: () => Promise.resolve(snapshot) } as unknown as ApplianceContextService;
  const steps = {
    container: () => Promise.resolve({ health: 'healthy' }),
    synapseAddress: () => Promise.resolve('10.0.0.5'),
  } as unknown as ServiceStepsService;
  const installation = { get: () => Promise.resolve({ language: 'en' }) } as unknown as InstallationRepository;
  const room = {
    post: (chat: ChatEndpoint, texts: { name: string }, body: string) => {
      posts.push({ chat, room: texts, body });
      return options.post ? options.post() : Promise.resolve();
    },
  } as unknown as AdminRoomService;
  const matrix = { ensureRegistered: () => Promise.resolve() } as unknown as MatrixAdminService;
  return { notices: new AdminNoticeService(context, steps, installation, room, matrix), posts };
}

describe('AdminNoticeService', () => {
  it('posts in the community’s language, to Synapse on its network, pointing at the dashboard', async () => {
    const { notices, posts } = service();
    notices.tell(NOTICE);
    await notices.settled();
    assert.equal(posts.length, 1);
    assert.deepEqual(posts[0].chat, {
      address: '10.0.0.5',
      serverName: 'fabrique.example.org',
      registrationSecret: 'shared',
    });
    assert.equal(posts[0].room.name, 'La Fabrique administration');
    assert.match(posts[0].body, /^The backup of La Fabrique failed on 30 November 2026/);
    assert.match(posts[0].body, /Reason: the backup disk is full\./);
    assert.match(posts[0].body, /\(https:\/\/admin\.fabrique\.example\.org\/\)/);
  });

  it('posts nothing when chat is off or stopped, and never throws', async () => {
    for (const options of [{ features: ['pad'] }, { stopped: ['synapse', 'element'] }]) {
      const { notices, posts } = service(options);
      assert.doesNotThrow(() => notices.tell(NOTICE));
      await notices.settled();
      assert.deepEqual(posts, []);
    }
  });

  it('returns at once and settles even when the post fails for good', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const { notices, posts } = service({
      post: () => blocked.then(() => Promise.reject(new ServiceHttpError('refused', 400, '{"errcode":"M_BAD_JSON"}'))),
    });
    notices.tell(NOTICE);
    notices.tell({ ...NOTICE, operation: 'backupCheck', key: 'backupCheckFailed' });
    // Both told while the first post hangs: the caller was never held.
    release();
    await notices.settled();
    assert.equal(posts.length, 2, 'the second notice is posted after the first one failed');
  });
});
