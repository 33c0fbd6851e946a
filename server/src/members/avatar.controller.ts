import { Controller, Delete, Get, Header, HttpCode, Param, Put, Req, StreamableFile } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import type { AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { MembersToo } from '../auth/members-too.decorator';
import { ApiErrorDto, ApiErrors } from '../common/openapi-errors';
import { AvatarService } from './avatar.service';
import { MemberIdParams } from './dto/member.dto';

const PICTURE = {
  description: 'The picture as uploaded (PNG, JPEG or WebP)',
  content: Object.fromEntries(
    ['image/png', 'image/jpeg', 'image/webp'].map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
  ),
};

/** A picture served as its own type only: never sniffed into HTML or script, never embedded elsewhere. */
function picture(avatar: { bytes: Buffer; type: string }): StreamableFile {
  return new StreamableFile(avatar.bytes, { type: avatar.type, length: avatar.bytes.length });
}

/** Members' pictures: one's own to upload and remove; anyone signed in sees them. */
@ApiTags('members')
@Controller()
export class AvatarController {
  constructor(private readonly avatars: AvatarService) {}

  @MembersToo()
  @Put('me/avatar')
  @HttpCode(204)
  @ApiBody({ ...PICTURE, required: true })
  @ApiNoContentResponse({ description: 'Stored' })
  @ApiResponse({
    status: 400,
    description: '`avatar` with code `type`: not a PNG, JPEG or WebP picture (read from its first bytes)',
    type: ApiErrorDto,
  })
  @ApiResponse({ status: 413, description: '`avatar` with code `tooLarge`: more than 1 MiB', type: ApiErrorDto })
  async upload(@CurrentAuth() auth: AuthContext, @Req() req: Request): Promise<void> {
    await this.avatars.upload(auth.user.id, req);
  }

  @MembersToo()
  @Get('me/avatar')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('Cache-Control', 'private, no-cache')
  @ApiOkResponse(PICTURE)
  @ApiErrors(404)
  mine(@CurrentAuth() auth: AuthContext): StreamableFile {
    return picture(this.avatars.get(auth.user.id));
  }

  @MembersToo()
  @Delete('me/avatar')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed (or there was none)' })
  remove(@CurrentAuth() auth: AuthContext): void {
    this.avatars.remove(auth.user.id);
  }

  @MembersToo()
  @Get('members/:id/avatar')
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @Header('Cache-Control', 'private, no-cache')
  @ApiOkResponse(PICTURE)
  @ApiErrors(404)
  ofMember(@Param() params: MemberIdParams): StreamableFile {
    return picture(this.avatars.get(params.id));
  }
}
