import fs from "node:fs";
import path from "node:path";
import { nanoid } from "nanoid";
import nodemailer from "nodemailer";
import { makePrivateFolder } from "@/server/db/private-folder";
import { log } from "@/server/logger";

/** One email to one person. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Threading: this message's id, the one it answers and the chain before it ("<…@…>"). */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Where replies go (a signed reply address), when not to the sender. */
  replyTo?: string;
  /** Further headers, e.g. List-Id or Auto-Submitted. */
  headers?: Record<string, string>;
}

/** Where the server's email goes. */
export interface Mailer {
  /** "smtp" when SMTP_URL is set, else "files" (a folder of .eml files). */
  readonly kind: "smtp" | "files";
  /** Sends the message; rejects when the server or the folder refuses it. */
  send(message: MailMessage): Promise<void>;
}

/**
 * The server's mail path: SMTP through nodemailer when `smtpUrl` is set (e.g.
 * smtp://user:pass@mail.example.com:587), otherwise each message written as a standard .eml
 * file (readable by this user only) into `folder`, so that a fresh start sends "mail" with no
 * set-up and a person can open it in any mail program.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  folder: string;
}): Mailer {
  if (options.smtpUrl) {
    const transport = nodemailer.createTransport(options.smtpUrl);
    return {
      kind: "smtp",
      send: async (message) => {
        await transport.sendMail({ from: options.from, ...message });
      },
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    kind: "files",
    send: async (message) => {
      const info = await transport.sendMail({ from: options.from, ...message });
      const bytes: unknown = info.message;
      if (!Buffer.isBuffer(bytes)) throw new Error("the message could not be written");
      makePrivateFolder(options.folder, { recursive: false });
      const name = `${new Date().toISOString().replace(/[:.]/g, "-")}-${nanoid(8)}.eml`;
      fs.writeFileSync(path.join(options.folder, name), bytes, { mode: 0o600, flag: "wx" });
    },
  };
}

/**
 * Sends without making the caller wait: a request that sends mail answers at once, and a
 * failure is logged (with the recipient, never the body, which may hold a link that signs in).
 */
export function sendInBackground(mailer: Mailer, message: MailMessage): void {
  mailer.send(message).catch((error: unknown) => {
    log.error("email could not be sent", { to: message.to, subject: message.subject, error });
  });
}
