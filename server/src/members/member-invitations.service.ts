import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException, fieldErrors } from '../common/api-error';
import { randomToken, sha256 } from '../common/tokens';
import { Clock } from '../platform/clock';
import { MailService, mailNotConfigured } from '../mail/mail.service';
import { SmtpError } from '../mail/smtp.types';
import type { UserEntity } from '../users/user.entity';
import {
  AcceptMemberInvitationDto,
  CreateMemberInvitationDto,
  MemberInvitationCreatedDto,
  MemberInvitationDto,
  MemberInvitationStatusDto,
} from './dto/member-invitation.dto';
import { UserRepository } from '../users/user.repository';
import { MemberAccountFactory } from './member-account.factory';
import type { MemberInvitationEntity } from './member-invitation.entity';
import { MemberInvitationRepository } from './member-invitation.repository';
import { invitationState, planInvitation } from './member-invitation.rules';

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;
/** The web app's page for a member link (a hash route: web/src/lib/router.svelte.ts). */
export const JOIN_PATH = '/#/join/';

const GONE_MESSAGES = {
  spent: 'This invitation link was already used as many times as allowed; ask for a new one.',
  expired: 'This invitation link has expired; ask for a new one.',
} as const;

/** 410 with the state as the error's code, so that the page shows its own message for it. */
function gone(state: 'spent' | 'expired'): ApiException {
  return new ApiException(HttpStatus.GONE, GONE_MESSAGES[state], {
    errors: [{ field: 'token', code: state, message: GONE_MESSAGES[state] }],
  });
}

@Injectable()
export class MemberInvitationsService {
  constructor(
    private readonly invitations: MemberInvitationRepository,
    private readonly users: UserRepository,
    private readonly accounts: MemberAccountFactory,
    private readonly clock: Clock,
    private readonly mail: MailService,
  ) {}

  async create(dto: CreateMemberInvitationDto, admin: UserEntity): Promise<MemberInvitationCreatedDto> {
    const now = this.clock.now();
    const plan = planInvitation(dto, now);
    if (!plan.ok) throw fieldErrors(plan.errors);
    if (dto.email !== undefined && dto.kind !== 'single') {
      throw fieldErrors([
        { field: 'email', code: 'singleOnly', message: 'email is for a single-use link (one person) only' },
      ]);
    }
    // Refused before the link exists: an admin who typed an address expects a mail, not a silent link.
    if (dto.email !== undefined && !(await this.mail.configured())) throw mailNotConfigured();
    const token = randomToken();
    await this.invitations.insert({
      tokenHash: sha256(token),
      kind: dto.kind,
      maxUses: plan.maxUses,
      uses: 0,
      createdBy: admin.id,
      createdAt: now,
      expiresAt: plan.expiresAt,
    });
    const created = {
      token,
      path: `${JOIN_PATH}${token}`,
      kind: dto.kind,
      maxUses: plan.maxUses,
      expiresAt: plan.expiresAt.toISOString(),
      mailed: false,
      mailError: null,
    };
    if (dto.email === undefined) return created;
    try {
      const link = await this.mail.link(created.path);
      await this.mail.send(dto.email, { kind: 'invitation', link, expiresAt: plan.expiresAt });
      return { ...created, mailed: true };
    } catch (error) {
      // The link works all the same: the admin copies it and says why the mail did not leave.
      if (error instanceof SmtpError) return { ...created, mailError: { key: error.problem, details: error.details } };
      throw error;
    }
  }

  async list(): Promise<MemberInvitationDto[]> {
    const [links, admins] = await Promise.all([
      this.invitations.listUnexpired(this.clock.now()),
      this.users.listAdmins(),
    ]);
    const names = new Map(admins.map((u) => [u.id, u.username]));
    return links.map((i) => ({
      id: i.tokenHash,
      kind: i.kind,
      maxUses: i.maxUses,
      uses: i.uses,
      createdBy: names.get(i.createdBy) ?? '',
      createdAt: i.createdAt.toISOString(),
      expiresAt: i.expiresAt.toISOString(),
    }));
  }

  revoke(id: string): void {
    if (!this.invitations.revoke(id)) {
      throw new ApiException(HttpStatus.NOT_FOUND, 'This invitation link does not exist (any more); reload the list.');
    }
  }

  async describe(token: string): Promise<MemberInvitationStatusDto> {
    const invitation = await this.find(token);
    return { state: invitationState(invitation, this.clock.now()), expiresAt: invitation.expiresAt.toISOString() };
  }

  /**
   * Early answers first (unknown, spent, expired, a taken username), then the throttle, then the
   * password hash, the expensive part; only the repository's atomic step decides between racing accepts.
   */
  async accept(token: string, dto: AcceptMemberInvitationDto, address: string): Promise<UserEntity> {
    const invitation = await this.find(token);
    const state = invitationState(invitation, this.clock.now());
    if (state !== 'valid') throw gone(state);
    await this.accounts.refuseEarly(dto);
    const { member, outcome } = await this.accounts.create(dto, 'active', address, (member) =>
      this.invitations.accept(invitation.tokenHash, member, this.clock.now()),
    );
    if (outcome === 'accepted') return member;
    // Another accept took the last use, or the link expired meanwhile: say which.
    const now = await this.invitations.findByHash(invitation.tokenHash);
    throw gone(now && invitationState(now, this.clock.now()) === 'spent' ? 'spent' : 'expired');
  }

  private async find(token: string): Promise<MemberInvitationEntity> {
    const invitation = TOKEN_SHAPE.test(token) ? await this.invitations.findByHash(sha256(token)) : null;
    if (!invitation) throw new ApiException(HttpStatus.NOT_FOUND, 'This invitation link is not valid.');
    return invitation;
  }
}
