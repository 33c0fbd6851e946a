import { call, client } from './client';
import type {
  AcceptInvitationRequest,
  AcceptMemberInvitationRequest,
  SignUpRequest,
  BackupRequest,
  BackupSchedule,
  ExportRequest,
  FederationCode,
  FederationEnroll,
  BackupTargetChange,
  NewBackupTarget,
  FeatureAction,
  FeatureChange,
  FeatureId,
  InvitationRequest,
  LoginRequest,
  MeChange,
  MemberChange,
  MemberInvitationRequest,
  MailSettingsChange,
  MailTestRequest,
  PasswordReset,
  PasswordResetRequest,
  RecoveryRequest,
  RestoreRequest,
  SetupRequest,
  DnsCheckRequest,
  EnrollmentTokenRequest,
  FleetCommandRequest,
} from './types';

export { ApiError, isApiError } from './client';
export type * from './types';

/** Catalog order, used wherever the features are listed. */
export const FEATURE_IDS: readonly FeatureId[] = ['chat', 'pad', 'files'];

/** Server-sent event streams, opened with `EventSource` (same-origin: the session cookie is sent). */
export const streams = {
  job: (id: string) => `/api/jobs/${encodeURIComponent(id)}/events`,
  logs: (id: FeatureId, tail: number) => `/api/features/${id}/logs?tail=${tail}&follow=1`,
};

const path = <P>(path: P) => ({ params: { path } });

