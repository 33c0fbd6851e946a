import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bull';
import { JOBS_QUEUE } from '../queue/queue.constants';
import type { QueuePayload, TriggerPayload } from './job.types';
import { JOB_NAME } from './jobs.service';

/** When a trigger repeats: a cron expression read in an IANA time zone. */
export interface TriggerRepeat {
  cron: string;
  tz: string;
}

/** A repeatable entry as Bull keeps it (for checks and tests). */
export interface TriggerEntry extends TriggerRepeat {
  key: string;
  /** Next firing, epoch ms. */
  next: number;
}

/**
 * Repeatable firings on the jobs queue (the nightly backup). Bull keeps the repeat in Redis, so it
 * survives restarts; a firing carries only its trigger's name, and its owner (registered with `on`)
 * queues the real jobs through JobsService, which records them. Firings share the jobs' Bull job name
 * so the queue keeps one processor and runs one thing at a time.
 */
@Injectable()
export class JobTriggers {
  private readonly logger = new Logger('Jobs');
  private readonly handlers = new Map<string, () => Promise<void>>();

  constructor(@InjectQueue(JOBS_QUEUE) private readonly queue: Queue<QueuePayload>) {}

  /** Registers what a trigger does when it fires (one owner per trigger). */
  on(trigger: string, fire: () => Promise<void>): void {
    this.handlers.set(trigger, fire);
  }

  /** Called by the processor; a trigger nobody registered (another mode) is dropped with a note. */
  async fire(trigger: string): Promise<void> {
    const fire = this.handlers.get(trigger);
    if (!fire) {
      this.logger.warn(`No handler for the repeating trigger ${trigger}; ignored`);
      return;
    }
    await fire();
  }

  /** The queue's repeatable entries of a trigger. */
  async entries(trigger: string): Promise<TriggerEntry[]> {
    const all = await this.queue.getRepeatableJobs();
    return all
      .filter((e) => e.name === JOB_NAME && e.id === trigger && e.cron)
      .map((e) => ({ key: e.key, cron: e.cron, tz: e.tz ?? '', next: e.next }));
  }

  /**
   * Makes the trigger's repeatable entries exactly `repeat`: others removed (with their next firing),
   * the wanted one added when missing, none at all when `repeat` is null. Idempotent across restarts.
   */
  async sync(trigger: string, repeat: TriggerRepeat | null): Promise<void> {
    if (trigger.includes(':')) throw new Error(`trigger names cannot hold ':' (${trigger})`);
    const entries = await this.entries(trigger);
    const kept = repeat && entries.find((e) => e.cron === repeat.cron && e.tz === repeat.tz);
    for (const entry of entries) if (entry !== kept) await this.queue.removeRepeatableByKey(entry.key);
    if (repeat && !kept) {
      const payload: TriggerPayload = { trigger };
      await this.queue.add(JOB_NAME, payload, {
        jobId: trigger,
        repeat: { cron: repeat.cron, tz: repeat.tz },
        removeOnComplete: true,
        removeOnFail: true,
      });
    }
  }
}
