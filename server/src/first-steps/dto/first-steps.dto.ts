import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

/** The dashboard's first-run checklist: each step ticks itself as it gets done. */
export class FirstStepsDto {
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When an admin hid the list' })
  dismissedAt: string | null;

  @ApiProperty({ example: 'tiers-lieu.example.org', description: 'The community’s domain, to say where to go' })
  domain: string;

  @ApiProperty({ description: 'This dashboard was reached over HTTPS at the community’s domain' })
  domainReached: boolean;

  @ApiProperty({ description: 'At least one feature is installed and running' })
  featureRunning: boolean;

  @ApiProperty({ description: 'An invitation was made, or a member joined' })
  peopleInvited: boolean;

  @ApiProperty({ description: 'A backup succeeded' })
  backedUp: boolean;
}

export class FirstStepsChangeDto {
  @ApiProperty({ description: 'true hides the list, false shows it again' })
  @IsBoolean()
  dismissed: boolean;
}
