import { randomToken } from '../common/tokens';
import { hashPassword } from '../auth/password.hasher';
import { SessionRepository } from '../auth/session.repository';
import type { AppConfig } from '../config/app-config';
import { createDataSource } from '../database/data-source';
import { DataDirRepository } from '../platform/data-dir.repository';
import { ProcessRepository } from '../platform/process.repository';
import { UserRepository } from '../users/user.repository';

export type Print = (line: string) => void;

/** `appliance status`: the running manager's own health, as the dashboard shows it. */
export async function status(config: AppConfig, print: Print): Promise<number> {
  let body: { status: string; checks: Record<string, { status: string; detail?: string }> };
  try {
    const response = await fetch(`http://127.0.0.1:${config.port}/api/health`, { signal: AbortSignal.timeout(5000) });
    body = (await response.json()) as typeof body;
  } catch (err) {
    print(`The manager does not answer on port ${config.port}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  print(`status: ${body.status}`);
  for (const [name, check] of Object.entries(body.checks)) {
    print(`  ${name.padEnd(9)} ${check.status}${check.detail ? ` (${check.detail})` : ''}`);
  }
  return body.status === 'ok' ? 0 : 1;
}

/** `appliance setup-token`: for a volunteer who lost the first log lines. */
export function setupToken(config: AppConfig, print: Print): number {
  const token = new DataDirRepository(config.dataDir).readSetupToken();
  if (!token) {
    print('Setup is already completed: there is no setup token any more. Log in, or reset a password.');
    return 1;
  }
  print(token);
  return 0;
}

/** `appliance reset-password <username>`: a new random password, and every session of that user closed. */
export async function resetPassword(config: AppConfig, print: Print, username: string | undefined): Promise<number> {
  if (!username) {
    print('usage: appliance reset-password <username>');
    return 64;
  }
  const dataSource = createDataSource(config.dataDir, config.databaseUrl);
  await dataSource.initialize();
  try {
    const users = new UserRepository(dataSource);
    const user = await users.findByUsername(username.toLowerCase());
    if (!user) {
      const known = (await users.listAdmins()).map((u) => u.username).join(', ') || 'none';
      print(`No administrator named "${username}" (known: ${known}).`);
      return 1;
    }
    const password = randomToken(12);
    await users.updatePasswordHash(user.id, await hashPassword(password));
    await new SessionRepository(dataSource).deleteForUser(user.id);
    print(`New password for ${user.username}: ${password}`);
    print('Log in with it, then choose your own. Every session of this account was closed.');
    return 0;
  } finally {
    await dataSource.destroy();
  }
}

/** `appliance reconcile`: asks the running manager (SIGHUP) to bring the services to their desired state now. */
export function reconcile(config: AppConfig, print: Print): number {
  const pid = new DataDirRepository(config.dataDir).readManagerPid();
  try {
    if (pid === undefined) throw new Error('no pid file');
    new ProcessRepository().signal(pid, 'SIGHUP');
  } catch {
    print('The manager is not running (no live process in manager.pid); start it and it reconciles at boot.');
    return 1;
  }
  print('Reconciliation requested; follow it in the manager log.');
  return 0;
}
