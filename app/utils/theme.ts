/**
 * The theme a member picked (light or dark; "auto" follows the system). It is kept in a cookie the page's
 * own script reads, not in the HTML: visitors' pages come from a shared cache, so the server cannot write
 * one person's choice into them. The script is inline in <head>, so it runs before the first paint.
 */
export const THEME_COOKIE = "theme";
export const THEMES = ["light", "dark", "auto"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_SCRIPT = `(function(){var m=document.cookie.match(/(?:^|; )${THEME_COOKIE}=(light|dark)(?:;|$)/);if(m)document.documentElement.setAttribute("data-theme",m[1])})()`;

export function themeCookie(theme: Theme, secure: boolean): string {
  return [
    `${THEME_COOKIE}=${theme === "auto" ? "" : theme}`,
    "Path=/",
    "SameSite=Lax",
    `Max-Age=${theme === "auto" ? 0 : 400 * 24 * 60 * 60}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
