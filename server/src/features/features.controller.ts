import { Body, Controller, Get, Header, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiConflictResponse,
  ApiOkResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { type AuthContext } from '../auth/auth.types';
import { CurrentAuth } from '../auth/current-auth.decorator';
import { SessionStreams } from '../auth/session-streams';
import { JobAcceptedDto } from '../jobs/dto/job.dto';
import { ChatAdminService } from './chat-admin.service';
import { ChatAdminPasswordDto } from './dto/chat-admin.dto';
import { FeatureDto } from './dto/feature.dto';
import { FeatureActionParams, FeatureChangeDto } from './dto/feature-change.dto';
import { LogLineDto, LogsQueryDto } from './dto/logs.dto';
import { LogsService } from './logs.service';
import { OperationsService } from './operations.service';
import { FeaturesService } from './features.service';
import { ApiErrors } from '../common/openapi-errors';

/** The features a community turns on (chat, pad, files): list, enable, disable, act, logs. */
@ApiTags('features')
@ApiErrors(503)
@Controller('features')
export class FeaturesController {
  constructor(
    private readonly features: FeaturesService,
    private readonly operations: OperationsService,
    private readonly logs: LogsService,
    private readonly streams: SessionStreams,
    private readonly chatAdmin: ChatAdminService,
  ) {}

  /** Sets a new random password on the chat admin account and answers it once. */
  @Post('chat/admin-password')
  @HttpCode(200)
  @Header('Cache-Control', 'no-store')
  @ApiOkResponse({ type: ChatAdminPasswordDto })
  @ApiUnauthorizedResponse({ description: 'Not signed in' })
  @ApiConflictResponse({ description: 'Chat is not enabled or not running, or its admin account is not manageable' })
  @ApiServiceUnavailableResponse({ description: 'The engine or the chat server did not answer' })
  chatAdminPassword(): Promise<ChatAdminPasswordDto> {
    return this.chatAdmin.newPassword();
  }

  @Get()
  @ApiOkResponse({ type: FeatureDto, isArray: true })
  list(): Promise<FeatureDto[]> {
    return this.features.list();
  }

  @Put(':id')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiErrors(409)
  change(@Param('id') id: string, @Body() dto: FeatureChangeDto): Promise<JobAcceptedDto> {
    return dto.enabled
      ? this.operations.request(id, 'enable')
      : this.operations.request(id, 'disable', { deleteData: dto.deleteData === true });
  }

  @Post(':id/actions/:action')
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiErrors(409)
  act(@Param() params: FeatureActionParams): Promise<JobAcceptedDto> {
    return this.operations.request(params.id, params.action);
  }

  /** JSON lines, or with follow=1 a text/event-stream of lines until the client disconnects. */
  @Get(':id/logs')
  @ApiProduces('application/json', 'text/event-stream')
  @ApiOkResponse({ type: LogLineDto, isArray: true })
  @ApiErrors(429)
  async logsOf(
    @Param('id') id: string,
    @Query() query: LogsQueryDto,
    @CurrentAuth() auth: AuthContext,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const tail = query.tail ?? 200;
    if (query.follow !== '1') {
      res.json(await this.logs.tail(id, tail));
      return;
    }
    // Ends when the browser goes away or the session ends (logout, revocation): whichever comes first.
    const stream = this.streams.open(auth);
    const gone = new AbortController();
    req.on('close', () => gone.abort());
    const abort = { signal: AbortSignal.any([gone.signal, stream.signal]) };
    abort.signal.addEventListener('abort', () => stream.close(), { once: true });
    const first = this.logs.follow(id, tail, abort.signal, (line) => res.write(`data: ${JSON.stringify(line)}\n\n`));
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    const followed = await first.catch(() => -1);
    // No container (yet): keep the stream open rather than have the browser reconnect in a loop.
    // When followed containers stop, the stream ends and the browser reconnects to the new ones.
    if (followed === 0 && !abort.signal.aborted) {
      const heartbeat = setInterval(() => res.write(': waiting\n\n'), 15_000);
      await new Promise((resolve) => abort.signal.addEventListener('abort', resolve, { once: true }));
      clearInterval(heartbeat);
    }
    stream.close();
    res.end();
  }
}
