// A minimal SMTP server on loopback for tests and soak checks: it accepts every message (no TLS,
// no authentication) and records it with its headers, so a check can count what a mail server
// actually received — by Message-ID, the id receivers use to drop a repeat.
// Speaks just enough of RFC 5321 for nodemailer: EHLO/HELO, MAIL, RCPT, DATA (with dot-unstuffing),
// RSET, NOOP, QUIT.
import net from "node:net";

export type SinkMessage = {
  from: string;
  to: string[];
  /** Header names in lower case; a repeated header keeps its first value. */
  headers: Record<string, string>;
  messageId: string | undefined;
  raw: string;
  receivedAt: number;
};

export type SmtpSink = {
  port: number;
  url: string;
  messages: SinkMessage[];
  /** How many messages arrived with each Message-ID. */
  countsByMessageId: () => Map<string, number>;
  /** Called after a message is accepted (the 250 reply to DATA has been written). */
  onMessage: (listener: (message: SinkMessage) => void) => void;
  close: () => Promise<void>;
};

export function parseHeaders(raw: string): Record<string, string> {
  const end = raw.indexOf("\r\n\r\n");
  const block = end >= 0 ? raw.slice(0, end) : raw;
  const headers: Record<string, string> = {};
  let current: string | undefined;
  for (const line of block.split("\r\n")) {
    if (/^[ \t]/.test(line) && current) {
      headers[current] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    current = name in headers ? undefined : name;
    if (current) headers[current] = line.slice(colon + 1).trim();
  }
  return headers;
}

export async function startSmtpSink(options: { port?: number; host?: string } = {}): Promise<SmtpSink> {
  const host = options.host ?? "127.0.0.1";
  const messages: SinkMessage[] = [];
  const listeners: Array<(message: SinkMessage) => void> = [];
  const sockets = new Set<net.Socket>();

  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {});
    socket.setEncoding("utf8");
    let buffer = "";
    let inData = false;
    let from = "";
    let to: string[] = [];
    const reply = (line: string) => {
      if (!socket.destroyed) socket.write(`${line}\r\n`);
    };
    const reset = () => {
      from = "";
      to = [];
    };
    reply("220 smtp-sink ESMTP ready");

    const command = (line: string) => {
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === "EHLO") return reply("250-smtp-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
      if (verb === "HELO") return reply("250 smtp-sink");
      if (verb === "MAIL") {
        reset();
        from = /<([^>]*)>/.exec(line)?.[1] ?? "";
        return reply("250 OK");
      }
      if (verb === "RCPT") {
        to.push(/<([^>]*)>/.exec(line)?.[1] ?? "");
        return reply("250 OK");
      }
      if (verb === "DATA") {
        if (to.length === 0) return reply("503 no recipients");
        inData = true;
        return reply("354 end with <CRLF>.<CRLF>");
      }
      if (verb === "RSET") {
        reset();
        return reply("250 OK");
      }
      if (verb === "NOOP") return reply("250 OK");
      if (verb === "QUIT") {
        reply("221 bye");
        return void socket.end();
      }
      reply("502 command not implemented");
    };

    socket.on("data", (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.startsWith(".\r\n") ? 0 : buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          const body = end === 0 ? "" : buffer.slice(0, end + 2);
          buffer = buffer.slice(end === 0 ? 3 : end + 5);
          inData = false;
          // Dot-unstuffing: a line that began with "." was sent with one more.
          const raw = body.replace(/(^|\r\n)\.\./g, "$1.");
          const headers = parseHeaders(raw);
          const message: SinkMessage = {
            from,
            to,
            headers,
            messageId: headers["message-id"],
            raw,
            receivedAt: Date.now(),
          };
          messages.push(message);
          reset();
          reply("250 OK queued");
          for (const listener of listeners) listener(message);
          continue;
        }
        const newline = buffer.indexOf("\r\n");
        if (newline < 0) return;
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 2);
        command(line);
      }
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: `smtp://${host}:${port}`,
    messages,
    countsByMessageId: () => {
      const counts = new Map<string, number>();
      for (const m of messages) counts.set(m.messageId ?? "", (counts.get(m.messageId ?? "") ?? 0) + 1);
      return counts;
    },
    onMessage: (listener) => void listeners.push(listener),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
