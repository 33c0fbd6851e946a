import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Language } from './setup.types';

/** The single row describing this appliance: who it is for, and whether setup is done. */
@Entity('installation')
export class InstallationEntity {
  @PrimaryColumn('integer')
  id: number;

  @Column('text', { name: 'community_name' })
  communityName: string;

  @Column('text')
  color: string;

  @Column('text', { nullable: true })
  logo: string | null;

  @Column('text')
  domain: string;

  @Column('text')
  language: Language;

  @Column('text', { name: 'appliance_id' })
  applianceId: string;

  @Column('datetime', { name: 'completed_at' })
  completedAt: Date;
}
