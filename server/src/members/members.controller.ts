import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { MemberDto, MemberIdParams, UpdateMemberDto } from './dto/member.dto';
import { MembersService } from './members.service';

/** Administrators' routes: a member's session is refused here (auth.guard.ts). */
@ApiTags('members')
@Controller('members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @ApiOkResponse({ type: MemberDto, isArray: true })
  async list(): Promise<MemberDto[]> {
    return (await this.members.list()).map((m) => MemberDto.from(m));
  }

  /** Suspending signs the member out everywhere; resuming lets them sign in again. */
  @Patch(':id')
  @ApiOkResponse({ type: MemberDto })
  @ApiErrors(404)
  async update(@Param() params: MemberIdParams, @Body() dto: UpdateMemberDto): Promise<MemberDto> {
    return MemberDto.from(await this.members.update(params.id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Removed and signed out everywhere' })
  @ApiErrors(404)
  async remove(@Param() params: MemberIdParams): Promise<void> {
    await this.members.remove(params.id);
  }
}
