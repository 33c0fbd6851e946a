import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { JobKind, JobState } from './job.types';

@Entity('job')
export class JobEntity {
  @PrimaryColumn('text')
  id: string;

  @Column('text')
  kind: JobKind;

  @Column('text')
  target: string;

  @Column('text')
  state: JobState;

  @Column('integer')
  progress: number;

  @Column('text', { nullable: true })
  detail: string | null;

  @Column('text', { nullable: true })
  error: string | null;

  @Column('datetime', { name: 'created_at' })
  createdAt: Date;

  @Column('datetime', { name: 'updated_at' })
  updatedAt: Date;
}
