import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BackupRunEntity } from '../backups/backup-run.entity';
import { MemberInvitationEntity } from '../members/member-invitation.entity';
import { InstallationEntity } from '../setup/installation.entity';
import { UserEntity } from '../users/user.entity';

/** What the first-run checklist reads from the database, and its one write (hiding it). */
@Injectable()
export class FirstStepsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async dismissedAt(): Promise<Date | null> {
    const row = await this.dataSource.getRepository(InstallationEntity).findOne({ where: {}, order: { id: 'ASC' } });
    return row?.firstStepsDismissedAt ?? null;
  }

  /** On the installation's one row (TypeORM refuses an update without criteria). */
  async setDismissed(at: Date | null): Promise<void> {
    const repo = this.dataSource.getRepository(InstallationEntity);
    const row = await repo.findOne({ where: {}, order: { id: 'ASC' } });
    if (row) await repo.update({ id: row.id }, { firstStepsDismissedAt: at });
  }

  /** An invitation made (used or not) or a member who joined some other way (sign-up). */
  async peopleInvited(): Promise<boolean> {
    const invitations = await this.dataSource.getRepository(MemberInvitationEntity).count();
    if (invitations > 0) return true;
    return (await this.dataSource.getRepository(UserEntity).countBy({ role: 'member' })) > 0;
  }

  async backedUp(): Promise<boolean> {
    return (await this.dataSource.getRepository(BackupRunEntity).countBy({ state: 'succeeded' })) > 0;
  }
}
