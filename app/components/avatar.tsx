import { avatarColour, avatarInitials } from "~/utils/avatar";

/** A member's generated avatar: decorative, since the name is always written beside it. */
export function Avatar({ name }: { name: string }) {
  return (
    <span className={`avatar avatar--${avatarColour(name)}`} aria-hidden="true">
      {avatarInitials(name)}
    </span>
  );
}
