import {
  api,
  ApiError,
  FEATURE_IDS,
  type FeatureId,
  type Preflight,
  type SetupLink,
  type SetupRequest,
  type User,
} from '../../lib/api';
import { DEFAULT_BRAND } from '../../lib/brand';
import { errorMessage, fieldProblem, type Problem } from '../../lib/errors';
import type { Locale, Message } from '../../lib/i18n';
import {
  checkColor,
  checkCommunityName,
  checkConfirmation,
  checkEmail,
  checkPassword,
  checkRequired,
  checkUsername,
  collect,
} from '../../lib/validation';
import { checkHost, hostOf } from './domain-input';
import { checkCustomRooms, CUSTOM_ROOMS, ROOM_SUGGESTIONS, roomNames } from './rooms';

export const STEPS = ['language', 'token', 'community', 'domain', 'admin', 'features', 'review'] as const;
export type StepName = (typeof STEPS)[number];

/** Which step owns a field path from the API (`admin.password` → admin). */
export function stepOfField(field: string): StepName {
  const root = field.split(/[.[]/)[0] ?? '';
  switch (root) {
    case 'language':
      return 'language';
    case 'setupToken':
      return 'token';
    case 'community':
      return 'community';
    case 'domain':
      return 'domain';
    case 'admin':
      return 'admin';
    case 'features':
    case 'rooms':
      return 'features';
    default:
      return 'review';
  }
}

/** Fields that have their own input; problems on any other field are listed under the step. */
export const FIELDS_WITH_INPUT: readonly string[] = [
  'language',
  'setupToken',
  'community.name',
  'community.color',
  'community.logo',
  'domain',
  'admin.username',
  'admin.email',
  'admin.password',
  'admin.passwordConfirmation',
  'link',
  ...Array.from({ length: CUSTOM_ROOMS }, (_, index) => `rooms.${index}`),
];

export type SubmitOutcome = { kind: 'done'; user: User } | { kind: 'already-completed' } | { kind: 'failed' };
export type TokenOutcome = 'ok' | 'already-completed' | 'failed';

/** Everything the wizard collects, its per-field problems, and the one submission. */
export class Wizard {
  step = $state(0);
  setupToken = $state('');
  name = $state('');
  color = $state(DEFAULT_BRAND);
  logo = $state<string | undefined>(undefined);
  domain = $state('');
  username = $state('');
  email = $state('');
  password = $state('');
  confirmation = $state('');
  features = $state<FeatureId[]>([...FEATURE_IDS]);
  /** The chat's starting rooms: the ticked suggestions, and names of one's own (blank ones are left out). */
  rooms = $state<string[]>(ROOM_SUGGESTIONS.filter((s) => s.ticked).map((s) => s.id));
  customRooms = $state<string[]>(Array.from({ length: CUSTOM_ROOMS }, () => ''));
  errors = $state<Record<string, Problem>>({});
  formError = $state<Message | null>(null);
  submitting = $state(false);
  /** The token step's own check with the server is under way. */
  checkingToken = $state(false);
  /** The review step's pre-flight: null while it runs (or before). */
  preflight = $state<Preflight | null>(null);
  preflightProblem = $state<Message | null>(null);
  /** A host this server joined on first boot (the co-op's enrollment file): answered here, sent after setup. */
  link = $state<(SetupLink & { upstream: NonNullable<SetupLink['upstream']> }) | null>(null);
  linkAnswer = $state<'confirm' | 'refuse' | null>(null);

  get current(): StepName {
    return STEPS[this.step] ?? 'review';
  }

  /** Forgets a field's problem once it is edited again. */
  clear(field: string): void {
    if (!(field in this.errors)) return;
    const { [field]: _edited, ...rest } = this.errors;
    this.errors = rest;
  }

  /** Checks one step's fields, replacing that step's previous problems. */
  validate(step: StepName, language: Locale = 'fr'): boolean {
    this.domain = hostOf(this.domain);
    this.username = this.username.trim().toLowerCase();
    const found = collect(this.checks(step, language));
    const others = Object.entries(this.errors).filter(([field]) => stepOfField(field) !== step);
    this.errors = { ...Object.fromEntries(others), ...found };
    return Object.keys(found).length === 0;
  }

  private checks(step: StepName, language: Locale): Record<string, Problem | undefined> {
    switch (step) {
      case 'language':
        return {};
      case 'review':
        return this.link && !this.linkAnswer ? { link: { key: 'wizard.link.choose' } } : {};
      case 'features':
        return this.features.includes('chat') ? checkCustomRooms(this.rooms, this.customRooms, language) : {};
      case 'token':
        return { setupToken: checkRequired(this.setupToken) };
      case 'community':
        return {
          'community.name': checkCommunityName(this.name),
          'community.color': checkColor(this.color),
          'community.logo': this.errors['community.logo'],
        };
      case 'domain':
        return { domain: checkHost(this.domain) };
      case 'admin':
        return {
          'admin.username': checkUsername(this.username),
          'admin.email': checkEmail(this.email),
          'admin.password': checkPassword(this.password, this.username),
          'admin.passwordConfirmation': checkConfirmation(this.password, this.confirmation),
        };
    }
  }

  /** How many problems the current step shows (for the announced summary). */
  get problemCount(): number {
    return Object.keys(this.errors).filter((field) => stepOfField(field) === this.current).length;
  }

  get chosenFeatures(): FeatureId[] {
    return FEATURE_IDS.filter((id) => this.features.includes(id));
  }

  /** The token step's own check: a wrong token is refused there, not after the last step. */
  async checkToken(): Promise<TokenOutcome> {
    this.checkingToken = true;
    this.formError = null;
    try {
      await api.checkSetupToken(this.setupToken.trim());
      return 'ok';
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) return 'already-completed';
      this.tokenRefused(error);
      return 'failed';
    } finally {
      this.checkingToken = false;
    }
  }

  private tokenRefused(error: unknown): void {
    const status = error instanceof ApiError ? error.status : -1;
    if (status === 403 || status === 401) {
      this.errors = { ...this.errors, setupToken: { key: 'wizard.token.rejected' } };
    } else if (status === 429) {
      const seconds = (error as ApiError).retryAfterSeconds ?? 60;
      this.errors = { ...this.errors, setupToken: { key: 'wizard.token.tooMany', params: { seconds } } };
    } else {
      this.formError = errorMessage(error);
    }
  }

  /** The review step's checks, for the features chosen now; a refused token sends back to its step. */
  async runPreflight(): Promise<void> {
    void this.loadLink();
    this.preflight = null;
    this.preflightProblem = null;
    try {
      this.preflight = await api.preflight(this.setupToken.trim(), this.chosenFeatures);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 403 || error.status === 429)) {
        this.tokenRefused(error);
        this.step = STEPS.indexOf('token');
        return;
      }
      this.preflightProblem = errorMessage(error);
    }
  }

  /**
   * Whether this server joined a host on first boot. Any failure (no such route on an upstream, the
   * token refused, the network) shows nothing here: the dashboard asks again after setup.
   */
  async loadLink(): Promise<void> {
    try {
      const found = await api.setupLink(this.setupToken.trim());
      this.link = found.state === 'awaiting' && found.upstream ? { ...found, upstream: found.upstream } : null;
    } catch {
      this.link = null;
    }
  }

  /** The answer given on the review step, sent as the new admin; a failure leaves the question to the dashboard. */
  private async answerLink(): Promise<void> {
    if (!this.link || !this.linkAnswer) return;
    try {
      if (this.linkAnswer === 'confirm') await api.confirmFederation();
      else await api.leaveFederation();
    } catch {
      // The dashboard shows the link still awaiting, with its buttons.
    }
  }

  /** The first blocking check that failed: installing waits for it to be fixed. */
  get blockingCheck() {
    return this.preflight?.checks.find((c) => c.blocking && c.status === 'failed');
  }

  /** Validates every step; on failure shows the first failing one. */
  validateAll(language: Locale = 'fr'): boolean {
    const failing = STEPS.findIndex((step) => !this.validate(step, language));
    if (failing >= 0) this.step = failing;
    return failing < 0;
  }

  request(language: Locale): SetupRequest {
    return {
      setupToken: this.setupToken.trim(),
      language,
      community: { name: this.name.trim(), color: this.color.toLowerCase(), logo: this.logo },
      domain: this.domain,
      admin: { username: this.username, email: this.email.trim(), password: this.password },
      features: this.chosenFeatures,
      // Without chat the server keeps its default list, should chat be turned on later.
      ...(this.features.includes('chat') ? { rooms: roomNames(this.rooms, this.customRooms, language) } : {}),
    };
  }

  /** The single POST /api/setup; maps refusals back onto their steps. */
  async submit(language: Locale): Promise<SubmitOutcome> {
    if (this.submitting || !this.validateAll(language)) return { kind: 'failed' };
    this.submitting = true;
    this.formError = null;
    try {
      const { user } = await api.setup(this.request(language));
      await this.answerLink();
      return { kind: 'done', user };
    } catch (error) {
      return this.refused(error);
    } finally {
      this.submitting = false;
    }
  }

  private refused(error: unknown): SubmitOutcome {
    const status = error instanceof ApiError ? error.status : -1;
    if (status === 409) return { kind: 'already-completed' };
    if (status === 401 || status === 403) {
      this.errors = { ...this.errors, setupToken: { key: 'wizard.token.rejected' } };
      this.step = STEPS.indexOf('token');
      return { kind: 'failed' };
    }
    const fieldErrors = error instanceof ApiError ? (error.errors ?? []) : [];
    if (status === 400 && fieldErrors.length > 0) {
      const mapped = Object.fromEntries(fieldErrors.map((e) => [e.field, fieldProblem(e)]));
      this.errors = { ...this.errors, ...mapped };
      this.step = Math.min(...fieldErrors.map((e) => STEPS.indexOf(stepOfField(e.field))));
      this.formError = { key: 'wizard.fixErrors' };
      return { kind: 'failed' };
    }
    this.formError = errorMessage(error);
    return { kind: 'failed' };
  }
}