/** One function per endpoint the app uses, typed by the generated OpenAPI schema. */
export const api = {
  setupStatus: () => call(client.GET('/api/setup/status')),
  portal: () => call(client.GET('/api/portal')),
  setup: (body: SetupRequest) => call(client.POST('/api/setup', { body })),
  checkSetupToken: (setupToken: string) => call(client.POST('/api/setup/token', { body: { setupToken } })),
  preflight: (setupToken: string, features: FeatureId[]) =>
    call(client.POST('/api/setup/preflight', { body: { setupToken, features } })),
  setupLink: (setupToken: string) => call(client.POST('/api/setup/link', { body: { setupToken } })),
  dnsRecords: (domain: string, features: FeatureId[]) =>
    call(client.POST('/api/setup/dns-records', { body: { domain, features } })),
  recover: (body: RecoveryRequest) => call(client.POST('/api/setup/restore', { body })),
  login: (body: LoginRequest) => call(client.POST('/api/auth/login', { body })),
  me: () => call(client.GET('/api/auth/me')),
  logout: () => call(client.POST('/api/auth/logout')),
  settings: () => call(client.GET('/api/settings')),
  features: () => call(client.GET('/api/features')),
  changeFeature: (id: FeatureId, body: FeatureChange) =>
    call(client.PUT('/api/features/{id}', { ...path({ id }), body })),
  featureAction: (id: FeatureId, action: FeatureAction) =>
    call(client.POST('/api/features/{id}/actions/{action}', path({ id, action }))),
  newChatAdminPassword: () => call(client.POST('/api/features/chat/admin-password')),
  featureLogs: (id: FeatureId, tail: number) =>
    call(client.GET('/api/features/{id}/logs', { params: { path: { id }, query: { tail } } })),
  // The generated JobDto still has the former shape until the server's JobSnapshot DTO lands.
  job: (id: string) => call(client.GET('/api/jobs/{id}', path({ id }))),
  systemStatus: () => call(client.GET('/api/system/status')),
  diagnosis: () => call(client.GET('/api/diagnosis')),
  setupDnsCheck: (body: DnsCheckRequest) => call(client.POST('/api/setup/dns-check', { body })),
  firstSteps: () => call(client.GET('/api/first-steps')),
  setFirstStepsDismissed: (dismissed: boolean) => call(client.PUT('/api/first-steps', { body: { dismissed } })),
  health: () => call(client.GET('/api/health')),
  selfUpdate: () => call(client.GET('/api/system/update')),
  startSelfUpdate: () => call(client.POST('/api/system/update')),
  users: () => call(client.GET('/api/users')),
  removeUser: (id: string) => call(client.DELETE('/api/users/{id}', path({ id }))),
  revokeSessions: (id: string) => call(client.DELETE('/api/users/{id}/sessions', path({ id }))),
  pendingInvitations: () => call(client.GET('/api/invitations')),
  revokeInvitation: (id: string) => call(client.DELETE('/api/invitations/pending/{id}', path({ id }))),
  createInvitation: (body: InvitationRequest) => call(client.POST('/api/invitations', { body })),
  invitation: (token: string) => call(client.GET('/api/invitations/{token}', path({ token }))),
  acceptInvitation: (token: string, body: AcceptInvitationRequest) =>
    call(client.POST('/api/invitations/{token}/accept', { ...path({ token }), body })),
  backups: () => call(client.GET('/api/backups')),
  backUp: (body: BackupRequest = {}) => call(client.POST('/api/backups', { body })),
  restoreBackup: (snapshotId: string, body: RestoreRequest) =>
    call(client.POST('/api/backups/{snapshotId}/restore', { ...path({ snapshotId }), body })),
  checkBackups: () => call(client.POST('/api/backups/check')),
  makeRecoveryKey: () => call(client.POST('/api/backups/recovery-key')),
  backupSchedule: () => call(client.GET('/api/backups/schedule')),
  setBackupSchedule: (body: BackupSchedule) => call(client.PUT('/api/backups/schedule', { body })),
  exportBackup: (body: ExportRequest) => call(client.POST('/api/backups/exports', { body })),
  // Other places (off-site backup targets).
  backupTargets: () => call(client.GET('/api/backups/targets')),
  addBackupTarget: (body: NewBackupTarget) => call(client.POST('/api/backups/targets', { body })),
  backupSshKey: () => call(client.GET('/api/backups/targets/ssh-key')),
  changeBackupTarget: (id: string, body: BackupTargetChange) =>
    call(client.PUT('/api/backups/targets/{id}', { ...path({ id }), body })),
  removeBackupTarget: (id: string) => call(client.DELETE('/api/backups/targets/{id}', path({ id }))),
  // Restoring from another place: what it holds (then restoreBackup with its targetId).
  backupTargetPoints: (id: string) => call(client.GET('/api/backups/targets/{id}/points', path({ id }))),
  // Members (issue 11).
  members: () => call(client.GET('/api/members')),
  changeMember: (id: string, body: MemberChange) => call(client.PATCH('/api/members/{id}', { ...path({ id }), body })),
  removeMember: (id: string) => call(client.DELETE('/api/members/{id}', path({ id }))),
  memberInvitations: () => call(client.GET('/api/members/invitations')),
  createMemberInvitation: (body: MemberInvitationRequest) => call(client.POST('/api/members/invitations', { body })),
  revokeMemberInvitation: (id: string) => call(client.DELETE('/api/members/invitations/pending/{id}', path({ id }))),
  memberInvitation: (token: string) => call(client.GET('/api/members/invitations/{token}', path({ token }))),
  acceptMemberInvitation: (token: string, body: AcceptMemberInvitationRequest) =>
    call(client.POST('/api/members/invitations/{token}/accept', { ...path({ token }), body })),
  // Open sign-up, approved by an admin (issue 11).
  signUpStatus: () => call(client.GET('/api/sign-up')),
  signUp: (body: SignUpRequest) => call(client.POST('/api/sign-up', { body })),
  signUpSettings: () => call(client.GET('/api/members/sign-up-settings')),
  saveSignUpSettings: (open: boolean) => call(client.PUT('/api/members/sign-up-settings', { body: { open } })),
  signUpRequests: () => call(client.GET('/api/members/sign-up-requests')),
  approveSignUp: (id: string) => call(client.POST('/api/members/sign-up-requests/{id}/approve', path({ id }))),
  refuseSignUp: (id: string) => call(client.DELETE('/api/members/sign-up-requests/{id}', path({ id }))),
  // Outgoing mail (issue 11).
  mailSettings: () => call(client.GET('/api/mail/settings')),
  saveMailSettings: (body: MailSettingsChange) => call(client.PUT('/api/mail/settings', { body })),
  removeMailSettings: () => call(client.DELETE('/api/mail/settings')),
  sendTestMail: (body: MailTestRequest) => call(client.POST('/api/mail/test', { body })),
  requestPasswordReset: (body: PasswordResetRequest) => call(client.POST('/api/auth/password-reset', { body })),
  passwordReset: (token: string) => call(client.GET('/api/auth/password-reset/{token}', path({ token }))),
  resetPassword: (token: string, body: PasswordReset) =>
    call(client.POST('/api/auth/password-reset/{token}', { ...path({ token }), body })),
  // The link to a mutualised host (issue 12).
  federation: () => call(client.GET('/api/federation')),
  previewFederation: (body: FederationCode) => call(client.POST('/api/federation/preview', { body })),
  enrollFederation: (body: FederationEnroll) => call(client.POST('/api/federation/enroll', { body })),
  confirmFederation: () => call(client.POST('/api/federation/confirm')),
  leaveFederation: () => call(client.DELETE('/api/federation')),
  myAccount: () => call(client.GET('/api/me')),
  changeMyAccount: (body: MeChange) => call(client.PATCH('/api/me', { body })),
  // The picture goes as its own bytes with its own type (no JSON, no form encoding).
  uploadMyAvatar: (file: Blob) =>
    call(
      client.PUT('/api/me/avatar', {
        body: file,
        bodySerializer: (body: unknown) => body as Blob,
        headers: { 'Content-Type': file.type },
      }),
    ),
  removeMyAvatar: () => call(client.DELETE('/api/me/avatar')),
  // The hosting co-op's fleet (issue 12, upstream mode).
  fleet: () => call(client.GET('/api/fleet')),
  enrollmentTokens: () => call(client.GET('/api/fleet/tokens')),
  createEnrollmentToken: (body: EnrollmentTokenRequest) => call(client.POST('/api/fleet/tokens', { body })),
  revokeEnrollmentToken: (id: string) => call(client.DELETE('/api/fleet/tokens/{id}', path({ id }))),
  fleetAppliances: (attention: boolean) =>
    call(client.GET('/api/fleet/appliances', { params: { query: attention ? { attention: '1' } : {} } })),
  revokeFleetAppliance: (id: string) => call(client.DELETE('/api/fleet/appliances/{id}', path({ id }))),
  fleetCommands: (id: string) => call(client.GET('/api/fleet/appliances/{id}/commands', path({ id }))),
  issueFleetCommand: (id: string, body: FleetCommandRequest) =>
    call(client.POST('/api/fleet/appliances/{id}/commands', { ...path({ id }), body })),
};

/** A finished export's archive: a plain link (the browser downloads it, streamed, with the session cookie). */
export const exportDownloadUrl = (jobId: string) => `/api/backups/exports/${encodeURIComponent(jobId)}/download`;
