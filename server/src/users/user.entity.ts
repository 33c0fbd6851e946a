import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';

export const ROLES = ['admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('user')
export class UserEntity {
  @KeyColumn() id: string;
  @TextColumn({ unique: true }) username: string;
  @TextColumn() email: string;
  @TextColumn() passwordHash: string;
  @TextColumn() role: Role;
  @DateColumn() createdAt: Date;
}
