import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CATALOG } from './catalog';
import { SECRET_KEYS, SERVICE_IDS, type RenderedFile } from './catalog.types';
import { testContext } from './catalog.fixtures.spec';
import { membersContext } from './members.fixtures.spec';
import { secretFile } from './secret-files';

const SMTP = {
  host: 'smtp.example.org',
  port: 587,
  username: 'noreply',
  password: 'smtp-secret-password',
  from: 'noreply@example.org',
  fromName: 'La Fabrique',
  security: 'starttls' as const,
};

function file(files: readonly RenderedFile[], path: string): Extract<RenderedFile, { type: 'file' }> {
  const found = files.find((f) => f.path === path);
  assert.ok(found && found.type === 'file', `no file ${path}`);
  return found;
}

describe('secrets reach containers as files', () => {
  it('puts no secret in any service environment or command', () => {
    const ctx = testContext({ smtp: SMTP });
    const values = [...SECRET_KEYS.map((key) => ctx.secrets[key]), SMTP.password];
    for (const id of SERVICE_IDS) {
      const definition = CATALOG[id];
      const exposed = JSON.stringify([definition.renderEnv(ctx), definition.renderCommand(ctx) ?? []]);
      for (const value of values) assert.ok(!exposed.includes(value), `${id} exposes a secret in its env or command`);
    }
  });

  it('puts no single sign-on client secret in any environment or command either', () => {
    const ctx = membersContext(undefined, { smtp: SMTP });
    const values = Object.values(ctx.members?.clients ?? {}).map((client) => client.clientSecret);
    assert.equal(values.length, 3);
    for (const id of SERVICE_IDS) {
      const definition = CATALOG[id];
      const exposed = JSON.stringify([definition.renderEnv(ctx), definition.renderCommand(ctx) ?? []]);
      for (const value of values) assert.ok(!exposed.includes(value), `${id} exposes a client secret`);
    }
    const secretFiles = SERVICE_IDS.flatMap((id) => CATALOG[id].renderFiles(ctx)).filter((f) =>
      f.path.startsWith('/run/secrets/'),
    );
    for (const value of values)
      assert.ok(
        secretFiles.some((f) => f.type === 'file' && f.content === value),
        'a client secret has no file',
      );
  });

  it('gives Postgres and Nextcloud *_FILE variables pointing at their rendered files', () => {
    const ctx = testContext({ smtp: SMTP });
    const postgres = CATALOG.postgres;
    const pgPath = postgres.renderEnv(ctx).POSTGRES_PASSWORD_FILE;
    assert.equal(file(postgres.renderFiles(ctx), pgPath).content, ctx.secrets.postgresSuperuserPassword);

    const nextcloud = CATALOG.nextcloud;
    const env = nextcloud.renderEnv(ctx);
    const files = nextcloud.renderFiles(ctx);
    assert.equal(file(files, env.POSTGRES_PASSWORD_FILE).content, ctx.secrets.nextcloudDbPassword);
    assert.equal(file(files, env.NEXTCLOUD_ADMIN_PASSWORD_FILE).content, ctx.secrets.nextcloudAdminPassword);
    assert.equal(file(files, env.SMTP_PASSWORD_FILE).content, SMTP.password);
    assert.equal(env.POSTGRES_PASSWORD, undefined);
    assert.equal(env.NEXTCLOUD_ADMIN_PASSWORD, undefined);
    assert.equal(env.SMTP_PASSWORD, undefined);
    // No SMTP: no file and no variable.
    const bare = testContext();
    assert.equal(nextcloud.renderEnv(bare).SMTP_PASSWORD_FILE, undefined);
    assert.ok(!nextcloud.renderFiles(bare).some((f) => f.path.endsWith('smtp-password')));
  });

  it("writes HedgeDoc's database URL and session secret where HedgeDoc 1.x reads Docker secrets", () => {
    const ctx = testContext();
    const files = CATALOG.hedgedoc.renderFiles(ctx);
    const url = file(files, '/run/secrets/dbURL');
    assert.equal(url.content, `postgres://hedgedoc:${ctx.secrets.hedgedocDbPassword}@postgres:5432/hedgedoc`);
    assert.equal(file(files, '/run/secrets/sessionsecret').content, ctx.secrets.hedgedocSessionSecret);
    // Read verbatim by HedgeDoc: a trailing newline would become part of the secret.
    assert.ok(!url.content.endsWith('\n'));
    const env = CATALOG.hedgedoc.renderEnv(ctx);
    assert.equal(env.CMD_DB_URL, undefined);
    assert.equal(env.CMD_SESSION_SECRET, undefined);
  });

  it('makes every secret file readable by its service user and root only', () => {
    const ctx = testContext({ smtp: SMTP });
    const secretFiles = SERVICE_IDS.flatMap((id) => CATALOG[id].renderFiles(ctx)).filter((f) =>
      f.path.startsWith('/run/secrets/'),
    );
    assert.ok(secretFiles.length >= 6);
    for (const f of secretFiles) {
      assert.equal(f.mode & 0o007, 0, `${f.path} is readable by others`);
      assert.equal(f.mode & 0o222, 0, `${f.path} is writable`);
      assert.equal(f.gid, 0);
    }
    assert.throws(() => secretFile('../etc/passwd', 'x', 0), RangeError);
  });
});
