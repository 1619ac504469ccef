/**
 * Which engine a Kysely instance talks to. Only the small modules beside this
 * one ask; models and routes stay the same for both (docs/decisions/0012).
 */
import { PostgresAdapter, type Kysely } from "kysely";

export type Engine = "sqlite" | "postgres";

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}
