import { Injectable, Logger } from '@nestjs/common';
import { SYNAPSE_PORT } from '../catalog/synapse.catalog';
import { registrationRequest } from '../catalog/synapse.registration';
import { type NoticeBotRecord, SecretsRepository } from '../secrets/secrets.repository';
import { randomMatrixPassword } from '../services/matrix-admin.service';
import { ServiceHttpError, ServiceHttpRepository } from '../services/service-http.repository';

/** The bot's localpart: `@tiers-lieux:<domain>`. */
export const NOTICE_BOT_LOCALPART = 'tiers-lieux';

/** Where Synapse is and how to register on it (from the appliance's snapshot). */
export interface ChatEndpoint {
  /** Synapse's address on the frontend network. */
  address: string;
  /** The Matrix server name (the community's domain). */
  serverName: string;
  registrationSecret: string;
}

/** The Matrix error code of a refused call (`M_UNKNOWN_TOKEN`, `M_FORBIDDEN`...), if any. */
export function matrixErrcode(err: unknown): string | undefined {
  if (!(err instanceof ServiceHttpError)) return undefined;
  try {
    const body = JSON.parse(err.body) as { errcode?: unknown };
    return typeof body.errcode === 'string' ? body.errcode : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a refused post says about what we remember: the bot's token is gone (Synapse's database was
 * restored to an earlier point, or the token was revoked), or the room is (the bot is not in it).
 */
export function staleRecord(err: unknown): 'token' | 'room' | undefined {
  if (!(err instanceof ServiceHttpError)) return undefined;
  const code = matrixErrcode(err);
  if (err.status === 401 || code === 'M_UNKNOWN_TOKEN') return 'token';
  if (err.status === 403 || err.status === 404) return 'room';
  return undefined;
}

/**
 * The community's admin room on Matrix and the bot that posts in it. The bot is a non-admin account
 * registered once through the shared-secret API (random password thrown away, token kept 0600 in the
 * secrets like the chat admin's). Its room is private and not encrypted, on purpose: the bot has no
 * end-to-end encryption keys, so it could not post into an encrypted room. The chat admin is invited
 * and gets the same power as the bot, so the humans own the room.
 */
@Injectable()
export class AdminRoomService {
  private readonly logger = new Logger('Notices');

  constructor(
    private readonly secrets: SecretsRepository,
    private readonly http: ServiceHttpRepository,
  ) {}

  /**
   * Posts `body` as an `m.notice` in the admin room, making the bot and the room first if needed.
   * `txnId` makes a retried post land once. A stale token or room is forgotten and made again, once each.
   */
  async post(chat: ChatEndpoint, room: { name: string; topic: string }, body: string, txnId: string) {
    const renewed = new Set<'token' | 'room'>();
    for (;;) {
      const bot = await this.ensureBot(chat);
      try {
        await this.send(chat, await this.ensureRoom(chat, bot, room), body, txnId);
        return;
      } catch (err) {
        const stale = staleRecord(err);
        if (!stale || renewed.has(stale)) throw err;
        renewed.add(stale);
        this.logger.warn(`The admin room's ${stale} is no longer valid on Synapse: making it again`);
        const { userId, accessToken, roomId, invited } = bot;
        this.secrets.saveNoticeBot(
          stale === 'token' ? { userId, accessToken: '', roomId, invited } : { userId, accessToken },
        );
      }
    }
  }

  private base(chat: ChatEndpoint): string {
    return `http://${chat.address}:${SYNAPSE_PORT}`;
  }

  /** The bot's account and token: registered the first time, else logged in through the admin API. */
  private async ensureBot(chat: ChatEndpoint): Promise<NoticeBotRecord> {
    const known = this.secrets.noticeBot();
    if (known?.accessToken) return known;
    const userId = `@${NOTICE_BOT_LOCALPART}:${chat.serverName}`;
    const url = `${this.base(chat)}/_synapse/admin/v1/register`;
    const { nonce } = await this.http.json<{ nonce: string }>(url);
    const request = registrationRequest({
      nonce,
      user: NOTICE_BOT_LOCALPART,
      password: randomMatrixPassword(),
      admin: false,
      secret: chat.registrationSecret,
      displayName: 'Tiers-lieux',
    });
    let accessToken: string;
    try {
      ({ access_token: accessToken } = await this.http.json<{ access_token: string }>(url, {
        method: 'POST',
        body: JSON.stringify(request),
      }));
      this.logger.log(`Registered the notice bot ${userId}`);
    } catch (err) {
      if (!(err instanceof ServiceHttpError) || !err.body.includes('M_USER_IN_USE')) throw err;
      accessToken = await this.loginAsBot(chat, userId);
    }
    const record = { ...known, userId, accessToken };
    this.secrets.saveNoticeBot(record);
    return record;
  }

  /** Our bot exists but its token was lost: the chat admin's token gets a new one (admin API). */
  private async loginAsBot(chat: ChatEndpoint, userId: string): Promise<string> {
    const admin = this.secrets.matrixAdmin();
    if (!admin?.accessToken) throw new Error(`${userId} exists and the chat admin has no token to log it in`);
    const url = `${this.base(chat)}/_synapse/admin/v1/users/${encodeURIComponent(userId)}/login`;
    const answer = await this.http.json<{ access_token: string }>(url, {
      method: 'POST',
      bearer: admin.accessToken,
      body: '{}',
    });
    this.logger.log(`Logged the notice bot ${userId} in again`);
    return answer.access_token;
  }

  /** The chat admin's Matrix id, to invite: the registered one, or the existing account of that name. */
  private adminUserId(serverName: string): string | undefined {
    const admin = this.secrets.matrixAdmin();
    if (admin?.userId) return admin.userId;
    return admin?.taken ? `@${admin.username}:${serverName}` : undefined;
  }

  /** The room, created once (private, unencrypted, the chat admin invited); a later admin invited later. */
  private async ensureRoom(chat: ChatEndpoint, bot: NoticeBotRecord, room: { name: string; topic: string }) {
    const adminId = this.adminUserId(chat.serverName);
    const invite = adminId ? [adminId] : [];
    if (!bot.roomId) {
      const created = await this.http.json<{ room_id: string }>(`${this.base(chat)}/_matrix/client/v3/createRoom`, {
        method: 'POST',
        bearer: bot.accessToken,
        body: JSON.stringify({
          // Invite only; the invited admin gets the bot's power (an additional creator in room version 12).
          preset: 'trusted_private_chat',
          visibility: 'private',
          name: room.name,
          topic: room.topic,
          invite,
        }),
      });
      const record = { ...bot, roomId: created.room_id, invited: invite };
      this.secrets.saveNoticeBot(record);
      this.logger.log(`Created the admin room ${created.room_id}${adminId ? `, ${adminId} invited` : ''}`);
      return record;
    }
    if (adminId && !(bot.invited ?? []).includes(adminId)) {
      const url = `${this.base(chat)}/_matrix/client/v3/rooms/${encodeURIComponent(bot.roomId)}/invite`;
      const body = JSON.stringify({ user_id: adminId });
      // Refused (already a member, or banned by a human): the notice is posted all the same.
      await this.http.json(url, { method: 'POST', bearer: bot.accessToken, body }).catch((err: unknown) => {
        if (staleRecord(err) !== 'room') throw err;
        this.logger.warn(`Could not invite ${adminId} to the admin room: ${String(err)}`);
      });
      const record = { ...bot, invited: [...(bot.invited ?? []), adminId] };
      this.secrets.saveNoticeBot(record);
      return record;
    }
    return bot;
  }

  private async send(chat: ChatEndpoint, bot: NoticeBotRecord, body: string, txnId: string): Promise<void> {
    const room = encodeURIComponent(bot.roomId!);
    const url = `${this.base(chat)}/_matrix/client/v3/rooms/${room}/send/m.room.message/${encodeURIComponent(txnId)}`;
    await this.http.json(url, {
      method: 'PUT',
      bearer: bot.accessToken,
      body: JSON.stringify({ msgtype: 'm.notice', body }),
    });
  }
}
