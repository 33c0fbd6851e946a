import { Injectable, Logger } from '@nestjs/common';
import { SYNAPSE_PORT } from '../catalog/synapse.catalog';
import { registrationRequest } from '../catalog/synapse.registration';
import { SecretsRepository } from '../secrets/secrets.repository';
import { ServiceHttpError, ServiceHttpRepository } from './service-http.repository';
import { retry } from './wait';

/**
 * Creates the wizard's admin on Matrix through Synapse's shared-secret registration API
 * (HMAC over a fresh nonce), once, as soon as Synapse is healthy.
 */
@Injectable()
export class MatrixAdminService {
  private readonly logger = new Logger('Matrix');

  constructor(
    private readonly secrets: SecretsRepository,
    private readonly http: ServiceHttpRepository,
  ) {}

  hasPending(): boolean {
    return this.secrets.pendingMatrixAdmin() !== null;
  }

  async registerPending(synapseAddress: string, sharedSecret: string): Promise<void> {
    const pending = this.secrets.pendingMatrixAdmin();
    if (!pending) return;
    const url = `http://${synapseAddress}:${SYNAPSE_PORT}/_synapse/admin/v1/register`;
    await retry(
      async () => {
        const { nonce } = await this.http.json<{ nonce: string }>(url);
        const body = registrationRequest({
          nonce,
          user: pending.username,
          password: pending.password,
          admin: true,
          secret: sharedSecret,
        });
        try {
          await this.http.json(url, { method: 'POST', body: JSON.stringify(body) });
        } catch (err) {
          // Already there (a previous attempt succeeded before a crash): nothing left to do.
          if (!(err instanceof ServiceHttpError && err.body.includes('M_USER_IN_USE'))) throw err;
        }
      },
      { attempts: 5, delayMs: 2000 },
    );
    this.secrets.clearPendingMatrixAdmin();
    this.logger.log(`Matrix admin account "${pending.username}" is ready`);
  }
}
