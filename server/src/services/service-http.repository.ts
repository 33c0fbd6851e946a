import { Injectable } from '@nestjs/common';

export class ServiceHttpError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly body: string,
  ) {
    super(message);
  }
}

const TIMEOUT_MS = 10_000;

/** HTTP calls from the manager to its own containers (Synapse admin API; Caddy's goes through the engine). */
@Injectable()
export class ServiceHttpRepository {
  async json<T>(
    url: string,
    init: { method?: 'GET' | 'POST' | 'PUT'; body?: string; bearer?: string } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (init.body) headers['content-type'] = 'application/json';
    if (init.bearer) headers.authorization = `Bearer ${init.bearer}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method: init.method ?? 'GET',
        body: init.body,
        headers,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      throw new ServiceHttpError(`${url}: ${reason}`, undefined, '');
    }
    const text = await response.text();
    if (!response.ok)
      throw new ServiceHttpError(`${url} answered ${response.status}`, response.status, text.slice(0, 500));
    return (text ? JSON.parse(text) : {}) as T;
  }
}
