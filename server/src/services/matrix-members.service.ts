import { Injectable, Logger } from '@nestjs/common';
import { SYNAPSE_PORT } from '../catalog/synapse.catalog';
import type { MemberRef } from '../members/member-service-accounts.port';
import { SecretsRepository } from '../secrets/secrets.repository';
import { ApplianceContextService } from './appliance-context.service';
import { matrixMemberPaths } from './matrix-members';
import { ServiceHttpError, ServiceHttpRepository } from './service-http.repository';
import { ServiceStepsService } from './service-steps.service';
import { retry } from './wait';

/**
 * A member's Matrix account, through Synapse's admin API with the chat admin's token: on suspension
 * every device is logged out (the account stays, and the provider refuses a new sign-in); on removal
 * the account is deactivated (Synapse also logs every device out then). The account is found by the
 * member's subject at the community's provider, so a renamed member is still found.
 */
@Injectable()
export class MatrixMembersService {
  private readonly logger = new Logger('Matrix');

  constructor(
    private readonly context: ApplianceContextService,
    private readonly steps: ServiceStepsService,
    private readonly secrets: SecretsRepository,
    private readonly http: ServiceHttpRepository,
  ) {}

  async signOut(member: MemberRef): Promise<void> {
    await this.withAccount(member, async (base, token, userId) => {
      const paths = matrixMemberPaths(member.id, userId);
      const { devices } = await this.http.json<{ devices: Array<{ device_id: string }> }>(`${base}${paths.devices}`, {
        bearer: token,
      });
      if (devices.length === 0) return;
      await this.http.json(`${base}${paths.deleteDevices}`, {
        method: 'POST',
        bearer: token,
        body: JSON.stringify({ devices: devices.map((d) => d.device_id) }),
      });
      this.logger.log(`Logged the suspended member ${userId} out of ${devices.length} Matrix device(s)`);
    });
  }

  async deactivate(member: MemberRef): Promise<void> {
    await this.withAccount(member, async (base, token, userId) => {
      // erase: false keeps their messages readable by the others; the account cannot be used again.
      await this.http.json(`${base}${matrixMemberPaths(member.id, userId).deactivate}`, {
        method: 'POST',
        bearer: token,
        body: JSON.stringify({ erase: false }),
      });
      this.logger.log(`Deactivated the Matrix account ${userId} of a removed member`);
    });
  }

  /** Runs `work` on the member's Matrix account, if chat runs and they ever signed in to it. */
  private async withAccount(
    member: MemberRef,
    work: (base: string, token: string, userId: string) => Promise<void>,
  ): Promise<void> {
    const snapshot = await this.context.load();
    if (!snapshot?.features.includes('chat')) return;
    const token = this.secrets.matrixAdmin()?.accessToken;
    if (!token) throw new Error('the chat admin account has no token: the member stays signed in to chat');
    const address = await this.steps.synapseAddress(snapshot);
    if (!address) throw new Error('chat is not running: the member stays signed in to chat');
    const base = `http://${address}:${SYNAPSE_PORT}`;
    await retry(
      async () => {
        const userId = await this.userIdOf(base, token, member);
        if (userId) await work(base, token, userId);
      },
      { attempts: 3, delayMs: 1000 },
    );
  }

  private async userIdOf(base: string, token: string, member: MemberRef): Promise<string | undefined> {
    try {
      const found = await this.http.json<{ user_id: string }>(`${base}${matrixMemberPaths(member.id).bySubject}`, {
        bearer: token,
      });
      return found.user_id;
    } catch (err) {
      // Never signed in to chat: no Matrix account to end.
      if (err instanceof ServiceHttpError && err.status === 404) return undefined;
      throw err;
    }
  }
}
