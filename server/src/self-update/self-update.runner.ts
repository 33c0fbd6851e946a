import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { EngineRepository } from '../engine/engine.repository';
import { SelfUpdateFiles } from './self-update.files';
import { SelfUpdateInspector, isAvailable } from './self-update.inspector';

export type Progress = (percent: number, detail: string) => void;

/** How the job ended in this process: with an outcome, or handed over to the helper that stops us. */
export type RunOutcome = { kind: 'done'; detail: string } | { kind: 'handed-over' };

const POLL_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The manager's side of a self-update job: refresh the channel image first (a failed download leaves
 * everything running), start the helper from the CURRENT image (known good, already here), then wait.
 * Normally the helper stops this process before the wait ends; if it gives up before that (the target
 * moved, a leftover container is in the way), its result file ends the job here.
 */
@Injectable()
export class SelfUpdateRunner implements OnModuleDestroy {
  private stopping = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly inspector: SelfUpdateInspector,
    private readonly engine: EngineRepository,
    private readonly files: SelfUpdateFiles,
  ) {}

  /** Nest closes the queue only after this, and the queue waits for the running job: let it return. */
  onModuleDestroy(): void {
    this.stopping = true;
  }

  async run(jobId: string, progress: Progress): Promise<RunOutcome> {
    progress(5, 'checking the update channel');
    const before = await this.inspector.inspect();
    if (!before.supported) throw new Error(`The appliance cannot update itself: ${before.reason}.`);
    try {
      await this.engine.pullImage(before.channel, (percent, detail) => progress(5 + percent * 0.55, detail));
    } catch (err) {
      if (!before.target) throw new Error(`${before.channel} could not be downloaded: ${message(err)}`);
      progress(60, `using the ${before.channel} already on this machine (download failed: ${message(err)})`);
    }
    const inspection = await this.inspector.inspect();
    if (!inspection.supported) throw new Error(`The appliance cannot update itself: ${inspection.reason}.`);
    if (!isAvailable(inspection) || !inspection.target) return { kind: 'done', detail: 'already up to date' };

    progress(65, 'starting the update helper');
    const spec = this.inspector.helperSpec(inspection.self, {
      container: inspection.self.id,
      target: inspection.channel,
      targetId: inspection.target.id,
      timeoutSec: this.config.selfUpdate.healthTimeoutSec,
      jobId,
    });
    const helperId = await this.engine.createFromSpec(spec);
    try {
      await this.engine.start(helperId);
    } catch (err) {
      await this.engine.remove(helperId).catch(() => undefined);
      throw err;
    }
    progress(75, `replacing the manager with ${inspection.channel}; the dashboard reconnects when it answers`);
    return this.waitForHelper(jobId, helperId);
  }

  private async waitForHelper(jobId: string, helperId: string): Promise<RunOutcome> {
    for (;;) {
      if (this.stopping) return { kind: 'handed-over' };
      const result = this.files.readResult();
      if (result?.jobId === jobId) {
        if (result.state === 'succeeded') return { kind: 'done', detail: `updated to ${result.to}` };
        throw new Error(result.state === 'rolled-back' ? `Rolled back: ${result.reason}` : (result.reason ?? 'failed'));
      }
      if (!(await this.engine.inspectContainer(helperId))) {
        // Removed on exit (AutoRemove): one last look for the result it may have just written.
        if (this.files.readResult()?.jobId === jobId) continue;
        throw new Error(`the update helper stopped without a result; see ${this.files.logPath}`);
      }
      await sleep(POLL_MS);
    }
  }
}
