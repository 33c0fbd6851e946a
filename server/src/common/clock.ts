// Temporary, removed at merge: the Clock moved to platform/clock.ts; this re-export only keeps the files
// other helpers rewrite right now (jobs/, services/reconciler, services/operations) compiling until then.
export { Clock } from '../platform/clock';
