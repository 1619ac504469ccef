/**
 * The site's own address, for every absolute URL it writes (the guide's printed links, its Markdown
 * download). Configured, never read from the request: a `Host` header is the client's to choose, and a
 * page built from one would be cached and shown to every visitor (issue 13).
 */

/** `SITE_URL`'s origin, or one made from `HOST` and `PORT` (`0.0.0.0` is shown as `localhost`). */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SITE_URL) return parseSiteUrl(env.SITE_URL);
  const host = !env.HOST || env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${env.PORT || 3000}`;
}

/** The origin of a configured address; throws with a message naming the setting when it is not one. */
export function parseSiteUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(
      `SITE_URL must be an absolute http(s) address such as https://forum.example, not ${JSON.stringify(value)}`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(`SITE_URL must start with http:// or https://, not ${JSON.stringify(value)}`);
  return url.origin;
}
