import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiException, fieldErrors } from '../common/api-error';
import { InstallationRepository } from './installation.repository';
import { FEATURES_MESSAGE } from './dto/setup.dto';
import { FEATURES } from './setup.types';

/**
 * Refuses the wizard's submission once setup is done, before its body is validated: the route is
 * public, so validation work must not be available to anyone once it can no longer succeed.
 */
@Injectable()
export class SetupOpenGuard implements CanActivate {
  constructor(private readonly installation: InstallationRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.installation.get()) {
      throw new ApiException(HttpStatus.CONFLICT, 'Setup was already completed; log in instead.');
    }
    // The validation pipe first copies the body into the DTO item by item: a long list is refused
    // before that copy, with the same answer validation would give.
    const body = context.switchToHttp().getRequest<Request>().body as { features?: unknown } | undefined;
    if (Array.isArray(body?.features) && body.features.length > FEATURES.length) {
      throw fieldErrors([{ field: 'features', code: 'isDistinctSubset', message: FEATURES_MESSAGE }]);
    }
    return true;
  }
}
