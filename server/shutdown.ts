import type { IncomingMessage, Server, ServerResponse } from "node:http";
import net, { type Socket } from "node:net";

export type Drain = {
  /**
   * Stops taking connections (new ones are refused at connect) and resolves once every open one
   * has closed: each answer from now on carries "Connection: close", and a keep-alive connection is
   * closed once it has had no request in progress for `idleMs`. After `forceMs` the rest are cut.
   */
  close: () => Promise<void>;
  closing: () => boolean;
};

/**
 * A graceful close for an HTTP server that loses no request on a connection it has accepted.
 * http.Server#close() closes idle keep-alive connections at once: a request the client is sending
 * on one at that moment reaches a closed socket (ECONNRESET), and connections busy with requests
 * stay open for as long as the client keeps using them. Call this before the server gets traffic.
 */
export function gracefulClose(
  server: Server,
  options: { idleMs?: number; forceMs?: number; onForce?: () => void } = {},
): Drain {
  const idleMs = options.idleMs ?? 1_000;
  const forceMs = options.forceMs ?? 8_000;
  let closing = false;
  let done: Promise<void> | undefined;
  const connections = new Map<Socket, { active: number; idleSince: number }>();
  const answering = new Set<ServerResponse>();

  server.on("connection", (socket: Socket) => {
    connections.set(socket, { active: 0, idleSince: Date.now() });
    socket.once("close", () => connections.delete(socket));
  });
  // First, before the app's handler can answer: the header must be set before anything is sent.
  server.prependListener("request", (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (connection) connection.active += 1;
    if (closing) res.setHeader("Connection", "close");
    answering.add(res);
    // "close" follows the end of every answer, sent or cut off.
    res.once("close", () => {
      answering.delete(res);
      if (connection) {
        connection.active -= 1;
        connection.idleSince = Date.now();
      }
    });
  });

  return {
    closing: () => closing,
    close: () => {
      done ??= new Promise<void>((resolve) => {
        closing = true;
        // Answers already in progress but not started close their connection when done.
        for (const res of answering) if (!res.headersSent) res.setHeader("Connection", "close");
        const sweep = setInterval(
          () => {
            const now = Date.now();
            for (const [socket, connection] of connections) {
              if (connection.active === 0 && now - connection.idleSince >= idleMs) socket.destroy();
            }
          },
          Math.min(100, idleMs),
        );
        const force = setTimeout(() => {
          options.onForce?.();
          for (const socket of connections.keys()) socket.destroy();
        }, forceMs);
        // Only the listener: net.Server#close, not http.Server#close (see above).
        net.Server.prototype.close.call(server, () => {
          clearInterval(sweep);
          clearTimeout(force);
          resolve();
        });
      });
      return done;
    },
  };
}
