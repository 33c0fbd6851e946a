import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '../common/openapi-errors';
import { Public } from '../common/public.decorator';
import { PortalDto } from './dto/portal.dto';
import { PortalService } from './portal.service';

/** The community's home page for members and visitors alike: nothing here needs a session. */
@ApiTags('portal')
@Controller('portal')
export class PortalController {
  constructor(private readonly portal: PortalService) {}

  @Public()
  @Get()
  @ApiOkResponse({ type: PortalDto })
  @ApiErrors(409, 503)
  get(): Promise<PortalDto> {
    return this.portal.portal();
  }

  /** For the services' own pages (Element's sign-in header), which need the logo at an address. */
  @Public()
  @Get('logo')
  @Header('Cache-Control', 'public, max-age=300')
  // The image types on the success only: the 404 is the usual JSON error.
  @ApiOkResponse({
    description: 'The community’s logo',
    content: Object.fromEntries(
      ['image/png', 'image/jpeg', 'image/webp'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
    ),
  })
  @ApiErrors(404)
  async logo(@Res() res: Response): Promise<void> {
    const logo = await this.portal.logo();
    res.type(logo.type).send(logo.bytes);
  }
}
