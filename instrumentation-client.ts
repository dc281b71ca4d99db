/**
 * Runs in the browser before any of the app's modules (Next.js instrumentation-client).
 *
 * - zod would otherwise probe, while its first schemas are built, whether it may compile
 *   validators with `new Function`: the pages' Content-Security-Policy forbids eval, and the
 *   caught probe still reports a violation. Validation works the same without compiled
 *   validators.
 * - On a model's workspace, the document's socket opens and the model is asked for now, while
 *   the page's script still loads (see components/workspace/early-open.ts).
 */
import { z } from "zod";
import { openWorkspaceEarly } from "@/components/workspace/early-open";

z.config({ jitless: true });
openWorkspaceEarly();
