import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { OidcKeysDto } from './dto/oidc-keys.dto';
import { OidcProviderService } from './oidc-provider.service';

/** Admin side of the community's OpenID provider (its own endpoints are under /oidc). */
@ApiTags('oidc')
@Controller('oidc')
export class OidcController {
  constructor(private readonly providers: OidcProviderService) {}

  @Post('keys/rotate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Rotate the signing key',
    description:
      'A new key signs ID tokens from now on; the previous one stays in the JWKS so tokens it signed still verify; older keys are dropped.',
  })
  @ApiOkResponse({ type: OidcKeysDto })
  @ApiErrors(401, 403)
  rotate(): Promise<OidcKeysDto> {
    return this.providers.rotateKeys();
  }
}
