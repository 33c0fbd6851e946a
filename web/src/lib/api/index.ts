import { request } from './client';
import type {
  AcceptInvitationRequest,
  AuthResponse,
  Invitation,
  InvitationCreated,
  InvitationRequest,
  LoginRequest,
  ServiceId,
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

/** One typed function per endpoint of the contract. */
export const api = {
  setupStatus: () => request<SetupStatus>('GET', '/api/setup/status'),
  setup: (body: SetupRequest) => request<AuthResponse>('POST', '/api/setup', body),
  login: (body: LoginRequest) => request<AuthResponse>('POST', '/api/auth/login', body),
  me: () => request<User>('GET', '/api/auth/me'),
  logout: () => request<void>('POST', '/api/auth/logout'),
  settings: () => request<Settings>('GET', '/api/settings'),
  services: () => request<ServiceInfo[]>('GET', '/api/services'),
  systemStatus: () => request<SystemStatus>('GET', '/api/system/status'),
  users: () => request<UserListItem[]>('GET', '/api/users'),
  createInvitation: (body: InvitationRequest) => request<InvitationCreated>('POST', '/api/invitations', body),
  invitation: (value: string) => request<Invitation>('GET', `/api/invitations/${token(value)}`),
  acceptInvitation: (value: string, body: AcceptInvitationRequest) =>
    request<AuthResponse>('POST', `/api/invitations/${token(value)}/accept`, body),
};
