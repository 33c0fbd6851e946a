import { CanActivate, HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { InstallationRepository } from './installation.repository';

/**
 * Refuses the wizard's submission once setup is done, before its body is validated: the route is
 * public, so validation work must not be available to anyone once it can no longer succeed.
 */
@Injectable()
export class SetupOpenGuard implements CanActivate {
  constructor(private readonly installation: InstallationRepository) {}

  async canActivate(): Promise<boolean> {
    if (await this.installation.get()) {
      throw new ApiException(HttpStatus.CONFLICT, 'Setup was already completed; log in instead.');
    }
    return true;
  }
}
