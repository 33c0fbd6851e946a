/** One Bull queue carries every long-running operation; job kinds are distinguished by name. */
export const JOBS_QUEUE = 'jobs';
export const REDIS_OPTIONS = Symbol('REDIS_OPTIONS');
