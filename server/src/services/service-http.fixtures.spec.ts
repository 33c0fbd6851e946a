import type { ServiceHttpRepository } from './service-http.repository';

/** One JSON call a service made to another over HTTP, as a fake records it. */
export type Call = { url: string; method: string; body?: Record<string, unknown>; bearer?: string };

/** A ServiceHttpRepository that records each JSON call and answers it with `answer` (a fake Synapse, say). */
export function recordingHttp(answer: (call: Call) => Promise<unknown>): {
  calls: Call[];
  http: ServiceHttpRepository;
} {
  const calls: Call[] = [];
  const http = {
    json: (url: string, init: { method?: string; body?: string; bearer?: string } = {}) => {
      const body = init.body ? (JSON.parse(init.body) as Record<string, unknown>) : undefined;
      const call = { url, method: init.method ?? 'GET', body, bearer: init.bearer };
      calls.push(call);
      return answer(call);
    },
  };
  return { calls, http: http as unknown as ServiceHttpRepository };
}
