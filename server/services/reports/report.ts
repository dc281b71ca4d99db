import { execFile } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError } from "@/lib/errors";
import { renderReportHtml } from "@/lib/interop/report/html";
import { CHROMIUM_ARGS } from "@/server/chromium-args";
import { log } from "@/server/logger";
import type { Runtime } from "@/server/runtime";
import { listMembers } from "@/server/services/members/list-members";
import { loadReviews } from "@/server/services/review/reviews";

const run = promisify(execFile);

/** Longest a PDF may take to print before it is given up. */
const PRINT_TIMEOUT_MS = 120_000;

/** The model's report as HTML (lib/interop/report), with names and the last session. */
export async function buildReportHtml(runtime: Runtime, modelId: string): Promise<string> {
  const [members, session, reviews] = await Promise.all([
    listMembers(runtime.db, modelId),
    runtime.sessions.get(modelId),
    loadReviews(runtime, modelId),
  ]);
  const signOffs = reviews.reviews.flatMap((review) =>
    review.reviewers.flatMap((reviewer) =>
      reviewer.decision === "pending" || reviewer.decidedAt === null
        ? []
        : [
            {
              name: reviewer.user.name,
              decision: `${reviewer.decision === "approved" ? "Approved" : "Changes requested"}${reviewer.isOnOlderVersion ? " (the model changed since)" : ""}`,
              version: reviewer.version
                ? `Version ${reviewer.version.number}: ${reviewer.version.label}`
                : "",
              at: new Date(reviewer.decidedAt).getTime(),
            },
          ],
    ),
  );
  const names = new Map(members.map((member) => [member.userId, member.name || member.email]));
  return runtime.rooms.read(modelId, (doc) =>
    renderReportHtml(doc, {
      generatedAt: Date.now(),
      names,
      session: session?.state ?? null,
      signOffs,
    }),
  );
}

/** One print at a time per node: each Chromium takes a few hundred MB. */
let printing: Promise<unknown> = Promise.resolve();

/**
 * Prints report HTML to PDF with the system Chromium (headless, no network, a fresh profile in
 * a temporary folder that is removed after). The page has no scripts and its policy forbids
 * every request, so printing reads nothing but the page. Throws AppError("unavailable") when
 * Chromium is missing or fails.
 */
export function printPdf(html: string, chromiumPath: string): Promise<Uint8Array> {
  const job = printing.then(
    () => printNow(html, chromiumPath),
    () => printNow(html, chromiumPath),
  );
  printing = job.catch(() => undefined);
  return job;
}

async function printNow(html: string, chromiumPath: string): Promise<Uint8Array> {
  try {
    await fs.access(chromiumPath);
  } catch {
    throw new AppError(
      "unavailable",
      `PDF reports need Chromium on the server (not found at ${chromiumPath}): install it or set CHROMIUM_PATH`,
    );
  }
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "threat-room-report-"));
  try {
    const page = path.join(folder, "report.html");
    const pdf = path.join(folder, "report.pdf");
    await fs.writeFile(page, html, "utf8");
    await run(
      chromiumPath,
      [
        "--headless",
        ...CHROMIUM_ARGS,
        "--disable-extensions",
        "--no-pdf-header-footer",
        `--user-data-dir=${path.join(folder, "profile")}`,
        `--print-to-pdf=${pdf}`,
        `file://${page}`,
      ],
      { timeout: PRINT_TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024 },
    );
    return new Uint8Array(await fs.readFile(pdf));
  } catch (error) {
    if (error instanceof AppError) throw error;
    log.error("the report could not be printed", { error });
    throw new AppError("unavailable", "The PDF could not be printed; try the HTML report");
  } finally {
    await fs.rm(folder, { recursive: true, force: true });
  }
}
