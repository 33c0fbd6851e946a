import { Entity } from 'typeorm';
import { DateColumn, KeyColumn, TextColumn } from '../database/columns';
import type { Language } from './setup.types';

/** The single row describing this appliance: who it is for, and whether setup is done. */
@Entity('installation')
export class InstallationEntity {
  @KeyColumn('integer') id: number;
  @TextColumn() communityName: string;
  @TextColumn() color: string;
  @TextColumn({ nullable: true }) logo: string | null;
  @TextColumn() domain: string;
  @TextColumn() language: Language;
  @TextColumn() applianceId: string;
  /** The chat's starting room names as JSON, in order; null for the default list (Général, Annonces). */
  @TextColumn({ nullable: true }) startingRooms: string | null;
  @DateColumn() completedAt: Date;
  /** When an admin hid the dashboard's first-run checklist (for every admin); null while it shows. */
  @DateColumn({ nullable: true }) firstStepsDismissedAt: Date | null;
}
