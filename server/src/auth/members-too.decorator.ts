import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';
import { MEMBERS_EXTENSION } from '../common/openapi-errors';

export const MEMBERS_TOO = 'tl:membersToo';

/**
 * Marks a session route that a member may reach too (their own account, signing out). Every other
 * session route is for administrators only: the AuthGuard refuses a member's session there with 403.
 */
export const MembersToo = () => applyDecorators(SetMetadata(MEMBERS_TOO, true), ApiExtension(MEMBERS_EXTENSION, true));
