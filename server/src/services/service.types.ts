/** One definition of each status enum, shared by the API, SSE payloads and the web app. */
export const SERVICE_STATES = ['not-installed', 'installing', 'running', 'stopped', 'updating', 'error'] as const;
export type ServiceState = (typeof SERVICE_STATES)[number];

export const SERVICE_HEALTHS = ['healthy', 'unhealthy', 'starting', 'unknown'] as const;
export type ServiceHealth = (typeof SERVICE_HEALTHS)[number];
