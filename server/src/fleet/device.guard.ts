import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { LINK_HEADERS } from '../fleet-link/link-signature';
import { DeviceAuthService, type DeviceAuthKind, type DeviceRequest } from './device-auth.service';

const DEVICE_AUTH = 'tl:deviceAuth';

/** Throttles, then checks the signature (before the body is validated: guards run before pipes). */
@Injectable()
export class DeviceGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: DeviceAuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const kind = this.reflector.get<DeviceAuthKind>(DEVICE_AUTH, context.getHandler()) ?? 'appliance';
    const req = context.switchToHttp().getRequest<DeviceRequest>();
    req.device = await this.auth.authenticate(req, kind);
    return true;
  }
}

const signed = (kind: DeviceAuthKind) => [
  ...(kind === 'appliance' ? [ApiHeader({ name: LINK_HEADERS.appliance, required: true })] : []),
  ApiHeader({ name: LINK_HEADERS.timestamp, required: true, description: 'ISO 8601; at most 5 minutes off' }),
  ApiHeader({ name: LINK_HEADERS.nonce, required: true, description: '16 to 64 characters [A-Za-z0-9_-], used once' }),
  ApiHeader({ name: LINK_HEADERS.signature, required: true, description: 'Ed25519 over canonicalRequest(), base64' }),
  ApiErrors(401),
];

/**
 * A route an appliance calls: no session and no CSRF (public to the session guard), authenticated by
 * its signature only (fleet-link/link-signature.ts), throttled per address first.
 */
export const DeviceRoute = (kind: DeviceAuthKind = 'appliance') =>
  applyDecorators(
    Public(),
    SetMetadata(DEVICE_AUTH, kind),
    UseGuards(DeviceGuard),
    ApiErrors(429),
    ...(kind === 'unsigned' ? [] : signed(kind)),
    ...(kind === 'appliance' ? [ApiErrors(403)] : []),
  );
