import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { SYNAPSE_PORT } from '../catalog/synapse.catalog';
import { registrationRequest } from '../catalog/synapse.registration';
import { type MatrixAdminRecord, SecretsRepository } from '../secrets/secrets.repository';
import { ServiceHttpError, ServiceHttpRepository } from './service-http.repository';
import { retry } from './wait';

/** The chat admin account cannot be managed (yet): the reason is said to the admin. */
export class MatrixAdminUnavailableError extends Error {
  constructor(
    readonly reason: 'not-registered' | 'taken',
    message: string,
  ) {
    super(message);
  }
}

/** A password for people: long and random, in an alphabet that survives copy and paste. */
export function randomMatrixPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * The chat admin account, kept apart from the dashboard: registered through Synapse's shared-secret
 * API with a random password nobody keeps, its access token stored 0600 with the other secrets, and
 * a new password set through Synapse's admin API whenever a dashboard admin asks for one (shown once).
 */
@Injectable()
export class MatrixAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Matrix');
  /** Registration and password changes one at a time (the reconciler and a request may race). */
  private lock: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly secrets: SecretsRepository,
    private readonly http: ServiceHttpRepository,
  ) {}

  onApplicationBootstrap(): void {
    const legacy = this.secrets.removeLegacyPendingMatrixAdmin();
    if (legacy === null) return;
    this.logger.log('Deleted the clear-text password file an earlier version kept for the Matrix admin');
    if (!this.secrets.matrixAdmin()) this.secrets.saveMatrixAdmin({ username: legacy });
  }

  /** Records that the wizard admin wants a Matrix admin account under this name (no password). */
  want(username: string): void {
    if (!this.secrets.matrixAdmin()) this.secrets.saveMatrixAdmin({ username });
  }

  /** Whether registration is still to do (a taken name is not retried on every reconciliation). */
  needsRegistration(): boolean {
    const record = this.secrets.matrixAdmin();
    return !record?.accessToken && !record?.taken;
  }

  /**
   * Registers the account once Synapse answers, as the recorded wish or else `fallbackUsername`,
   * with a random password that is thrown away: the dashboard sets a known one later.
   */
  ensureRegistered(synapseAddress: string, sharedSecret: string, fallbackUsername: string): Promise<void> {
    return this.exclusive(async () => {
      const record = this.secrets.matrixAdmin() ?? { username: fallbackUsername };
      if (record.accessToken || record.taken) return;
      const url = `http://${synapseAddress}:${SYNAPSE_PORT}/_synapse/admin/v1/register`;
      const registered = await retry(
        async (): Promise<MatrixAdminRecord> => {
          const { nonce } = await this.http.json<{ nonce: string }>(url);
          const body = registrationRequest({
            nonce,
            user: record.username,
            password: randomMatrixPassword(),
            admin: true,
            secret: sharedSecret,
          });
          try {
            const answer = await this.http.json<{ user_id: string; access_token: string }>(url, {
              method: 'POST',
              body: JSON.stringify(body),
            });
            return { username: record.username, userId: answer.user_id, accessToken: answer.access_token };
          } catch (err) {
            // Created by an earlier version (with the dashboard password) or by hand: no token to be had.
            if (err instanceof ServiceHttpError && err.body.includes('M_USER_IN_USE'))
              return { username: record.username, taken: true };
            throw err;
          }
        },
        { attempts: 5, delayMs: 2000 },
      );
      this.secrets.saveMatrixAdmin(registered);
      if (registered.taken) {
        this.logger.warn(
          `The Matrix account "${record.username}" already existed: the dashboard cannot set its password. ` +
            'Change it from a Matrix client if it was the dashboard password.',
        );
      } else {
        this.logger.log(`Matrix admin account "${registered.userId}" is ready`);
      }
    });
  }

  /** Sets a new random password on the chat admin account and returns it (to be shown once). */
  newPassword(synapseAddress: string): Promise<{ userId: string; password: string }> {
    return this.exclusive(async () => {
      const record = this.secrets.matrixAdmin();
      if (record?.taken) {
        throw new MatrixAdminUnavailableError(
          'taken',
          `The chat account "${record.username}" was not created by this dashboard, which cannot change its password.`,
        );
      }
      if (!record?.accessToken || !record.userId) {
        throw new MatrixAdminUnavailableError(
          'not-registered',
          'The chat admin account is not created yet: wait until chat is running, then try again.',
        );
      }
      const password = randomMatrixPassword();
      const url = `http://${synapseAddress}:${SYNAPSE_PORT}/_synapse/admin/v2/users/${encodeURIComponent(record.userId)}`;
      // logout_devices false: the manager's own token is one of this account's devices.
      await this.http.json(url, {
        method: 'PUT',
        bearer: record.accessToken,
        body: JSON.stringify({ password, logout_devices: false }),
      });
      this.logger.log(`A dashboard admin set a new password for the Matrix account "${record.userId}"`);
      return { userId: record.userId, password };
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work);
    this.lock = run.catch(() => undefined);
    return run;
  }
}
