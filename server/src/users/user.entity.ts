import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

/**
 * Admins and members share this table (issue 11): one username space, since usernames double as
 * Matrix localparts and, later, as the subject the community's OpenID provider hands to chat, pad and
 * files. The role decides what a session may reach (auth.guard.ts): a member only the routes marked
 * @MembersToo(), never an admin route.
 */
export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A suspended account keeps its data but cannot sign in; its sessions ended when it was suspended.
 * A pending one asked to join by the open sign-up and waits for an admin's approval: it cannot sign
 * in anywhere (here nor through the OpenID provider) until then.
 */
export const USER_STATUSES = ['active', 'suspended', 'pending'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

@Entity('user')
export class UserEntity {
  @KeyColumn() id: string;
  @TextColumn({ unique: true }) username: string;
  /** Empty for a member who joined by a shared link without giving one. */
  @TextColumn() email: string;
  @TextColumn() passwordHash: string;
  @TextColumn() role: Role;
  @TextColumn() status: UserStatus;
  /** The name shown to others (chat, pad); null: the username. */
  @TextColumn({ nullable: true }) displayName: string | null;
  @DateColumn() createdAt: Date;
}
