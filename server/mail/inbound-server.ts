import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from "smtp-server";
import { log } from "@/server/logger";
import { readReplyAddress } from "@/server/mail/reply-address";
import type { Runtime } from "@/server/runtime";
import { receiveEmailReply } from "@/server/services/review/receive-email-reply";

/** Largest inbound message, in bytes: a reply with its quoted history, not attachments. */
const MAX_INBOUND_BYTES = 1024 * 1024;
/** Recipients one message may have; a reply goes to one reply address. */
const MAX_RECIPIENTS = 5;

/** The running inbound listener. */
export interface InboundMailServer {
  port: number;
  close(): Promise<void>;
}

/** An SMTP answer with a code, for smtp-server. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The inbound SMTP listener (INBOUND_SMTP_PORT): accepts mail for reply addresses of this
 * server only, and turns each reply into a message of its thread (receiveEmailReply). An
 * address that is not a signed reply address is refused at RCPT; a refused reply is answered
 * 550 with the reason, so the sender's mail server tells them. No authentication (it is an
 * MX), no relaying, 1 MB at most.
 */
export async function startInboundMail(
  runtime: Runtime,
  options: { port: number; host: string },
): Promise<InboundMailServer> {
  const settings = runtime.review.replyAddresses;
  if (!settings) throw new Error("reply addresses are off: INBOUND_SMTP_PORT is not set");
  const deps = { db: runtime.db, rooms: runtime.rooms, review: runtime.review };
  const server = new SMTPServer({
    name: settings.domain,
    banner: "Threat Room replies",
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    size: MAX_INBOUND_BYTES,
    maxClients: 50,
    socketTimeout: 30_000,
    logger: false,
    onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback) {
      if (session.envelope.rcptTo.length >= MAX_RECIPIENTS) {
        callback(smtpError(452, "Too many recipients"));
        return;
      }
      const read = readReplyAddress(address.address, settings);
      if ("problem" in read && read.problem === "not-a-reply-address") {
        log.warn("inbound mail for an unknown mailbox refused", { recipient: address.address });
        callback(smtpError(550, "No such mailbox here"));
        return;
      }
      // Unsigned and forged addresses are refused after DATA, where the refusal is recorded.
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (stream.sizeExceeded) {
          callback(smtpError(552, "The message is too large"));
          return;
        }
        const raw = Buffer.concat(chunks);
        handleMessage(raw, session)
          .then((problem) => callback(problem ? smtpError(550, problem) : null))
          .catch((error: unknown) => {
            log.error("inbound reply failed", { error });
            callback(smtpError(451, "Try again later"));
          });
      });
    },
  });

  async function handleMessage(raw: Buffer, session: SMTPServerSession): Promise<string | null> {
    const parsed = await simpleParser(raw, {
      skipHtmlToText: false,
      maxHtmlLengthToParse: 1_000_000,
    });
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
    const sender = parsed.from?.value[0]?.address ?? envelopeFrom;
    const problems: string[] = [];
    for (const recipient of session.envelope.rcptTo) {
      const outcome = await receiveEmailReply(deps, {
        recipient: recipient.address,
        sender,
        messageId: parsed.messageId ?? null,
        text: parsed.text ?? "",
        raw: raw.toString("utf8"),
      });
      if (!outcome.accepted) problems.push(outcome.message);
    }
    return problems.length > 0 ? problems.join("; ") : null;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve());
  });
  server.on("error", (error: unknown) => log.error("inbound mail listener error", { error }));
  const port = (server.server.address() as AddressInfo).port;
  log.info("inbound mail listening", { port, domain: settings.domain });
  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
