import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DataSource } from 'typeorm';
import { FeatureSettingEntity } from '../../server/src/features/feature-setting.entity';
import { JobsService } from '../../server/src/jobs/jobs.service';
import { MailService } from '../../server/src/mail/mail.service';
import { ApplianceContextService } from '../../server/src/services/appliance-context.service';
import { appPerSuite } from '../support/medium-app';

const RELAY = {
  host: 'smtp.example.org',
  port: 465,
  security: 'tls' as const,
  username: 'relay-user',
  password: 'relay-secret-93b1',
  fromAddress: 'bonjour@fabrique.example.org',
};

describe("medium: chat and files use the dashboard's mail relay (real SQLite, fake engine)", () => {
  const suite = appPerSuite();
  const load = async () => (await suite.app.service(ApplianceContextService).load())!;
  const queued: string[] = [];
  const enable = (id: 'chat' | 'files') =>
    suite.app
      .service(DataSource)
      .getRepository(FeatureSettingEntity)
      .save({ id, enabled: true, desiredRunning: true, updatedAt: new Date() });

  it('renders no relay while mail is not set up', async () => {
    assert.equal((await load()).ctx.settings.smtp, undefined);
  });

  it('renders the saved relay, its password only as a file for Nextcloud', async () => {
    // The jobs tier queues for real; here the queued reconciles are recorded.
    const jobs = suite.app.service(JobsService) as unknown as { create: JobsService['create'] };
    jobs.create = (kind, target) => {
      queued.push(`${kind}:${target}`);
      return Promise.resolve({ id: `${kind}-${target}` } as Awaited<ReturnType<JobsService['create']>>);
    };
    await enable('files');
    await suite.app.service(MailService).put(RELAY);
    const { ctx, desired } = await load();
    assert.deepEqual(ctx.settings.smtp, {
      host: 'smtp.example.org',
      port: 465,
      security: 'tls',
      username: 'relay-user',
      password: 'relay-secret-93b1',
      from: 'bonjour@fabrique.example.org',
      fromName: ctx.settings.communityName,
    });
    const nextcloud = desired.find((c) => c.serviceId === 'nextcloud');
    assert.ok(nextcloud);
    assert.equal(nextcloud.env.SMTP_HOST, 'smtp.example.org');
    assert.equal(nextcloud.env.SMTP_SECURE, 'ssl');
    assert.ok(!JSON.stringify([nextcloud.env, nextcloud.command ?? []]).includes(RELAY.password));
    const file = nextcloud.files.find((f) => f.path === nextcloud.env.SMTP_PASSWORD_FILE);
    assert.ok(file?.type === 'file' && file.content === RELAY.password && (file.mode & 0o077) === 0o040);
  });

  it('a saved or removed relay re-applies the enabled mail features as reconcile jobs', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(queued, ['reconcile:files'], 'the save above queued the files feature only (chat is off)');
    await enable('chat');
    const synapse = (await load()).desired.find((c) => c.serviceId === 'synapse');
    const config = synapse?.files.find((f) => f.path === '/data/homeserver.yaml');
    // Synapse reads no password file: the password is in its config, a file of its user only.
    assert.ok(config?.type === 'file' && config.mode === 0o600 && config.content.includes(RELAY.password));
    assert.ok(!JSON.stringify([synapse?.env, synapse?.command ?? []]).includes(RELAY.password));
    queued.length = 0;
    await suite.app.service(MailService).remove();
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(queued, ['reconcile:chat', 'reconcile:files']);
    assert.equal((await load()).ctx.settings.smtp, undefined);
  });
});
