/**
 * Whether a page loads the app's JavaScript (decision 0019). Every page works without it, and a visitor
 * who only reads gains nothing from 100 KB of framework: a visitor's page loads none, unless a route it
 * matches says its script does real work for visitors too, with `export const handle: PageHandle =
 * { visitorScripts: true }`. A signed-in member's pages always load it (voting in place, live previews).
 */
export interface PageHandle {
  /** This page's JavaScript does something for a visitor that the page without it does not. */
  visitorScripts?: true;
}

export function loadsAppScripts(signedIn: boolean, matches: readonly { handle?: unknown }[]): boolean {
  return signedIn || matches.some((match) => (match.handle as PageHandle | undefined)?.visitorScripts === true);
}
