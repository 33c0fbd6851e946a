import { HttpStatus, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api-error';
import { EngineUnreachableError } from '../engine/engine.errors';
import { ApplianceContextService } from '../services/appliance-context.service';
import type { ChatAdminPasswordDto } from './dto/chat-admin.dto';
import { MatrixAdminService, MatrixAdminUnavailableError } from '../services/matrix-admin.service';
import { ServiceStepsService } from '../services/service-steps.service';
import { ServiceHttpError } from '../services/service-http.repository';

const NOT_RUNNING = 'Chat is not running: start it, wait until it is healthy, then try again.';

/** The dashboard's "new password for the chat admin account". */
@Injectable()
export class ChatAdminService {
  constructor(
    private readonly context: ApplianceContextService,
    private readonly steps: ServiceStepsService,
    private readonly matrix: MatrixAdminService,
  ) {}

  async newPassword(): Promise<ChatAdminPasswordDto> {
    try {
      const snapshot = await this.context.load();
      if (!snapshot) throw new ApiException(HttpStatus.CONFLICT, 'Setup has not been completed yet.');
      if (!snapshot.features.includes('chat')) throw new ApiException(HttpStatus.CONFLICT, 'Chat is not enabled.');
      const synapse = await this.steps.container(snapshot, 'synapse');
      const address = synapse?.health === 'healthy' ? await this.steps.synapseAddress(snapshot) : undefined;
      if (!address) throw new ApiException(HttpStatus.CONFLICT, NOT_RUNNING);
      // Registration normally happened on the reconciliation that started chat; never later than now.
      const { secrets, settings } = snapshot.ctx;
      await this.matrix.ensureRegistered(address, secrets.synapseRegistrationSecret, settings.adminUsername);
      return await this.matrix.newPassword(address);
    } catch (err) {
      if (err instanceof MatrixAdminUnavailableError) throw new ApiException(HttpStatus.CONFLICT, err.message);
      if (err instanceof EngineUnreachableError) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The container engine does not answer.');
      }
      if (err instanceof ServiceHttpError) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'The chat server did not accept the change; try again.');
      }
      throw err;
    }
  }
}
