/**
 * TRUST_PROXY, read as Express documents its "trust proxy" setting (expressjs.com/en/guide/behind-proxies):
 * `true`/`false`, a number of hops (`1`: one proxy in front), or a comma-separated list of addresses, subnets
 * and the names `loopback`, `linklocal`, `uniquelocal`. Handed to Express as the string "1", a hop count is
 * read as an address and trusts nothing (issue 13): every form failed the Origin check behind an HTTPS proxy.
 */
export type TrustProxy = boolean | number | string;

export function parseTrustProxy(value: string | undefined): TrustProxy | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(",").map((entry) => entry.trim());
  const valid = /^(loopback|linklocal|uniquelocal|[0-9a-f.:]+(\/\d{1,3})?)$/i;
  const wrong = entries.find((entry) => !valid.test(entry));
  if (wrong !== undefined) {
    throw new Error(
      `TRUST_PROXY must be true, false, a number of proxies, or addresses and loopback/linklocal/uniquelocal separated by commas; ${JSON.stringify(wrong)} is none of these`,
    );
  }
  return entries.join(",");
}
