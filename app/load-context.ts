// What server.ts hands every loader and action besides the request.
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    ip: string;
    requestId: string;
  }
}

export {};
