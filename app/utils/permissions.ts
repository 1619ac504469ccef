/**
 * Who may do what, as small yes/no questions. Every action asks them on the
 * server, whatever the page showed.
 */
import type { Role } from "../../db/schema";

export interface Actor {
  id: number;
  role: Role;
}

export function canModerate(user: Actor | null): boolean {
  return user?.role === "moderator" || user?.role === "admin";
}

export function canAdminister(user: Actor | null): boolean {
  return user?.role === "admin";
}
