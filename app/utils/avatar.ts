/**
 * Generated avatars: a member's initials on one of a fixed set of colours, chosen from the username,
 * so the same member looks the same everywhere and nothing is uploaded. The colours are classes in
 * app.css (the Content-Security-Policy allows no inline styles); each is dark enough for white text.
 */
export const AVATAR_COLOURS = 12;

export function avatarInitials(username: string): string {
  const parts = username.split(/[_\-.\s]+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[1][0] : username.slice(0, 2);
  return letters.toUpperCase();
}

/** A stable colour index for a username (FNV-1a, so similar names rarely share a colour). */
export function avatarColour(username: string): number {
  let hash = 0x811c9dc5;
  for (const char of username.toLowerCase()) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % AVATAR_COLOURS;
}
