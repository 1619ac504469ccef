/**
 * The visitors' page cache when the forum runs on PostgreSQL, perhaps in many
 * processes (WORKERS, or several machines): each process keeps its own cache,
 * and every invalidation reaches all of them through LISTEN/NOTIFY.
 *
 * A write's invalidation arrives here once its transaction has committed
 * (app/models/drop-pages.server.ts), and is passed on to the others then. A process whose listening connection drops may have missed
 * notifications, so it empties its whole cache, and again once it listens anew.
 */
import crypto from "node:crypto";
import type pg from "pg";
import { PageCache, pageTag } from "../app/utils/page-cache.server";
import { postgresClient } from "../db/postgres";

const CHANNEL = "beyond_hello_page_cache";
// NOTIFY payloads stop at 8,000 bytes; a longer list of tags becomes "everything".
const MAX_PAYLOAD = 7_000;

export class SharedPageCache extends PageCache {
  private readonly id = crypto.randomUUID();
  private client: pg.Client | null = null;
  private stopped = false;
  private retryMs = 100;

  constructor(private readonly url: string) {
    super();
  }

  /** A write's invalidation, from the models after its commit: here, and in every other process. */
  override invalidate(tags: string[]): void {
    super.invalidate(tags);
    this.publish(tags);
  }

  /** Nothing is stored while not listening: the page could go stale without this process hearing of it. */
  override set(...args: Parameters<PageCache["set"]>): void {
    if (this.client) super.set(...args);
  }

  /** Resolves once listening, so the server starts only when it will hear the others. */
  async start(): Promise<void> {
    const client = postgresClient(this.url);
    client.on("notification", (message) => {
      if (!message.payload) return;
      const { from, tags } = JSON.parse(message.payload) as { from: string; tags: string[] };
      if (from !== this.id) super.invalidate(tags);
    });
    client.on("error", () => this.lost(client));
    client.on("end", () => this.lost(client));
    await client.connect();
    await client.query(`listen ${CHANNEL}`);
    this.client = client;
    this.retryMs = 100;
    super.invalidate([pageTag.everything]); // anything cached before now may have missed a notification
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => {});
  }

  private publish(tags: string[]): void {
    let payload = JSON.stringify({ from: this.id, tags });
    if (payload.length > MAX_PAYLOAD) payload = JSON.stringify({ from: this.id, tags: [pageTag.everything] });
    // Not awaited: the request that wrote has its answer; a lost connection is handled by lost().
    this.client?.query("select pg_notify($1, $2)", [CHANNEL, payload]).catch((error: Error) => {
      console.error(`page cache: could not notify the other processes: ${error.message}`);
    });
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    super.invalidate([pageTag.everything]);
    if (this.stopped) return;
    console.error("page cache: lost the PostgreSQL connection it listens on; cache emptied, reconnecting");
    const retry = () => {
      if (this.stopped) return;
      this.start().catch(() => {
        this.retryMs = Math.min(this.retryMs * 2, 5_000);
        setTimeout(retry, this.retryMs).unref();
      });
    };
    setTimeout(retry, this.retryMs).unref();
  }
}
