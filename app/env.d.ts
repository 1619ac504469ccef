/// <reference types="@remix-run/dev" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** Per-request nonce for the Content-Security-Policy (set by scripts/server.ts). */
    cspNonce?: string;
    /** The client's address, for rate limits (set by scripts/server.ts). */
    clientIp?: string;
    /**
     * Where entry.server leaves a rendered page's HTML for the server to send; set by scripts/server.ts
     * for document requests only, never for `.data` ones (see utils/hydration.ts).
     */
    document?: { html: string | null };
  }
}
