/**
 * API types, named for the app. They alias the schemas that openapi-typescript generates from the
 * server's DTOs into `schema.d.ts` (`npm run openapi` at the root), so the server stays the single
 * definition of every shape and enum. Words: a feature is what a community turns on (chat, pad,
 * files); a service is one container of the catalog (synapse, postgres, proxy...).
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type SetupStatus = Schemas['SetupStatusDto'];
export type SetupRequest = Schemas['SetupDto'];
export type RecoveryRequest = Schemas['RecoveryRequestDto'];
export type Preflight = Schemas['PreflightDto'];
export type SetupLink = Schemas['SetupLinkDto'];
export type PreflightCheck = Schemas['PreflightCheckDto'];
export type DnsRecords = Schemas['DnsRecordsDto'];
export type Community = Schemas['BrandingDto'];
export type Portal = Schemas['PortalDto'];
export type PortalFeature = Schemas['PortalFeatureDto'];
export type Language = SetupRequest['language'];
export type FeatureId = Schemas['FeatureDto']['id'];

export type User = Schemas['UserDto'];
export type Role = User['role'];
export type UserListItem = Schemas['UserListItemDto'];
export type AuthResponse = Schemas['UserEnvelopeDto'];
export type LoginRequest = Schemas['LoginDto'];

export type Settings = Schemas['SettingsDto'];
export type FeatureInfo = Schemas['FeatureDto'];
export type ChatAdminPassword = Schemas['ChatAdminPasswordDto'];
export type FeatureState = FeatureInfo['state'];
export type FeatureHealth = FeatureInfo['health'];
export type FeatureChange = Schemas['FeatureChangeDto'];
export type FeatureAction = operations['FeaturesController_act']['parameters']['path']['action'];
export type LogLine = Schemas['LogLineDto'];

export type JobState = Schemas['JobDto']['state'];
export type JobKind = Schemas['JobDto']['kind'];
export type JobAccepted = Schemas['JobAcceptedDto'];

// The job snapshot (GET /api/jobs/:id and each server-sent event of /api/jobs/:id/events): progress as
// a stage key with its parameters, a result or an error as a message key, never an English sentence.
export type Job = Schemas['JobDto'];
export type JobProgress = Schemas['JobProgressDto'];
export type JobStage = JobProgress['stage'];
export type JobParams = JobProgress['params'];
export type JobResult = Schemas['JobResultDto'];
export type JobError = Schemas['JobErrorDto'];

export type Check = Schemas['CheckDto'];
export type Capacity = Schemas['CapacityDto'];
export type SystemStatus = Schemas['SystemStatusDto'];
export type Health = Schemas['HealthDto'];
export type SelfUpdateStatus = Schemas['SelfUpdateStatusDto'];
export type SelfUpdateResult = Schemas['SelfUpdateResultDto'];

export type InvitationRequest = Schemas['CreateInvitationDto'];
export type InvitationCreated = Schemas['InvitationCreatedDto'];
export type Invitation = Schemas['InvitationDto'];
export type AcceptInvitationRequest = Schemas['AcceptInvitationDto'];
export type PendingInvitation = Schemas['PendingInvitationDto'];

export type BackupOverview = Schemas['BackupOverviewDto'];
export type BackupPoint = Schemas['BackupPointDto'];
export type BackupRun = Schemas['BackupRunDto'];
export type BackupRunState = BackupRun['state'];
export type BackupRequest = Schemas['BackupRequestDto'];
export type RestoreRequest = Schemas['RestoreRequestDto'];
/** What a backup point holds and a restore takes: the features, and the manager's own settings and accounts. */
export type BackupScope = RestoreRequest['services'][number];
export type BackupSchedule = Schemas['BackupScheduleDto'];
export type Retention = Schemas['RetentionDto'];
export type Weekday = BackupSchedule['days'][number];
export type ExportRequest = Schemas['ExportRequestDto'];
export type BackupTarget = Schemas['BackupTargetDto'];
export type NewBackupTarget = Schemas['NewBackupTargetDto'];
export type BackupTargetChange = Schemas['BackupTargetChangeDto'];

/** One entry of a 4xx body's `errors`; `field` is a dotted path such as `admin.password`. */
export type FieldError = Schemas['FieldErrorDto'];

// Members (issue 11): accounts of the community, distinct from admins, invited by link.
export type Member = Schemas['MemberDto'];
export type MemberStatus = Member['status'];
export type MemberChange = Schemas['UpdateMemberDto'];
export type MemberInvitationRequest = Schemas['CreateMemberInvitationDto'];
export type MemberInvitationKind = MemberInvitationRequest['kind'];
export type MemberInvitationCreated = Schemas['MemberInvitationCreatedDto'];
export type MemberInvitation = Schemas['MemberInvitationDto'];
export type MemberInvitationStatus = Schemas['MemberInvitationStatusDto'];
export type MemberInvitationState = MemberInvitationStatus['state'];
export type AcceptMemberInvitationRequest = Schemas['AcceptMemberInvitationDto'];
export type SignUpRequest = Schemas['SignUpDto'];
export type Me = Schemas['MeDto'];
export type MeChange = Schemas['UpdateMeDto'];

// Outgoing mail (issue 11): the relay's settings, invitations and password resets by mail.
export type MailSettings = Schemas['MailSettingsDto'];
export type MailSecurity = MailSettings['security'];
export type MailSettingsChange = Schemas['PutMailSettingsDto'];
export type MailTestRequest = Schemas['MailTestDto'];
export type InvitationMailError = Schemas['InvitationMailErrorDto'];
export type PasswordResetRequest = Schemas['PasswordResetRequestDto'];
export type PasswordReset = Schemas['PasswordResetDto'];
export type PasswordResetState = Schemas['PasswordResetStatusDto']['state'];

// The hosting co-op's fleet (issue 12, upstream mode): enrollment codes, communities, tasks.
export type FleetIdentity = Schemas['FleetIdentityDto'];
export type EnrollmentTokenRequest = Schemas['CreateEnrollmentTokenDto'];
export type EnrollmentToken = Schemas['EnrollmentTokenDto'];
export type EnrollmentTokenCreated = Schemas['EnrollmentTokenCreatedDto'];
export type FleetAppliance = Schemas['FleetApplianceDto'];
export type FleetAttention = FleetAppliance['attention'][number];
export type FleetCommandRequest = Schemas['IssueCommandDto'];
export type FleetCommandType = FleetCommandRequest['type'];
export type FleetCommand = Schemas['FleetCommandDto'];
export type FleetCommandStatus = FleetCommand['status'];
// The link to a mutualised host (issue 12).
export type FederationStatus = Schemas['FederationStatusDto'];
export type FederationPreview = Schemas['FederationPreviewDto'];
export type FederationCode = Schemas['EnrollmentCodeDto'];
export type FederationEnroll = Schemas['EnrollDto'];

// The diagnosis page and the wizard's DNS check (issue 14).
export type Diagnosis = Schemas['DiagnosisDto'];
export type DiagnosisCheck = Schemas['DiagnosisCheckDto'];
export type DnsCheckRequest = Schemas['DnsCheckRequestDto'];
export type FirstSteps = Schemas['FirstStepsDto'];
