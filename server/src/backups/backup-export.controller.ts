import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '../common/openapi-errors';
import { JobAcceptedDto } from '../jobs/dto/job.dto';
import { BackupExportService } from './backup-export.service';
import { ExportJobParams, ExportRequestDto } from './dto/export.dto';

/** Portable exports: one feature's data of a backup point, as one encrypted archive to download. */
@ApiTags('backups')
@ApiErrors(401, 503)
@Controller('backups/exports')
export class BackupExportController {
  constructor(private readonly exports: BackupExportService) {}

  /** 400: unknown feature, no backup point with its data, weak passphrase; 409: a backups job runs. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: JobAcceptedDto })
  @ApiErrors(400, 409)
  start(@Body() dto: ExportRequestDto): Promise<JobAcceptedDto> {
    return this.exports.request(dto);
  }

  /** The archive, streamed from the disk; 404 once replaced by a newer export or a day old. */
  @Get(':jobId/download')
  @Header('Cache-Control', 'no-store')
  // The archive's type on the 200 alone: @ApiProduces would give the JSON errors that type too.
  @ApiOkResponse({
    description: 'The archive (a restic repository and a README)',
    content: { 'application/x-tar': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiErrors(400, 404)
  download(@Param() params: ExportJobParams): StreamableFile {
    const { stream, filename, sizeBytes } = this.exports.download(params.jobId);
    return new StreamableFile(stream, {
      type: 'application/x-tar',
      // The name is ours (EXPORT_FILENAME: ASCII letters, digits, dashes), so it needs no escaping.
      disposition: `attachment; filename="${filename}"`,
      length: sizeBytes,
    });
  }
}
