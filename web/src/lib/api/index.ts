import { request } from './client';
import type {
  AcceptInvitationRequest,
  AuthResponse,
  ChatAdminPassword,
  Invitation,
  InvitationCreated,
  InvitationRequest,
  Health,
  Job,
  JobAccepted,
  LoginRequest,
  LogLine,
  PendingInvitation,
  ServiceAction,
  ServiceChange,
  ServiceId,
  SelfUpdateStatus,
  ServiceInfo,
  SetupRequest,
  SetupStatus,
  Settings,
  SystemStatus,
  User,
  UserListItem,
} from './types';

export { ApiError, isApiError } from './client';
export type * from './types';

/** Catalog order, used wherever the services are listed. */
export const SERVICE_IDS: readonly ServiceId[] = ['chat', 'pad', 'files'];

const token = (value: string) => encodeURIComponent(value);

/** Server-sent event streams, opened with `EventSource` (same-origin: the session cookie is sent). */
export const streams = {
  job: (id: string) => `/api/jobs/${token(id)}/events`,
  logs: (id: ServiceId, tail: number) => `/api/features/${id}/logs?tail=${tail}&follow=1`,
};

/** One typed function per endpoint of the contract. */
export const api = {
  setupStatus: () => request<SetupStatus>('GET', '/api/setup/status'),
  setup: (body: SetupRequest) => request<AuthResponse>('POST', '/api/setup', body),
  login: (body: LoginRequest) => request<AuthResponse>('POST', '/api/auth/login', body),
  me: () => request<User>('GET', '/api/auth/me'),
  logout: () => request<void>('POST', '/api/auth/logout'),
  settings: () => request<Settings>('GET', '/api/settings'),
  services: () => request<ServiceInfo[]>('GET', '/api/features'),
  changeService: (id: ServiceId, body: ServiceChange) => request<JobAccepted>('PUT', `/api/features/${id}`, body),
  serviceAction: (id: ServiceId, action: ServiceAction) =>
    request<JobAccepted>('POST', `/api/features/${id}/actions/${action}`),
  newChatAdminPassword: () => request<ChatAdminPassword>('POST', '/api/features/chat/admin-password'),
  serviceLogs: (id: ServiceId, tail: number) => request<LogLine[]>('GET', `/api/features/${id}/logs?tail=${tail}`),
  job: (id: string) => request<Job>('GET', `/api/jobs/${token(id)}`),
  systemStatus: () => request<SystemStatus>('GET', '/api/system/status'),
  health: () => request<Health>('GET', '/api/health'),
  selfUpdate: () => request<SelfUpdateStatus>('GET', '/api/system/update'),
  startSelfUpdate: () => request<JobAccepted>('POST', '/api/system/update'),
  users: () => request<UserListItem[]>('GET', '/api/users'),
  removeUser: (id: string) => request<void>('DELETE', `/api/users/${token(id)}`),
  revokeSessions: (id: string) => request<void>('DELETE', `/api/users/${token(id)}/sessions`),
  pendingInvitations: () => request<PendingInvitation[]>('GET', '/api/invitations'),
  revokeInvitation: (id: string) => request<void>('DELETE', `/api/invitations/pending/${token(id)}`),
  createInvitation: (body: InvitationRequest) => request<InvitationCreated>('POST', '/api/invitations', body),
  invitation: (value: string) => request<Invitation>('GET', `/api/invitations/${token(value)}`),
  acceptInvitation: (value: string, body: AcceptInvitationRequest) =>
    request<AuthResponse>('POST', `/api/invitations/${token(value)}/accept`, body),
};
