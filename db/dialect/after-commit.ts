/**
 * Work to do once the current transaction has committed: how a write drops the
 * cached pages it changes (app/models/drop-pages.server.ts). Dropped from inside
 * the transaction, a page rendered between that moment and the commit would still
 * read the old rows (PostgreSQL's pool, other processes) and be cached again; after
 * the commit it cannot. openDatabase uses this Kysely on both engines, so SQLite
 * and PostgreSQL drop pages the same way, and nothing is dropped on a rollback.
 *
 * The scope is an AsyncLocalStorage on globalThis, because the models (in the
 * Remix build) and the server (its own bundle) are different module instances.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { Kysely, type Transaction, type TransactionBuilder } from "kysely";

const KEY = Symbol.for("beyond-hello.after-commit");
const registry = globalThis as unknown as Record<symbol, AsyncLocalStorage<(() => void)[]> | undefined>;
const scope = (registry[KEY] ??= new AsyncLocalStorage<(() => void)[]>());

/** Runs `work` after the enclosing transaction commits (never, if it rolls back), or now outside one. */
export function afterCommit(work: () => void): void {
  const pending = scope.getStore();
  if (pending) pending.push(work);
  else work();
}

async function inTransactionScope<T>(run: () => Promise<T>): Promise<T> {
  if (scope.getStore()) return run();
  const pending: (() => void)[] = [];
  const result = await scope.run(pending, run);
  for (const work of pending) work();
  return result;
}

/** Kysely whose `transaction().execute()` collects afterCommit work and runs it once the commit is done. */
export class KyselyWithAfterCommit<DB> extends Kysely<DB> {
  override transaction(): TransactionBuilder<DB> {
    const builder = super.transaction();
    return new Proxy(builder, {
      get(target, property) {
        if (property === "execute")
          return <T>(callback: (trx: Transaction<DB>) => Promise<T>) =>
            inTransactionScope(() => target.execute(callback));
        const value = Reflect.get(target, property) as unknown;
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}
