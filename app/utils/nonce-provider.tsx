/** The per-request CSP nonce, from entry.server to the inline scripts in root (epic-stack's pattern). */
import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
