import { createContext, useContext } from "react";

// The per-request CSP nonce, handed from the server to every inline script Remix renders.
export const NonceContext = createContext<string | undefined>(undefined);
export const useNonce = () => useContext(NonceContext);
