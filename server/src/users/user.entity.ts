import { Column, Entity, PrimaryColumn } from 'typeorm';

export const ROLES = ['admin'] as const;
export type Role = (typeof ROLES)[number];

@Entity('user')
export class UserEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text', { unique: true })
  username: string;

  @Column('text')
  email: string;

  @Column('text', { name: 'password_hash' })
  passwordHash: string;

  @Column('text')
  role: Role;

  @Column('datetime', { name: 'created_at' })
  createdAt: Date;
}
