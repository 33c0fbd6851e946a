import { ApiProperty } from '@nestjs/swagger';

/** Shown once: the server keeps only when it was made. */
export class RecoveryKeyDto {
  @ApiProperty({
    description: 'A second password of the backup repository; opens the backups without this machine',
    example: 'MZXW6-YTBOI-...',
  })
  recoveryKey: string;
}
