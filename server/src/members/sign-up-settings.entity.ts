import { Entity } from 'typeorm';
import { BooleanColumn, DateColumn, KeyColumn } from '../database/columns';

/** Whether anyone may ask to join (issue 11): one row (id 1), absent until an admin first saves it (off). */
@Entity('sign_up_settings')
export class SignUpSettingsEntity {
  @KeyColumn('integer') id: number;
  @BooleanColumn() open: boolean;
  @DateColumn() updatedAt: Date;
}
