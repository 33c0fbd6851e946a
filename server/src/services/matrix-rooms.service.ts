import { Injectable, Logger } from '@nestjs/common';
import { SYNAPSE_PORT } from '../catalog/synapse.catalog';
import { SecretsRepository } from '../secrets/secrets.repository';
import { ServiceHttpError, ServiceHttpRepository } from './service-http.repository';
import type { StartingRoom } from './starting-rooms';

/** Whether a refused call means the alias is taken already (someone, or an earlier try, made the room). */
function aliasInUse(err: unknown): boolean {
  return err instanceof ServiceHttpError && err.body.includes('M_ROOM_IN_USE');
}

/**
 * The community's starting rooms on Matrix, made by the chat admin account (the manager's token) once
 * chat is up: public to join (members join them through `auto_join_rooms`), not listed in the room
 * directory. Idempotent: an alias that resolves is left alone, and the ones known to exist are recorded
 * with the admin account so later reconciliations make no call.
 */
@Injectable()
export class MatrixRoomsService {
  private readonly logger = new Logger('Matrix');

  constructor(
    private readonly secrets: SecretsRepository,
    private readonly http: ServiceHttpRepository,
  ) {}

  /** Whether some of these rooms are still to be made (and the admin account can make them). */
  needed(rooms: readonly StartingRoom[]): boolean {
    const admin = this.secrets.matrixAdmin();
    if (!admin?.accessToken) return false;
    return rooms.some((room) => !(admin.rooms ?? []).includes(room.alias));
  }

  async ensure(synapseAddress: string, rooms: readonly StartingRoom[]): Promise<void> {
    const admin = this.secrets.matrixAdmin();
    if (!admin?.accessToken) return;
    const base = `http://${synapseAddress}:${SYNAPSE_PORT}/_matrix/client/v3`;
    const known = new Set(admin.rooms ?? []);
    for (const room of rooms) {
      if (known.has(room.alias)) continue;
      if (!(await this.exists(base, room.alias, admin.accessToken))) {
        try {
          const created = await this.http.json<{ room_id: string }>(`${base}/createRoom`, {
            method: 'POST',
            bearer: admin.accessToken,
            body: JSON.stringify({
              preset: 'public_chat',
              visibility: 'private',
              room_alias_name: room.localpart,
              name: room.name,
              // Announcements: the admins post, members read and react.
              ...(room.announcements ? { power_level_content_override: { events_default: 50 } } : {}),
            }),
          });
          this.logger.log(`Created the starting room ${room.alias} (${created.room_id})`);
        } catch (err) {
          if (!aliasInUse(err)) throw err;
        }
      }
      known.add(room.alias);
      this.secrets.saveMatrixAdmin({ ...(this.secrets.matrixAdmin() ?? admin), rooms: [...known] });
    }
  }

  private async exists(base: string, alias: string, token: string): Promise<boolean> {
    try {
      await this.http.json(`${base}/directory/room/${encodeURIComponent(alias)}`, { bearer: token });
      return true;
    } catch (err) {
      if (err instanceof ServiceHttpError && err.status === 404) return false;
      throw err;
    }
  }
}
