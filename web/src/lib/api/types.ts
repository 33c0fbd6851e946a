/**
 * API types, named for the app. They alias the schemas that openapi-typescript generates from the
 * server's DTOs into `schema.d.ts` (`npm run openapi` at the root), so the server stays the single
 * definition of every shape and enum. Only the error body, which is not in the OpenAPI document,
 * is written here by hand.
 */
import type { components, operations } from './schema';

type Schemas = components['schemas'];

export type SetupStatus = Schemas['SetupStatusDto'];
export type SetupRequest = Schemas['SetupDto'];
export type Community = Schemas['BrandingDto'];
export type Language = SetupRequest['language'];
export type ServiceId = SetupRequest['services'][number];

export type User = Schemas['UserDto'];
export type Role = User['role'];
export type UserListItem = Schemas['UserListItemDto'];
export type AuthResponse = Schemas['UserEnvelopeDto'];
export type LoginRequest = Schemas['LoginDto'];

export type Settings = Schemas['SettingsDto'];
export type ServiceInfo = Schemas['FeatureDto'];
export type ChatAdminPassword = Schemas['ChatAdminPasswordDto'];
export type ServiceState = ServiceInfo['state'];
export type ServiceHealth = ServiceInfo['health'];
export type ServiceChange = Schemas['FeatureChangeDto'];
export type ServiceAction = operations['FeaturesController_act']['parameters']['path']['action'];
export type LogLine = Schemas['LogLineDto'];

export type Job = Schemas['JobDto'];
export type JobState = Job['state'];
export type JobKind = Job['kind'];
export type JobAccepted = Schemas['JobAcceptedDto'];

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

/** One entry of a 4xx body's `errors`; `field` is a dotted path such as `admin.password`. */
export interface FieldError {
  field: string;
  code: string;
  message: string;
}
