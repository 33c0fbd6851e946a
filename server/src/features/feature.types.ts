/** One definition of each status enum, shared by the API, SSE payloads and the web app. */
export const FEATURE_STATES = ['not-installed', 'installing', 'running', 'stopped', 'updating', 'error'] as const;
export type FeatureState = (typeof FEATURE_STATES)[number];

export const FEATURE_HEALTHS = ['healthy', 'unhealthy', 'starting', 'unknown'] as const;
export type FeatureHealth = (typeof FEATURE_HEALTHS)[number];
