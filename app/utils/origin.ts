/**
 * Forged cross-site requests: a state-changing request must come from one of
 * our own pages. Browsers send `Origin` with every POST (and `Referer` when
 * they do not); a request that names another site, or names none, is refused
 * before any action runs. SameSite=Lax cookies are the second wall.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** True when the request's Origin (or, lacking it, Referer) is the site's own origin. */
export function comesFromSite(
  { origin, referer }: { origin: string | undefined; referer: string | undefined },
  siteOrigin: string,
): boolean {
  if (origin !== undefined && origin !== "") return origin === siteOrigin;
  if (!referer) return false;
  try {
    return new URL(referer).origin === siteOrigin;
  } catch {
    return false;
  }
}
