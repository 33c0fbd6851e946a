import type { Request } from 'express';
import type { AuthService } from '../auth/auth.service';
import { isLoopback } from '../common/trusted-proxies';

/**
 * Why a check is down (error texts, paths) is for a logged-in admin, or the recovery CLI on this
 * machine, not for anyone on the Internet. req.ip is the real client (forwarded headers count only
 * from trusted proxies).
 */
export async function mayReadHealthDetails(req: Request, auth: AuthService): Promise<boolean> {
  return isLoopback(req.ip) || (await auth.fromRequest(req)) !== null;
}
